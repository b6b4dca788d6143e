"""The report page (year, language, one button per format) and the download itself.

Thin views: ``access.may_download`` decides who may, ``services.report_file`` builds or reuses
the file, ``content.check_request`` refuses a year or language the report cannot be built for.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import get_language

from hzdigital.accounts.access import require
from hzdigital.reports import access
from hzdigital.reports.content import check_request
from hzdigital.reports.render import FORMATS, MIME_TYPES
from hzdigital.reports.services import report_file
from hzdigital.reports.text import LANGS

FALLBACK_YEARS = (2024, 2023, 2022, 2021)  # the years the published series covers
MSG_BAD_FORMAT = "格式只能是 {choices}:{fmt} / format must be one of {choices}: {fmt}"


def _years() -> list[int]:
    from hzdigital.monitoring.output import warehouse_rows

    if warehouse_rows() == 0:
        return list(FALLBACK_YEARS)
    from hzdigital.dashboard.selectors import years_available

    return years_available() or list(FALLBACK_YEARS)


def report_page(request: HttpRequest) -> HttpResponse:
    years = _years()
    language = "en" if (get_language() or "").startswith("en") else "zh"
    return render(
        request,
        "reports/page.html",
        {
            "years": years,
            "year": years[0],
            "language": language,
            "formats": FORMATS,
            "languages": LANGS,
            "may_download": access.may_download(request.user),
        },
    )


def report_download(request: HttpRequest) -> HttpResponse:
    require(access.may_download(request.user))
    fmt = request.GET.get("format", "pdf")
    lang = request.GET.get("lang", "zh")
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = 0
    if fmt not in FORMATS:
        choices = ", ".join(FORMATS)
        return HttpResponseBadRequest(MSG_BAD_FORMAT.format(choices=choices, fmt=fmt))
    try:
        check_request(year, lang)
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    path = report_file(year, lang, fmt)
    name = f"hzdigital-report-{year}-{lang}.{fmt}"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = MIME_TYPES[fmt]
    return response
