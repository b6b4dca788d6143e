"""The forms of the project pages: investment, blockers, factor requests and decisions, quotas.

A form checks only what an input can be (a number, a year, one of the factors); the rules
(within the request, within the district's quota, one stage at a time) stay in ``services``,
whose errors ``supervision.forms.show_service_errors`` puts on the field they concern.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from hzdigital.lib.divisions import county_divisions
from hzdigital.projects.models import Factor

YEARS = {"min_value": 2021, "max_value": 2035}


class _OnePageForm(forms.Form):
    """Several forms share the project page: each gets its own element ids (``auto_id``), so
    a label never points at another form's field."""

    id_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}


def _factor_choices() -> list[tuple[str, str]]:
    return [(factor.value, factor.label) for factor in Factor]


class InvestmentForm(_OnePageForm):
    """Planned and completed investment of one year (a second entry for a year replaces it)."""

    id_prefix = "investment"
    year = forms.IntegerField(label=_("年度"), **YEARS)
    planned_wan_yuan = forms.DecimalField(label=_("计划投资(万元)"), **AMOUNT)
    completed_wan_yuan = forms.DecimalField(label=_("完成投资(万元)"), **AMOUNT)


class BlockerForm(_OnePageForm):
    id_prefix = "blocker"
    text_zh = forms.CharField(label=_("问题"), max_length=300)


class FactorRequestForm(_OnePageForm):
    id_prefix = "request"
    year = forms.IntegerField(label=_("年度"), **YEARS)
    factor = forms.ChoiceField(label=_("要素"), choices=_factor_choices)
    requested = forms.DecimalField(label=_("申请量"), **AMOUNT)


class FactorDecisionForm(forms.Form):
    """The city office's decision: approve an amount, or deny (an approval of nothing)."""

    approved = forms.DecimalField(label=_("批准量"), required=False, **AMOUNT)
    decision = forms.ChoiceField(
        choices=[("approve", _("批准")), ("deny", _("不批准"))], widget=forms.HiddenInput
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "approve" and cleaned.get("approved") is None:
            self.add_error("approved", _("批准时请填写批准量。"))
        return cleaned

    @property
    def amount(self) -> Decimal:
        if self.cleaned_data["decision"] == "deny":
            return Decimal("0")
        return self.cleaned_data["approved"]


class QuotaForm(forms.Form):
    district_code = forms.ChoiceField(label=_("区县"))
    year = forms.IntegerField(label=_("年度"), **YEARS)
    factor = forms.ChoiceField(label=_("要素"), choices=_factor_choices)
    amount = forms.DecimalField(label=_("指标"), **AMOUNT)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district_code"].choices = [(d.code, d.name) for d in county_divisions()]
