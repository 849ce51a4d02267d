"""What may be published about small numbers of children (decision 0011). Pure Python.

A count below 10 is shown as "fewer than 10", and a share whose numerator or denominator is
below 10 is not shown, so that no child can be singled out from a public figure.
"""

from __future__ import annotations

SMALL_NUMBER = 10
FEWER_THAN = "fewer than 10"
TOO_FEW = "Not shown (too few to publish)"


def count_words(count: int) -> str:
    """A count as it may be published: below 10 it is "fewer than 10"."""
    return FEWER_THAN if count < SMALL_NUMBER else f"{count:,}"


def share_publishable(numerator: int | None, denominator: int | None) -> bool:
    """A share may be published only when both its counts are 10 or more."""
    return (
        numerator is not None
        and denominator is not None
        and numerator >= SMALL_NUMBER
        and denominator >= SMALL_NUMBER
    )
