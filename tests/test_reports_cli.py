"""``hzdigital report``: flags, the file it writes and the exit code on bad input."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hzdigital.cli import EXIT_BAD_INPUT, app
from hzdigital.reports.text import EDITION_EMPTY, TITLE

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--format", "docx"], "--format"),
        (["--lang", "fr"], "zh, en"),
        (["--year", "1999"], "1999"),
    ],
)
def test_bad_input_exits_2_and_says_what_is_wrong(args, named, tmp_path, hzdigital_home):
    base = {"--year": "2024", "--format": "html", "--lang": "zh", "--out": str(tmp_path / "r")}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    result = runner.invoke(app, ["report", *(x for kv in base.items() for x in kv)])
    assert result.exit_code == EXIT_BAD_INPUT
    assert named in result.output
    assert not (tmp_path / "r").exists()


def test_year_format_and_out_are_required(tmp_path):
    result = runner.invoke(app, ["report", "--format", "html", "--out", str(tmp_path / "r")])
    assert result.exit_code != 0
    assert "--year" in result.output


@pytest.mark.django_db(transaction=True)
def test_an_english_html_report_on_an_empty_warehouse_is_written_and_says_so(tmp_path,
                                                                             hzdigital_home):  # fmt: skip
    out = tmp_path / "deep" / "report.html"
    result = runner.invoke(app, ["report", "--year", "2024", "--format", "html", "--lang", "en",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert TITLE.en.format(year=2024) in html
    assert EDITION_EMPTY.en in html
    assert "wrote" in result.output
