"""Vietnamese display formats: 2.460, 60,5%, ngày 17 tháng 6 năm 2024.

Rounding happens here and only here, at display time.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def number(n: int | float | Fraction | None, decimals: int = 0) -> str:
    """2460 -> '2.460'; 60.5 with decimals=1 -> '60,5'; 8 with decimals=1 -> '8,0'; None -> ''."""
    if n is None:
        return ""
    d = Decimal(n.numerator) / Decimal(n.denominator) if isinstance(n, Fraction) else Decimal(str(n))
    q = Decimal(1).scaleb(-decimals)
    d = d.quantize(q, rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    if decimals and frac:
        out += "," + frac
    return out


def percent(p: float | Fraction | None, decimals: int = 1) -> str:
    """A percentage already scaled to 0..100: 60.5 -> '60,5%'."""
    if p is None:
        return ""
    return number(p, decimals) + "%"


def roman(n: int) -> str:
    """4 -> 'IV': how appendices and parts are numbered."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def official_date(d: date) -> str:
    """The place-and-date line of Decree 30/2020: days below 10 and months 1-2 padded."""
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def short_date(d: date) -> str:
    """17/6/2024, as the plan writes deadlines."""
    return f"{d.day}/{d.month}/{d.year}"


def slug(text: str) -> str:
    """An ASCII file-name slug: 'Quận Ba Đình' -> 'quan-ba-dinh'."""
    import re
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def moment(iso: str) -> str:
    """An ISO time as a Vietnamese reads it: '2026-11-29T02:24:27' -> '02:24 ngày 29/11/2026'
    (anything else is given back as it is)."""
    from datetime import datetime
    try:
        t = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{t.hour:02d}:{t.minute:02d} ngày {t.day}/{t.month}/{t.year}"
