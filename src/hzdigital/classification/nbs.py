"""NBS 数字经济及其核心产业统计分类(2021) as an *edition*: data that can be replaced.

The shipped edition is a reconstruction (data/SOURCES.md, section e): each row carries its
evidence and a confidence. When the official table is obtained, ``hzdigital classification
load FILE`` validates it (:func:`validate_edition`) and makes it the active edition
(:func:`load_edition`), stored under ``$HZDIGITAL_HOME/classification/``.

>>> edition = shipped_edition()
>>> edition.is_reconstruction, edition.counts.majors, edition.counts.mediums
(True, 5, 32)
>>> [row.sub_code for row in edition.rows_for_gbt("6520")]
['030401']
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from hzdigital.classification import gbt4754
from hzdigital.classification.messages import ACTIVE_EDITION_CORRUPT
from hzdigital.classification.nbs_table import (
    CORE_MAJORS,
    EFFICIENCY_MAJOR,
    EditionError,
    EditionIssue,
    NbsRow,
    confidence_of,
    parse_edition_rows,
)

SHIPPED_CSV = gbt4754.DATA_DIR / "nbs_digital_economy_2021_reconstructed.csv"
SHIPPED_EDITION_NAME = "NBS 2021 数字经济分类（重建版 reconstruction, shipped）"
STATE_SUBDIR = "classification"
ACTIVE_CSV = "active.csv"
ACTIVE_JSON = "active.json"

__all__ = [
    "CORE_MAJORS",
    "EFFICIENCY_MAJOR",
    "EditionCounts",
    "EditionError",
    "EditionIssue",
    "NbsEdition",
    "NbsRow",
    "active_edition",
    "confidence_of",
    "load_edition",
    "shipped_edition",
    "state_dir",
    "validate_edition",
]


@dataclass(frozen=True)
class EditionCounts:
    majors: int
    mediums: int
    subs: int  # distinct 小类 codes
    rows: int
    gaps: int  # rows that record a 小类 known to exist but not identified
    gbt4754_codes: int  # distinct GB/T classes mapped


@dataclass(frozen=True)
class NbsEdition:
    """A validated table and where it came from."""

    name: str
    is_reconstruction: bool
    rows: tuple[NbsRow, ...]
    source_file: str
    sha256: str
    loaded_at: str | None = None  # ISO 8601 UTC; None for the shipped default
    counts: EditionCounts = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", _count(self.rows))

    @cached_property
    def by_gbt(self) -> dict[str, tuple[NbsRow, ...]]:
        """GB/T class code → the rows that map it, in table order."""
        index: dict[str, list[NbsRow]] = {}
        for row in self.rows:
            if row.gbt4754_code is not None:
                index.setdefault(row.gbt4754_code, []).append(row)
        return {code: tuple(rows) for code, rows in index.items()}

    @cached_property
    def subs(self) -> dict[str, NbsRow]:
        """小类 code → its first row (names, medium, major are the same on every row)."""
        first: dict[str, NbsRow] = {}
        for row in self.rows:
            if row.sub_code is not None:
                first.setdefault(row.sub_code, row)
        return first

    def rows_for_gbt(self, code: str) -> tuple[NbsRow, ...]:
        return self.by_gbt.get(code, ())


def _count(rows: Sequence[NbsRow]) -> EditionCounts:
    return EditionCounts(
        majors=len({row.major_code for row in rows}),
        mediums=len({row.medium_code for row in rows}),
        subs=len({row.sub_code for row in rows if row.sub_code is not None}),
        rows=len(rows),
        gaps=sum(1 for row in rows if row.sub_code is None),
        gbt4754_codes=len({row.gbt4754_code for row in rows if row.gbt4754_code}),
    )


def _is_reconstruction(rows: Sequence[NbsRow]) -> bool:
    # A table counts as official only when every row says where it was read from; anything
    # recalled or matched by name alone keeps the warning on.
    return not all(row.evidence.startswith(("source:", "official")) for row in rows)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def validate_edition(path: str | Path, *, name: str | None = None) -> NbsEdition:
    """Read and check a table with the shipped columns; raise :class:`EditionError` if bad.

    Nothing is written: this is what ``load_edition`` runs before it activates a file.
    """
    path = Path(path)
    rows = parse_edition_rows(path, gbt4754.load())
    return NbsEdition(
        name=name or path.stem,
        is_reconstruction=_is_reconstruction(rows),
        rows=tuple(rows),
        source_file=path.name,
        sha256=_sha256(path),
    )


_shipped_cache: dict[str, NbsEdition] = {}


def shipped_edition() -> NbsEdition:
    """The reconstruction shipped in ``data/``, read once."""
    if "edition" not in _shipped_cache:
        edition = validate_edition(SHIPPED_CSV, name=SHIPPED_EDITION_NAME)
        _shipped_cache["edition"] = edition
    return _shipped_cache["edition"]


def state_dir() -> Path:
    """``$HZDIGITAL_HOME/classification``; read on every call so tests can point it elsewhere."""
    return Path(os.environ.get("HZDIGITAL_HOME", "var")).resolve() / STATE_SUBDIR


def load_edition(path: str | Path, *, name: str | None = None) -> NbsEdition:
    """Validate ``path`` and make it the active edition under ``$HZDIGITAL_HOME``."""
    edition = validate_edition(path, name=name)
    loaded = NbsEdition(
        name=edition.name,
        is_reconstruction=edition.is_reconstruction,
        rows=edition.rows,
        source_file=edition.source_file,
        sha256=edition.sha256,
        loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    target = state_dir()
    target.mkdir(parents=True, exist_ok=True)
    # Write both files beside their final names, then rename: a reader never sees a CSV
    # whose metadata describes another file.
    tmp_csv = target / (ACTIVE_CSV + ".tmp")
    tmp_json = target / (ACTIVE_JSON + ".tmp")
    shutil.copyfile(path, tmp_csv)
    tmp_json.write_text(json.dumps(_metadata(loaded), ensure_ascii=False, indent=2) + "\n")
    tmp_csv.replace(target / ACTIVE_CSV)
    tmp_json.replace(target / ACTIVE_JSON)
    return loaded


def _metadata(edition: NbsEdition) -> dict[str, object]:
    return {
        "edition": edition.name,
        "source_file": edition.source_file,
        "sha256": edition.sha256,
        "loaded_at": edition.loaded_at,
        "counts": asdict(edition.counts),
        "is_reconstruction": edition.is_reconstruction,
    }


# Keyed by the metadata file's identity, so a second process's load is seen without a restart.
_active_cache: dict[tuple[str, int, int], NbsEdition] = {}


def active_edition() -> NbsEdition:
    """The edition in use: the one loaded under ``$HZDIGITAL_HOME``, else the shipped one."""
    meta_path = state_dir() / ACTIVE_JSON
    csv_path = state_dir() / ACTIVE_CSV
    if not meta_path.exists():
        return shipped_edition()
    stat = meta_path.stat()
    key = (str(meta_path), stat.st_mtime_ns, stat.st_size)
    cached = _active_cache.get(key)
    if cached is not None:
        return cached
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if not csv_path.exists() or _sha256(csv_path) != meta["sha256"]:
        raise EditionError(
            [
                EditionIssue(
                    file=str(csv_path),
                    line=None,
                    field=None,
                    message=ACTIVE_EDITION_CORRUPT,
                    values=(("file", str(csv_path)),),
                )
            ]
        )
    rows = parse_edition_rows(csv_path, gbt4754.load())
    edition = NbsEdition(
        name=meta["edition"],
        is_reconstruction=bool(meta["is_reconstruction"]),
        rows=tuple(rows),
        source_file=meta["source_file"],
        sha256=meta["sha256"],
        loaded_at=meta["loaded_at"],
    )
    _active_cache.clear()
    _active_cache[key] = edition
    return edition
