"""Support pages follow the same access rules as the API; a policy's page names each rule in
words; a rule that cannot be checked is refused when the policy is saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from cast import MEMBERS, make_cast
from hzdigital.support.models import Policy, PolicyPush
from support_world import CHUNAN_USCC, World, make_world


@pytest.fixture
def world(db, hzdigital_home) -> World:
    return make_world(make_cast())


def _client(world: World, member: str) -> Client:
    client = Client()
    user = world.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


CITY_WIDE = {"city_officer", "auditor", "department_officer"}
PAGES = {
    "policy list": ("/support/", set(MEMBERS)),
    "portal": ("/support/portal/", {"enterprise_user"}),
    "applications": ("/support/applications/", CITY_WIDE | {"enterprise_user"}),
    "funds": ("/support/funds/", CITY_WIDE | {"binjiang_officer", "chunan_officer"}),
    "淳安 enterprise": (f"/support/enterprises/{CHUNAN_USCC}/", CITY_WIDE | {"chunan_officer"}),
}


@pytest.mark.parametrize(("name", "member"), [(n, m) for n in PAGES for m in MEMBERS])
def test_each_role_opens_exactly_the_pages_the_table_says(world: World, name, member) -> None:
    url, allowed = PAGES[name]
    response = _client(world, member).get(url)
    if member in allowed:
        assert response.status_code == 200
    elif member == "anonymous" and url != "/support/":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_the_policy_page_lists_matches_only_for_officials(world: World) -> None:
    url = f"/support/policies/{world.policy.code}/"
    public = _client(world, "anonymous").get(url).content.decode()
    assert "营业收入 ≥ 1000 万元" in public and 'data-testid="matched"' not in public
    official = _client(world, "auditor").get(url).content.decode()
    assert "（合成）测试科技" in official and "（合成）淳安数字" in official
    assert "（合成）滨江另一家" not in official  # not eligible: not listed
    assert 'data-testid="push"' not in official  # auditors write nothing


def test_the_issuer_pushes_from_the_policy_page(world: World) -> None:
    client = _client(world, "department_officer")
    response = client.post(f"/support/policies/{world.policy.code}/push/", follow=True)
    assert "已推送给 2 家企业" in response.content.decode()
    assert PolicyPush.objects.count() == 2


def test_the_portal_shows_the_enterprises_own_data_and_no_one_elses(world: World) -> None:
    page = _client(world, "enterprise_user").get("/support/portal/").content.decode()
    assert world.cast.enterprise.uscc in page and "5,000.00 万元" in page
    assert CHUNAN_USCC not in page
    assert "合成演示数据,非真实统计" in page  # warehouse rows of the world are synthetic


def test_a_policy_with_an_uncheckable_rule_is_refused_on_save(world: World) -> None:
    policy = Policy(
        code="bad", title_zh="坏规则", issuer=world.cast.department,
        published_on=date(2024, 1, 1), valid_from=date(2024, 1, 1), text_zh="x",
        conditions=[{"attribute": "employees", "operator": "ge", "value": 10, "unit": "万元"}],
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        policy.full_clean()
    (message,) = caught.value.message_dict["conditions"]
    assert message.startswith("条件 bad[1].unit:")


@pytest.mark.parametrize(("member", "links"), [
    ("enterprise_user", {"/support/portal/", "/support/applications/"}),
    ("binjiang_officer", {"/support/funds/"}),
    ("city_officer", {"/support/applications/", "/support/funds/"}),
    ("anonymous", set()),
])  # fmt: skip
def test_the_support_menu_offers_only_pages_the_role_may_open(world: World, member, links):
    page = _client(world, member).get("/support/").content.decode()
    menu = page[page.index('class="sv-subnav"') :].split("</nav>")[0]
    offered = {url for url in PAGE_URLS if f'href="{url}"' in menu}
    assert offered == links


PAGE_URLS = ("/support/portal/", "/support/applications/", "/support/funds/")
