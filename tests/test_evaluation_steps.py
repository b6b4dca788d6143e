"""Each composite-indicator step against a hand computation of the handbook's formula."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hzdigital.evaluation import steps

TOLERANCE = 1e-9
VALUES = [3.0, 7.0, 1.0, 9.0, 5.0]
UNITS = list("ABCDE")


def frame(values: list[float | None] = VALUES) -> pd.DataFrame:
    return pd.DataFrame({"x": values}, index=UNITS)


def test_min_max_scales_the_lowest_to_0_and_the_highest_to_100() -> None:
    # Handbook: I = (x - min) / (max - min); here x 100
    expected = [(v - 1.0) / (9.0 - 1.0) * 100 for v in VALUES]
    assert steps.minmax(frame(), {"x": "higher"}).x.tolist() == pytest.approx(expected)


def test_min_max_with_goalposts_gives_a_value_the_same_score_in_any_year() -> None:
    posts = {"x": steps.Goalposts(0.0, 20.0)}
    year_one = steps.minmax(frame(), {"x": "higher"}, posts)
    year_two = steps.minmax(frame([5.0, 15.0, 19.0, 2.0, 8.0]), {"x": "higher"}, posts)
    assert year_one.loc["E", "x"] == year_two.loc["A", "x"] == pytest.approx(25.0)


def test_min_max_turns_lower_is_better_round() -> None:
    scores = steps.minmax(frame(), {"x": "lower"}).x
    assert scores["C"] == 100.0 and scores["D"] == 0.0


def test_z_score_uses_the_sample_standard_deviation() -> None:
    mean = sum(VALUES) / 5
    sd = math.sqrt(sum((v - mean) ** 2 for v in VALUES) / 4)
    expected = [(v - mean) / sd for v in VALUES]
    assert steps.zscore(frame(), {"x": "higher"}).x.tolist() == pytest.approx(expected)


def test_distance_to_the_leader_divides_by_the_best_value() -> None:
    expected = [v / 9.0 * 100 for v in VALUES]
    assert steps.distance_to_reference(frame(), {"x": "higher"}).x.tolist() == pytest.approx(
        expected
    )


def test_distance_to_a_target_divides_by_the_target() -> None:
    scores = steps.distance_to_reference(frame(), {"x": "higher"}, {"x": 12.0})
    assert scores.x.tolist() == pytest.approx([v / 12.0 * 100 for v in VALUES])


def test_rank_normalisation_puts_the_worst_at_0_and_the_best_at_100() -> None:
    # ranks of 3, 7, 1, 9, 5 are 2, 4, 1, 5, 3
    expected = [(r - 1) / 4 * 100 for r in (2, 4, 1, 5, 3)]
    assert steps.rank_scores(frame(), {"x": "higher"}).x.tolist() == expected


def test_mean_imputation_fills_and_flags_only_the_missing_cell() -> None:
    filled, flags = steps.impute(frame([3.0, None, 1.0, 9.0, 5.0]), "mean")
    assert filled.loc["B", "x"] == pytest.approx((3 + 1 + 9 + 5) / 4)
    assert flags.x.tolist() == [False, True, False, False, False]


def test_median_imputation_uses_the_median_of_the_present_cells() -> None:
    filled, _ = steps.impute(frame([3.0, None, 1.0, 9.0, 5.0]), "median")
    assert filled.loc["B", "x"] == 4.0


def test_no_imputation_leaves_the_cell_missing_and_unflagged() -> None:
    filled, flags = steps.impute(frame([3.0, None, 1.0, 9.0, 5.0]), "none")
    assert pd.isna(filled.loc["B", "x"]) and not flags.x.any()


def test_an_indicator_with_one_extreme_unit_is_winsorised_to_the_next_value() -> None:
    values = [1.0, 1.2, 0.9, 1.1, 1.0, 0.8, 1.05, 0.95, 1.15, 1.0, 0.9, 1.1, 60.0]
    x = pd.DataFrame({"x": values}, index=[f"u{i}" for i in range(13)])
    treated, log = steps.treat_outliers(x, "winsorise")
    assert abs(x.x.skew()) > 2 and x.x.kurt() > 3.5  # the JRC rule fires
    assert log[0].units == ("u12",)
    assert treated.loc["u12", "x"] == 1.2


def test_a_symmetric_indicator_is_left_alone() -> None:
    treated, log = steps.treat_outliers(frame(), "winsorise")
    assert log == [] and treated.x.tolist() == VALUES


def test_the_log_treatment_is_ln_of_one_plus_the_distance_from_the_minimum() -> None:
    values = [1.0, 1.2, 0.9, 1.1, 1.0, 0.8, 1.05, 0.95, 1.15, 1.0, 0.9, 1.1, 60.0]
    x = pd.DataFrame({"x": values})
    treated, _ = steps.treat_outliers(x, "log")
    assert treated.x.tolist() == pytest.approx([math.log(1 + v - 0.8) for v in values])


def test_arithmetic_aggregation_is_the_weighted_mean() -> None:
    d = pd.DataFrame({"p": [10.0, 80.0], "q": [50.0, 20.0]})
    result = steps.arithmetic(d, {"p": 0.3, "q": 0.7})
    assert result.tolist() == pytest.approx([0.3 * 10 + 0.7 * 50, 0.3 * 80 + 0.7 * 20])


def test_geometric_aggregation_is_the_weighted_product() -> None:
    d = pd.DataFrame({"p": [10.0, 80.0], "q": [50.0, 20.0]})
    result = steps.geometric(d, {"p": 0.3, "q": 0.7})
    assert result.tolist() == pytest.approx([10**0.3 * 50**0.7, 80**0.3 * 20**0.7])


def test_geometric_aggregation_refuses_a_zero_score() -> None:
    with pytest.raises(ValueError, match="positive"):
        steps.geometric(pd.DataFrame({"p": [0.0, 1.0]}), {"p": 1.0})


def test_a_missing_dimension_passes_its_weight_to_the_others() -> None:
    d = pd.DataFrame({"p": [10.0], "q": [None]})
    assert steps.arithmetic(d, {"p": 0.3, "q": 0.7}).tolist() == [10.0]


def test_pca_weights_are_the_squared_first_component_of_an_svd() -> None:
    rng = np.random.default_rng(3)
    base = rng.normal(size=13)
    s = pd.DataFrame(
        {
            "a": base + rng.normal(scale=0.3, size=13),
            "b": 2 * base + rng.normal(scale=0.5, size=13),
            "c": rng.normal(size=13),
            "d": -base + rng.normal(scale=0.4, size=13),
        }
    )
    z = (s - s.mean()) / s.std()
    _, _, vt = np.linalg.svd(z.to_numpy(), full_matrices=False)
    expected = vt[0] ** 2 / np.sum(vt[0] ** 2)
    weights = steps.pca_weights(s)
    assert list(weights.values()) == pytest.approx(expected.tolist(), abs=TOLERANCE)


def test_equal_weights_share_each_dimension_equally() -> None:
    weights = steps.equal_weights({"d1": ["a", "b", "c"], "d2": ["e"]})
    assert weights == pytest.approx({"a": 1 / 6, "b": 1 / 6, "c": 1 / 6, "e": 0.5})
