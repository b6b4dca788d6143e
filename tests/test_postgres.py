"""The database a run claims to use is the one it really uses.

`make test` sets HZDIGITAL_EXPECT_DB for each of its two runs (``postgresql``, then ``sqlite``),
so a misconfigured PostgreSQL run cannot quietly fall back to SQLite and still look green.
Without that variable the expectation follows DATABASE_URL, as the settings do.
"""

from __future__ import annotations

import os

import pytest
from django.db import connection

EXPECT_DB_VARIABLE = "HZDIGITAL_EXPECT_DB"
POSTGRES_SCHEMES = ("postgres://", "postgresql://", "pgsql://")


def expected_vendor() -> str:
    if expected := os.environ.get(EXPECT_DB_VARIABLE):
        return expected
    database_url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if database_url.startswith(POSTGRES_SCHEMES) else "sqlite"


@pytest.mark.django_db
def test_it_runs_on_the_database_the_run_expects():
    assert connection.vendor == expected_vendor()


@pytest.mark.django_db
def test_it_stores_and_reads_back_chinese_text_unchanged():
    from django.contrib.auth.models import Group

    Group.objects.create(name="滨江区数字经济发展局 · 统计科")
    assert Group.objects.get(name__startswith="滨江区").name == "滨江区数字经济发展局 · 统计科"


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_postgresql_server_stores_text_as_utf8():
    # Marked `postgres`: tests/conftest.py skips it, with the reason, outside PostgreSQL.
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        (encoding,) = cursor.fetchone()
        cursor.execute("SHOW server_version_num")
        (version_num,) = cursor.fetchone()
    assert encoding == "UTF8"
    # Django 5.2 supports PostgreSQL 14 and newer.
    assert int(version_num) >= 140000
