"""The classify code / classify text / classification load commands and their JSON contract."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from hzdigital.classification import nbs
from hzdigital.classification.messages import RECONSTRUCTION_NOTE, UNKNOWN_INDUSTRY_CODE
from hzdigital.cli import EXIT_BAD_INPUT, app

runner = CliRunner()


@pytest.fixture(autouse=True)
def private_home(hzdigital_home):
    return hzdigital_home


def _run(*args):
    return runner.invoke(app, list(args))


def test_classify_code_prints_the_json_contract():
    result = _run("classify", "code", "6520", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["industry_code"] == "6520"
    assert payload["industry_name"] == "集成电路设计"
    assert payload["edition"] == nbs.SHIPPED_EDITION_NAME
    assert payload["is_reconstruction"] is True
    (category,) = payload["categories"]
    assert {key: category[key] for key in ("code", "name", "major", "core", "partial")} == {
        "code": "030401",
        "name": "集成电路设计",
        "major": "03",
        "core": True,
        "partial": False,
    }
    assert category["confidence"] == "high"
    assert category["evidence"]


def test_classify_code_accepts_a_section_letter():
    result = _run("classify", "code", "I6520", "--json")
    assert json.loads(result.stdout)["industry_code"] == "6520"


def test_classify_code_human_output_shows_the_table_and_the_edition_note():
    result = _run("classify", "code", "7259")
    assert result.exit_code == 0
    assert "040409" in result.output and "数字广告" in result.output
    assert "RECONSTRUCTION" in result.output
    assert RECONSTRUCTION_NOTE.zh[:10] in result.output


@pytest.mark.parametrize("code", ["9999", "I6510", "65-20"])
def test_classify_code_exits_2_with_a_bilingual_message_for_a_bad_code(code):
    result = _run("classify", "code", code, "--json")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stdout == ""
    assert "行业代码" in result.stderr and "industry code" in result.stderr


def test_the_unknown_code_message_is_the_named_constant():
    result = _run("classify", "code", "9999")
    assert UNKNOWN_INDUSTRY_CODE.render(code="9999") in result.stderr


def test_classify_text_lists_only_what_the_text_supports():
    result = _run("classify", "text", "云计算服务；餐饮服务", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [c["industry_code"] for c in payload["candidates"]] == ["6450"]
    assert payload["candidates"][0]["matched"] == ["云计算"]
    (category,) = payload["categories"]
    assert (category["code"], category["major"], category["core"], category["partial"]) == (
        "030306",
        "03",
        True,
        False,
    )
    assert category["score"] == 3


def test_classify_text_of_non_digital_text_gives_empty_lists():
    payload = json.loads(_run("classify", "text", "餐饮服务", "--json").stdout)
    assert payload["candidates"] == [] and payload["categories"] == []


def test_classify_text_human_output_names_matched_terms():
    result = _run("classify", "text", "直播电商")
    assert result.exit_code == 0
    assert "互联网零售" in result.output and "直播电商" in result.output


def test_classification_load_activates_a_valid_file(hzdigital_home, tmp_path):
    copy = shutil.copyfile(nbs.SHIPPED_CSV, tmp_path / "edition.csv")
    result = _run("classification", "load", str(copy), "--name", "测试版", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["edition"] == "测试版"
    assert payload["counts"]["subs"] == 155 and payload["counts"]["rows"] == 174
    assert (hzdigital_home / "classification" / "active.json").exists()
    after = json.loads(_run("classify", "code", "6520", "--json").stdout)
    assert after["edition"] == "测试版"


def test_classification_load_prints_counts_for_people(tmp_path):
    copy = shutil.copyfile(nbs.SHIPPED_CSV, tmp_path / "edition.csv")
    result = _run("classification", "load", str(copy))
    assert result.exit_code == 0
    assert "155" in result.output and "174" in result.output


def test_classification_load_exits_2_on_an_invalid_file(hzdigital_home, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("major_code,major_name\n06,x\n", encoding="utf-8")
    result = _run("classification", "load", str(bad))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "bad.csv" in result.stderr and "missing column" in result.stderr
    assert not (hzdigital_home / "classification" / "active.json").exists()


def test_classification_load_exits_2_on_a_missing_file(tmp_path):
    result = _run("classification", "load", str(tmp_path / "absent.csv"))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "absent.csv" in result.stderr
