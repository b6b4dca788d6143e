"""Districts report talent figures; the office accepts them or returns them with a reason;
each district officer writes only its own district's figures."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cast import make_cast
from hzdigital.supervision.models import RETURN_NEEDS_REASON
from hzdigital.supervision.services import NOT_AWAITING_REVIEW
from hzdigital.talent import access, services
from hzdigital.talent.models import Review, TalentFigure

FIGURE = {"programme_slug": "postdoc-stations", "metric": "postdoc_stations", "year": 2023}


@pytest.fixture
def cast(db):
    return make_cast()


def _draft(cast, value: int = 12, unit=None, by=None):
    unit = unit or cast.binjiang
    by = by or cast.binjiang_officer
    return services.figure_save(by=by, unit=unit, value=value, **FIGURE)


def test_a_submitted_figure_is_accepted_by_the_office(cast) -> None:
    _draft(cast)
    (figure,) = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    assert figure.review == Review.SUBMITTED
    services.figures_review(by=cast.city_officer, figures=[figure], decision=Review.ACCEPTED)
    figure.refresh_from_db()
    assert figure.review == Review.ACCEPTED
    assert figure.reviewed_by == cast.city_officer


def test_a_returned_figure_carries_the_reason_and_can_be_corrected_and_resubmitted(cast) -> None:
    _draft(cast)
    figures = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    services.figures_review(
        by=cast.city_officer, figures=figures, decision=Review.RETURNED, reason="请核对口径"
    )
    figure = TalentFigure.objects.get()
    assert (figure.review, figure.return_reason) == (Review.RETURNED, "请核对口径")
    _draft(cast, value=11)
    (again,) = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    assert (again.value, again.review) == (11, Review.SUBMITTED)


def test_returning_without_a_reason_is_refused(cast) -> None:
    _draft(cast)
    figures = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    with pytest.raises(ValidationError) as refused:
        services.figures_review(by=cast.city_officer, figures=figures, decision=Review.RETURNED)
    assert RETURN_NEEDS_REASON in refused.value.messages


def test_a_figure_is_reviewed_only_once(cast) -> None:
    _draft(cast)
    figures = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    services.figures_review(by=cast.city_officer, figures=figures, decision=Review.ACCEPTED)
    with pytest.raises(ValidationError) as refused:
        services.figures_review(by=cast.city_officer, figures=figures, decision=Review.ACCEPTED)
    assert NOT_AWAITING_REVIEW in refused.value.messages


def test_an_accepted_figure_cannot_be_changed_by_the_district(cast) -> None:
    _draft(cast)
    figures = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    services.figures_review(by=cast.city_officer, figures=figures, decision=Review.ACCEPTED)
    with pytest.raises(ValidationError):
        _draft(cast, value=99)
    assert TalentFigure.objects.get().value == 12


def test_every_change_is_in_the_history_with_its_author(cast) -> None:
    _draft(cast)
    figures = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    services.figures_review(by=cast.city_officer, figures=figures, decision=Review.ACCEPTED)
    history = TalentFigure.objects.get().history.order_by("history_date")
    assert [(h.review, h.history_user) for h in history] == [
        (Review.DRAFT, cast.binjiang_officer),
        (Review.SUBMITTED, cast.binjiang_officer),
        (Review.ACCEPTED, cast.city_officer),
    ]


def test_a_district_officer_cannot_write_another_districts_figures(cast) -> None:
    with pytest.raises(PermissionDenied):
        _draft(cast, unit=cast.chunan, by=cast.binjiang_officer)
    assert not TalentFigure.objects.exists()


@pytest.mark.parametrize("member", ["department_officer", "enterprise_user", "auditor", "outsider"])
def test_members_outside_the_districts_and_the_office_write_no_figures(cast, member) -> None:
    with pytest.raises(PermissionDenied):
        _draft(cast, by=cast.by_name(member))


def test_the_city_office_may_enter_figures_for_any_district(cast) -> None:
    saved = _draft(cast, unit=cast.chunan, by=cast.city_officer)
    assert saved.figure.unit == cast.chunan


@pytest.mark.parametrize("member", ["binjiang_officer", "department_officer", "auditor"])
def test_only_the_office_reviews(cast, member) -> None:
    _draft(cast)
    figures = services.figures_submit(by=cast.binjiang_officer, unit=cast.binjiang, year=2023)
    with pytest.raises(PermissionDenied):
        services.figures_review(by=cast.by_name(member), figures=figures, decision="accepted")
    assert TalentFigure.objects.get().review == Review.SUBMITTED


def test_drafts_are_seen_by_their_district_and_the_office_but_not_by_others(cast) -> None:
    _draft(cast)
    seen = {m: access.figures_visible_to(cast.by_name(m)).exists() for m in (
        "binjiang_officer", "city_officer", "auditor", "chunan_officer", "outsider",
    )}  # fmt: skip
    assert seen == {
        "binjiang_officer": True,
        "city_officer": True,
        "auditor": True,
        "chunan_officer": False,
        "outsider": False,
    }


def test_saving_the_same_value_twice_changes_nothing(cast) -> None:
    assert _draft(cast).changed is True
    assert _draft(cast).changed is False
    assert TalentFigure.objects.get().history.count() == 1
