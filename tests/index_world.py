"""A small made-up panel of cube cells for the index tests (no warehouse needed).

Not a test module. Values are drawn from a seeded generator per (year, unit, category), so
the tests can compute the same indicators independently from ``cells``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hzdigital.evaluation.inputs import Panel
from hzdigital.lib.divisions import county_divisions

CATEGORIES = ("core", "01", "02", "03", "04", "05", "all")
MEASURES = ("enterprises", "revenue", "value_added", "employees", "rd_expense")


def make_panel(years: tuple[int, ...] = (2021, 2022, 2023), seed: int = 7) -> Panel:
    rng = np.random.default_rng(seed)
    rows = []
    for year in years:
        for division in county_divisions():
            scale = rng.uniform(0.5, 20)
            for category in CATEGORIES:
                factor = 10.0 if category == "all" else 1.0
                rows.append(
                    {
                        "year": year,
                        "division_code": division.code,
                        "category": category,
                        "enterprises": float(rng.integers(5, 200)) * factor,
                        "revenue": scale * rng.uniform(1e4, 1e5) * factor,
                        "value_added": scale * rng.uniform(1e3, 1e4) * factor,
                        "employees": float(rng.integers(100, 5000)) * factor,
                        "rd_expense": scale * rng.uniform(1e2, 1e3),
                    }
                )
    return Panel(
        cells=pd.DataFrame(rows), synthetic_years=frozenset(years), years=tuple(sorted(years))
    )
