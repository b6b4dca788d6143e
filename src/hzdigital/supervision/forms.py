"""The forms of the supervision pages: a unit's progress report and 实施方案, the office's
review, work points and tasks with their milestones."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hzdigital.accounts.models import OrgUnit
from hzdigital.plan.models import Measure
from hzdigital.supervision import services
from hzdigital.supervision.attachments import ALLOWED_TYPES, MAX_ATTACHMENTS
from hzdigital.supervision.models import ProgressReport, Task, WorkPoint


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


# ---- the office's and the units' forms ----------------------------------------------------------
# Labels are Chinese msgids (English in src/hzdigital/locale); the rules stay in the models and
# services: a form checks only what an input can be (a date, a number), and the service's
# ValidationError is shown on the field it names (``show_service_errors``).

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEARS = {"min_value": 2021, "max_value": 2035}


def in_page_language(text: str) -> str:
    """One language of a "中文 / English" service message: English on English pages."""
    zh, separator, en = str(text).partition(" / ")
    if not separator:
        return str(text)
    return en if (get_language() or "").lower().startswith("en") else zh


def show_service_errors(
    form: forms.Form, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """A service's ValidationError on the form, on the field it names where the form has it
    (``aliases`` maps a model field to the form field that fills it)."""
    for field, problems in error.message_dict.items():
        field = (aliases or {}).get(field, field)
        # A hidden field has no place to show its error: it goes above the form.
        shown = field in form.fields and not form.fields[field].widget.is_hidden
        target = field if shown else None
        form.add_error(target, [in_page_language(p) for p in problems])


def _measures() -> QuerySet[Measure]:
    return Measure.objects.filter(edition__is_active=True).order_by("order")


def _units() -> QuerySet[OrgUnit]:
    # Tasks are led by departments, districts and the office itself, never by an enterprise.
    kinds = [OrgUnit.Kind.OFFICE, OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.DISTRICT]
    return OrgUnit.objects.filter(kind__in=kinds)


class MeasureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Measure) -> str:
        return f"{obj.ident} {obj.text_zh[:40]}"


class WorkPointForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), **YEARS)
    ident = forms.CharField(label=_("编号"), max_length=12)
    title_zh = forms.CharField(label=_("标题(中文)"), max_length=200)
    title_en = forms.CharField(label=_("标题(英文)"), max_length=300, required=False)
    measure = MeasureChoiceField(
        label=_("规划措施"), queryset=Measure.objects.none(), required=False
    )
    indicator_key = forms.CharField(label=_("指标"), max_length=60, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = _measures()

    @classmethod
    def of(cls, point: WorkPoint) -> WorkPointForm:
        fields = ("year", "ident", "title_zh", "title_en", "measure", "indicator_key")
        return cls(initial={name: getattr(point, name) for name in fields})


class TaskForm(forms.Form):
    title_zh = forms.CharField(label=_("任务名称"), max_length=200)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=OrgUnit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = forms.DateField(label=_("开始日期"), widget=DATE_INPUT)
    deadline = forms.DateField(label=_("截止日期"), widget=DATE_INPUT)
    target_value = forms.DecimalField(
        label=_("目标值"), max_digits=14, decimal_places=2, required=False
    )
    target_unit = forms.CharField(label=_("目标单位"), max_length=20, required=False)
    target_text = forms.CharField(label=_("目标说明"), max_length=300, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = _units()
        self.fields["co_units"].queryset = _units()

    @classmethod
    def of(cls, task: Task) -> TaskForm:
        fields = ("title_zh", "lead_unit", "start", "deadline", "target_value", "target_unit")
        initial = {name: getattr(task, name) for name in (*fields, "target_text")}
        initial["co_units"] = list(task.co_units.all())
        return cls(initial=initial)


class MilestoneForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), **YEARS)
    # A blank first choice: a row left alone must not count as changed (a chosen Q1 would).
    quarter = forms.TypedChoiceField(
        label=_("季度"), coerce=int, choices=[("", "—")] + [(q, f"Q{q}") for q in range(1, 5)]
    )
    text_zh = forms.CharField(label=_("里程碑"), max_length=300)
    target_percent = forms.IntegerField(label=_("应达进度(%)"), min_value=0, max_value=100)

    def spec(self) -> services.MilestoneSpec:
        fields = ("year", "quarter", "text_zh", "target_percent")
        return services.MilestoneSpec(**{name: self.cleaned_data[name] for name in fields})


# Four blank rows, one per quarter of a year; a blank row is no milestone, a ticked 删除 removes one.
MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=4, max_num=12, can_delete=True)


def milestone_initial(task: Task) -> list[dict]:
    fields = ("year", "quarter", "text_zh", "target_percent")
    return [{name: getattr(m, name) for name in fields} for m in task.milestones.all()]


def milestone_specs(formset) -> list[services.MilestoneSpec]:
    """The milestones a valid formset keeps (a blank extra row has empty cleaned_data)."""
    kept = [f for f in formset if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    return [form.spec() for form in kept]


class ImplementationPlanForm(forms.Form):
    title_zh = forms.CharField(label=_("方案名称"), max_length=200)
    summary_zh = forms.CharField(
        label=_("主要内容"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    work_points = forms.ModelMultipleChoiceField(
        label=_("落实的工作要点"),
        queryset=WorkPoint.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, work_points: QuerySet[WorkPoint], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_points"].queryset = work_points
