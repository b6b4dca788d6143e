"""The talent app's accepted figures feed the 数字人才 dimension: talent introduced per 10 000
enterprise employees, checked against sums taken straight from the database and warehouse."""

from __future__ import annotations

import duckdb
import pytest
from django.contrib.auth import get_user_model

from hzdigital.accounts.models import OrgUnit
from hzdigital.demo.generate import generate_records, write_records
from hzdigital.index import selectors
from hzdigital.lib.divisions import county_divisions
from hzdigital.monitoring.editions import LIVE
from hzdigital.talent.models import Review, TalentFigure
from hzdigital.warehouse.ingest import ingest_file

pytestmark = pytest.mark.django_db
YEAR = 2022
RUNS = 40
KEY = "talent_introduced_per_10k_employees"


@pytest.fixture(scope="module")
def real_home(tmp_path_factory):
    """A warehouse of rows imported as real (not synthetic), so only talent can make it demo."""
    home = tmp_path_factory.mktemp("index-talent-home")
    source = home / "enterprises.csv"
    write_records(generate_records(500, seed=5, years=(YEAR,)), source, sidecar=False)
    ingest_file(source, home=home, synthetic=False)
    return home


@pytest.fixture
def home(real_home, monkeypatch):
    monkeypatch.setenv("HZDIGITAL_HOME", str(real_home))
    return real_home


def employees_by_district(home) -> dict[str, float]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT division_code, sum(employees) FROM enterprise_year WHERE year = ? GROUP BY 1",
            [YEAR],
        ).fetchall()
    return {code: float(total) for code, total in rows}


def add_figures(values: dict[str, int], *, demo: bool = False, review=Review.ACCEPTED) -> None:
    user = get_user_model().objects.get_or_create(username="talent-test")[0]
    for n, (code, value) in enumerate(values.items()):
        unit = OrgUnit.objects.get_or_create(
            division_code=code,
            kind=OrgUnit.Kind.DISTRICT,
            defaults={"slug": f"test-district-{code}", "name_zh": code},
        )[0]
        for programme in ("talent-attraction-schemes", "academician-bases"):
            TalentFigure.objects.update_or_create(
                unit=unit,
                programme_slug=programme,
                metric="people_introduced",
                year=YEAR,
                defaults={
                    "value": value + n,
                    "review": review,
                    "is_demo": demo,
                    "entered_by": user,
                },
            )


def codes() -> list[str]:
    return [d.code for d in county_divisions()]


def test_accepted_figures_per_10k_employees_enter_the_talent_dimension(home):
    add_figures({code: 20 + 3 * n for n, code in enumerate(codes())})
    report = selectors.report(YEAR, LIVE, runs=RUNS)
    employees = employees_by_district(home)
    for n, code in enumerate(codes()):
        introduced = 2 * (20 + 3 * n + n)  # two programmes report the metric
        expected = introduced / employees[code] * 10_000
        assert report.result.raw.loc[code, KEY] == pytest.approx(expected, rel=1e-9)
    assert KEY in report.result.used
    assert report.indicator_sources[KEY][0].startswith("talent:people_introduced: ")
    assert report.synthetic is False and report.demo_inputs == []


def test_figures_not_yet_accepted_do_not_count(home):
    add_figures({code: 50 for code in codes()}, review=Review.SUBMITTED)
    report = selectors.report(YEAR, LIVE, runs=RUNS)
    assert report.result.raw[KEY].isna().all()
    assert KEY not in report.result.used


def test_without_figures_for_the_year_the_indicator_is_left_out_with_a_note(home):
    report = selectors.report(YEAR, LIVE, runs=RUNS)
    assert KEY not in report.result.used and report.dropped[KEY] == 0
    assert any("accepted talent figure" in note for note in report.notes_in("en"))
    assert any("人才系统" in note for note in report.notes_in("zh"))


def test_demo_talent_figures_make_the_index_say_demo(home):
    add_figures({code: 30 for code in codes()}, demo=True)
    report = selectors.report(YEAR, LIVE, runs=RUNS)
    assert report.demo_inputs == [KEY]
    assert report.synthetic is True and report.to_dict()["synthetic"] is True
    assert any("demo" in note for note in report.notes_in("en"))
    assert "talent" in report.to_dict()["note"] and report.synthetic_records is False
