"""Matching every enterprise against every policy: the vectorised matcher against the naive
per-row Python loop (``eligibility.reference``), in the same run.

    uv run python bench/bench_eligibility.py [--rows N] [--policies P] [--baseline-rows M] [--seed S]

Generates N seeded enterprises with every registry attribute (about 10 % of each value
missing, so unknowns occur) and P seeded policies of 1–5 conditions drawn from realistic
thresholds, then times: building the columnar table from a pandas frame, matching all
N × P pairs, and the reference loop on the first M rows (extrapolated linearly to N — it is
the slow one). Checks that both agree on those M rows. Prints wall and CPU seconds and the
load average, since the machine may be shared. Timing only: nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import pandas as pd

from hzdigital.eligibility.attributes import PROJECT_STAGES
from hzdigital.eligibility.match import match
from hzdigital.eligibility.reference import reference_match
from hzdigital.eligibility.rules import Policy
from hzdigital.eligibility.table import EnterpriseTable

DIVISIONS = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112",
             "330113", "330114", "330122", "330127", "330182"]  # fmt: skip
MAJORS = ["01", "02", "03", "04", "05"]

# Condition templates a bureau would write; each policy draws 1–5 of them.
TEMPLATES = [
    {"attribute": "revenue_wan_yuan", "operator": "ge", "value": 2000, "unit": "万元"},
    {"attribute": "revenue_wan_yuan", "operator": "between", "value": [0.05, 2], "unit": "亿元"},
    {"attribute": "employees", "operator": "le", "value": 300, "unit": "人"},
    {"attribute": "employees", "operator": "ge", "value": 20, "unit": "人"},
    {"attribute": "rd_intensity_percent", "operator": "ge", "value": 3, "unit": "%"},
    {"attribute": "age_years", "operator": "lt", "value": 5, "unit": "年"},
    {"attribute": "high_tech", "operator": "is_true"},
    {"attribute": "talent_founded", "operator": "is_true"},
    {"attribute": "listed", "operator": "is_false"},
    {"attribute": "core", "operator": "is_true"},
    {"attribute": "de_major", "operator": "in", "value": ["01", "02", "03", "04"]},
    {"attribute": "de_sub", "operator": "starts_with", "value": ["0101", "0203"]},
    {"attribute": "project_stage", "operator": "in", "value": ["building", "completed"]},
]


def enterprises(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)

    def holes(values: pd.Series) -> pd.Series:
        return values.mask(rng.random(rows) < 0.1)

    major = rng.choice(MAJORS, rows)
    medium = pd.Series(rng.integers(1, 4, rows)).map("{:02d}".format)
    sub = pd.Series(major) + medium + "01"  # e.g. 010101, 020301
    frame = pd.DataFrame(
        {
            "uscc": [f"E{i:09d}" for i in range(rows)],
            "division_code": holes(pd.Series(rng.choice(DIVISIONS, rows))),
            "de_major": holes(pd.Series(major)),
            "de_sub": holes(sub),
            "core": holes(pd.Series(np.isin(major, MAJORS[:4]))).astype("boolean"),
            "revenue_wan_yuan": holes(pd.Series(rng.lognormal(7, 1.5, rows))),
            "employees": holes(pd.Series(rng.integers(1, 2000, rows).astype(float))),
            "rd_intensity_percent": holes(pd.Series(rng.gamma(2, 2, rows))),
            "age_years": holes(pd.Series(rng.integers(0, 30, rows).astype(float))),
            "high_tech": holes(pd.Series(rng.random(rows) < 0.2)).astype("boolean"),
            "talent_founded": holes(pd.Series(rng.random(rows) < 0.05)).astype("boolean"),
            "listed": holes(pd.Series(rng.random(rows) < 0.01)).astype("boolean"),
            "project_stage": holes(pd.Series(rng.choice(PROJECT_STAGES, rows))),
        }
    )
    return frame


def policies(count: int, seed: int) -> list[Policy]:
    rng = np.random.default_rng(seed + 1)
    chosen = []
    for index in range(count):
        picks = rng.choice(len(TEMPLATES), size=int(rng.integers(1, 6)), replace=False)
        chosen.append(
            Policy.build(f"bench-{index}", f"基准政策{index}", [TEMPLATES[i] for i in picks])
        )
    return chosen


def timed(step):
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="enterprises")
    parser.add_argument("--policies", type=int, default=50, help="policies")
    parser.add_argument("--baseline-rows", type=int, default=20_000, help="rows for the loop")
    parser.add_argument("--seed", type=int, default=2021, help="generator seed")
    args = parser.parse_args()
    frame = enterprises(args.rows, args.seed)
    chosen = policies(args.policies, args.seed)
    print(f"load average before: {os.getloadavg()}")
    table, t_wall, t_cpu = timed(lambda: EnterpriseTable.from_frame(frame))
    result, m_wall, m_cpu = timed(lambda: match(table, chosen))
    sample = frame.head(args.baseline_rows).to_dict("records")
    slow, b_wall, b_cpu = timed(lambda: reference_match(sample, chosen))
    agree = np.array_equal(result.status[: len(sample)], slow)
    scale = args.rows / len(sample)
    pairs = args.rows * args.policies
    print(f"{args.rows:,} enterprises × {args.policies} policies = {pairs:,} pairs")
    print(f"table build      {t_wall:8.2f} s wall {t_cpu:8.2f} s CPU")
    print(f"vectorised match {m_wall:8.2f} s wall {m_cpu:8.2f} s CPU "
          f"({pairs / m_wall / 1e6:.1f} M pairs/s)")  # fmt: skip
    print(f"naive loop       {b_wall:8.2f} s wall {b_cpu:8.2f} s CPU on {len(sample):,} rows; "
          f"extrapolated to {args.rows:,} rows: {b_wall * scale:,.0f} s wall")  # fmt: skip
    print(f"speed-up (match vs extrapolated loop, wall): {b_wall * scale / m_wall:,.0f}×")
    print(f"results agree on the {len(sample):,} rows: {agree}")
    counts = np.bincount(result.status.ravel(), minlength=3)
    print(f"not eligible / eligible / unknown pairs: {counts[0]:,} / {counts[1]:,} / {counts[2]:,}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
