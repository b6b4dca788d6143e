"""The vectorised matcher equals the brute-force reference loop on generated enterprises and
policies: random values (with missing ones) near the policies' thresholds, so boundaries,
unknowns and shared conditions all occur."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from hzdigital.eligibility.attributes import ATTRIBUTES, PROJECT_STAGES, Kind
from hzdigital.eligibility.match import Status, explain, match
from hzdigital.eligibility.reference import reference_match
from hzdigital.eligibility.rules import Policy
from hzdigital.eligibility.table import EnterpriseTable

CODES = {
    "division_code": ["330102", "330106", "330108", "330127"],
    "de_sub": ["010101", "020301", "050101", "040202"],
    "de_medium": ["0101", "0203", "0501"],
    "de_major": ["01", "02", "04", "05"],
    "project_stage": list(PROJECT_STAGES),
}
THRESHOLDS = {"revenue_wan_yuan": 2000.0, "employees": 50.0, "rd_intensity_percent": 3.0,
              "age_years": 5.0}  # fmt: skip
UNITS = {
    "revenue_wan_yuan": "万元",
    "employees": "人",
    "rd_intensity_percent": "%",
    "age_years": "年",
}


def _values(key: str, kind: Kind):
    if kind is Kind.NUMBER:
        t = THRESHOLDS[key]
        near = st.sampled_from([t - 1, t, t + 1, 0.0, 10 * t])
        return st.one_of(st.none(), near)
    if kind is Kind.FLAG:
        return st.one_of(st.none(), st.booleans())
    return st.one_of(st.none(), st.sampled_from(CODES[key]))


@st.composite
def enterprises(draw) -> pd.DataFrame:
    rows = draw(st.integers(min_value=1, max_value=40))
    data: dict[str, list] = {"uscc": [f"E{i:03d}" for i in range(rows)]}
    for attribute in ATTRIBUTES:
        data[attribute.key] = [draw(_values(attribute.key, attribute.kind)) for _ in range(rows)]
    frame = pd.DataFrame({key: pd.Series(values, dtype=object) for key, values in data.items()})
    for attribute in ATTRIBUTES:
        if attribute.kind is Kind.FLAG:
            frame[attribute.key] = frame[attribute.key].astype("boolean")
        elif attribute.kind is Kind.NUMBER:
            frame[attribute.key] = frame[attribute.key].astype("Float64")
    return frame


@st.composite
def conditions(draw) -> dict:
    attribute = draw(st.sampled_from(ATTRIBUTES))
    key, kind = attribute.key, attribute.kind
    if kind is Kind.NUMBER:
        t = THRESHOLDS[key]
        op = draw(st.sampled_from(["eq", "ne", "gt", "ge", "lt", "le", "between", "in",
                                   "not_in", "exists"]))  # fmt: skip
        value = {"between": [t - 1, t + 1], "in": [t, 0.0], "not_in": [t], "exists": None}.get(
            op, t
        )
        return {"attribute": key, "operator": op, "value": value,
                "unit": "" if op == "exists" else UNITS[key]}  # fmt: skip
    if kind is Kind.FLAG:
        op = draw(st.sampled_from(["is_true", "is_false", "eq", "exists"]))
        value = draw(st.booleans()) if op == "eq" else None
        return {"attribute": key, "operator": op, "value": value}
    op = draw(st.sampled_from(["eq", "ne", "in", "not_in", "exists"]
                              + (["starts_with"] if kind is Kind.CODE else [])))  # fmt: skip
    pool = CODES[key]
    if op in ("in", "not_in"):
        value = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
    elif op == "starts_with":
        value = [draw(st.sampled_from(pool))[:2]]
    elif op == "exists":
        value = None
    else:
        value = draw(st.sampled_from(pool))
    return {"attribute": key, "operator": op, "value": value}


@st.composite
def policies(draw) -> list[Policy]:
    count = draw(st.integers(min_value=1, max_value=6))
    return [
        Policy.build(f"p{i}", f"政策{i}", draw(st.lists(conditions(), min_size=1, max_size=4)))
        for i in range(count)
    ]


@settings(max_examples=60, deadline=None)
@given(frame=enterprises(), chosen=policies())
def test_the_matcher_equals_the_reference_loop(frame: pd.DataFrame, chosen: list[Policy]):
    fast = match(EnterpriseTable.from_frame(frame), chosen).status
    slow = reference_match(frame.to_dict("records"), chosen)
    np.testing.assert_array_equal(fast, slow)


@settings(max_examples=15, deadline=None)
@given(frame=enterprises(), chosen=policies())
def test_each_explanation_agrees_with_the_bulk_result(frame: pd.DataFrame, chosen: list[Policy]):
    table = EnterpriseTable.from_frame(frame)
    bulk = match(table, chosen).status
    for row in range(len(frame)):
        assert [m.status for m in explain(table, row, chosen)] == [Status(s) for s in bulk[row]]
