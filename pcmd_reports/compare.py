"""The same period last year: every indicator's figure then, and the change since."""
from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

from . import messages as msg
from .errors import PcmdError
from .vnformat import number, percent


class CompareProblem(PcmdError):
    """The previous consolidation cannot be read: the message says why, in Vietnamese."""


def load_previous(path: str | Path) -> tuple[dict[str, float], str]:
    """({indicator id: actual}, label) from a previous consolidation's JSON or summary workbook."""
    path = Path(path)
    if not path.exists():
        raise CompareProblem(msg.COMPARE_MISSING.format(path=path))
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            values = {k: v["actual"] for k, v in data["indicators"].items() if v.get("actual") is not None}
            return values, _label(str(data.get("period", "")))
        return _from_workbook(path)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, OSError) as e:
        raise CompareProblem(msg.COMPARE_BAD.format(path=path, error=type(e).__name__)) from None


def _from_workbook(path: Path) -> tuple[dict[str, float], str]:
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=True, read_only=True)
    ws = wb[msg.SUMMARY_SHEETS["indicators"]]
    values = {}
    title = ""
    for number_, row in enumerate(ws.iter_rows(min_row=1), start=1):
        first = row[0].value if row else None
        if number_ == 1:
            title = str(first or "")
            continue
        if number_ <= 3 or len(row) < 7 or first is None or row[6].value is None:
            continue
        v = row[6].value
        if "%" in (row[6].number_format or ""):
            v = v * 100  # stored as a fraction for Excel's % format
        values[str(first)] = v
    years = re.findall(r"(20\d\d)", title)
    return values, _label(years[-1] if years else "")


def _label(period_code: str) -> str:
    year = re.match(r"(\d{4})", period_code)
    return msg.COMPARE_LABEL.format(year=year.group(1)) if year else msg.COMPARE_LABEL_UNKNOWN


def change_text(kind: str, now, before) -> tuple[str, float | None]:
    """('tăng 12,5%', 12.5) for counts; percentage points for ratios; ('bằng', 0)."""
    if now is None or before is None:
        return "", None
    now, before = Fraction(now).limit_denominator(10**9), Fraction(before).limit_denominator(10**9)
    if kind in ("ratio", "yesno"):
        diff = now - before
        if diff == 0:
            return msg.COMPARE_SAME, 0.0
        word = msg.COMPARE_UP if diff > 0 else msg.COMPARE_DOWN
        return f"{word} {number(abs(diff), 1)} {msg.COMPARE_POINTS}", round(float(diff), 2)
    if before == 0:
        return (msg.COMPARE_SAME, 0.0) if now == 0 else (msg.COMPARE_NEW.format(value=number(now)), None)
    rel = (now - before) * 100 / before
    if rel == 0:
        return msg.COMPARE_SAME, 0.0
    word = msg.COMPARE_UP if rel > 0 else msg.COMPARE_DOWN
    return f"{word} {percent(abs(rel))}", round(float(rel), 2)


def apply(data: dict, previous: dict[str, float], label: str) -> dict:
    """Add `previous`, `change` and `change_percent` to every indicator of a consolidation's JSON."""
    data["compare_with"] = label
    for ind_id, e in data["indicators"].items():
        before = previous.get(ind_id)
        e["previous"] = before
        e["change"], e["change_percent"] = change_text(e["kind"], e.get("actual"), before)
    return data
