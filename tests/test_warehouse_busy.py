"""A warehouse held by another process: openers wait, then say why; nothing shows a traceback.

DuckDB lets one process write a database file, or several read it, never both. The holder in
these tests is a real second process that opens the warehouse for writing, as a command-line
import does while the web server runs.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from django.urls import reverse
from typer.testing import CliRunner

from hzdigital.cli import EXIT_WAREHOUSE_BUSY, app
from hzdigital.warehouse import store
from hzdigital.warehouse.errors import WarehouseBusy
from ingest_fixtures import valid_row, write_csv

HOLD = """
import sys, time
import duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


@contextmanager
def _holding(home: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """A second process that opens the warehouse for writing and keeps it for ``seconds``."""
    command = [sys.executable, "-c", HOLD, str(store.warehouse_path(home)), str(seconds)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        try:
            yield holder
        finally:
            holder.kill()


@pytest.fixture
def held(hzdigital_home: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process writes to the warehouse for a minute (stopped after the test)."""
    with _holding(hzdigital_home, 60) as holder:
        yield holder


def test_an_opener_waits_then_names_the_file_and_the_holding_process(hzdigital_home, held):
    started = time.monotonic()
    with pytest.raises(WarehouseBusy) as raised:
        store.connect(hzdigital_home, read_only=True, wait=0.5)
    assert time.monotonic() - started >= 0.5
    message = str(raised.value)
    assert message.index("数据仓库") < message.index("The warehouse")  # Chinese first
    assert str(store.warehouse_path(hzdigital_home)) in message
    assert f"进程 {held.pid}" in message and f"process {held.pid}" in message


def test_an_opener_gets_the_warehouse_once_the_other_process_lets_go(hzdigital_home):
    with _holding(hzdigital_home, 0.5):
        backend = store.connect(hzdigital_home, wait=30)
        assert store.enterprise_year(backend).count().execute() == 0
        backend.disconnect()


def test_other_input_output_errors_are_not_taken_for_a_busy_warehouse(tmp_path):
    folder = tmp_path / "a-folder.duckdb"
    folder.mkdir()
    with pytest.raises(duckdb.IOException):
        store.open_duckdb(folder, wait=30)


def test_an_import_from_the_command_line_exits_75_with_the_reason(
    tmp_path, hzdigital_home, held, monkeypatch
):
    monkeypatch.setenv(store.WAREHOUSE_WAIT_ENV, "0.3")
    path = write_csv(tmp_path / "a.csv", [valid_row(0)])
    result = CliRunner().invoke(app, ["import", str(path), "--json"])
    assert result.exit_code == EXIT_WAREHOUSE_BUSY == 75
    assert "数据仓库" in result.output and "in use by another program" in result.output
    assert "Traceback" not in result.output


@pytest.mark.django_db
def test_a_page_answers_503_with_the_reason_in_the_visitors_language(
    client, hzdigital_home, held, monkeypatch
):
    monkeypatch.setenv(store.WAREHOUSE_WAIT_ENV, "0.2")
    response = client.get(reverse("dashboard:monitor"))
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    page = response.content.decode()
    assert 'data-testid="warehouse-busy"' in page
    assert "正被另一个程序" in page and "in use by another program" not in page
    assert "warehouse.duckdb" not in page  # no server paths for visitors
    client.cookies["django_language"] = "en"
    english = client.get(reverse("dashboard:monitor")).content.decode()
    assert "in use by another program" in english and "Warehouse busy" in english


@pytest.mark.django_db
def test_the_api_answers_503_with_the_reason(client, hzdigital_home, held, monkeypatch):
    monkeypatch.setenv(store.WAREHOUSE_WAIT_ENV, "0.2")
    response = client.get("/api/monitor")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    detail = response.json()["detail"]
    assert detail.index("数据仓库") < detail.index("in use by another program")
    assert "warehouse.duckdb" not in detail and f"process {held.pid}" not in detail
