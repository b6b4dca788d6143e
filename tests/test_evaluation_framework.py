"""The framework file: the shipped one loads; a broken one names file, YAML path and rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hzdigital.evaluation.framework import FRAMEWORK_YAML, FrameworkError, load_framework


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def shipped() -> dict:
    return yaml.safe_load(FRAMEWORK_YAML.read_text(encoding="utf-8"))


def test_the_shipped_framework_loads_with_its_edition_and_changelog() -> None:
    framework = load_framework()
    assert framework.edition == shipped()["edition"]
    assert framework.changelog[0]["edition"] == framework.edition
    assert [d.name_zh for d in framework.dimensions] == [
        "数字产业化",
        "产业数字化",
        "数字创新",
        "数字人才",
    ]


def test_manual_weights_multiply_dimension_and_indicator_shares() -> None:
    framework = load_framework()
    weights = framework.manual_weights()
    assert sum(weights.values()) == pytest.approx(1.0)
    # four equal dimensions; 数字产业化 has three equal indicators
    assert weights["core_va_per_km2"] == pytest.approx(1 / 4 / 3)
    assert weights["core_rd_intensity"] == pytest.approx(1 / 4 / 2)


def test_the_infrastructure_dimension_is_listed_as_excluded_with_its_reason() -> None:
    excluded = load_framework().excluded
    assert any(e.dimension == "数字基础设施" and "5G" in e.name_zh for e in excluded)


def test_an_unknown_measure_is_named_with_its_yaml_path(tmp_path) -> None:
    data = shipped()
    data["dimensions"][1]["indicators"][0]["source"] = "cube:core.profit"
    with pytest.raises(FrameworkError) as caught:
        load_framework(write(tmp_path, data))
    (issue,) = caught.value.issues
    assert issue.file == "framework.yaml"
    assert issue.yaml_path == "dimensions[1].indicators[0].source"
    assert "profit" in issue.en and "measure" in issue.en


def test_every_problem_is_reported_at_once(tmp_path) -> None:
    data = shipped()
    data["dimensions"][0]["weight"] = 0
    data["dimensions"][2]["indicators"][1]["direction"] = "up"
    data["dimensions"][3]["indicators"][0]["denominator"] = "per_capita"
    with pytest.raises(FrameworkError) as caught:
        load_framework(write(tmp_path, data))
    assert [i.yaml_path for i in caught.value.issues] == [
        "dimensions[0].weight",
        "dimensions[2].indicators[1].direction",
        "dimensions[3].indicators[0].denominator",
    ]


def test_a_key_used_twice_is_refused(tmp_path) -> None:
    data = shipped()
    data["dimensions"][1]["indicators"][0]["key"] = "core_va_per_km2"
    with pytest.raises(FrameworkError, match="core_va_per_km2"):
        load_framework(write(tmp_path, data))


def test_a_framework_without_changelog_is_refused(tmp_path) -> None:
    data = shipped()
    del data["changelog"]
    with pytest.raises(FrameworkError, match=r"\$\.changelog"):
        load_framework(write(tmp_path, data))


def test_a_missing_file_is_named(tmp_path) -> None:
    with pytest.raises(FrameworkError, match="nothing.yaml"):
        load_framework(tmp_path / "nothing.yaml")


def test_the_method_section_sets_the_reference_run(tmp_path) -> None:
    data = shipped()
    data["method"] = {"weighting": "pca", "aggregation": "geometric"}
    framework = load_framework(write(tmp_path, data))
    assert framework.method["weighting"] == "pca"
    assert framework.method["aggregation"] == "geometric"
    assert framework.method["imputation"] == "mean"  # the default where the file is silent


def test_an_unknown_method_choice_lists_the_options(tmp_path) -> None:
    data = shipped()
    data["method"] = {"normalisation": "softmax"}
    with pytest.raises(FrameworkError) as caught:
        load_framework(write(tmp_path, data))
    (issue,) = caught.value.issues
    assert issue.yaml_path == "method.normalisation"
    assert "minmax" in issue.en and "rank" in issue.en


def test_a_target_must_be_a_number(tmp_path) -> None:
    data = shipped()
    data["dimensions"][0]["indicators"][0]["target"] = "high"
    with pytest.raises(FrameworkError, match=r"indicators\[0\]\.target"):
        load_framework(write(tmp_path, data))
