"""Benchmark: import 1 M enterprise-year rows from CSV and from Parquet.

    uv run python bench/bench_import.py [--rows 1000000] [--seed 7] [--bad-share 0.03]

Generates seeded, valid-ish rows (a few per cent broken on purpose, in several ways) in a
temporary folder, times ``ingest_file`` on each format into a fresh warehouse, and compares with
a named baseline measured in the same run:

    baseline "pandas read_csv + row-wise Python validation": pandas reads the CSV as text, then a
    Python loop checks every row with the same rules (``is_valid_uscc``, division and class
    look-ups, number parsing). It is timed on a 100 k-row sample and extrapolated linearly; it
    neither classifies nor loads, so the ratio flatters the baseline.

Rows per second are rows / wall time of the whole ``ingest_file`` call, closing the warehouse
(its checkpoint) included. Goals: ≥ 100 k rows/s from CSV, ≥ 300 k rows/s from Parquet, with full validation and
classification. The machine is often shared, so each import also prints its CPU time (user +
system, all threads of this process) and the load average: compare CPU-seconds between runs,
wall time only on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from hzdigital.classification import gbt4754
from hzdigital.lib.divisions import county_codes
from hzdigital.lib.uscc import USCC_CHARSET, USCC_WEIGHTS, is_valid_uscc
from hzdigital.warehouse.ingest import ingest_file

YEARS = np.arange(2019, 2025)
BASELINE_SAMPLE_ROWS = 100_000
SCOPES = np.array(
    [
        None,
        "软件开发；信息技术咨询服务",
        "互联网数据服务；大数据服务；云计算装备技术服务",
        "服装零售；日用品销售",
        "工业互联网数据服务；智能控制系统集成",
        "餐饮服务",
    ],
    dtype=object,
)


def _usccs(rng: np.random.Generator, count: int) -> np.ndarray:
    """Valid codes '91' + 330100-ish division + random subject, check char computed by numpy."""
    charset = np.frombuffer(USCC_CHARSET.encode(), dtype=np.uint8)
    body = np.empty((count, 17), dtype=np.int64)
    body[:, :8] = [USCC_CHARSET.index(ch) for ch in "91330100"]
    body[:, 8:] = rng.integers(0, 31, size=(count, 9))
    check = (31 - (body @ np.array(USCC_WEIGHTS)) % 31) % 31
    chars = charset[np.concatenate([body, check[:, None]], axis=1)]
    return chars.view("S18").ravel().astype(str)


def generate(rows: int, seed: int, bad_share: float) -> pa.Table:
    rng = np.random.default_rng(seed)
    enterprises = -(-rows // len(YEARS))
    codes = np.repeat(_usccs(rng, enterprises), len(YEARS))[:rows]
    years = np.tile(YEARS, enterprises)[:rows]
    classes = np.array([entry.code for entry in gbt4754.load().classes])
    industry = rng.choice(classes, rows)
    revenue = np.round(rng.lognormal(6, 1.5, rows), 2)
    columns = {
        "uscc": codes.astype(object),
        "name": np.char.add("杭州示例企业", np.arange(rows).astype(str)).astype(object),
        "division_code": rng.choice(sorted(county_codes()), rows).astype(object),
        "industry_code": industry.astype(object),
        "year": years.astype(object),
        "revenue": revenue.astype(object),
        "value_added": np.round(revenue * rng.uniform(-0.05, 0.4, rows), 2).astype(object),
        "employees": rng.integers(1, 2000, rows).astype(object),
        "rd_expense": np.round(revenue * rng.uniform(0, 0.1, rows), 2).astype(object),
        "business_scope": rng.choice(SCOPES, rows),
    }
    # Break a few per cent of rows, each in one of several ways.
    bad = np.flatnonzero(rng.random(rows) < bad_share)
    kinds = rng.integers(0, 5, len(bad))
    columns["uscc"][bad[kinds == 0]] = [c[:17] + ("0" if c[17] != "0" else "1") for c in columns["uscc"][bad[kinds == 0]]]  # fmt: skip
    columns["division_code"][bad[kinds == 1]] = "330103"
    columns["industry_code"][bad[kinds == 2]] = "9999"
    columns["revenue"][bad[kinds == 3]] = -1.0
    columns["employees"][bad[kinds == 4]] = 2.5
    as_text = {name: pa.array([None if v is None else str(v) for v in col], pa.string()) for name, col in columns.items()}  # fmt: skip
    return pa.table(as_text)


def _baseline_seconds_per_row(csv_path: Path) -> float:
    """pandas read_csv + a Python loop applying the rules row by row, on a sample."""
    classes = {entry.code for entry in gbt4754.load().classes}
    counties = county_codes()
    clock = time.perf_counter()
    frame = pd.read_csv(csv_path, dtype=str, nrows=BASELINE_SAMPLE_ROWS, keep_default_na=False)
    bad = 0
    for row in frame.itertuples(index=False):
        ok = is_valid_uscc(row.uscc) and row.division_code in counties
        ok = ok and row.industry_code.lstrip("ABCDEFGHIJKLMNOPQRST") in classes
        try:
            ok = ok and 2015 <= int(row.year) and float(row.revenue) >= 0
            employees = float(row.employees)
            ok = ok and employees >= 0 and employees.is_integer()
        except ValueError:
            ok = False
        bad += not ok
    return (time.perf_counter() - clock) / len(frame)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bad-share", type=float, default=0.03)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = generate(args.rows, args.seed, args.bad_share)
        csv_path, parquet_path = folder / "enterprises.csv", folder / "enterprises.parquet"
        table.to_pandas().to_csv(csv_path, index=False)
        pq.write_table(table, parquet_path)
        print(f"rows {args.rows:,}  CSV {csv_path.stat().st_size / 1e6:.0f} MB  "
              f"Parquet {parquet_path.stat().st_size / 1e6:.0f} MB")  # fmt: skip
        rates = {}
        for label, path in (("csv", csv_path), ("parquet", parquet_path)):
            cpu, start = time.process_time(), time.perf_counter()
            result = ingest_file(path, home=folder / f"home-{label}")
            # Wall time of the whole call: it includes closing the warehouse, whose checkpoint
            # writes the new rows to disk (result.elapsed_seconds stops before it).
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
            rates[label] = result.rows / wall
            print(f"{label:8s} {wall:6.2f} s  {rates[label]:>10,.0f} rows/s  "
                  f"(before closing: {result.elapsed_seconds:.2f} s)  "
                  f"CPU {cpu:5.2f} s ({result.rows / cpu:,.0f} rows per CPU-second)  "
                  f"accepted {result.accepted:,}  rejected {result.rejected:,}  "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
        baseline = 1 / _baseline_seconds_per_row(csv_path)
        print(f"baseline pandas read_csv + row-wise Python validation "
              f"({BASELINE_SAMPLE_ROWS:,}-row sample, extrapolated): {baseline:,.0f} rows/s")  # fmt: skip
        for label, rate in rates.items():
            print(f"{label}: {rate / baseline:.1f}x the baseline")


if __name__ == "__main__":
    main()
