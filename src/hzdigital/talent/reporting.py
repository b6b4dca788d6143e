"""The district reporting form, its Excel template in and out, and the office's review.

A district officer fills in its district's figures for a year (saved as drafts) and submits
them; the city office reviews each district-year batch, accepting it or returning it with a
reason (supervision's ``ReviewForm``). Access helpers decide, services write.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from hzdigital.accounts.access import require, role_of
from hzdigital.accounts.models import OrgUnit
from hzdigital.lib.messages import Message
from hzdigital.plan.templatetags.hzweb import is_english
from hzdigital.supervision.forms import ReviewForm
from hzdigital.talent import access, excel, selectors, services
from hzdigital.talent.metrics import FIRST_YEAR, LAST_YEAR, METRICS, metric_pairs
from hzdigital.talent.models import Review, TalentFigure

member_required = login_required(login_url=reverse_lazy("accounts:login"))

SAVED = Message("已保存草稿({count} 项有变化)。", "Drafts saved ({count} changed).")
SUBMITTED = Message(
    "已提交 {count} 项数据,等待市领导小组办公室审核。",
    "{count} figures submitted for the office's review.",
)
IMPORTED = Message(
    "已导入:{changed} 项新增或修改,{unchanged} 项未变。",
    "Imported: {changed} created or changed, {unchanged} unchanged.",
)
ACCEPTED = Message("已采纳 {count} 项数据。", "{count} figures accepted.")
RETURNED = Message("已退回 {count} 项数据。", "{count} figures returned.")
BAD_NUMBER = Message("须为非负整数", "must be a whole number ≥ 0")
DEFAULT_YEAR = LAST_YEAR - 1  # the last full year before the plan's target year


def _unit_and_year(request: HttpRequest, source: Any) -> tuple[OrgUnit, int, list[OrgUnit]]:
    units = list(access.reporting_units_for(request.user))
    require(bool(units))
    wanted = source.get("unit")
    unit = next((u for u in units if u.slug == wanted), units[0])
    try:
        year = int(source.get("year", DEFAULT_YEAR))
    except ValueError:
        year = DEFAULT_YEAR
    return unit, min(max(year, FIRST_YEAR), LAST_YEAR), units


def _unit_name(unit: OrgUnit) -> str:
    return unit.name_en if is_english() and unit.name_en else unit.name_zh


def _returned(unit: OrgUnit, year: int) -> list[dict[str, Any]]:
    """The office's reasons for returning the year's figures, each once with its count."""
    figures = TalentFigure.objects.filter(unit=unit, year=year, review=Review.RETURNED)
    counts = figures.values("return_reason").annotate(figures=Count("pk"))
    return [{"reason": row["return_reason"], "count": row["figures"]} for row in counts]


def _field(slug: str, metric: str) -> str:
    return f"v__{slug}__{metric}"


def _form_rows(unit: OrgUnit, year: int, posted: Any, errors: dict[str, str]) -> list[dict]:
    programmes = selectors.programmes_if_loaded()
    existing = {
        (f.programme_slug, f.metric): f for f in TalentFigure.objects.filter(unit=unit, year=year)
    }
    rows = []
    for slug, metric in metric_pairs():
        figure = existing.get((slug, metric))
        name = _field(slug, metric)
        shown = posted.get(name) if posted is not None else (figure.value if figure else "")
        rows.append({
            "field": name, "programme": programmes.get(slug, {"name_zh": slug}),
            "metric": METRICS[metric].as_dict(), "figure": figure,
            "value": "" if shown is None else shown, "error": errors.get(name, ""),
            "editable": figure is None or figure.review in services.EDITABLE,
        })  # fmt: skip
    return rows


def _save_posted(request: HttpRequest, unit: OrgUnit, year: int) -> tuple[int, dict[str, str]]:
    """Save every filled editable field as a draft, all or nothing."""
    errors: dict[str, str] = {}
    wanted = []
    for slug, metric in metric_pairs():
        raw = request.POST.get(_field(slug, metric), "").strip()
        if raw == "":
            continue
        if not raw.isdigit():
            errors[_field(slug, metric)] = BAD_NUMBER.render()
            continue
        wanted.append((slug, metric, int(raw)))
    if errors:
        return 0, errors
    changed = 0
    with transaction.atomic():
        for slug, metric, value in wanted:
            try:
                result = services.figure_save(
                    by=request.user, unit=unit, programme_slug=slug, metric=metric,
                    year=year, value=value,
                )  # fmt: skip
            except ValidationError as error:
                errors[_field(slug, metric)] = " ".join(error.messages)
                transaction.set_rollback(True)
                return 0, errors
            changed += result.changed
    return changed, errors


@member_required
def report(request: HttpRequest) -> HttpResponse:
    """A district's figures of a year: fill in, save as drafts, submit for review."""
    source = request.POST if request.method == "POST" else request.GET
    unit, year, units = _unit_and_year(request, source)
    errors: dict[str, str] = {}
    upload_errors: list[excel.RowError] = []
    if request.method == "POST":
        changed, errors = _save_posted(request, unit, year)
        if not errors and request.POST.get("action") == "submit":
            try:
                submitted = services.figures_submit(by=request.user, unit=unit, year=year)
            except ValidationError as error:
                errors["__all__"] = " ".join(error.messages)
            else:
                messages.success(request, SUBMITTED.render(count=len(submitted)))
        elif not errors:
            messages.success(request, SAVED.render(count=changed))
        if not errors:
            return redirect(f"{reverse('talent:report')}?unit={unit.slug}&year={year}")
    context = {
        "unit": unit,
        "units": units,
        "year": year,
        "years": range(FIRST_YEAR, LAST_YEAR + 1),
        "rows": _form_rows(unit, year, request.POST if errors else None, errors),
        "form_error": errors.get("__all__", ""),
        "upload_errors": upload_errors,
        "returned": _returned(unit, year),
        "unit_name": _unit_name(unit),
    }
    return render(request, "talent/report.html", context, status=400 if errors else 200)


@member_required
def report_excel(request: HttpRequest) -> HttpResponse:
    """The year's Excel template for every district the user reports for, prefilled."""
    _, year, _ = _unit_and_year(request, request.GET)
    body = excel.write_template(by=request.user, year=year)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="talent-figures-{year}.xlsx"'
    return response


@member_required
@require_POST
def report_upload(request: HttpRequest) -> HttpResponse:
    unit, year, units = _unit_and_year(request, request.POST)
    upload = request.FILES.get("workbook")
    result = excel.import_figures(by=request.user, upload=upload) if upload else None
    if result is not None and not result.errors:
        messages.success(
            request, IMPORTED.render(changed=result.changed, unchanged=result.unchanged)
        )
        return redirect(f"{reverse('talent:report')}?unit={unit.slug}&year={year}")
    context = {
        "unit": unit,
        "units": units,
        "year": year,
        "years": range(FIRST_YEAR, LAST_YEAR + 1),
        "rows": _form_rows(unit, year, None, {}),
        "upload_errors": result.errors
        if result
        else [excel.RowError("-", 0, "-", excel.NOT_A_WORKBOOK)],
        "returned": [],
        "unit_name": _unit_name(unit),
    }
    return render(request, "talent/report.html", context, status=400)


def _batches() -> list[dict[str, Any]]:
    pending = TalentFigure.objects.filter(review=Review.SUBMITTED).select_related("unit")
    grouped: dict[tuple[int, int], list[TalentFigure]] = defaultdict(list)
    for figure in pending.order_by("submitted_at", "pk"):
        grouped[(figure.unit_id, figure.year)].append(figure)
    programmes = selectors.programmes_if_loaded()
    return [
        {
            "unit": figures[0].unit,
            "year": year,
            "figures": [
                {
                    "figure": f,
                    "programme": programmes.get(f.programme_slug, {"name_zh": f.programme_slug}),
                    "metric": f.spec.as_dict(),
                }
                for f in figures
            ],  # fmt: skip
        }
        for (_, year), figures in grouped.items()
    ]


@member_required
def review(request: HttpRequest) -> HttpResponse:
    """District-year batches awaiting the office's review, oldest first."""
    role = role_of(request.user)
    require(role.sees_all_units)
    return render(
        request,
        "talent/review.html",
        {"batches": _batches(), "can_review": role.reviews_reports, "form": ReviewForm()},
    )


@member_required
@require_POST
def review_batch(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    require(access.may_review(request.user))
    unit = get_object_or_404(OrgUnit, pk=unit_id)
    form = ReviewForm(request.POST)
    figures = list(TalentFigure.objects.filter(unit=unit, year=year, review=Review.SUBMITTED))
    problem = ""
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            done = services.figures_review(
                by=request.user, figures=figures, decision=decision,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            words = ACCEPTED if decision == Review.ACCEPTED else RETURNED
            messages.success(request, words.render(count=len(done)))
            return redirect("talent:review")
    else:
        problem = " ".join(e for errors in form.errors.values() for e in errors)
    context = {"batches": _batches(), "can_review": True, "form": form, "problem": problem}
    return render(request, "talent/review.html", context, status=400)
