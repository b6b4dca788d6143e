"""The warehouse stores its low-cardinality text columns as ENUMs, and nobody can tell.

A new warehouse creates them; an older one (every column VARCHAR) is migrated when opened for
writing, in one transaction, with every row unchanged; a read-only reader of an old file reads
it as it is; an import that brings a value the ENUM lacks widens it; the cube is the same on
the ENUM warehouse, on the same rows as VARCHAR, and on PySpark reading the ENUM warehouse.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from hzdigital.monitoring.cube import LEVELS, build_cube
from hzdigital.monitoring.engines import Engine, connect_warehouse
from hzdigital.warehouse import enums, store
from hzdigital.warehouse.ingest import ingest_file
from ingest_fixtures import valid_row, write_csv
from test_monitor_engines import assert_same_cube, random_enterprises

OLD_DDL = "CREATE TABLE enterprise_year ({})".format(
    ", ".join(f"{name} {declared}" for name, declared in store.ENTERPRISE_YEAR_COLUMNS)
)


def old_warehouse(home: Path, rows: pa.Table) -> Path:
    """A warehouse file as written before the ENUM types: every text column VARCHAR."""
    path = home / store.WAREHOUSE_FILE
    with duckdb.connect(str(path)) as db:
        db.execute(OLD_DDL)
        db.register("incoming", rows)
        db.execute("INSERT INTO enterprise_year BY NAME SELECT * FROM incoming")
    return path


def full_rows(count: int = 400) -> pa.Table:
    """Rows in every warehouse column, with one division code no longer in the reference list."""
    cube_rows = random_enterprises(count).to_pydict()
    division = cube_rows["division_code"]
    division[0] = "330103"  # 下城区, merged into 上城区 in 2021: old data may still hold it
    return pa.table(
        {
            **cube_rows,
            "name": [f"企业{i}" for i in range(count)],
            "industry_code": ["6513"] * count,
            "business_scope": [None] * count,
            "synthetic": [True] * count,
            "import_id": ["old-import"] * count,
            "de_sub": [None if m is None else m + "01" for m in cube_rows["de_medium"]],
            "de_evidence": ["rule=test"] * count,
            "classification_edition": ["test"] * count,
        }
    )


def column_types(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as db:
        return {name: str(t) for name, t in enums.stored_types(db, "enterprise_year").items()}


def table_as_text(path: Path) -> list[tuple]:
    columns = ", ".join(f"CAST({name} AS VARCHAR)" for name, _ in store.ENTERPRISE_YEAR_COLUMNS)
    with duckdb.connect(str(path), read_only=True) as db:
        return db.execute(f"SELECT {columns} FROM enterprise_year ORDER BY ALL").fetchall()


def test_a_new_warehouse_stores_the_low_cardinality_columns_as_sorted_enums(tmp_path):
    store.connect(tmp_path).disconnect()
    types = column_types(tmp_path / store.WAREHOUSE_FILE)
    for name in enums.ENUM_NAMES:
        assert types[name].startswith("ENUM("), name
    with duckdb.connect(str(tmp_path / store.WAREHOUSE_FILE), read_only=True) as db:
        values = db.execute("SELECT enum_range(NULL::" + types["division_code"] + ")").fetchall()
    assert values[0][0] == sorted(values[0][0]) and "330108" in values[0][0]
    assert types["import_id"] == "VARCHAR" and types["classification_edition"] == "VARCHAR"


def test_readers_see_the_enum_columns_as_text(tmp_path):
    csv_path = write_csv(
        tmp_path / "rows.csv", [valid_row(1), valid_row(2, division_code="330102")]
    )
    ingest_file(csv_path, home=tmp_path)
    backend = store.connect(tmp_path, read_only=True)
    table = store.enterprise_year(backend)
    assert table.schema()["division_code"].is_string()
    frame = table.order_by("division_code").to_pyarrow()
    assert frame.column("division_code").type == pa.string()
    assert frame.column("division_code").to_pylist() == ["330102", "330108"]
    backend.disconnect()


def test_an_old_warehouse_is_migrated_in_place_with_every_row_unchanged(tmp_path):
    path = old_warehouse(tmp_path, full_rows())
    before = table_as_text(path)
    assert column_types(path)["division_code"] == "VARCHAR"

    store.connect(tmp_path, read_only=True).disconnect()
    assert column_types(path)["division_code"] == "VARCHAR", "a reader must not write"

    store.connect(tmp_path).disconnect()
    types = column_types(path)
    assert all(types[name].startswith("ENUM(") for name in enums.ENUM_NAMES)
    assert "'330103'" in types["division_code"], "a stored value outside the reference list"
    assert table_as_text(path) == before


def test_a_failed_migration_leaves_the_old_warehouse_as_it_was(tmp_path, monkeypatch):
    path = old_warehouse(tmp_path, full_rows(50))
    before = (column_types(path), table_as_text(path))
    real_set_type = enums._set_type
    calls = []

    def fail_on_the_third_column(con, table, name, values):
        calls.append(name)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real_set_type(con, table, name, values)

    monkeypatch.setattr(enums, "_set_type", fail_on_the_third_column)
    with pytest.raises(RuntimeError, match="disk full"):
        store.connect(tmp_path)
    assert (column_types(path), table_as_text(path)) == before


def test_the_cube_of_an_old_warehouse_is_the_same_before_and_after_migration(tmp_path):
    path = old_warehouse(tmp_path, full_rows())
    before = {level: _cube(path, level) for level in LEVELS}
    store.connect(tmp_path).disconnect()
    for level in LEVELS:
        assert_same_cube(before[level], _cube(path, level))


def test_an_import_into_an_old_warehouse_migrates_it_and_adds_its_rows(tmp_path):
    path = old_warehouse(tmp_path, full_rows(20))
    ingest_file(write_csv(tmp_path / "rows.csv", [valid_row(1)]), home=tmp_path)
    assert column_types(path)["industry_code"].startswith("ENUM(")
    with duckdb.connect(str(path), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM enterprise_year").fetchall() == [(21,)]


def test_widening_adds_a_value_keeps_text_order_and_leaves_rows_alone(tmp_path):
    store.connect(tmp_path).disconnect()
    path = tmp_path / store.WAREHOUSE_FILE
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE t (code ENUM('01', '03'))")
        db.execute("INSERT INTO t VALUES ('03'), ('01')")
        assert enums.widen(db, "t", {"code": ["02", "01", None]}) == ["code"]
        assert enums.widen(db, "t", {"code": ["03"]}) == []
        db.execute("INSERT INTO t VALUES ('02')")
        assert db.execute("SELECT code FROM t ORDER BY code").fetchall() == [
            ("01",),
            ("02",),
            ("03",),
        ]


@pytest.mark.spark
def test_pyspark_reading_the_enum_warehouse_builds_the_same_cube_as_duckdb(tmp_path):
    path = old_warehouse(tmp_path, full_rows())
    store.connect(tmp_path).disconnect()  # now ENUM columns
    expected = _cube(path, "medium")
    spark = connect_warehouse("pyspark", path)
    assert_same_cube(expected, spark.execute(build_cube(spark.table(), level="medium")))


def _cube(path: Path, level: str):
    engine = Engine.duckdb(path, read_only=True)
    try:
        return engine.execute(build_cube(engine.table(), level=level))  # type: ignore[arg-type]
    finally:
        engine.close()
