"""What an edition freezes, computed from the warehouse as it stands, and its content hash.

Hashing compares numbers rounded to ``DIGITS`` decimals: DuckDB sums doubles in parallel, so
the same data can differ in the last bits of a float between two runs, and a revision of
10⁻¹² 万元 is no revision.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from hzdigital.monitoring.cube import KEY_COLUMNS, LEVELS, RECORD_FIELDS, build_cube
from hzdigital.monitoring.engines import Engine
from hzdigital.monitoring.plan_targets import plan_target_reports, warehouse_actuals
from hzdigital.monitoring.structure import core_value_added_by_sub
from hzdigital.warehouse import store

EXTRA = ("rd_intensity",)  # derived indicators the pages show beyond the cube's defaults
CUBE_FIELDS = (*RECORD_FIELDS, *EXTRA)
DIGITS = 6  # decimals kept when hashing and comparing (money in 万元: far below a fen)


@dataclass(frozen=True)
class Frozen:
    cubes: pd.DataFrame  # level + CUBE_FIELDS, every level and year
    reports: list[dict[str, Any]]  # the targets payload (``hzdigital targets --json`` shape)
    contributions: pd.DataFrame  # year, division_code, import_id, synthetic
    core_by_sub: pd.DataFrame  # year, division_code, de_sub, value_added
    # The district index's inputs (evaluation.inputs.PANEL_COLUMNS): its ``all`` category
    # counts enterprises outside the classification, which the cube leaves out.
    index_panel: pd.DataFrame | None = None

    @property
    def import_ids(self) -> tuple[str, ...]:
        return tuple(sorted({str(i) for i in self.contributions.import_id}))

    @property
    def synthetic(self) -> bool:
        return bool(self.contributions.synthetic.any())


def compute(backend: Any) -> Frozen:
    """Everything an edition freezes, computed from the warehouse as it stands."""
    from hzdigital.monitoring.output import targets_payload

    engine = Engine("duckdb", backend)
    table = store.enterprise_year(backend)
    frames = []
    for level in LEVELS:
        frame = engine.execute(build_cube(table, level=level, extra=EXTRA))[list(CUBE_FIELDS)]
        frames.append(frame.assign(level=level))
    cubes = pd.concat(frames, ignore_index=True)[["level", *CUBE_FIELDS]]
    payload = targets_payload(plan_target_reports(warehouse_actuals(engine, table)), True)
    contributions = backend.con.execute(
        f"""SELECT year, division_code, import_id, bool_or(synthetic) AS synthetic
        FROM {store.ENTERPRISE_YEAR} GROUP BY ALL ORDER BY ALL"""
    ).fetch_df()
    by_sub = engine.execute(core_value_added_by_sub(table))
    from hzdigital.evaluation.inputs import panel_cells

    index_panel = panel_cells(engine, table)
    return Frozen(cubes, payload["targets"], contributions, by_sub, index_panel)  # type: ignore[arg-type]


def rounded(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return round(value, DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0
    return value


def cube_sha256(cubes: pd.DataFrame) -> str:
    """Content hash of the cube rows, independent of row order and float noise."""
    ordered = cubes.sort_values(["level", *KEY_COLUMNS]).astype(object)
    digest = hashlib.sha256()
    for row in ordered.itertuples(index=False):
        digest.update(json.dumps([rounded(v) for v in row], default=str).encode())
    return digest.hexdigest()
