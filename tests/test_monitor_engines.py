"""The same cube expression on DuckDB and on PySpark local gives the same cube.

Counts must be equal exactly; sums and ratios within 1e-9 relative (the engines add doubles in
different orders). Spark starts slowly, so one session serves the whole test run.
"""

from __future__ import annotations

import math

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from hzdigital.monitoring.cube import LEVELS, RECORD_FIELDS, build_cube
from hzdigital.monitoring.engines import (
    Engine,
    EngineUnsupportedError,
    connect_warehouse,
)

pytestmark = pytest.mark.spark

REL_TOLERANCE = 1e-9
DISTRICTS = ["330102", "330105", "330106", "330108", "330109", "330110", "330127"]
STATUSES = ["full", "partial_resolved", "partial_unresolved", "text", "none"]
MEDIUMS = ["0101", "0102", "0201", "0301", "0302", "0401", "0501", "0502"]


def random_enterprises(rows: int = 3000, seed: int = 7) -> pa.Table:
    """Seeded enterprise-year rows with every status, null value added and negative values."""
    rng = np.random.default_rng(seed)
    status = pd.Series(rng.choice(STATUSES, rows, p=[0.45, 0.1, 0.1, 0.1, 0.25]))
    medium = pd.Series(rng.choice(MEDIUMS, rows))
    # 05 comes only from text evidence, and text evidence assigns only 05.
    medium = medium.where(status != "text", pd.Series(rng.choice(["0501", "0502"], rows)))
    medium = medium.where((status == "text") | ~medium.str.startswith("05"), "0301")
    medium = medium.where(status != "none", None)
    frame = pd.DataFrame(
        {
            "uscc": [f"U{i:017d}" for i in range(rows)],
            "year": rng.integers(2021, 2024, rows).astype("int32"),
            "division_code": rng.choice(DISTRICTS, rows),
            "de_major": medium.str[:2],
            "de_medium": medium,
            "de_status": status,
            "revenue": rng.lognormal(7, 1.5, rows),
            "value_added": rng.lognormal(5, 1.5, rows) - 20,  # some negative
            "employees": rng.integers(1, 2000, rows),
            "rd_expense": rng.lognormal(3, 2, rows),
        }
    )
    frame.loc[rng.random(rows) < 0.05, "value_added"] = None
    frame.loc[rng.random(rows) < 0.3, "rd_expense"] = None
    return pa.Table.from_pandas(frame, preserve_index=False)


@pytest.fixture(scope="session")
def spark_engine():
    return Engine.pyspark()


@pytest.fixture(scope="module")
def enterprises() -> pa.Table:
    return random_enterprises()


def assert_same_cube(left: pd.DataFrame, right: pd.DataFrame) -> None:
    key = ["year", "division_code", "de_code"]
    left = left.sort_values(key).reset_index(drop=True)
    right = right.sort_values(key).reset_index(drop=True)
    assert list(left.columns) == list(right.columns)
    assert left[key].astype(str).equals(right[key].astype(str))
    assert left.enterprises.astype(int).tolist() == right.enterprises.astype(int).tolist()
    for column in [c for c in left.columns if c not in (*key, "enterprises")]:
        for a, b in zip(left[column], right[column], strict=True):
            if pd.isna(a) or pd.isna(b):
                assert pd.isna(a) and pd.isna(b), column
            else:
                assert math.isclose(float(a), float(b), rel_tol=REL_TOLERANCE), column


def both_engines(spark_engine: Engine, enterprises: pa.Table) -> list[Engine]:
    duck = Engine.duckdb()
    for engine in (duck, spark_engine):
        engine.load("enterprise_year", enterprises)
    return [duck, spark_engine]


@pytest.mark.parametrize("level", LEVELS)
def test_duckdb_and_pyspark_build_the_same_cube(level, spark_engine, enterprises):
    duck, spark = (
        engine.execute(build_cube(engine.table(), level=level, extra=("rd_intensity",)))
        for engine in both_engines(spark_engine, enterprises)
    )
    assert len(duck) >= 48  # at least 3 years × 8 units × 2 codes: a cube worth comparing
    assert tuple(duck.columns) == (*RECORD_FIELDS, "rd_intensity")
    assert_same_cube(duck, spark)


def test_duckdb_and_pyspark_agree_on_one_year(spark_engine, enterprises):
    duck, spark = (
        engine.execute(build_cube(engine.table(), level="major", year=2023))
        for engine in both_engines(spark_engine, enterprises)
    )
    assert set(duck.year) == {2023}
    assert duck.yoy_value_added.notna().any()
    assert_same_cube(duck, spark)


def test_an_engine_that_cannot_do_an_operation_says_which_engine(spark_engine, enterprises):
    t = ibis.memtable(enterprises)
    # Spark's Ibis compiler has no kurtosis; DuckDB has one.
    expr = t.aggregate(k=t.revenue.kurtosis())
    assert not math.isnan(Engine.duckdb().execute(expr).k.item())
    with pytest.raises(EngineUnsupportedError, match="pyspark"):
        spark_engine.execute(expr)


def test_pyspark_reads_the_warehouse_file_through_parquet(tmp_path, enterprises):
    warehouse = tmp_path / "warehouse.duckdb"
    duck = Engine.duckdb(warehouse)
    duck.load("enterprise_year", enterprises)
    expected = duck.execute(build_cube(duck.table(), level="core"))
    duck.close()
    spark = connect_warehouse("pyspark", warehouse)
    assert_same_cube(expected, spark.execute(build_cube(spark.table(), level="core")))


def test_it_rejects_an_unknown_engine(tmp_path):
    with pytest.raises(ValueError, match="polars"):
        connect_warehouse("polars", tmp_path / "warehouse.duckdb")
