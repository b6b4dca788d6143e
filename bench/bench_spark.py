"""Benchmark: the same cube expression on PySpark local[2] vs DuckDB, results asserted identical.

    uv run python bench/bench_spark.py [--rows 1000000] [--level core] [--repeat 2]

Smaller N than bench_cube.py by default (1 M rows): Spark local on 2 cores is not the tool for
one machine, and the point here is that the same Ibis expression gives the same cube on both
engines (counts exact, other columns 1e-9 relative) and what Spark costs. Both engines read the
same seeded rows (bench_cube.synthetic_enterprises) as the product does: DuckDB the warehouse
file with its column types (ENUMs included, bench_cube.write_data), Spark that warehouse through
its Parquet export (``connect_warehouse("pyspark")``, export counted in start-up). Wall time is the best of
``--repeat`` runs after one warm-up (Spark's first query compiles code); Spark's session
start-up is reported separately. Peak memory: ru_maxrss of this process (DuckDB runs in it)
and VmHWM of the Spark driver JVM (local mode: driver and executors are that one JVM).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cube import REL_TOLERANCE, assert_same, write_data  # noqa: E402

from hzdigital.monitoring.cube import build_cube  # noqa: E402
from hzdigital.monitoring.engines import Engine, connect_warehouse  # noqa: E402


def jvm_peak_rss_mb(spark: Engine) -> float:
    """VmHWM (peak resident set) of the Spark driver JVM that PySpark launched."""
    proc = spark.con._session.sparkContext._gateway.proc
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return float("nan")


def best_of(engine: Engine, level: str, repeat: int) -> tuple[float, pd.DataFrame]:
    engine.execute(build_cube(engine.table(), level=level))  # type: ignore[arg-type]  # warm-up
    times, result = [], pd.DataFrame()
    for _ in range(repeat):
        start = time.perf_counter()
        result = engine.execute(build_cube(engine.table(), level=level))  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--level", default="core", choices=["major", "medium", "core"])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hzdigital-bench-") as tmp:
        warehouse = Path(tmp) / "warehouse.duckdb"
        write_data(args.rows, Path(tmp))

        duck = Engine.duckdb(warehouse, read_only=True)
        duck_seconds, duck_result = best_of(duck, args.level, args.repeat)
        duck_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        duck.close()

        start = time.perf_counter()
        spark = connect_warehouse("pyspark", warehouse)
        startup = time.perf_counter() - start
        spark_seconds, spark_result = best_of(spark, args.level, args.repeat)
        jvm_rss = jvm_peak_rss_mb(spark)
        spark.con._session.stop()
        assert_same(duck_result, spark_result)
    print(f"rows={args.rows:,}, level={args.level}, cores={os.cpu_count()}, "
          f"load average (1 min) {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"results identical (counts exact, sums and ratios within {REL_TOLERANCE:g} relative)")
    print(f"duckdb:          {duck_seconds:.3f} s   peak RSS (python + duckdb) {duck_rss:.0f} MB")
    print(f"pyspark local:   {spark_seconds:.3f} s   peak RSS (JVM) {jvm_rss:.0f} MB")
    print(f"pyspark startup: {startup:.1f} s, warehouse export included (not in the figure above)")
    print(f"pyspark / duckdb: {spark_seconds / duck_seconds:.1f}x slower")


if __name__ == "__main__":
    main()
