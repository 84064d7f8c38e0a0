"""The same period last year: every indicator's figure then, and the change since.

The file compared with is a consolidation written by pcmd (TongHop_<period>.json, or the summary
workbook TongHop_<period>.xlsx) of the same kind of period, at the same place in its year
(6 months, the year, a quarter, a month), of an earlier year. The year a report says "cùng kỳ
năm …" is that file's year.

Plans are issued year by year, so the file's plan is normally another plan (ha-noi-2023 for
ha-noi-2024): an indicator is compared only when the file has one of the same id that is the
same indicator (same kind and wording; in a workbook, the same text in its row). A file of
another plan that shares no indicator is refused. A file of the same plan is compared by id.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from . import messages as msg
from .errors import PcmdError
from .vnformat import number, percent

if TYPE_CHECKING:
    from .plan import Period, Plan

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class CompareProblem(PcmdError):
    """The previous consolidation cannot be read, or is not of the same period of an earlier
    year: the message says why and what is expected, in Vietnamese."""


@dataclass(frozen=True)
class _Previous:
    """What a previous consolidation holds, as read from its file."""
    period_code: str  # "2023-H1"; "" when only the name is known (a workbook)
    period_name: str  # "6 tháng đầu năm 2023", or as the workbook's title gives it
    year: int | None
    plan: str  # the plan's id; "" when not known (a workbook)
    indicators: dict  # id -> {"actual": ..., "kind": ..., "label": ...} (kind and label when known)


def load_previous(path: str | Path, plan: Plan | None = None,
                  period: Period | None = None) -> tuple[dict[str, float], str]:
    """({indicator id: actual}, label) from a previous consolidation's JSON or summary workbook.

    With the consolidation's `plan` and `period`, the file must be a consolidation of the same
    period of an earlier year, and only the indicators that are the same as the plan's are kept
    (see the module's text); otherwise CompareProblem says what the file is and what is expected.
    """
    path = Path(path)
    if not path.exists():
        raise CompareProblem(msg.COMPARE_MISSING.format(path=path))
    if path.is_dir():
        raise CompareProblem(_not_ours(path, msg.COMPARE_REASON_FOLDER, period))
    suffix = path.suffix.lower()
    if suffix != ".json" and suffix not in WORKBOOK_SUFFIXES:
        reason = msg.COMPARE_REASON_SUFFIX.get(suffix, msg.COMPARE_REASON_OTHER_SUFFIX).format(suffix=suffix or "?")
        raise CompareProblem(_not_ours(path, reason, period))
    try:
        previous = _from_json(path, period) if suffix == ".json" else _from_workbook(path, plan, period)
    except OSError as e:
        raise CompareProblem(msg.COMPARE_BAD.format(path=path, error=type(e).__name__)) from None
    if plan is not None and period is not None:
        _check_period(path, previous, period)
        values = _same_indicators(path, previous, plan)
    else:
        values = _numbers(previous.indicators)
    return values, _label(previous.year)


def _from_json(path: Path, period: Period | None) -> _Previous:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise CompareProblem(_not_ours(path, msg.COMPARE_REASON_NOT_TEXT, period)) from None
    except ValueError:
        raise CompareProblem(_not_ours(path, msg.COMPARE_REASON_NOT_JSON, period)) from None
    if not (isinstance(data, dict) and isinstance(data.get("indicators"), dict) and isinstance(data.get("period"), str)
            and all(isinstance(v, dict) for v in data["indicators"].values())):
        raise CompareProblem(_not_ours(path, msg.COMPARE_REASON_NOT_CONSOLIDATION, period))
    code = data["period"]
    year = _year_of(code)
    name = data.get("period_name")
    return _Previous(period_code=code, period_name=name if isinstance(name, str) and name else code,
                     year=year, plan=str(data.get("plan") or ""),
                     indicators={str(k): v for k, v in data["indicators"].items()})


def _from_workbook(path: Path, plan: Plan | None, period: Period | None) -> _Previous:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, TypeError):
        raise CompareProblem(_not_ours(path, msg.COMPARE_REASON_NOT_WORKBOOK, period)) from None
    try:
        sheet = msg.SUMMARY_SHEETS["indicators"]
        if sheet not in wb.sheetnames:
            raise CompareProblem(_not_ours(path, msg.COMPARE_REASON_NO_SHEET.format(sheet=sheet), period))
        ws = wb[sheet]
        indicators: dict[str, dict] = {}
        title = ""
        for number_, row in enumerate(ws.iter_rows(min_row=1), start=1):
            first = row[0].value if row else None
            if number_ == 1:
                title = str(first or "")
                continue
            if number_ <= 3 or len(row) < 7 or first is None or row[6].value is None:
                continue
            v = row[6].value
            if "%" in (row[6].number_format or "") and isinstance(v, (int, float)):
                v = v * 100  # stored as a fraction for Excel's % format
            indicators[str(first)] = {"actual": v, "text": row[1].value}
    finally:
        wb.close()
    # The title is "TỔNG HỢP KẾT QUẢ THỰC HIỆN <PLAN> - <PERIOD>", in capitals.
    name = title.rpartition(" - ")[2].strip() if " - " in title else ""
    year = _year_of(name or title)
    if plan is not None:
        name = _plan_wording(name, plan)
    return _Previous(period_code="", period_name=name, year=year, plan="", indicators=indicators)


def _plan_wording(name: str, plan: Plan) -> str:
    """A period's name as a title in capitals gives it ("QUÝ II NĂM 2023"), in the plan's own
    wording ("quý II năm 2023") when the plan has a period of that kind."""
    key = _name_key(name)
    year = _year_of(name)
    for p in plan.periods:
        p_year = _year_of(p.name)
        if key and _name_key(p.name) == key and p_year is not None and year is not None:
            return re.sub(rf"(?<!\d){p_year}(?!\d)", str(year), p.name)
    return name.lower()


def _year_of(text: str) -> int | None:
    """The year a period code ("2023-H1") or name ("6 tháng đầu năm 2023") is of."""
    years = re.findall(r"(?<!\d)(\d{4})(?!\d)", text or "")
    return int(years[-1]) if years else None


def _code_key(code: str) -> str | None:
    """What a period code says besides its year: "H1" for 2023-H1, "" for the year 2023."""
    m = re.fullmatch(r"(\d{4})(?:-(.+))?", (code or "").strip())
    return (m.group(2) or "").upper() if m else None


def _name_key(name: str) -> str:
    """A period's name without its year, in one case and spacing: "6 tháng đầu năm"."""
    return " ".join(re.sub(r"(?<!\d)\d{4}(?!\d)", " ", name or "").casefold().split())


def _check_period(path: Path, previous: _Previous, period: Period) -> None:
    """The file must be of the same kind of period, at the same place in an earlier year."""
    year = _year_of(period.code) or _year_of(period.name)
    if previous.period_code and _code_key(period.code) is not None:
        same_kind = _code_key(previous.period_code) == _code_key(period.code)
    else:
        same_kind = bool(_name_key(previous.period_name)) and _name_key(previous.period_name) == _name_key(period.name)
    if year is None:  # a plan whose period codes and names give no year: only the kind can be checked
        earlier = previous.year is not None
    else:
        earlier = previous.year is not None and previous.year < year
    if same_kind and earlier:
        return
    before = year - 1 if year is not None else None
    expected = re.sub(rf"(?<!\d){year}(?!\d)", str(before), period.name) if before else msg.COMPARE_LABEL_UNKNOWN
    expected_code = _earlier_code(period) if before else "<kỳ>"
    what = previous.period_name or msg.COMPARE_PERIOD_UNKNOWN
    raise CompareProblem(msg.COMPARE_WRONG_PERIOD.format(
        path=path, what=what, period=period.name, expected=expected, code=expected_code))


def _numbers(indicators: dict) -> dict[str, float]:
    return {k: v["actual"] for k, v in indicators.items()
            if isinstance(v.get("actual"), (int, float)) and not isinstance(v.get("actual"), bool)}


def _words(text) -> str:
    return " ".join(str(text or "").casefold().split())


def _same_indicators(path: Path, previous: _Previous, plan: Plan) -> dict[str, float]:
    """The figures of the indicators that are the plan's own: by id in a file of the same plan;
    by id, kind and wording in another plan's file or a workbook (whose plan is not known)."""
    values = _numbers(previous.indicators)
    if previous.plan == plan.id:
        return values
    kept = {}
    for ind in plan.indicators:
        e = previous.indicators.get(ind.id)
        if ind.id not in values or e is None:
            continue
        if "text" in e:  # a workbook: the text its row shows (the row's for an indicator alone in its row)
            row = plan.row(ind.row) if ind.row else None
            shown = row.text if row is not None and plan.sharing_row(ind) == 1 else ind.label
            if _words(e["text"]) != _words(shown):
                continue
        else:
            if e.get("kind") and e["kind"] != ind.kind:
                continue
            if e.get("label") and _words(e["label"]) != _words(ind.label):
                continue
        kept[ind.id] = values[ind.id]
    if values and not kept:
        raise CompareProblem(msg.COMPARE_OTHER_PLAN.format(
            path=path, plan=f" ({previous.plan})" if previous.plan else "", current=plan.id))
    return kept


def _not_ours(path: Path, reason: str, period: Period | None) -> str:
    example = f"TongHop_{_earlier_code(period)}.json" if period is not None else "TongHop_<kỳ>.json"
    return msg.COMPARE_NOT_OURS.format(path=path, reason=reason, example=example)


def _earlier_code(period: Period) -> str:
    year = _year_of(period.code)
    return re.sub(rf"^{year}", str(year - 1), period.code) if year else period.code


def _label(year: int | None) -> str:
    return msg.COMPARE_LABEL.format(year=year) if year else msg.COMPARE_LABEL_UNKNOWN


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
