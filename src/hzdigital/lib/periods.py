"""Days and periods as people type them.

>>> iso_day("2026-03-31")
datetime.date(2026, 3, 31)
>>> iso_day("31/03/2026")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: 日期应写作 YYYY-MM-DD:31/03/2026 / the date must look like YYYY-MM-DD: 31/03/2026
"""

from __future__ import annotations

import argparse
from datetime import date

from hzdigital.lib.messages import Message

BAD_DATE = Message("日期应写作 YYYY-MM-DD:{value}", "the date must look like YYYY-MM-DD: {value}")


def iso_day(text: str) -> date:
    """A ``YYYY-MM-DD`` day; an argparse ``type``, so a bad value is a usage error naming it."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(BAD_DATE.render(value=text)) from None
