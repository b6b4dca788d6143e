"""What every chapter builder receives: the year, the language, the data edition's cube and
a book of sources that numbers each source once, in order of first citation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from hzdigital.lib.messages import Message
from hzdigital.reports import text
from hzdigital.reports.model import Edition, SourceNote

WAN_YUAN_PER_YI_YUAN = 10_000  # the warehouse holds 万元; the report prints 亿元


@dataclass
class SourceBook:
    lang: str
    notes: dict[str, SourceNote] = field(default_factory=dict)

    def add(self, key: str, label: str, url: str = "", synthetic: bool = False) -> str:
        self.notes.setdefault(key, SourceNote(key, label, url, synthetic))
        return key

    def number(self, key: str) -> int:
        """The source's number as printed: notes are only ever appended, so it never moves."""
        return list(self.notes).index(key) + 1

    def message(self, key: str, message: Message, synthetic: bool = False) -> str:
        return self.add(key, message.in_language(self.lang), synthetic=synthetic)

    def published(self, url: str, label: str) -> str:
        """A published figure's source, one note per URL, labelled with what it gives."""
        key = f"published:{url}"
        if key in self.notes:
            old = self.notes[key]
            if label not in old.label:
                self.notes[key] = SourceNote(key, f"{old.label}; {label}", old.url)
            return key
        return self.add(key, label, url=url)


class CubeReader:
    """The cube of the edition the report is built from (a frozen published edition, or the
    live warehouse through the dashboard's snapshot), read once per level."""

    def __init__(self, edition_id: str | None) -> None:
        self.edition_id = edition_id
        self._frames: dict[str, pd.DataFrame] = {}

    @cached_property
    def has_rows(self) -> bool:
        if self.edition_id is not None:
            return True
        from hzdigital.monitoring.output import warehouse_rows

        return warehouse_rows() > 0

    def cube(self, level: str) -> pd.DataFrame:
        if level not in self._frames:
            self._frames[level] = self._read(level)
        return self._frames[level]

    def _read(self, level: str) -> pd.DataFrame:
        if self.edition_id is not None:
            return _editions().edition_cube(self.edition_id, level)
        from hzdigital.dashboard.snapshot import snapshot

        return snapshot().cube(level)

    def core_by_sub(self) -> pd.DataFrame:
        if self.edition_id is not None:
            return _editions().edition_core_by_sub(self.edition_id)
        from hzdigital.dashboard.snapshot import snapshot

        return snapshot().core_by_sub()

    def targets(self) -> list[dict[str, Any]]:
        """The targets payload: what /api/targets and ``targets --json`` give for this data."""
        if self.edition_id is not None:
            return _editions().edition_targets(self.edition_id)
        from hzdigital.monitoring import output

        return output.targets_payload(*output.run_targets())["targets"]  # type: ignore[return-value]

    def synthetic(self, year: int) -> bool:
        """Whether any warehouse row of ``year`` came from the demo generator."""
        if not self.has_rows:
            return False
        if self.edition_id is not None:
            rows = _editions().edition_contributions(self.edition_id)
            return bool(rows[rows.year == year].synthetic.any())
        from hzdigital.dashboard.snapshot import snapshot

        return any(s.synthetic for s in snapshot().sources(year, None))


def _editions() -> Any:
    """The data-editions module, or None in a checkout that does not have it yet."""
    try:
        from hzdigital.monitoring import editions  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    return editions


@dataclass
class Context:
    year: int
    lang: str
    cubes: CubeReader
    edition: Edition
    book: SourceBook

    def t(self, message: Message, **values: object) -> str:
        return message.in_language(self.lang, **values)

    def label(self, key: str, **values: object) -> str:
        return self.t(text.LABELS[key], **values)

    def warehouse_source(self) -> str:
        """The warehouse's source note, marked synthetic when the year's rows are demo data."""
        if self.cubes.synthetic(self.year):
            return self.book.message(
                "warehouse:synthetic", text.SOURCE_WAREHOUSE_SYNTHETIC, synthetic=True
            )
        return self.book.message("warehouse", text.SOURCE_WAREHOUSE)

    def yi_yuan(self, wan_yuan: object) -> float | None:
        if wan_yuan is None or pd.isna(wan_yuan):  # type: ignore[call-overload]
            return None
        return float(wan_yuan) / WAN_YUAN_PER_YI_YUAN  # type: ignore[arg-type]


def choose_edition(lang: str) -> tuple[str | None, Edition]:
    """The latest published data edition, else the live warehouse; the cover names which."""
    editions = _editions()
    latest = editions.latest_edition() if editions is not None else None
    if latest is None:
        return None, Edition(None, text.EDITION_LIVE.in_language(lang), False)
    when = latest.published_at.date().isoformat()
    label = text.EDITION_PUBLISHED.in_language(lang, ident=latest.edition_id, published=when)
    return latest.edition_id, Edition(latest.edition_id, label, latest.synthetic)
