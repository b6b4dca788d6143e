"""The talent pages render in Chinese and in English, show only accepted figures, label demo
figures, and let a district officer report only its own district."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from cast import make_cast
from hzdigital.plan.models import TalentProgramme
from hzdigital.plan.services import plan_load
from hzdigital.talent import excel, services
from hzdigital.talent.models import Review, TalentFigure, TalentTarget

STATIONS = {"programme_slug": "postdoc-stations", "metric": "postdoc_stations"}


@pytest.fixture
def world(db):
    plan_load()
    cast = make_cast()
    for year, value, decision in ((2022, 31, "accepted"), (2023, 36, "accepted")):
        services.figure_save(
            by=cast.binjiang_officer, unit=cast.binjiang, year=year, value=value, is_demo=True,
            **STATIONS,
        )  # fmt: skip
        figures = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=year)
        services.figures_review(by=cast.city_officer, figures=figures, decision=decision)
    services.figure_save(by=cast.chunan_officer, unit=cast.chunan, year=2023, value=777, **STATIONS)
    target = TalentTarget(
        division_code="330108", baseline_year=2022, target_year=2025, target_value=60,
        path_kind="linear", source="测试目标", **STATIONS,
    )  # fmt: skip
    target.full_clean()
    target.save()
    return cast


def _english(client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


PAGES = {
    "overview": ("/talent/", None, "专栏12 数字人才引培计划重点方向", "Box 12: key directions"),
    "programme": ("/talent/programmes/postdoc-stations/", None, "年区县分布", "Districts in 2023"),
    "report": ("/talent/report/?year=2023", "binjiang_officer", "人才数据填报", "Talent figures"),
    "review": ("/talent/review/", "city_officer", "人才数据审核", "Review of talent figures"),
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_talent_page_renders_in_both_languages(client, world, page, language) -> None:
    url, member, chinese, english = PAGES[page]
    if member:
        client.force_login(world.by_name(member))
    if language == "en":
        _english(client)
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert (english if language == "en" else chinese) in text
    if language == "en":
        assert chinese not in text


def test_the_overview_names_every_programme_and_links_its_page(client, world) -> None:
    text = client.get("/talent/").content.decode()
    for programme in TalentProgramme.objects.all():
        assert f"/talent/programmes/{programme.slug}/" in text
        assert programme.quote_zh in text


def test_the_programme_page_shows_accepted_figures_only_and_labels_demo_ones(client, world) -> None:
    response = client.get("/talent/programmes/postdoc-stations/?year=2023")
    assert response.context["map_values"] == {"330108": {"postdoc_stations": 36}}
    text = response.content.decode()
    assert 'data-testid="demo-banner"' in text
    assert "777" not in text  # 淳安's draft is not the office's figure yet
    (row,) = [t for t in response.context["targets"]]
    assert row["latest"].year == 2023 and row["latest"].actual.value == 36


def test_an_unknown_programme_is_not_found(client, world) -> None:
    assert client.get("/talent/programmes/no-such-thing/").status_code == 404


def test_the_nav_link_and_the_old_address_lead_to_the_talent_overview(client, world) -> None:
    text = client.get("/").content.decode()
    assert 'href="/talent/"' in text
    assert client.get("/talent/").resolver_match.view_name == "talent:overview"


def test_a_district_officer_saves_and_submits_its_figures_through_the_form(client, world) -> None:
    client.force_login(world.binjiang_officer)
    field = "v__postdoc-doubling__postdocs"
    response = client.post(
        "/talent/report/",
        {"unit": "district-330108", "year": "2024", field: "210", "action": "submit"},
    )
    assert response.status_code == 302
    figure = TalentFigure.objects.get(year=2024, unit=world.binjiang)
    assert (figure.value, figure.review) == (210, Review.SUBMITTED)


def test_a_district_officer_cannot_report_for_another_district_by_changing_the_form(
    client, world
) -> None:
    client.force_login(world.chunan_officer)
    field = "v__postdoc-doubling__postdocs"
    client.post("/talent/report/", {"unit": "district-330108", "year": "2024", field: "5"})
    # The unit not among the officer's own falls back to its own district: 淳安, never 滨江.
    assert not TalentFigure.objects.filter(unit=world.binjiang, year=2024).exists()
    assert TalentFigure.objects.get(year=2024).unit == world.chunan


def test_a_bad_number_in_the_form_is_shown_on_its_field_and_nothing_is_saved(client, world):
    client.force_login(world.binjiang_officer)
    fields = {"v__postdoc-doubling__postdocs": "12", "v__postdoc-stations__postdoc_stations": "x"}
    response = client.post("/talent/report/", {"unit": "district-330108", "year": "2024", **fields})
    assert response.status_code == 400
    assert "须为非负整数" in response.content.decode()
    assert not TalentFigure.objects.filter(year=2024).exists()


@pytest.mark.parametrize("member", ["anonymous", "outsider", "enterprise_user", "auditor"])
def test_only_districts_and_the_office_open_the_reporting_form(client, world, member) -> None:
    user = world.by_name(member)
    if user:
        client.force_login(user)
    response = client.get("/talent/report/")
    assert response.status_code == (302 if member == "anonymous" else 403)


def test_the_office_accepts_a_district_year_on_the_review_page(client, world) -> None:
    services.figures_submit(by=world.chunan_officer, unit=world.chunan, year=2023)
    client.force_login(world.city_officer)
    assert (
        'data-testid="batch-district-330127-2023"' in client.get("/talent/review/").content.decode()
    )
    url = f"/talent/review/{world.chunan.pk}/2023/"
    response = client.post(url, {"decision": "accepted", "reason": ""})
    assert response.status_code == 302
    assert TalentFigure.objects.get(unit=world.chunan).review == Review.ACCEPTED


def test_a_district_officer_cannot_review(client, world) -> None:
    services.figures_submit(by=world.chunan_officer, unit=world.chunan, year=2023)
    client.force_login(world.binjiang_officer)
    url = f"/talent/review/{world.chunan.pk}/2023/"
    assert client.post(url, {"decision": "accepted"}).status_code == 403
    assert TalentFigure.objects.get(unit=world.chunan).review == Review.SUBMITTED


def test_the_admin_lists_talent_figures_with_their_history(client, world) -> None:
    admin = get_user_model().objects.create_superuser("root", "root@example.org", None)
    client.force_login(admin)
    assert "postdoc-stations" in client.get("/admin/talent/talentfigure/").content.decode()
    figure = TalentFigure.objects.filter(unit=world.binjiang).first()
    history = client.get(f"/admin/talent/talentfigure/{figure.pk}/history/")
    assert history.status_code == 200


def test_the_excel_template_goes_out_and_comes_back_through_the_pages(client, world) -> None:
    client.force_login(world.binjiang_officer)
    response = client.get("/talent/report/template.xlsx?year=2024")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    book[excel.SHEET].cell(row=2, column=excel.HEADERS.index("数值 value") + 1, value=64)
    filled = io.BytesIO()
    book.save(filled)
    upload = SimpleUploadedFile("talent.xlsx", filled.getvalue())
    posted = client.post("/talent/report/upload/", {"year": "2024", "workbook": upload})
    assert posted.status_code == 302
    assert TalentFigure.objects.get(year=2024).value == 64


def test_a_bad_workbook_is_refused_on_the_page_with_its_rows_named(client, world) -> None:
    client.force_login(world.binjiang_officer)
    upload = SimpleUploadedFile("talent.xlsx", b"not a workbook")
    response = client.post("/talent/report/upload/", {"year": "2024", "workbook": upload})
    assert response.status_code == 400
    assert 'data-testid="upload-errors"' in response.content.decode()
    assert excel.NOT_A_WORKBOOK.zh in response.content.decode()
    assert not TalentFigure.objects.filter(year=2024).exists()


def test_a_returned_year_shows_the_offices_reason_once_on_the_form(client, world) -> None:
    for metric in ("postdoc-doubling", "postdoc-stations"):
        key = "postdocs" if metric == "postdoc-doubling" else "postdoc_stations"
        services.figure_save(
            by=world.chunan_officer, unit=world.chunan, programme_slug=metric, metric=key,
            year=2024, value=4,
        )  # fmt: skip
    figures = services.figures_submit(by=world.chunan_officer, unit=world.chunan, year=2024)
    services.figures_review(
        by=world.city_officer, figures=figures, decision="returned", reason="请核对口径"
    )
    client.force_login(world.chunan_officer)
    text = client.get("/talent/report/?year=2024").content.decode()
    assert text.count('data-testid="returned"') == 1
    assert "退回了 2 项数据" in text and "请核对口径" in text
