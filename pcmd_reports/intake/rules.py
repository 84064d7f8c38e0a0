"""The rules of reading: numbers, dates and text as people type them, the checks of each cell
of a form (`_Reader`), and the rules over a folder (the later file wins, counts far above
their peers are questioned, rejected files are put down to the unit their name names)."""
from __future__ import annotations

import re
import statistics
import sys
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import TEMPLATE_VERSION
from .. import messages as msg
from .. import legacy, names
from ..plan import Indicator, Period, Plan, Unit
from ..problem_codes import ProblemCode as Code
from ..problems import ERROR, WARNING, Problem
from ..safetext import CUT_MARK, EXCEL_CELL_LIMIT, safe_path, safe_text
from ..vnformat import number, short_date
from .model import (AcceptedFile, Difficulty, FileFacts, FileResult, Figure, HotspotReport, NewHotspot, Recommendation, Submission, TaskResult,
                    _Rejected, inside)

if TYPE_CHECKING:
    from .readers import _Book


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?([0-9]+)$")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")
GROUPED = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
TRAILING_WORDS = re.compile(r"^([+-]?[\d.,\s]*\d)\s*([^\d\s][^\d]*)?$")


def clean_text(value) -> str:
    """NFC, no control characters XML cannot hold; numbers typed in text cells kept readable."""
    if value is None:
        return ""
    if type(value) is str and value.isascii() and value.isprintable() and "_x" not in value:
        return value.strip()  # nothing to normalise, unescape or remove
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        value = value.strftime("%d/%m/%Y")
    text = XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value))
    # _xD83D_ alone is half a character: safe_text joins pairs and replaces a lone half
    text = unicodedata.normalize("NFC", safe_text(text))
    return text.strip()


def fold(text: str) -> str:
    """A key for comparing names: case, NFC/NFD, spaces and tone marks folded away."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


MAX_COUNT = 10 ** 9  # no count of people, cases or places in a city comes near this
MAX_MONEY = 10 ** 13  # 10.000 tỷ đồng: far above any amount a unit spends on this plan
MAGNITUDES = {"nghin": 1000, "ngan": 1000, "trieu": 10 ** 6, "tr": 10 ** 6, "ty": 10 ** 9, "ti": 10 ** 9}
DECIMAL_COMMA = re.compile(r"^\d+,\d+$")


def parse_count(raw, limit: int = MAX_COUNT) -> tuple[int | None, str | None]:
    """A whole number >= 0 from what a person typed: (value, None) or (None, message key).

    '' -> (None, None): not reported, which is not 0. See `read_count` for the texts accepted.
    """
    value, error, _ = read_count(raw, limit)
    return value, error


def read_count(raw, limit: int = MAX_COUNT) -> tuple[int | None, Code | None, Code | None]:
    """(value, error key, warning key) of what a person typed in a whole-number cell.

    Accepted as typed: a number, digits ('2460'), digits grouped by '.' or a space
    ('2.460', '1 234'). Accepted with a warning that shows the reading: a trailing word
    ('120 người' -> 120, warning 'unit_word'); a magnitude word, converted exactly
    ('50 triệu' -> 50000000, '1,5 tỷ' -> 1500000000, '3tr', '5 nghìn'; warning
    'magnitude'). Refused: '1,234' ('comma': ',' is the decimal mark in Vietnamese), a
    decimal ('fraction'), a percentage ('percent'), '12+' or '12-15' ('approximate'),
    a negative number, anything above `limit` ('too_big'), other text ('not_a_number').
    """
    if raw is None or raw == "":
        return None, None, None
    if isinstance(raw, bool) or isinstance(raw, (date, datetime)):
        return None, Code.NOT_A_NUMBER, None
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
            return None, Code.NOT_A_NUMBER, None
        if raw < 0:
            return None, Code.NEGATIVE, None
        if raw > limit:
            return None, Code.TOO_BIG, None
        if isinstance(raw, float) and not raw.is_integer():
            return None, Code.FRACTION, None
        return int(raw), None, None
    text = clean_text(raw).replace("\u00a0", " ")
    if not text:
        return None, None, None
    m = TRAILING_WORDS.match(text)
    if not m:
        return None, Code.NOT_A_NUMBER, None
    digits, words = m.group(1).strip(), (m.group(2) or "").strip()
    negative = digits.startswith("-")
    digits = digits.lstrip("+-").strip()
    multiplier, warning = 1, None
    if words:
        if "%" in words:
            return None, Code.PERCENT, None
        if not words[0].isalpha():
            return None, Code.APPROXIMATE, None  # 12+, 12~, 12 (khoảng)
        first = fold(words).split()[0].rstrip(".")
        multiplier = MAGNITUDES.get(first, 1)
        warning = Code.MAGNITUDE if multiplier > 1 else Code.UNIT_WORD
    if GROUPED.match(digits) and "," not in digits:
        value = int(re.sub(r"[.\s]", "", digits))
    elif digits.isdigit():
        value = int(digits)
    elif multiplier > 1 and DECIMAL_COMMA.match(digits):
        whole, frac = digits.split(",")
        scaled = int(whole + frac) * multiplier
        if scaled % 10 ** len(frac):
            return None, Code.FRACTION, None
        value, multiplier = scaled // 10 ** len(frac), 1
    elif GROUPED.match(digits):
        return None, Code.COMMA, None  # 1,234: a decimal in Vietnamese, a thousand in English
    elif NUMBER.match(digits):
        return None, Code.FRACTION, None  # 2,5 or 12.34: a decimal, not a count
    else:
        return None, Code.NOT_A_NUMBER, None
    value *= multiplier
    if negative and value:
        return None, Code.NEGATIVE, None
    if value > limit:
        return None, Code.TOO_BIG, None
    return value, None, warning


def parse_date(raw) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = clean_text(raw)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=8192)
def _reference(text: str) -> tuple[str, str] | None:
    """'Chỉ tiêu'!$E$7 -> ('Chỉ tiêu', 'E7'); None for a range or a broken reference. Every form
    of a template has the same references, so each is parsed once."""
    m = REF.match(text)
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    return sheet, f"{m.group(3)}{m.group(4)}"


def _label(value) -> str:
    """A label cell's text for comparing a file with its template: spacing set aside, and a number
    as it is written ('1', whether the reader gives 1 or 1.0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str("" if value is None else value).split())


def _row_col(cell: str) -> tuple[int, int]:
    col, row = _split(cell)
    return row, col


def _increasing(seq: list) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of `seq`."""
    import bisect
    tails: list = []  # smallest tail value of an increasing run of each length
    tail_at: list[int] = []
    before = [-1] * len(seq)
    for k, v in enumerate(seq):
        i = bisect.bisect_left(tails, v)
        if i == len(tails):
            tails.append(v)
            tail_at.append(k)
        else:
            tails[i], tail_at[i] = v, k
        before[k] = tail_at[i - 1] if i else -1
    out, k = set(), tail_at[-1] if tail_at else -1
    while k >= 0:
        out.add(k)
        k = before[k]
    return out


_UNITS_BY_NAME: dict[int, dict[str, set[str]]] = {}


def _unit_by_name(plan: Plan) -> dict[str, set[str]]:
    """{folded name: the codes of the units of that name} of every unit of the plan, by its name
    and by how letters address it; a name may be several units' (13 communes of the 2024 plan
    share their name with a commune of another district: 'Xã Tam Hiệp')."""
    if id(plan) not in _UNITS_BY_NAME:
        out: dict[str, set[str]] = {}
        for u in [*plan.units, *plan.communes]:
            for label in (u.name, u.display):
                if label:
                    out.setdefault(fold(label), set()).add(u.code)
        _UNITS_BY_NAME[id(plan)] = out
    return _UNITS_BY_NAME[id(plan)]


def _split(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1, int(cell[len(letters):])


class _Reader:
    def __init__(self, book: _Book, plan: Plan, period: Period | None, result: FileFacts):
        self.book, self.plan, self.period, self.result = book, plan, period, result
        self.bad_names: dict[str, str] = {}  # defined names that do not point where the form put them
        self.file = str(book.path)
        self.old_narratives = False  # a form of the earlier layout: one cell each for difficulties, recommendations

    def problem(self, message, severity=ERROR, sheet="", cell="", name="", *, code: Code):
        self.result.problems.append(Problem(file=self.file, message=message, severity=severity, sheet=sheet,
                                            cell=cell, name=name, code=code, unit=self.result.unit))

    # -- identity ---------------------------------------------------------------------
    def identify(self) -> tuple[Unit, Period, dict]:
        want_period = self.period.code if self.period else self.plan.periods[0].code
        meta = self.book.meta()
        if meta is None:
            raise _Rejected(msg.FILE_NO_META.format(period=want_period), Code.NO_META)
        self.result.unit = meta.get("unit_code", "")
        if meta.get("plan") != self.plan.id:
            raise _Rejected(msg.FILE_OTHER_PLAN.format(got=meta.get("plan", ""), want=self.plan.id, title=self.plan.title), Code.OTHER_PLAN)
        period = self.plan.period(meta.get("period", ""))
        if period is None:
            raise _Rejected(msg.FILE_UNKNOWN_PERIOD.format(got=meta.get("period", "")), Code.UNKNOWN_PERIOD)
        if self.period and period.code != self.period.code and not inside(period, self.period):
            raise _Rejected(msg.FILE_OTHER_PERIOD.format(got=period.code, want=self.period.code, name=self.period.name), Code.OTHER_PERIOD)
        unit = self.plan.unit(meta.get("unit_code", ""))
        if unit is None:
            self.result.unit = ""
            raise _Rejected(msg.FILE_UNKNOWN_UNIT.format(got=meta.get("unit_code", "")), Code.UNKNOWN_UNIT)
        self.book.use_layout(meta)
        if self.book.layout_fallback:
            if not (meta.get("template_version") == TEMPLATE_VERSION and self.check_positions(unit, period)):
                self.problem(msg.LAYOUT_FALLBACK, WARNING, sheet="_meta", code=Code.LAYOUT_FALLBACK)
        else:
            self.check_names()
        self.check_identity(unit)
        self.old_narratives = self.book.resolve(names.difficulty(1)) is None and (
            self.book.resolve(names.DIFFICULTIES) is not None or self.book.resolve(names.RECOMMENDATIONS) is not None)
        if meta.get("template_version") != TEMPLATE_VERSION or self.old_narratives:
            message = msg.FILE_OLD_TEMPLATE.format(got=meta.get("template_version", "?"), want=TEMPLATE_VERSION)
            if self.old_narratives:
                default = self.plan.narratives.addressee_label(self.plan.narratives.default_addressee)
                message += msg.OLD_NARRATIVE_LAYOUT.format(label=default)
            self.problem(message, WARNING, sheet="_meta", code=Code.OLD_TEMPLATE)
        return unit, period, meta

    def check_identity(self, unit: Unit) -> None:
        """The unit in _meta, the unit named on the cover and the unit code in the file name agree;
        a file whose cover and name both say another unit than its _meta is refused (a form
        relabelled in its hidden sheet must not replace that unit's own return)."""
        where = self.book.resolve(names.UNIT_NAME)
        cover = ""
        if where is not None and where[0] in self.book.sheet_names:
            cover = clean_text(self.book.value(*where))
        named = _unit_by_name(self.plan).get(fold(cover), set()) if cover else set()
        cover_unit = unit.code if unit.code in named else min(named, default="")  # a shared name: its own
        file_unit = unit_from_name(self.book.path, self.plan)
        if all(code in ("", unit.code) for code in (cover_unit, file_unit)):
            return
        text = dict(meta=f"{unit.display} ({unit.code})", cover=cover or "—", file=safe_path(self.book.path.name))
        if cover_unit and file_unit and cover_unit != unit.code and file_unit != unit.code:
            self.result.unit = file_unit  # put down to the unit that sent it, not the one it claims
            raise _Rejected(msg.IDENTITY_CONFLICT.format(**text), Code.IDENTITY_CONFLICT)
        self.problem(msg.IDENTITY_MISMATCH.format(**text), WARNING, sheet=where[0] if where else "",
                     cell=where[1] if where else "", name=names.UNIT_NAME, code=Code.IDENTITY_MISMATCH)

    def check_positions(self, unit: Unit, period: Period) -> bool:
        """A file without names (.xls) is read at the template's positions: the labels of every row
        holding an input cell (its number, its text, on the left of the input) must stand where a
        form made now has them, else rows were inserted or deleted and the whole file is refused,
        naming the first row that moved. True when every label is in its place."""
        import tempfile

        from openpyxl import load_workbook
        from openpyxl.utils import get_column_letter

        from ..forms import write_form
        inputs: dict[tuple[str, int], int] = {}  # (sheet, row) -> the column of its first input cell
        named = set()
        for ref in self.book.recorded_layout().values():
            where = _reference(ref) if ref else None
            if where is None:
                continue
            named.add(where)
            row, col = _row_col(where[1])
            inputs[(where[0], row)] = min(col, inputs.get((where[0], row), col))
        with tempfile.TemporaryDirectory() as tmp:
            template = load_workbook(write_form(self.plan, period, unit, Path(tmp) / "mau.xlsx").path)
            for (sheet, row), first in sorted(inputs.items(), key=lambda kv: (kv[0][0], kv[0][1])):
                if sheet not in template.sheetnames or sheet not in self.book.sheet_names:
                    continue
                for col in range(first):
                    ref = f"{get_column_letter(col + 1)}{row}"
                    want = template[sheet][ref].value
                    if want in (None, "") or (sheet, ref) in named:
                        continue
                    got = self.book.value(sheet, ref)
                    if _label(got) != _label(want):
                        raise _Rejected(msg.LAYOUT_MOVED.format(sheet=sheet, row=row, want=str(want)[:60],
                                                                got=str(got or "")[:60]), Code.LAYOUT_MOVED)
        return True

    def check_names(self) -> None:
        """The file's defined names against the cell map _meta records: a name doubled (two on one
        cell), taken to another sheet or out of the order of the form's cells (swapped, moved) is
        an error naming it, and its cell is not read. Rows inserted above move every name below
        alike and keep their order: that is not an error."""
        layout = self.book.recorded_layout()
        defined = self.book.defined
        if all(defined.get(n) == v for n, v in layout.items()):
            return  # every name where the form put it: the usual case
        refs = {n: _reference(v) for n, v in layout.items() if v}
        recorded = {n: w for n, w in refs.items() if w is not None}
        resolved = {n: self.book.resolve(n) for n in recorded}
        current = {n: w for n, w in resolved.items() if w is not None}
        by_cell: dict[tuple, list[str]] = {}
        for n, w in current.items():
            by_cell.setdefault(w, []).append(n)
        for w, doubled in by_cell.items():
            if len(doubled) > 1:
                for n in doubled:
                    self.bad_names[n] = msg.NAME_DOUBLED.format(names=", ".join(sorted(doubled)), where=f"'{w[0]}'!{w[1]}")
        layout_sheets = {w[0] for w in recorded.values()}
        renamed = {}  # a sheet of the form renamed in Excel (its names follow it): said once, read as it is
        for sheet in sorted(layout_sheets - set(self.book.sheet_names)):
            now = {current[n][0] for n, w in recorded.items() if w[0] == sheet and n in current}
            if len(now) == 1 and (new := next(iter(now))) not in layout_sheets:
                renamed[sheet] = new
                self.problem(msg.SHEET_RENAMED.format(old=sheet, new=new), WARNING, sheet=new, code=Code.SHEET_RENAMED)
        for sheet in sorted(layout_sheets):
            on_sheet = sorted((n for n, w in recorded.items() if w[0] == sheet and n in current),
                              key=lambda n: _row_col(recorded[n][1]))
            where = renamed.get(sheet, sheet)
            moved = [n for n in on_sheet if current[n][0] != where]
            kept = [n for n in on_sheet if current[n][0] == where]
            in_order = _increasing([_row_col(current[n][1]) for n in kept])
            out_of_order = [n for k, n in enumerate(kept) if k not in in_order]
            taken = {current[n] for n in out_of_order}  # a name now on the cell a displaced name had
            moved += out_of_order + [n for n in kept if recorded[n] in taken and n not in out_of_order]
            for n in moved:
                if n not in self.bad_names:
                    w = current[n]
                    self.bad_names[n] = msg.NAME_MOVED.format(name=n, got=f"'{w[0]}'!{w[1]}",
                                                              want=f"'{recorded[n][0]}'!{recorded[n][1]}")
        for n, text in self.bad_names.items():
            w = current[n]
            self.problem(text, sheet=w[0], cell=w[1], name=n, code=Code.NAME_MOVED)

    # -- cells ---------------------------------------------------------------------
    def raw(self, name: str, what: str, required=True):
        """(value, sheet, cell) of a defined name; reports a missing name or a formula problem."""
        if name in self.bad_names:  # reported by check_names
            moved = self.book.resolve(name)
            assert moved is not None  # check_names found it
            return _BAD, *moved
        where = self.book.resolve(name)
        if where is None:
            if required:
                self.problem(msg.NAME_MISSING.format(name=name, what=what), name=name, code=Code.NAME_MISSING)
            return None, "", ""
        sheet, cell = where
        if sheet not in self.book.sheet_names:
            self.problem(msg.SHEET_MISSING.format(sheet=sheet, name=name), sheet=sheet, name=name, code=Code.SHEET_MISSING)
            return None, "", ""
        value = self.book.value(sheet, cell)
        if value is None or value == "":
            flag = self.book.flag(sheet, cell)
            if flag:
                kind, text = flag
                message = msg.FORMULA_ERROR.format(what=what, raw=text) if kind == "error" else msg.FORMULA_NO_VALUE.format(what=what)
                self.problem(message, sheet=sheet, cell=cell, name=name, code=Code.FORMULA_ERROR if kind == "error" else Code.FORMULA_NO_VALUE)
                return _BAD, sheet, cell
        if isinstance(value, str) and value.startswith("#") and value.rstrip("!?0/").upper() in ("#REF", "#VALUE", "#DIV", "#N/A", "#NAME", "#NUM", "#NULL"):
            self.problem(msg.FORMULA_ERROR.format(what=what, raw=value), sheet=sheet, cell=cell, name=name, code=Code.FORMULA_ERROR)
            return _BAD, sheet, cell
        if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
            self.problem(msg.TEXT_TOO_LONG.format(what=what, n=number(len(value)), limit=number(EXCEL_CELL_LIMIT),
                                                  mark=CUT_MARK.strip()), WARNING, sheet=sheet, cell=cell, name=name,
                         code=Code.TEXT_TOO_LONG)
        return value, sheet, cell

    def count(self, name: str, what: str, ind: Indicator, part: str, sub: Submission):
        raw, sheet, cell = self.raw(name, what)
        if raw is _BAD or raw is None:
            return None
        limit = MAX_MONEY if getattr(ind, "money", False) else MAX_COUNT
        value, err, warning = read_count(raw, limit)
        shown = clean_text(raw) if not isinstance(raw, float) else f"{raw:g}".replace(".", ",")
        if err:
            self.problem(err.template.format(what=what, raw=shown, limit=number(limit)), sheet=sheet, cell=cell, name=name,
                         code=err)
            return None
        if value is None:
            return None
        if warning:
            self.problem(warning.template.format(what=what, raw=shown, value=number(value)), WARNING, sheet=sheet, cell=cell,
                         name=name, code=warning)
        fig = Figure(name=_intern(name), indicator=_intern(ind.id), part=part, value=value,
                     raw=None if raw == value else raw, sheet=_intern(sheet), cell=_intern(cell))
        sub.figures[name] = fig
        return fig

    def text(self, name: str, what: str, required=True, free_text=True) -> tuple[str, str, str]:
        raw, sheet, cell = self.raw(name, what, required)
        if raw is _BAD:
            return "", sheet, cell
        text = clean_text(raw)
        if free_text and legacy.candidate(text):
            font = self.book.font(sheet, cell)
            fixed, encoding = legacy.fix(text, font)
            if encoding:
                self.problem(msg.LEGACY_CONVERTED.format(what=what, encoding=legacy.ENCODING_NAMES[encoding],
                                                         font=font or "?", text=fixed),
                             WARNING, sheet=sheet, cell=cell, name=name, code=Code.LEGACY_ENCODING)
                text = fixed
        return text, sheet, cell

    def choice(self, name: str, what: str, choices: list[str]) -> tuple[str, str, str]:
        text, sheet, cell = self.text(name, what, free_text=False)
        if not text:
            return "", sheet, cell
        by_key = {fold(c): c for c in choices}
        if fold(text) in by_key:
            return by_key[fold(text)], sheet, cell
        self.problem(msg.BAD_CHOICE.format(what=what, raw=text, choices=", ".join(choices)), sheet=sheet, cell=cell,
                     name=name, code=Code.BAD_CHOICE)
        return "", sheet, cell

    # -- the whole form -------------------------------------------------------------
    def read(self) -> Submission:
        unit, period, meta = self.identify()
        sub = Submission(path=self.book.path, plan=self.plan.id, period=period.code, unit=unit.code,
                         template_version=meta.get("template_version", ""))
        self.cover(sub)
        for ind in self.plan.indicators_for(unit):
            self.indicator(ind, sub)
        for h in self.plan.hotspots_of(unit):
            self.hotspot(h, sub)
        if unit.local:
            self.new_hotspots(sub)
        for t in self.plan.tasks_for(unit):
            self.task(t, sub)
        if self.old_narratives:
            self.old_narrative(sub)
        else:
            self.recommendations(sub)
            self.difficulties(sub)
        typed_wrong = any(p.cell and p.is_error for p in self.result.problems)  # typed, but not accepted
        if not (sub.figures or sub.hotspots or sub.new_hotspots or sub.tasks or sub.recommendations or sub.difficulties
                or typed_wrong):
            raise _Rejected(msg.FORM_EMPTY, Code.EMPTY_FORM)  # a blank form sent back is not a report
        return sub

    def task(self, t, sub: Submission):
        """A task's result and, on forms that have it, its status (a code; blank: not reported)."""
        text, sheet, cell = self.text(names.task(t), msg.TASK_RESULT_WHAT.format(ref=self.plan.task_ref(t.key)))
        status = None
        if not self.old_narratives:
            narratives = self.plan.narratives
            label = self.choice(names.task_status(t), msg.TASK_STATUS_WHAT.format(ref=self.plan.task_ref(t.key)),
                                narratives.status_labels)[0]
            status = narratives.status_code(label) if label else None
        if text or status:
            sub.tasks[t.key] = TaskResult(key=t.key, text=text, sheet=sheet, cell=cell, status=status)

    def recommendations(self, sub: Submission):
        """One per row; a row with text and no addressee goes to the default one, with a warning."""
        narratives = self.plan.narratives
        default = narratives.default_addressee
        for n in range(1, narratives.recommendation_rows + 1):
            name = names.recommendation_text(n)
            text, sheet, cell = self.text(name, msg.RECOMMENDATION_WHAT.format(n=n))
            before = len(self.result.problems)
            label, a_sheet, a_cell = self.choice(names.recommendation_addressee(n),
                                                 msg.RECOMMENDATION_ADDRESSEE_WHAT.format(n=n),
                                                 narratives.addressee_labels)
            if not text:
                continue
            addressee = narratives.addressee_code(label) if label else None
            if addressee is None:
                addressee = default
                if len(self.result.problems) == before:  # blank, not a wrong choice already reported
                    self.problem(msg.RECOMMENDATION_NO_ADDRESSEE.format(n=n, cell=a_cell,
                                                                        label=narratives.addressee_label(default)),
                                 WARNING, sheet=a_sheet, cell=a_cell, name=names.recommendation_addressee(n),
                                 code=Code.RECOMMENDATION_NO_ADDRESSEE)
            sub.recommendations.append(Recommendation(addressee=addressee, text=text, sheet=sheet, cell=cell,
                                                      name=name))

    def difficulties(self, sub: Submission):
        for n in range(1, self.plan.narratives.difficulty_rows + 1):
            name = names.difficulty(n)
            text, sheet, cell = self.text(name, msg.DIFFICULTY_WHAT.format(n=n))
            if text:
                sub.difficulties.append(Difficulty(text=text, sheet=sheet, cell=cell, name=name))

    def old_narrative(self, sub: Submission):
        """A form of the earlier version: one cell of difficulties, one of recommendations."""
        text, sheet, cell = self.text(names.DIFFICULTIES, msg.DIFFICULTIES)
        if text:
            sub.difficulties.append(Difficulty(text=text, sheet=sheet, cell=cell, name=names.DIFFICULTIES))
        text, sheet, cell = self.text(names.RECOMMENDATIONS, msg.RECOMMENDATIONS)
        if text:
            sub.recommendations.append(Recommendation(addressee=self.plan.narratives.default_addressee, text=text,
                                                      sheet=sheet, cell=cell, name=names.RECOMMENDATIONS))

    def cover(self, sub: Submission):
        sub.contact = self.text(names.CONTACT, msg.COVER_LABELS["contact"])[0]
        sub.phone = self.text(names.PHONE, msg.COVER_LABELS["phone"])[0]
        raw, sheet, cell = self.raw(names.REPORT_DATE, msg.COVER_LABELS["report_date"])
        if raw is None or raw is _BAD:
            self.problem(msg.REPORT_DATE_MISSING, WARNING, sheet=sheet, cell=cell, name=names.REPORT_DATE, code=Code.NO_REPORT_DATE)
        else:
            sub.report_date = parse_date(raw)
            if sub.report_date is None:
                self.problem(msg.REPORT_DATE_BAD.format(raw=clean_text(raw)), WARNING, sheet=sheet, cell=cell,
                             name=names.REPORT_DATE, code=Code.BAD_REPORT_DATE)
            else:
                period, today = self.plan.period(sub.period), self.result.read_at.date()
                why = (msg.REPORT_DATE_BEFORE.format(start=short_date(period.start))
                       if period is not None and sub.report_date < period.start else
                       msg.REPORT_DATE_AFTER.format(today=short_date(today)) if sub.report_date > today else "")
                if why:
                    self.problem(msg.REPORT_DATE_ODD.format(date=short_date(sub.report_date), why=why), WARNING,
                                 sheet=sheet, cell=cell, name=names.REPORT_DATE, code=Code.ODD_REPORT_DATE)
        if not sub.contact and not sub.phone:
            self.problem(msg.CONTACT_MISSING, WARNING, sheet=msg.SHEET_COVER, code=Code.NO_CONTACT)

    def indicator(self, ind: Indicator, sub: Submission):
        what = f"Chỉ tiêu {ind.id}"
        note = self.text(names.note(ind), f"{what}, ghi chú", required=False)[0]
        if note:
            sub.notes[ind.id] = note
        if ind.kind in ("count", "qualitative"):
            self.count(names.value(ind), what, ind, "value", sub)
        elif ind.kind == "yesno":
            choice, sheet, cell = self.choice(names.value(ind), what, [msg.YES, msg.NO])
            if choice:
                sub.figures[names.value(ind)] = Figure(names.value(ind), ind.id, "value", choice, choice, sheet, cell)
        elif ind.kind == "ratio":
            num = self.count(names.numerator(ind), f"{what}, tử số", ind, "numerator", sub)
            den = self.count(names.denominator(ind), f"{what}, mẫu số", ind, "denominator", sub)
            bad = None
            if num and den and num.value > den.value:
                bad = (msg.NUMERATOR_ABOVE.format(what=what, num=num.value, den=den.value), num, Code.NUMERATOR_ABOVE)
            elif num and not den:
                bad = (msg.DENOMINATOR_MISSING.format(what=what, num=num.value), num, Code.DENOMINATOR_MISSING)
            elif den and not num:
                # A denominator alone reports nothing (districts' commune counts come pre-filled).
                sub.figures.pop(den.name, None)
                if den.value > 0 and ind.denominator_default != "communes":
                    self.problem(msg.NUMERATOR_MISSING.format(what=what, den=den.value), WARNING, sheet=den.sheet,
                                 cell=den.cell, name=den.name, code=Code.NUMERATOR_MISSING)
            if bad:
                message, fig, code = bad
                self.problem(message, sheet=fig.sheet, cell=fig.cell, name=fig.name, code=code)
                sub.figures.pop(names.numerator(ind), None)
                sub.figures.pop(names.denominator(ind), None)

    def hotspot(self, h, sub: Submission):
        choices = self.plan.hotspot_statuses.for_appendix(h.appendix)
        what = f"Tình trạng điểm {h.id}"
        status, sheet, cell = self.choice(names.hotspot_status(h), what, choices)
        note = self.text(names.hotspot_note(h), f"Ghi chú điểm {h.id}")[0]
        if status:
            sub.hotspots[h.id] = HotspotReport(id=h.id, status=status, note=note, sheet=sheet, cell=cell)
        elif sheet:
            self.problem(msg.HOTSPOT_NOT_REPORTED.format(id=h.id, name=h.name), WARNING, sheet=sheet, cell=cell,
                         name=names.hotspot_status(h), code=Code.HOTSPOT_NOT_REPORTED)

    def new_hotspots(self, sub: Submission):
        levels = list(self.plan.hotspot_statuses.new_levels)
        for k in range(1, self.plan.hotspot_statuses.new_rows + 1):
            name, sheet, cell = self.text(names.new_hotspot(k, "TEN"), f"Điểm mới dòng {k}, tên điểm")
            address = self.text(names.new_hotspot(k, "DIACHI"), f"Điểm mới dòng {k}, địa chỉ")[0]
            level = self.choice(names.new_hotspot(k, "MUCDO"), f"Điểm mới dòng {k}, mức độ", levels)[0]
            note = self.text(names.new_hotspot(k, "GC"), f"Điểm mới dòng {k}, ghi chú")[0]
            if not (name or address or level or note):
                continue
            if not name:
                self.problem(msg.NEW_HOTSPOT_NO_NAME.format(k=k), sheet=sheet, cell=cell,
                             name=names.new_hotspot(k, "TEN"), code=Code.NEW_HOTSPOT_NO_NAME)
                continue
            sub.new_hotspots.append(NewHotspot(row=k, name=name, address=address, level=level, note=note,
                                               sheet=sheet, cell=cell))


_BAD = object()  # a cell whose content is a formula problem, already reported
_intern = sys.intern  # thousands of returns name the same sheets and cells: keep one copy of each


def unit_from_name(path: Path, plan: Plan) -> str:
    """The unit a file name names ('020_huyen-thanh-tri.pdf', 'CATP bao cao.docx'): the first
    word of the name that is a unit code of the plan; '' when none is."""
    for word in re.split(r"[\W_]+", safe_path(Path(path).stem)):
        unit = plan.unit(word) or plan.unit(word.upper())
        if word and unit is not None:
            return unit.code
    return ""


def _attribute_by_name(results: list[FileResult], plan: Plan) -> None:
    """A rejected file whose _meta could not be read (encrypted, cut short, not a form at all)
    is put down to the unit its name names, so that unit is listed as having sent a bad file,
    not as silent."""
    from dataclasses import replace
    for r in results:
        if r.rejected and not r.unit:
            code = unit_from_name(r.path, plan)
            if code:
                r.unit = code
                r.problems = [replace(p, unit=code) for p in r.problems]


def _supersede(results: list[FileResult]) -> None:
    """Two files for one unit and period: the later report date wins, then the later file time."""
    groups: dict[tuple[str, str], list[AcceptedFile]] = {}
    for r in results:
        if isinstance(r, AcceptedFile):
            groups.setdefault((r.submission.unit, r.submission.period), []).append(r)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda r: (r.submission.report_date or date.min, r.mtime, str(r.path)))
        winner = group[-1]
        for r in group[:-1]:
            r.superseded_by = winner.path
            same = r.sha256 and r.sha256 == winner.sha256  # the same file saved twice ("… (1).xlsx")
            r.problems.append(Problem(file=str(r.path), severity=WARNING, unit=r.submission.unit,
                                      code=Code.DUPLICATE_FILE if same else Code.SUPERSEDED,
                                      message=(msg.FILE_DUPLICATE if same else msg.FILE_SUPERSEDED).format(
                                          newer=winner.path.name)))


PEER_FACTOR = 20
PEER_MINIMUM = 100


def _peer_warnings(results: list[FileResult], plan: Plan) -> None:
    """A count far above what its peers report is probably a typo: warn, never reject."""
    live = [r for r in results if isinstance(r, AcceptedFile) and r.superseded_by is None]
    for ind in plan.indicators:
        if ind.kind != "count":
            continue
        name = names.value(ind)
        for level in [lv.code for lv in plan.levels]:  # peers: units of the same level
            figs = [(r, r.submission.figures[name]) for r in live
                    if name in r.submission.figures and (plan.known_unit(r.submission.unit).level == level)]
            values = [v for _, f in figs if isinstance(v := f.value, int) and v > 0]  # counts: whole numbers
            if len(values) < 5:
                continue
            median = statistics.median(values)
            for r, f in figs:
                v = f.value
                if isinstance(v, int) and v > PEER_MINIMUM and v > PEER_FACTOR * median:
                    r.problems.append(Problem(
                        file=str(r.path), severity=WARNING, sheet=f.sheet, cell=f.cell, name=f.name, code=Code.OUTLIER,
                        unit=r.submission.unit,
                        message=msg.OUTLIER.format(what=f"Chỉ tiêu {ind.id}", value=number(v), factor=PEER_FACTOR,
                                                   median=number(median))))
