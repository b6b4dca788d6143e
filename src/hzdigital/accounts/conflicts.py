"""A key saved by someone else at the very moment of a save: a refusal, never a server error.

The services check a record's stable key before they insert it (``full_clean`` validates the
unique constraints; some look the row up first), but between that check and the INSERT an
Excel upload or another user can commit the same key. The database then refuses the INSERT
with an IntegrityError, which a page or the API would answer with a 500.
``refused_if_saved_meanwhile`` wraps the write in a savepoint, so the transaction stays usable
for the page that renders the refusal, and turns the unique violation into ``SavedMeanwhile``:
a ``ValidationError`` on the key field, which every caller already shows (pages on the form,
the API as 409, uploads as a conflict row).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hzdigital.lib.messages import Message

SAVED_MEANWHILE = Message(
    "该记录刚被其他用户或一次上传同时保存,本次未保存;请重新载入页面,核对后再保存",
    "This record was just saved by someone else at the same moment, so nothing was saved: "
    "reload the page, check it and save again",
)
UNIQUE_VIOLATION_SQLSTATE = "23505"  # PostgreSQL's unique_violation
SQLITE_UNIQUE_FAILED = "UNIQUE constraint failed"


class SavedMeanwhile(ValidationError):
    """A unique key committed by another writer between a service's check and its INSERT."""


def is_unique_violation(error: IntegrityError) -> bool:
    """A duplicate key, not a missing reference or a NOT NULL: only that is someone else's save."""
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == UNIQUE_VIOLATION_SQLSTATE or (
        SQLITE_UNIQUE_FAILED in str(error)
    )


@contextmanager
def refused_if_saved_meanwhile(field: str) -> Iterator[None]:
    """Run the write in a savepoint; a unique violation becomes ``SavedMeanwhile`` on ``field``."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        raise SavedMeanwhile({field: SAVED_MEANWHILE.render()}) from error
