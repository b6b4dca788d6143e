"""plan_load: one transaction, idempotent, a new slug makes a new active edition; bad files named."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from hzdigital.plan.checker import PlanFileError
from hzdigital.plan.models import (
    Corridor,
    IndustryCode,
    KeyIndustry,
    Measure,
    PlanEdition,
    PublishedFigure,
    TalentDirection,
    TalentProgramme,
    Target,
    Unit,
)
from hzdigital.plan.planfile import PLAN_FILE, PUBLISHED_CSV, parse_plan
from hzdigital.plan.selectors import active_edition, plan_as_dict
from hzdigital.plan.services import plan_load, published_figures_load

PLAN_MODELS = (
    PlanEdition,
    Unit,
    KeyIndustry,
    IndustryCode,
    Corridor,
    TalentDirection,
    TalentProgramme,
    Measure,
    Target,
    PublishedFigure,
)
SHIPPED = PLAN_FILE.read_text(encoding="utf-8")


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every plan table, primary keys included, minus the load timestamp."""
    return {
        model.__name__: [
            {k: v for k, v in row.items() if k != "loaded_at"}
            for row in model.objects.order_by("pk").values()
        ]
        for model in PLAN_MODELS
    }


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    assert SHIPPED.count(old) == 1, old  # the edit must hit exactly one place
    path = tmp_path / "plan.yaml"
    path.write_text(SHIPPED.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_it_loads_the_whole_plan(hzdigital_home: Path) -> None:
    edition = plan_load()
    assert edition.is_active
    assert edition.units.count() == 13
    assert KeyIndustry.objects.filter(unit__edition=edition).count() == 45
    assert edition.talent_directions.count() == 4
    assert edition.measures.count() == 26
    assert edition.corridors.get(slug="chengxi").units.count() == 3
    assert Target.objects.get(indicator="core_value_added").value == 7000
    with PUBLISHED_CSV.open(encoding="utf-8") as handle:
        assert PublishedFigure.objects.count() == sum(1 for _ in handle) - 1


@pytest.mark.django_db
def test_loading_twice_gives_the_same_rows(hzdigital_home: Path) -> None:
    plan_load()
    first = _snapshot()
    plan_load()
    assert _snapshot() == first


@pytest.mark.django_db
def test_reloading_keeps_edits_out_and_primary_keys_in(hzdigital_home: Path) -> None:
    plan_load()
    unit = Unit.objects.get(code="330108")
    unit.name_en = "edited in the admin"
    unit.save()
    plan_load()
    reloaded = Unit.objects.get(code="330108")
    assert (reloaded.pk, reloaded.name_en) == (unit.pk, "Binjiang District")


@pytest.mark.django_db
def test_a_removed_industry_is_removed_on_reload(hzdigital_home: Path, tmp_path: Path) -> None:
    plan_load()
    path = _variant(tmp_path, "      - {name_zh: 新家居}\n", "")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "重点发展信息软件、大数据、新家居、", "重点发展信息软件、大数据、"
        ),
        encoding="utf-8",
    )
    # The mapping is now unused, which the reader refuses: drop it too.
    text = path.read_text(encoding="utf-8")
    start = text.index("  新家居:\n")
    end = text.index("  直播电商:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    plan_load(path=path)
    assert not KeyIndustry.objects.filter(name_zh="新家居").exists()
    assert KeyIndustry.objects.filter(unit__code="330102").count() == 3


@pytest.mark.django_db
def test_a_new_edition_slug_makes_a_new_active_edition(
    hzdigital_home: Path, tmp_path: Path
) -> None:
    old = plan_load()
    new = plan_load(
        path=_variant(tmp_path, "slug: hz-14fyp-digital-economy", "slug: hz-14fyp-2023-revision")
    )
    old.refresh_from_db()
    assert new.pk != old.pk
    assert (old.is_active, new.is_active) == (False, True)
    assert active_edition() == new
    assert Unit.objects.count() == 26  # the old edition's rows stay, for history
    assert plan_as_dict()["edition"]["slug"] == "hz-14fyp-2023-revision"


@pytest.mark.django_db
def test_published_figures_load_is_idempotent(hzdigital_home: Path) -> None:
    count = published_figures_load()
    pks = list(PublishedFigure.objects.order_by("pk").values_list("pk", flat=True))
    assert published_figures_load() == count == len(pks)
    assert list(PublishedFigure.objects.order_by("pk").values_list("pk", flat=True)) == pks
    binjiang = PublishedFigure.objects.get(
        indicator="core_value_added", division_code="330108", period="2021"
    )
    assert str(binjiang.value) == "1596.20"


BAD_FILES = [
    # (what is changed, replaced by, YAML path named, rule)
    ('  - code: "330105"', "  - code: 330105", "units[1].code", "code_must_be_quoted"),
    ('  - code: "330105"', '  - code: "330103"', "units[1].code", "unit_code_abolished"),
    ('  - code: "330105"', '  - code: "330199"', "units[1].code", "unit_code"),
    (
        '      - {code: "6520", note: "集成电路设计: the class of the same name"}',
        '      - {code: "6529", note: "集成电路设计: the class of the same name"}',
        "industry_mappings.集成电路设计.gbt4754[0].code",
        "gbt4754_class",
    ),
    (
        '      - {code: "030401", note: "集成电路设计 (GB 6520)"}\n\n  电竞数娱',
        '      - {code: "039999", note: "集成电路设计 (GB 6520)"}\n\n  电竞数娱',
        "industry_mappings.集成电路设计.nbs[0].code",
        "nbs_code",
    ),
    ("      - {name_zh: 电竞数娱}", "      - {name_zh: 电子竞技}", "units[1].key_industries[2].name_zh", "not_in_text"),
    ('  - id: "4.3.1"', '  - id: "4.2.99"', "measures[20].id", "measure_id"),
    ("    kind: county_city", "    kind: city", "units[12].kind", "choice"),
    ("    value: 7000\n", "    value: 7500\n", "targets[0].published_row", "published_row"),
    ("    core: true\n    positioning_zh: 重点发展云计算", "    core: yes please\n    positioning_zh: 重点发展云计算", "units[2].core", "type"),
    ("edition:\n  slug:", "edition:\n  colour: red\n  slug:", "edition", "unknown_key"),
    ("industry_mappings:\n  信息软件:", "industry_mappings:\n  信息软件: [", "$", "yaml_syntax"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "path", "rule"), BAD_FILES, ids=[b[3] for b in BAD_FILES])
def test_a_malformed_plan_file_is_refused_naming_path_and_rule(
    old: str, new: str, path: str, rule: str
) -> None:
    assert SHIPPED.count(old) == 1, old
    with pytest.raises(PlanFileError) as caught:
        parse_plan(SHIPPED.replace(old, new), file="edited.yaml")
    issues = {(issue.path, issue.rule) for issue in caught.value.issues}
    assert (path, rule) in issues
    message = str(caught.value)
    assert "edited.yaml" in message and f"{path}: " in message and f"[rule: {rule}]" in message
    assert "错误" in message and "error" in message  # Chinese first, English too


def test_a_yaml_syntax_error_names_its_line() -> None:
    with pytest.raises(PlanFileError) as caught:
        parse_plan("edition:\n  slug: [unclosed\n", file="broken.yaml")
    assert "line 3" in str(caught.value)


@pytest.mark.django_db
def test_a_malformed_file_writes_nothing(hzdigital_home: Path, tmp_path: Path) -> None:
    with pytest.raises(PlanFileError):
        plan_load(path=_variant(tmp_path, '  - code: "330105"', "  - code: 330105"))
    assert PlanEdition.objects.count() == 0 and PublishedFigure.objects.count() == 0


@pytest.mark.django_db
def test_the_load_plan_command_reports_what_it_loaded(
    hzdigital_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("load_plan")
    out = capsys.readouterr().out
    assert "13 个区县" in out and "13 units" in out and "26 measures" in out
