"""Languages: zh-Hans by default, English by choice, every UI string translated."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.utils.html import escape

from hzdigital.classification.messages import RECONSTRUCTION_NOTE
from hzdigital.plan.models import Unit
from hzdigital.plan.services import plan_load

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "hzdigital"
# The project's catalogue and each app's own (Django finds `<app>/locale` by itself).
PO_FILES = sorted(PACKAGE_DIR.glob("**/locale/en/LC_MESSAGES/django.po"))


@pytest.fixture
def plan(db):
    return plan_load()


def _english(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def _po_entries(po_file: Path) -> list[tuple[str, list[str]]]:
    """(msgid, msgstrs) pairs of an English catalogue, header left out."""

    def unquote(chunk: str) -> str:
        parts = re.findall(r'"((?:[^"\\]|\\.)*)"', chunk)
        return "".join(parts).encode().decode("unicode_escape").encode("latin-1").decode()

    entries = []
    for block in po_file.read_text(encoding="utf-8").split("\n\n"):
        match = re.search(r'^msgid (".*?)(?=^msgid_plural|^msgstr)', block, re.S | re.M)
        if not match:
            continue
        msgid = unquote(match.group(1))
        strs = re.findall(r'^msgstr(?:\[\d\])? (".*?)(?=^msgstr|\Z)', block, re.S | re.M)
        if msgid:
            entries.append((msgid, [unquote(s) for s in strs]))
    return entries


def test_pages_are_in_chinese_by_default(client, plan):
    page = client.get("/").content.decode()
    assert '<html lang="zh-Hans">' in page
    assert "规划地图" in page and "分类查询" in page


def test_switching_to_english_translates_navigation_names_and_notice(client, plan):
    _english(client)
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    for label in ("Plan map", "Districts", "Talent", "Measures", "Classification"):
        assert f">{label}</a>" in page
    assert Unit.objects.get(code="330108").name_en in page
    assert RECONSTRUCTION_NOTE.en in page
    assert "规划地图" not in page


def test_english_unit_pages_show_english_positioning_and_industry_names(client, plan):
    _english(client)
    unit = Unit.objects.get(code="330108")
    page = client.get("/units/330108/").content.decode()
    assert unit.positioning_en and escape(unit.positioning_en) in page
    for industry in unit.key_industries.exclude(name_en=""):
        assert escape(industry.name_en[:1].upper() + industry.name_en[1:]) in page


def test_switching_back_to_chinese_works(client, plan):
    _english(client)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "规划地图" in client.get("/").content.decode()


def test_the_project_and_its_apps_keep_english_catalogues():
    assert PACKAGE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po" in PO_FILES
    assert sum(len(_po_entries(po)) for po in PO_FILES) > 50


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_every_catalogue_string_has_an_english_translation(po_file):
    untranslated = [msgid for msgid, strs in _po_entries(po_file) if not all(strs)]
    assert untranslated == []
    # msgfmt leaves fuzzy entries out, so the page would show the Chinese msgid.
    assert "#, fuzzy" not in po_file.read_text(encoding="utf-8").split("\n\n", 1)[1]


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_the_compiled_catalogue_matches_the_po_file(po_file):
    # A .po edited without recompiling would leave pages in Chinese: `msgfmt` it again.
    with (po_file.with_suffix(".mo")).open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for msgid, strs in _po_entries(po_file):
        if len(strs) == 1:
            assert catalogue.gettext(msgid) == strs[0], msgid


@pytest.mark.django_db
def test_an_english_browser_still_opens_the_platform_in_chinese(client):
    response = client.get("/classification/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert "分类查询" in response.content.decode()
