"""Benchmark: the indicator cube on 10 M enterprise-year rows, DuckDB vs a plain pandas groupby.

    uv run python bench/bench_cube.py [--rows 10000000] [--level core] [--repeat 3]

Synthetic columns are drawn directly with numpy (seeded; not the demo generator) and written
once to a DuckDB file and a Parquet file in a temporary folder. Each engine then runs in its own
child process, so that its peak memory (ru_maxrss, which includes the Python interpreter and
the loaded data) is its own. Wall time is the best of ``--repeat`` warm runs of the whole cube
(scan, aggregate, year-on-year, shares, LQ, GDP join) into a pandas frame. The two results are
checked equal (counts exact, other columns 1e-9 relative) before any figure is printed.
Goal: DuckDB ≤ 1 s on 2 cores and ≥ 10× faster than pandas.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

DIVISIONS = [
    "330102", "330105", "330106", "330108", "330109", "330110", "330111",
    "330112", "330113", "330114", "330122", "330127", "330182",
]  # fmt: skip
NBS_CSV = (
    Path(__file__).resolve().parents[1]
    / "src/hzdigital/data/nbs_digital_economy_2021_reconstructed.csv"
)
STATUSES = np.array(["full", "partial_resolved", "partial_unresolved", "text", "none"])
STATUS_P = [0.35, 0.05, 0.05, 0.05, 0.50]
REL_TOLERANCE = 1e-9
CITY = "330100"
CORE_MAJORS = ("01", "02", "03", "04")
# The warehouse's ENUM columns among those the cube reads (warehouse/enums.py).
ENUM_COLUMNS = ["division_code", "de_sub", "de_medium", "de_major", "de_status"]


def synthetic_enterprises(rows: int, seed: int = 2021) -> pa.Table:
    """Seeded enterprise-year rows in the warehouse's columns (those the cube reads)."""
    rng = np.random.default_rng(seed)
    subs = pd.read_csv(NBS_CSV, dtype=str).sub_code.dropna().unique()
    subs = subs[subs.astype("U6") != ""]
    core_subs = np.array([s for s in subs if s[:2] in CORE_MAJORS])
    text_subs = np.array([s for s in subs if s.startswith("05")] or ["050101"])
    status = STATUSES[rng.choice(len(STATUSES), rows, p=STATUS_P)]
    sub = core_subs[rng.integers(0, len(core_subs), rows)]
    sub = np.where(status == "text", text_subs[rng.integers(0, len(text_subs), rows)], sub)
    has_code = status != "none"
    value_added = rng.lognormal(5, 1.5, rows) - 10
    value_added_null = rng.random(rows) < 0.03
    rd_null = rng.random(rows) < 0.4
    sub_array = pa.array(sub, pa.string(), mask=~has_code)
    return pa.table(
        {
            "year": pa.array(rng.integers(2021, 2025, rows), pa.int32()),
            "division_code": pa.array(
                np.array(DIVISIONS)[rng.integers(0, len(DIVISIONS), rows)], pa.string()
            ),
            "de_sub": sub_array,
            "de_medium": pc.utf8_slice_codeunits(sub_array, 0, 4),
            "de_major": pc.utf8_slice_codeunits(sub_array, 0, 2),
            "de_status": pa.array(status, pa.string()),
            "revenue": rng.lognormal(7, 1.5, rows),
            "value_added": pa.array(value_added, mask=value_added_null),
            "employees": pa.array(rng.integers(1, 3000, rows), pa.int64()),
            "rd_expense": pa.array(rng.lognormal(3, 2, rows), mask=rd_null),
        }
    )


# --- the baseline: a straightforward pandas implementation of the same cube -----------------


def pandas_cube(frame: pd.DataFrame, gdp: pd.DataFrame, level: str) -> pd.DataFrame:
    unresolved = frame.de_status == "partial_unresolved"
    if level == "core":
        counted = frame.de_status.isin(["full", "partial_resolved"]) & frame.de_major.isin(
            CORE_MAJORS
        )
        code = pd.Series(np.where(counted, "core", "~outside"), index=frame.index)
    else:
        column = frame.de_major if level == "major" else frame.de_medium
        counted = frame.de_status.isin(["full", "partial_resolved", "text"]) & column.notna()
        code = column.where(counted, "~outside")
    frame = frame.assign(de_code=code.where(~unresolved, "partial_unresolved"))
    sums = ["revenue", "value_added", "employees", "rd_expense"]
    grouped = frame.groupby(["year", "division_code", "de_code"], observed=True)
    district = grouped[sums].sum(min_count=1)
    district.insert(0, "enterprises", grouped.size())
    district = district.reset_index()
    city = district.groupby(["year", "de_code"])[["enterprises", *sums]].sum(min_count=1)
    city = city.reset_index().assign(division_code=CITY)
    cells = pd.concat([district, city], ignore_index=True)
    totals = cells.groupby(["year", "division_code"]).value_added.sum(min_count=1).rename("all_va")
    cells = cells.join(totals, on=["year", "division_code"])
    city_all = totals.xs(CITY, level="division_code").rename("city_all_va")
    cells = cells.join(city_all, on="year")
    city_cells = cells[cells.division_code == CITY].set_index(["year", "de_code"]).value_added
    cells = cells.join(city_cells.rename("city_va"), on=["year", "de_code"])
    previous = cells.set_index(["year", "division_code", "de_code"]).value_added
    previous.index = previous.index.set_levels(previous.index.levels[0] + 1, level=0)
    cells = cells.join(previous.rename("prev_va"), on=["year", "division_code", "de_code"])
    cells = cells.merge(gdp, on=["year", "division_code"], how="left")

    def ratio(num: pd.Series, den: pd.Series) -> pd.Series:
        return (num / den).where(den > 0)

    cells["yoy_value_added"] = (ratio(cells.value_added, cells.prev_va) - 1) * 100
    cells["share_of_city"] = ratio(cells.value_added, cells.city_va) * 100
    cells["share_of_gdp"] = ratio(cells.value_added, cells.gdp_wan_yuan) * 100
    cells["lq"] = ratio(
        ratio(cells.value_added, cells.all_va), ratio(cells.city_va, cells.city_all_va)
    )
    cells = cells[cells.de_code != "~outside"]
    columns = ["year", "division_code", "de_code", "enterprises", *sums]
    columns += ["yoy_value_added", "share_of_city", "share_of_gdp", "lq"]
    return cells[columns].sort_values(["year", "division_code", "de_code"], ignore_index=True)


# --- child processes ------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """VmHWM, this process's own peak: ru_maxrss would also carry the parent's peak, which
    Linux hands over at exec (the parent held the generated rows when it started us)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: KiB


def cpu_seconds() -> float:
    """User + system time of this process, all threads (DuckDB's included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _duckdb_runner(file_name: str, folder: Path, level: str) -> Callable[[], pd.DataFrame]:
    from hzdigital.monitoring.cube import build_cube
    from hzdigital.monitoring.engines import Engine

    duck = Engine.duckdb(folder / file_name, read_only=True)
    return lambda: duck.execute(build_cube(duck.table(), level=level))  # type: ignore[arg-type]


def _pandas_runner(folder: Path, level: str, categorical: bool) -> Callable[[], pd.DataFrame]:
    from hzdigital.monitoring.published import gdp_wan_yuan

    frame = pd.read_parquet(folder / "enterprise_year.parquet")
    if categorical:  # the warehouse's ENUM columns, converted once as an import does
        frame = frame.astype({name: "category" for name in ENUM_COLUMNS})
    gdp = gdp_wan_yuan()
    return lambda: pandas_cube(frame, gdp, level)


# Each contender: how to set it up (untimed) in its own process.
RUNNERS: dict[str, Callable[[Path, str], Callable[[], pd.DataFrame]]] = {
    "duckdb": lambda folder, level: _duckdb_runner("warehouse.duckdb", folder, level),
    "duckdb-varchar": lambda folder, level: _duckdb_runner("varchar.duckdb", folder, level),
    "pandas": lambda folder, level: _pandas_runner(folder, level, categorical=False),
    "pandas-categorical": lambda folder, level: _pandas_runner(folder, level, categorical=True),
}


def run_child(engine: str, folder: Path, level: str, repeat: int) -> None:
    run = RUNNERS[engine](folder, level)
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        cpu, start = cpu_seconds(), time.perf_counter()
        result = run()
        best = min(best, (time.perf_counter() - start, cpu_seconds() - cpu))
    result.to_parquet(folder / f"result-{engine}.parquet", index=False)
    print(json.dumps({"seconds": best[0], "cpu_seconds": best[1], "peak_rss_mb": peak_rss_mb()}))


def child(engine: str, folder: Path, level: str, repeat: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", engine, "--folder", str(folder)]
    command += ["--level", level, "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    key = ["year", "division_code", "de_code"]
    left = left.sort_values(key, ignore_index=True)
    right = right.sort_values(key, ignore_index=True)
    assert len(left) == len(right), (len(left), len(right))
    assert (left[key].astype(str).values == right[key].astype(str).values).all()
    assert (
        left.enterprises.astype("int64").values == right.enterprises.astype("int64").values
    ).all()
    for column in left.columns[4:]:
        a, b = left[column].astype(float).to_numpy(), right[column].astype(float).to_numpy()
        assert (np.isnan(a) == np.isnan(b)).all(), column
        ok = ~np.isnan(a)
        assert np.allclose(a[ok], b[ok], rtol=REL_TOLERANCE, atol=0), column


def write_data(rows: int, folder: Path) -> pa.Table:
    """The same rows three ways: the warehouse as shipped (its column types, ENUMs included),
    the warehouse as it was before ENUMs (all text VARCHAR), and Parquet for pandas."""
    import duckdb
    import pyarrow.parquet as pq

    from hzdigital.warehouse import store

    table = synthetic_enterprises(rows)
    pq.write_table(table, folder / "enterprise_year.parquet")
    declared = dict(store.ENTERPRISE_YEAR_COLUMNS)
    layouts = {
        "warehouse.duckdb": store.column_type,
        "varchar.duckdb": lambda name: declared[name].partition(" ")[0],
    }
    for file_name, column_type in layouts.items():
        columns = ", ".join(f"{name} {column_type(name)}" for name in table.column_names)
        with duckdb.connect(str(folder / file_name)) as db:
            db.execute(f"CREATE TABLE enterprise_year ({columns})")
            db.register("incoming", table)
            db.execute("INSERT INTO enterprise_year SELECT * FROM incoming")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--level", default="core", choices=["major", "medium", "core"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=list(RUNNERS))
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.folder, args.level, args.repeat)
        return
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="hzdigital-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        write_data(args.rows, folder)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - start:.1f} s")
        results = {name: child(name, folder, args.level, args.repeat) for name in RUNNERS}
        reference = pd.read_parquet(folder / "result-pandas.parquet")
        for name in RUNNERS:
            assert_same(pd.read_parquet(folder / f"result-{name}.parquet"), reference)
    print(f"level={args.level}, rows={args.rows:,}, cores={os.cpu_count()}, load average (1 min) "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after; best of {args.repeat}")  # fmt: skip
    print(f"results identical (counts exact, sums and ratios within {REL_TOLERANCE:g} relative)")
    for name, label in LABELS.items():
        r = results[name]
        print(f"{label:44s} {r['seconds']:6.3f} s wall  {r['cpu_seconds']:6.3f} CPU-s  "
              f"peak RSS {r['peak_rss_mb']:5.0f} MB")  # fmt: skip
    duck, base = results["duckdb"]["seconds"], results["pandas"]["seconds"]
    print(f"speed-up vs pandas (baseline):     {base / duck:.1f}x wall, "
          f"{results['pandas']['cpu_seconds'] / results['duckdb']['cpu_seconds']:.1f}x CPU")  # fmt: skip
    print(
        f"speed-up vs pandas (categorical):  {results['pandas-categorical']['seconds'] / duck:.1f}x wall"
    )
    print(f"goal ≤ 1 s: {'met' if duck <= 1 else 'NOT met'}; "
          f"goal ≥ 10x pandas: {'met' if base / duck >= 10 else 'NOT met'}")  # fmt: skip


LABELS = {
    "duckdb": "duckdb, warehouse as shipped (ENUM keys)",
    "duckdb-varchar": "duckdb, same rows all VARCHAR (before)",
    "pandas": "pandas groupby (baseline, str columns)",
    "pandas-categorical": "pandas groupby, category columns (reference)",
}


if __name__ == "__main__":
    main()
