"""Engine adapter: the one place that knows DuckDB from PySpark.

Indicators are Ibis expressions (``registry.py``, ``cube.py``); this module connects to an engine,
hands it the warehouse table and runs expressions. Results come back through Arrow, not through
Ibis's pandas conversion, because that conversion reads a pandas option deprecated in pandas 3
and so warns on every call.

An engine that cannot compile or run an expression raises ``EngineUnsupportedError`` naming the
engine and the operation, never a silently different answer.

>>> import ibis, pyarrow as pa
>>> engine = Engine.duckdb()
>>> t = ibis.memtable(pa.table({"a": [1, 2, 3]}))
>>> engine.execute(t.aggregate(total=t.a.sum())).total.item()
6
"""

from __future__ import annotations

import gc
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.common.exceptions as ibis_errors
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
from ibis.formats.pyarrow import PyArrowData

from hzdigital.warehouse import store

ENTERPRISE_TABLE = "enterprise_year"
WAREHOUSE_FILE = "warehouse.duckdb"

MSG_UNKNOWN_ENGINE = (
    "未知计算引擎 {name},可选:{choices} / unknown engine {name}; choose one of {choices}"
)
MSG_UNSUPPORTED = (
    "计算引擎 {engine} 不支持该运算:{detail} / engine {engine} cannot do this operation: {detail}"
)
MSG_NO_SPARK = (
    "未安装 PySpark(需 Java 17),无法使用 pyspark 引擎 / "
    "PySpark (with Java 17) is not installed, so engine pyspark is unavailable"
)


class EngineUnsupportedError(RuntimeError):
    """The named engine cannot run an expression."""

    def __init__(self, engine: str, detail: str) -> None:
        super().__init__(MSG_UNSUPPORTED.format(engine=engine, detail=detail))
        self.engine = engine


def hzdigital_home() -> Path:
    return Path(os.environ.get("HZDIGITAL_HOME", "./var"))


def warehouse_path() -> Path:
    return hzdigital_home() / WAREHOUSE_FILE


@dataclass
class Engine:
    """A connected engine: ``name`` is duckdb or pyspark, ``con`` the Ibis backend."""

    name: str
    con: Any
    _close: Callable[[], None] = field(default=lambda: None, repr=False)

    @classmethod
    def duckdb(cls, path: Path | str | None = None, *, read_only: bool = False) -> Engine:
        """DuckDB on a file (the warehouse) or in memory when ``path`` is None."""
        if path is None:
            con = ibis.duckdb.connect()
        else:
            con = ibis.duckdb.from_connection(store.open_duckdb(path, read_only=read_only))
        store.tune(con.con)
        return cls("duckdb", con, con.disconnect)

    @classmethod
    def pyspark(cls, session: Any = None) -> Engine:
        """PySpark local[2] with quiet logging and few shuffle partitions (small data)."""
        if session is None:
            session = spark_session()
        return cls("pyspark", ibis.pyspark.connect(session))

    def table(self, name: str = ENTERPRISE_TABLE) -> ir.Table:
        return self.con.table(name)

    def has_table(self, name: str = ENTERPRISE_TABLE) -> bool:
        return name in self.con.list_tables()

    def load(self, name: str, data: pa.Table) -> ir.Table:
        """Create (or replace) a table from an Arrow table, for tests and benchmarks.

        Spark gets it through Parquet: Ibis hands in-memory tables to Spark via pandas, where
        a missing value becomes NaN, and Spark, unlike SQL, sums NaN into NaN.
        """
        if self.name == "pyspark":
            import pyarrow.parquet as pq

            path = Path(tempfile.mkdtemp(prefix="hzdigital-spark-")) / f"{name}.parquet"
            pq.write_table(data, path)
            return self.con.read_parquet(str(path), table_name=name)
        return self.con.create_table(name, data, overwrite=True)

    def execute(self, expr: ir.Expr) -> pd.DataFrame:
        """Run ``expr``; a table comes back as a DataFrame, a scalar as a one-cell frame."""
        try:
            arrow = ARROW_RUNNERS[self.name](self.con, expr.as_table())
        except (
            ibis_errors.OperationNotDefinedError,
            ibis_errors.UnsupportedOperationError,
            ibis_errors.UnsupportedBackendType,
        ) as exc:
            raise EngineUnsupportedError(self.name, str(exc)) from exc
        return arrow.to_pandas()

    def close(self) -> None:
        self._close()


def _arrow_from_duckdb(con: Any, table: ir.Table) -> pa.Table:
    return con.to_pyarrow(table)


def _arrow_from_pyspark(con: Any, table: ir.Table) -> pa.Table:
    """Ibis's PySpark ``to_pyarrow`` goes through ``toPandas``, which warns under pandas 3;
    Spark 4 hands Arrow over directly, so compile with Ibis and let Spark do the transfer."""
    with _collecting_spark_sockets():
        con._run_pre_execute_hooks(table)  # registers in-memory tables with the session
        arrow = con.raw_sql(con.compile(table)).toArrow()
    return PyArrowData.convert_table(arrow, table.schema())


@contextmanager
def _collecting_spark_sockets() -> Iterator[None]:
    """PySpark leaves its local result sockets for the garbage collector to close (see
    ``pyspark.util._load_from_socket``), which raises ResourceWarning at some random later
    moment. Collect them here, where the warning is known and harmless."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield
        gc.collect()


ARROW_RUNNERS: dict[str, Callable[[Any, ir.Table], pa.Table]] = {
    "duckdb": _arrow_from_duckdb,
    "pyspark": _arrow_from_pyspark,
}


def spark_session() -> Any:
    """The process's local Spark session (created once; Spark allows one per JVM)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise EngineUnsupportedError("pyspark", MSG_NO_SPARK) from exc
    with _collecting_spark_sockets():
        session = _build_spark_session(SparkSession)
    return session


def _build_spark_session(SparkSession: Any) -> Any:  # noqa: N803 - the class, passed in
    session = (
        SparkSession.builder.master("local[2]")
        .appName("hzdigital")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _duckdb_warehouse(path: Path) -> Engine:
    return Engine.duckdb(path, read_only=True)


def _pyspark_warehouse(path: Path) -> Engine:
    """Spark reads the warehouse table through a Parquet export of the DuckDB file."""
    export_dir = Path(tempfile.mkdtemp(prefix="hzdigital-spark-"))
    parquet = export_dir / f"{ENTERPRISE_TABLE}.parquet"
    with store.open_duckdb(path, read_only=True) as db:
        db.execute(f"COPY {ENTERPRISE_TABLE} TO '{parquet}' (FORMAT parquet)")
    engine = Engine.pyspark()
    engine.con.read_parquet(str(parquet), table_name=ENTERPRISE_TABLE)
    return engine


ENGINES: dict[str, Callable[[Path], Engine]] = {
    "duckdb": _duckdb_warehouse,
    "pyspark": _pyspark_warehouse,
}


def connect_warehouse(name: str = "duckdb", path: Path | None = None) -> Engine:
    """Connect engine ``name`` to the warehouse file (default ``$HZDIGITAL_HOME/warehouse.duckdb``)."""
    if name not in ENGINES:
        raise ValueError(MSG_UNKNOWN_ENGINE.format(name=name, choices=", ".join(ENGINES)))
    return ENGINES[name](path or warehouse_path())
