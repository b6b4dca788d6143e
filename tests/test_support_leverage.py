"""Leverage (杠杆撬动) = social capital drawn ÷ fiscal money invested, on a hand-checked fund:
fiscal 1000 + 500 + 0 = 1500 万元, social 3000 + 1000 + 200 = 4200 万元, leverage 2.8."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from cast import make_cast
from hzdigital.support.leverage import leverage
from support_world import World, make_world


@pytest.fixture
def world(db, hzdigital_home) -> World:
    return make_world(make_cast())


def test_a_funds_leverage_is_social_capital_per_yuan_of_fiscal_money(world: World) -> None:
    assert world.fund.fiscal_invested_wan_yuan == Decimal("1500")
    assert world.fund.social_drawn_wan_yuan == Decimal("4200")
    assert world.fund.leverage == Decimal("2.8")


def test_leverage_is_undefined_without_fiscal_money() -> None:
    assert leverage([(Decimal("0"), Decimal("200"))]) is None
    assert leverage([]) is None


def test_the_api_reports_the_same_hand_checked_figures(world: World) -> None:
    client = Client()
    client.force_login(world.cast.city_officer)
    body = client.get("/api/support/funds").json()
    (fund,) = body["funds"]
    assert (fund["fiscal_wan_yuan"], fund["social_wan_yuan"]) == (1500.0, 4200.0)
    assert fund["leverage"] == pytest.approx(2.8, abs=1e-12)
    assert body["leverage"] == pytest.approx(2.8, abs=1e-12)


def test_the_funds_page_shows_the_leverage_to_two_decimals(world: World) -> None:
    client = Client()
    client.force_login(world.cast.auditor)
    page = client.get("/support/funds/").content.decode()
    assert f'data-testid="leverage-{world.fund.pk}">2.80<' in page
