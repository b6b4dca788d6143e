"""The report and review forms of the unit workspace and the office review page."""

from __future__ import annotations

from datetime import date

from django import forms

from hzdigital.supervision import services
from hzdigital.supervision.attachments import ALLOWED_TYPES, MAX_ATTACHMENTS
from hzdigital.supervision.models import ProgressReport


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input; the service checks each one's type and size."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": ",".join(f".{ext}" for ext in ALLOWED_TYPES)
        }))  # fmt: skip
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def recent_periods(today: date, count: int = 4) -> list[tuple[str, str]]:
    """The current quarter and the ones before it, newest first (report periods)."""
    index = today.year * 4 + (today.month - 1) // 3
    periods = [f"{(index - n) // 4}Q{(index - n) % 4 + 1}" for n in range(count)]
    return [(p, p) for p in periods]


class ReportForm(forms.Form):
    period = forms.ChoiceField(label="报告期 period")
    percent = forms.DecimalField(
        label="完成进度(%) progress %", min_value=0, max_value=100, decimal_places=1
    )
    text = forms.CharField(label="进展情况 progress", widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(
        label=f"证明材料(最多 {MAX_ATTACHMENTS} 个) evidence", required=False
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = recent_periods(today)

    def submit(self, *, by, task) -> ProgressReport:
        """Submit the valid form's report through the service (which checks who may)."""
        return services.report_submit(by=by, task=task, **self.cleaned_data)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结论 decision",
        choices=[
            (ProgressReport.Review.ACCEPTED, "采纳 accept"),
            (ProgressReport.Review.RETURNED, "退回 return"),
        ],
    )
    reason = forms.CharField(
        label="退回理由 reason", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
