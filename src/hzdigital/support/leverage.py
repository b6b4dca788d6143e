"""杠杆撬动 (leverage) of government industry funds, defined once.

Leverage = social capital drawn ÷ fiscal money invested, both summed over the investments
considered (万元 ÷ 万元): the yuan of social (non-government) capital that each yuan of fiscal
money brought into the invested enterprises. It is undefined — ``None``, shown as "—" — when
no fiscal money was invested, never 0 or infinity.

>>> leverage([(Decimal("1000"), Decimal("3000")), (Decimal("500"), Decimal("1000"))])
Decimal('2.666666666666666666666666667')
>>> leverage([(Decimal("0"), Decimal("200"))]) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

ZERO = Decimal("0")


def leverage(fiscal_and_social_wan_yuan: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Σ social ÷ Σ fiscal over ``(fiscal_wan_yuan, social_wan_yuan)`` pairs; None without fiscal."""
    fiscal, social = ZERO, ZERO
    for fiscal_part, social_part in fiscal_and_social_wan_yuan:
        fiscal += fiscal_part
        social += social_part
    return social / fiscal if fiscal > 0 else None
