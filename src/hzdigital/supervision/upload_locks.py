"""One upload at a time per kind of workbook and scope: the lock every Excel import takes.

A workbook import checks each row's stable key and then inserts or updates it. Two imports of
the same workbook at once (a double click, two clerks of one district, a browser retrying a
slow POST) would both find the key missing and both insert. ``hold`` serialises them: called
first thing inside the import's transaction, it writes the ``UploadLock`` row of each scope
the workbook touches (the year of a work point, the district of a project, the district and
year of talent figures), so a second import of an overlapping scope waits until the first
commits and then finds the rows saved: unchanged, nothing duplicated.

Why a write and not ``select_for_update()``: SQLite ignores ``FOR UPDATE``, and a transaction
there that reads first and writes later cannot wait for another writer (SQLite answers
"database is locked" at once rather than deadlock). Writing first takes SQLite's write lock
with its busy timeout, and on PostgreSQL the row lock of the UPDATE (or the unique index, for
a row not yet there) makes the second transaction wait. Scopes are taken in sorted order, so
two imports never wait for each other in a circle.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from hzdigital.lib.messages import Message
from hzdigital.supervision.models import UploadLock

BUSY = Message(
    "另一份同类工作簿正在导入,请稍后重新上传(本次未保存任何内容)",
    "Another workbook of this kind is being imported: upload again in a moment "
    "(nothing of this upload was saved)",
)
CONFLICT = Message(
    "该行的记录刚被同时进行的另一项操作保存,本次上传未保存任何内容;请重新上传",
    "This row's record was just saved by another action at the same moment; nothing of this "
    "upload was saved: upload it again",
)


class UploadBusy(Exception):
    """The lock could not be had before the database's timeout (SQLite's busy timeout)."""


def hold(kind: str, scopes: Iterable[str]) -> None:
    """Hold the lock of every scope of ``kind`` until the surrounding transaction ends.

    Must run inside ``transaction.atomic()`` and before the transaction reads anything
    (SQLite, see the module's docstring).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("upload_locks.hold needs the upload's transaction around it")
    now = timezone.now()
    try:
        for scope in sorted(set(scopes)):
            _take(kind, scope, now)
    except OperationalError as error:  # SQLite: another writer past the busy timeout
        raise UploadBusy(kind) from error


def _take(kind: str, scope: str, now) -> None:
    if UploadLock.objects.filter(kind=kind, scope=scope).update(held_at=now):
        return
    try:
        # A savepoint: on PostgreSQL a second insert of the same key waits for the first
        # transaction, then fails; the row is there after that, so update it instead.
        with transaction.atomic():
            UploadLock.objects.create(kind=kind, scope=scope, held_at=now)
    except IntegrityError:
        UploadLock.objects.filter(kind=kind, scope=scope).update(held_at=now)
