"""Which figures the monitoring pages show: a published edition's frozen ones, or live ones.

A visitor may name an edition with ``?edition=E2`` (kept in the session, so drill-down links
stay on it), ask for the warehouse's current state with ``?edition=live``, or go back to the
default with ``?edition=latest``. The default is the latest published edition when there is
one, else live figures; the page banner says which.

The pages' selectors read ``snapshot()`` from here: for an edition it is an
:class:`EditionSnapshot` with the same interface as the live ``snapshot.Snapshot`` (years,
sources, cube, core_by_sub), built from the edition's frozen tables and kept in memory, since
an edition never changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from django.http import HttpRequest, HttpResponse

from hzdigital.dashboard import snapshot as live
from hzdigital.dashboard.snapshot import Source
from hzdigital.monitoring import editions
from hzdigital.warehouse import store

SESSION_KEY = "hzdigital_edition"
LATEST = "latest"  # back to the default: the latest published edition, else live

_requested: ContextVar[str | None] = ContextVar("hzdigital_edition", default=None)
# The edition resolved once per request (a page calls the selectors many times); outside a
# request there is no cache and every call resolves afresh.
_resolved: ContextVar[dict[str, editions.Edition | None] | None] = ContextVar(
    "hzdigital_edition_resolved", default=None
)


@dataclass
class EditionSnapshot:
    """The figures of one published edition, in the shape the page selectors read."""

    edition: editions.Edition
    home: Path
    years: list[int]  # newest first
    contributions: pd.DataFrame
    cubes: dict[str, pd.DataFrame] = field(default_factory=dict)

    def sources(self, year: int | None, division_code: str | None) -> list[Source]:
        return live.sources_of(self.contributions, year, division_code)

    def cube(self, level: str) -> pd.DataFrame:
        if level not in self.cubes:
            self.cubes[level] = editions.edition_cube(
                self.edition.edition_id, level, home=self.home
            )
        return self.cubes[level]

    def core_by_sub(self) -> pd.DataFrame:
        if "core_by_sub" not in self.cubes:
            self.cubes["core_by_sub"] = editions.edition_core_by_sub(
                self.edition.edition_id, home=self.home
            )
        return self.cubes["core_by_sub"]


_lock = threading.Lock()
_frozen: dict[tuple[Path, str, str], EditionSnapshot] = {}


def _edition_snapshot(edition: editions.Edition, home: Path) -> EditionSnapshot:
    # Keyed by the hash too: a test (or a reset) may reuse an id for other data.
    key = (home, edition.edition_id, edition.cube_sha256)
    with _lock:
        cached = _frozen.get(key)
    if cached is not None:
        return cached
    contributions = editions.edition_contributions(edition.edition_id, home=home)
    years = sorted({int(y) for y in contributions["year"]}, reverse=True)
    fresh = EditionSnapshot(edition, home, years, contributions)
    with _lock:
        _frozen[key] = fresh
    return fresh


def _choose() -> editions.Edition | None:
    try:
        return editions.choose_edition(_requested.get())
    except editions.UnknownEdition:
        return editions.choose_edition(None)


def current_edition() -> editions.Edition | None:
    """The edition the current request shows; None = live figures. An unknown edition in
    the session (the warehouse was reset) falls back to the default."""
    cache = _resolved.get()
    if cache is None:
        return _choose()
    if "edition" not in cache:
        cache["edition"] = _choose()
    return cache["edition"]


def forget_resolved() -> None:
    """After publishing within a request, the next read resolves the edition again."""
    cache = _resolved.get()
    if cache is not None:
        cache.clear()


def snapshot() -> EditionSnapshot | live.Snapshot:
    """What the page selectors read: the chosen edition's frozen figures, or live ones."""
    edition = current_edition()
    if edition is None:
        return live.snapshot()
    return _edition_snapshot(edition, store.resolve_home().resolve())


class EditionMiddleware:
    """Carries the visitor's choice of edition (``?edition=``, then the session) to the reads.

    The choice is remembered in the session only on the monitoring pages (``process_view``):
    an API call names its edition on every request and must not write a session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asked = request.GET.get("edition")
        chosen = asked if asked and asked != LATEST else None
        session = getattr(request, "session", None)
        if chosen is None and asked != LATEST and session is not None:
            chosen = session.get(SESSION_KEY)
        token, cache_token = _requested.set(chosen), _resolved.set({})
        try:
            return self.get_response(request)
        finally:
            _requested.reset(token)
            _resolved.reset(cache_token)

    def process_view(self, request: HttpRequest, *args: object) -> None:
        asked = request.GET.get("edition")
        session = getattr(request, "session", None)
        match = request.resolver_match
        if not asked or session is None or match is None or match.app_name != "dashboard":
            return None
        if asked == LATEST:
            session.pop(SESSION_KEY, None)
        else:
            session[SESSION_KEY] = asked
        return None
