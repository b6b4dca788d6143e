"""Saving a record in someone's name, so its audit history says who changed it."""

from __future__ import annotations

from typing import Any


def save_as(obj: Any, by: Any) -> None:
    """Validate ``obj`` and save it, recording ``by`` as the author of its history row."""
    obj.full_clean()
    obj._history_user = by  # django-simple-history reads this for the history row's author
    obj.save()
