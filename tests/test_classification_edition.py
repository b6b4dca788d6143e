"""NBS 2021 table editions: validation, activation under HZDIGITAL_HOME, persistence."""

import csv
import hashlib
import io
import json
import shutil

import pytest

from hzdigital.classification import (
    EditionError,
    active_edition,
    classify_code,
    load_edition,
    nbs,
    validate_edition,
)
from hzdigital.classification.nbs_table import COLUMNS, DUPLICATE_PAIR, INCONSISTENT_NAME


def _shipped_rows() -> list[dict[str, str]]:
    with nbs.SHIPPED_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path, rows, columns=COLUMNS, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _broken(tmp_path, line, **changes):
    """The shipped table with the row on ``line`` (header = line 1) changed."""
    rows = _shipped_rows()
    rows[line - 2] = rows[line - 2] | changes
    return _write(tmp_path / "broken.csv", rows)


def _issue(error, field):
    return next(issue for issue in error.issues if issue.field == field)


def test_the_shipped_edition_has_the_documented_counts():
    rows = _shipped_rows()
    counts = nbs.shipped_edition().counts
    assert counts.rows == len(rows) == 174
    assert counts.majors == len({r["major_code"] for r in rows}) == 5
    assert counts.mediums == len({r["medium_code"] for r in rows}) == 32
    assert counts.subs == len({r["sub_code"] for r in rows if r["sub_code"]}) == 155
    assert counts.gaps == 1
    assert counts.gbt4754_codes == len({r["gbt4754_code"] for r in rows if r["gbt4754_code"]})


def test_without_a_loaded_edition_the_shipped_one_is_active(hzdigital_home):
    edition = active_edition()
    assert edition.is_reconstruction is True
    assert edition.sha256 == hashlib.sha256(nbs.SHIPPED_CSV.read_bytes()).hexdigest()


def test_rows_carry_their_confidence_from_the_note():
    by_confidence = {}
    for row in nbs.shipped_edition().rows:
        by_confidence[row.confidence] = by_confidence.get(row.confidence, 0) + 1
    assert by_confidence == {"high": 66, "medium": 60, "low": 47, "none": 1}  # SOURCES.md (e)


def test_loading_a_copy_activates_it_and_records_metadata(hzdigital_home, tmp_path):
    copy = shutil.copyfile(nbs.SHIPPED_CSV, tmp_path / "nbs_copy.csv")
    edition = load_edition(copy, name="copy for test")
    folder = hzdigital_home / "classification"
    assert (folder / "active.csv").read_bytes() == copy.read_bytes()
    meta = json.loads((folder / "active.json").read_text(encoding="utf-8"))
    assert meta["edition"] == "copy for test"
    assert meta["source_file"] == "nbs_copy.csv"
    assert meta["sha256"] == hashlib.sha256(copy.read_bytes()).hexdigest()
    assert meta["is_reconstruction"] is True
    assert meta["counts"] == {
        "majors": 5,
        "mediums": 32,
        "subs": 155,
        "rows": 174,
        "gaps": 1,
        "gbt4754_codes": 126,
    }
    assert meta["loaded_at"] == edition.loaded_at


def test_the_active_edition_persists_under_hzdigital_home(hzdigital_home, tmp_path, monkeypatch):
    rows = _shipped_rows()
    for row in rows:
        row["evidence"] = "source: test fixture"
    load_edition(_write(tmp_path / "official.csv", rows), name="official test table")
    assert active_edition().name == "official test table"
    assert classify_code("6520").edition == "official test table"
    assert classify_code("6520").is_reconstruction is False

    other_home = tmp_path / "other-home"
    other_home.mkdir()
    monkeypatch.setenv("HZDIGITAL_HOME", str(other_home))
    assert active_edition().name == nbs.SHIPPED_EDITION_NAME

    monkeypatch.setenv("HZDIGITAL_HOME", str(hzdigital_home))
    assert active_edition().name == "official test table"


def test_a_changed_active_file_is_refused(hzdigital_home, tmp_path):
    load_edition(shutil.copyfile(nbs.SHIPPED_CSV, tmp_path / "copy.csv"))
    active = hzdigital_home / "classification" / "active.csv"
    active.write_text(active.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(EditionError) as raised:
        active_edition()
    assert "sha256" in str(raised.value)


def test_an_edition_in_gb18030_is_read(tmp_path):
    path = _write(tmp_path / "gbk.csv", _shipped_rows(), encoding="gb18030")
    assert validate_edition(path).counts.rows == 174


def test_it_rejects_a_gb_code_that_is_not_a_class(tmp_path):
    with pytest.raises(EditionError) as raised:
        validate_edition(_broken(tmp_path, 3, gbt4754_code="9999"))
    issue = _issue(raised.value, "gbt4754_code")
    assert (issue.file, issue.line) == ("broken.csv", 3)
    assert "9999" in issue.zh and "9999" in issue.en
    assert "broken.csv" in str(raised.value) and "row 3" in str(raised.value)


def test_it_rejects_a_gb_group_code_in_place_of_a_class(tmp_path):
    with pytest.raises(EditionError) as raised:
        validate_edition(_broken(tmp_path, 3, gbt4754_code="391"))
    assert _issue(raised.value, "gbt4754_code").line == 3


def test_it_rejects_a_sub_category_outside_its_medium(tmp_path):
    with pytest.raises(EditionError) as raised:
        validate_edition(_broken(tmp_path, 4, sub_code="010201"))
    issue = _issue(raised.value, "sub_code")
    assert issue.line == 4
    assert "0101" in issue.en


def test_it_rejects_a_medium_outside_its_major(tmp_path):
    with pytest.raises(EditionError) as raised:
        validate_edition(_broken(tmp_path, 2, medium_code="0201"))
    assert _issue(raised.value, "medium_code").line == 2


def test_it_rejects_a_major_outside_01_to_05(tmp_path):
    with pytest.raises(EditionError) as raised:
        validate_edition(_broken(tmp_path, 2, major_code="06"))
    assert _issue(raised.value, "major_code").line == 2
    assert "01–05" in str(raised.value)


def test_it_rejects_a_missing_column(tmp_path):
    path = _write(tmp_path / "short.csv", _shipped_rows(), columns=COLUMNS[:-1])
    with pytest.raises(EditionError) as raised:
        validate_edition(path)
    (issue,) = raised.value.issues
    assert issue.line is None
    assert "note" in issue.en and "short.csv" in issue.en


def test_it_rejects_two_names_for_one_code(tmp_path):
    with pytest.raises(EditionError) as raised:
        validate_edition(_broken(tmp_path, 3, medium_name="别的名字"))
    issue = _issue(raised.value, "medium_name")
    assert issue.message is INCONSISTENT_NAME
    assert issue.line == 3


def test_it_rejects_a_repeated_pair(tmp_path):
    rows = _shipped_rows()
    rows.append(dict(rows[0]))
    with pytest.raises(EditionError) as raised:
        validate_edition(_write(tmp_path / "twice.csv", rows))
    issue = _issue(raised.value, "gbt4754_code")
    assert issue.message is DUPLICATE_PAIR
    assert issue.line == len(rows) + 1


def test_it_rejects_a_bad_partial_flag(tmp_path):
    with pytest.raises(EditionError) as raised:
        validate_edition(_broken(tmp_path, 2, partial="*"))
    assert _issue(raised.value, "partial").line == 2


def test_it_rejects_an_empty_file(tmp_path):
    with pytest.raises(EditionError):
        validate_edition(_write(tmp_path / "empty.csv", []))


def test_it_lists_every_problem_not_only_the_first(tmp_path):
    rows = _shipped_rows()
    rows[0]["gbt4754_code"] = "9999"
    rows[5]["major_code"] = "07"
    with pytest.raises(EditionError) as raised:
        validate_edition(_write(tmp_path / "two.csv", rows))
    lines = {issue.line for issue in raised.value.issues}
    assert {2, 7} <= lines


def test_a_rejected_file_leaves_the_active_edition_alone(hzdigital_home, tmp_path):
    with pytest.raises(EditionError):
        load_edition(_broken(tmp_path, 2, major_code="06"))
    assert not (hzdigital_home / "classification" / "active.json").exists()
    assert active_edition().name == nbs.SHIPPED_EDITION_NAME
