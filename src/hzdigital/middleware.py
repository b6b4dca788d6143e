"""Chinese first: the page language is the visitor's explicit choice, never a guess.

Django's LocaleMiddleware falls back to the browser's Accept-Language, so an English-language
browser would open the platform in English. The plan's users read Chinese first; English is a
switch (the ``set_language`` view stores the choice in the language cookie).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from hzdigital.warehouse.errors import WarehouseBusy
from hzdigital.warehouse.messages import WAREHOUSE_BUSY_WEB

# Seconds a browser or a script is told to wait before asking again (Retry-After).
RETRY_AFTER_SECONDS = 10


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class WarehouseBusyMiddleware:
    """A page whose warehouse is held by another process (an import run from the command line)
    answers 503 with the reason and when to retry, instead of a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if not isinstance(error, WarehouseBusy):
            return None
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        detail = WAREHOUSE_BUSY_WEB.in_language(language, **error.values)
        response = render(
            request,
            "warehouse_busy.html",
            {"detail": detail, "retry_after": RETRY_AFTER_SECONDS},
            status=503,
        )
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
