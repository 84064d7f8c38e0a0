"""The summary workbook (TongHop_<period>.xlsx): every figure, its source, every problem.

Written with XlsxWriter, a library made for writing workbooks row by row (about twice as fast
as openpyxl's write-only mode, through its public API only). The look (column titles and widths,
fonts, fills, borders, number formats, frozen panes, print setup) comes from the template
read by summary_template; this module writes the rows.
"""
from __future__ import annotations

import math
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import xlsxwriter

from . import messages as msg
from .atomic import atomic_path
from .consolidation import Consolidation
from .intake import AcceptedFile
from .report_check import file_status, unit_status_label
from .safetext import cut_for_cell, safe_text
from .summary_template import Look, load as load_look, specs
from .vnformat import short_date
from .xlstyle import row_height

HEADER_ROW = 3
COUNT, PERCENT = "count", "percent"  # number formats, as the template's 'Định dạng số' gives them


def _ratio(x) -> float | None:
    """A percentage (0..100, exact) as the fraction Excel's % format expects (0..1)."""
    if x is None:
        return None
    return float(Fraction(x) / 100)


class _Book:
    def __init__(self, path: Path, look: Look):
        # constant_memory: each row goes to disk once the next one starts, so thousands of
        # returns keep little in memory; rows are written strictly in order.
        self.wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.look = look
        self.numfmt = {COUNT: look.count_format, PERCENT: look.percent_format}


class _Sheet:
    """A simple table sheet: title in row 1, column titles in row 3, then the rows; print-ready."""

    def __init__(self, book: _Book, name: str, heading: str, headers: list[str]):
        spec = specs()[name]
        self.look = look = book.look.sheets[name]
        self.wb = book.wb
        self.numfmt = book.numfmt
        self.ws = ws = book.wb.add_worksheet(name)
        self.formats: dict = {}
        self.ncols = len(headers)
        self.widths = [look.width(i) for i in range(self.ncols)]
        for i, w in enumerate(self.widths):
            ws.set_column(i, i, w)
        if look.freeze:
            ws.freeze_panes(*look.freeze)
        ws.set_landscape() if look.landscape else ws.set_portrait()
        if look.paper:
            ws.set_paper(look.paper)
        if look.fit_width:
            ws.fit_to_pages(1, 0)
        if look.repeat_rows:
            ws.repeat_rows(*look.repeat_rows)
        if look.repeat_columns:
            ws.repeat_columns(look.repeat_columns)
        if look.margins:
            ws.set_margins(**look.margins)
        if look.header_text:
            ws.set_header(look.header_text)
        if look.footer_text:
            ws.set_footer(look.footer_text)
        self.row = 0  # the next row to write, counted from 0
        self.title(heading)
        self.row += 1
        fixed = min(spec.n_fixed, len(look.titles))
        self.header([look.titles[i] if i < fixed else h for i, h in enumerate(headers)], look.header_height)

    def _format(self, role: str, col: int, number: str | None = None):
        key = (role, col, number)
        f = self.formats.get(key)
        if f is None:
            looks = getattr(self.look, role)
            props = dict(looks if isinstance(looks, dict) else looks[min(col, len(looks) - 1)])
            if number:
                props["num_format"] = self.numfmt.get(number, number)
            f = self.formats[key] = self.wb.add_format(props)
        return f

    def _write(self, col: int, value, fmt) -> None:
        ws, row = self.ws, self.row
        if value is None:
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, str):
            # what a unit typed, as typed: always a text cell (never a formula), nothing a cell cannot hold
            ws.write_string(row, col, cut_for_cell(safe_text(value))[0], fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float, Fraction)) and math.isfinite(value):
            ws.write_number(row, col, value if isinstance(value, int) else float(value), fmt)
        elif isinstance(value, (date, datetime)):
            ws.write_string(row, col, short_date(value), fmt)
        else:
            ws.write_string(row, col, safe_text(str(value)), fmt)

    def _next(self, height=None) -> int:
        if height:
            self.ws.set_row(self.row, height)
        self.row += 1
        return self.row  # the row just written, counted from 1 as Excel shows it

    def title(self, text):
        if self.look.title_height:
            self.ws.set_row(self.row, self.look.title_height)
        self._write(0, text, self._format("title", 0))
        self._next()

    def header(self, headers, height=None):
        if height:
            self.ws.set_row(self.row, height)
        for i, h in enumerate(headers):
            self._write(i, h, self._format("header", i))
        self._next()

    def skip(self):
        self.row += 1

    def add(self, values, formats=None, total=False) -> int:
        formats = formats or {}
        role = "total" if total else "cell"
        texts = [(v, w) for v, w in zip(values, self.widths) if isinstance(v, str)]
        height = row_height(texts, self.look.row_height) if texts else self.look.row_height
        if height != 15.0:
            self.ws.set_row(self.row, height)
        for i, v in enumerate(values):
            number = None
            if i + 1 in formats and v is not None:
                number = formats[i + 1]
            elif isinstance(v, int) and not isinstance(v, bool):
                number = COUNT
            self._write(i, v, self._format(role, i, number))
        return self._next()


def write_summary(c: Consolidation, path: str | Path, comparison: dict | None = None) -> Path:
    """`comparison`: the JSON's indicators after compare.apply (previous figure and change)."""
    look = load_look()
    heading = msg.SUMMARY_TITLE.format(title=c.plan.title.upper(), period=c.period.name.upper())
    path = Path(path)
    with atomic_path(path) as tmp:
        book = _Book(tmp, look)
        try:
            chart_rows = _indicators(book, c, heading, comparison)
            _detail(book, c, heading)
            _hotspots(book, c, heading)
            _units(book, c, heading)
            _problems(book, c, heading)
            _files(book, c, heading)
            _tasks(book, c, heading)
            _recommendations(book, c, heading)
            _difficulties(book, c, heading)
            _figures(book, c, heading)
            _resubmissions(book, c, heading)
            if chart_rows:
                _progress_chart(book, heading, chart_rows)
        finally:
            book.wb.close()  # on a failure atomic_path removes what was written
    return path


def _indicators(book, c: Consolidation, heading, comparison=None):
    extra = msg.SUMMARY_COMPARE_HEADERS if comparison else []
    s = _Sheet(book, msg.SUMMARY_SHEETS["indicators"], heading, msg.SUMMARY_INDICATOR_HEADERS + extra)
    plan = c.plan
    shown_rows = set()
    chart_rows = []
    for r in c.indicators:
        ind = r.indicator
        parent = plan.parent_row(ind) if ind.row else None
        if parent is not None and parent.key not in shown_rows:
            s.add([parent.stt, parent.text] + [None] * (s.ncols - 2), total=True)
            shown_rows.add(parent.key)
        row = plan.row(ind.row) if ind.row else None
        text = ind.label
        if row is not None and plan.sharing_row(ind) == 1:
            text = row.text
            shown_rows.add(row.key)
        ratio_like = ind.kind in ("ratio", "yesno")
        actual = _ratio(r.actual) if ratio_like else (int(r.actual) if r.actual is not None else None)
        note = "; ".join(f"{plan.known_unit(u).short or plan.known_unit(u).name}: {t}" for u, t in r.notes)
        if ratio_like and r.units_reporting:
            local = plan.local_level
            who = local.name if local and all(plan.known_unit(u).local for u in r.units_expected) else msg.COVERAGE_UNITS
            cover = msg.COVERAGE.format(n=len(r.units_reporting), m=len(r.units_expected), who=who)
            note = cover + ("; " + note if note else "")
        values = [
            ind.id, text, row.lead if row else "", row.partners if row else (ind.source and f"Mục {ind.source}"),
            ind.target_text or None, ind.measure, actual, r.numerator, r.denominator,
            _ratio(r.percent_of_target), r.status.label if r.status else None, len(r.units_reporting), note or None,
        ]
        if comparison:
            e = comparison.get(ind.id, {})
            before = e.get("previous")
            values += [_ratio(before) if ratio_like and before is not None else before, e.get("change") or None]
        line = s.add(values, formats={7: PERCENT if ratio_like else COUNT, 10: PERCENT,
                                      14: PERCENT if ratio_like else COUNT})
        if r.percent_of_target is not None and not ind.supplementary:
            chart_rows.append((ind.id, _ratio(r.percent_of_target), _ratio(r.pace) if r.pace is not None else None))
    return chart_rows


def _progress_chart(book, heading, rows: list) -> None:
    """Numbered indicators only, against their annual target, with the pace line where there is one:
    a sheet of its own holding the chart's data (no empty group rows), every label shown."""
    name = msg.SUMMARY_SHEET_CHART
    s = _Sheet(book, name, heading, list(msg.SUMMARY_CHART_HEADERS))
    first = s.row  # counted from 0: the first data row
    for ind_id, share, pace in rows:
        s.add([ind_id, share, pace], formats={2: PERCENT, 3: PERCENT})
    last = s.row - 1
    header = first - 1
    bars = book.wb.add_chart({"type": "column"})
    bars.add_series({
        "name": [name, header, 1], "categories": [name, first, 0, last, 0], "values": [name, first, 1, last, 1],
        "data_labels": {"value": True, "num_format": "0%"},
    })
    if any(p is not None for _, _, p in rows):
        line = book.wb.add_chart({"type": "line"})
        line.add_series({"name": [name, header, 2], "categories": [name, first, 0, last, 0],
                         "values": [name, first, 2, last, 2], "line": {"dash_type": "dash", "width": 2},
                         "marker": {"type": "none"}, "smooth": False})
        bars.combine(line)
    bars.set_title({"name": msg.SUMMARY_CHART_TITLE})
    bars.set_y_axis({"num_format": "0%", "name": msg.SUMMARY_CHART_HEADERS[1]})
    bars.set_x_axis({"interval_unit": 1})  # every indicator's label, however many
    bars.set_legend({"position": "bottom"})
    bars.set_size({"width": 1134, "height": 454})  # 30 x 12 cm
    s.ws.insert_chart("E4", bars)


def _parts(c: Consolidation):
    cols = []
    for r in c.indicators:
        ind = r.indicator
        if ind.kind == "hotspot":
            continue
        if ind.kind == "ratio":
            cols += [(r, "numerator"), (r, "denominator")]
        else:
            cols.append((r, "value"))
    return cols


def _detail(book, c: Consolidation, heading):
    cols = _parts(c)
    headers = msg.SUMMARY_DETAIL_FIRST + [f"{r.id}{msg.SUMMARY_PART[p]}" for r, p in cols]
    s = _Sheet(book, msg.SUMMARY_SHEETS["detail"], heading, headers)
    for us in c.units:
        code = us.unit.code
        values = []
        for r, p in cols:
            values.append(r.by_unit.get(code, {}).get(p))
        s.add([code, us.unit.name] + values)
    totals = []
    for r, p in cols:
        if r.indicator.kind == "yesno":
            totals.append(r.numerator)
        elif p == "value":
            totals.append(r.actual if r.actual is not None else None)
        else:
            totals.append(getattr(r, p))
    s.add([None, msg.SUMMARY_TOTAL] + [int(t) if t is not None else None for t in totals], total=True)


def _hotspots(book, c: Consolidation, heading):
    s = _Sheet(book, msg.SUMMARY_SHEETS["hotspots"], heading, msg.SUMMARY_HOTSPOT_HEADERS)
    for h in c.hotspots:
        hs = h.hotspot
        s.add([hs.id, f"Phụ lục {hs.appendix}", hs.name, c.plan.known_unit(hs.district).name, hs.level, h.status, h.note or None,
               h.source.file if h.source else None, h.source.cell if h.source else None])
    s.skip()
    s.title(msg.SUMMARY_NEW_HOTSPOTS)
    s.header(msg.SUMMARY_NEW_HOTSPOT_HEADERS)
    for n in c.new_hotspots:
        s.add([c.plan.known_unit(n.district).name, n.name, n.address, n.level, n.note, n.source.file, n.source.cell])


def _units(book, c: Consolidation, heading):
    s = _Sheet(book, msg.SUMMARY_SHEETS["units"], heading, msg.SUMMARY_UNIT_HEADERS + msg.SUMMARY_UNIT_BUILT)
    names = lambda codes: ", ".join(c.plan.known_period(p).name for p in codes) or None  # noqa: E731
    for u in c.units:
        sub = u.file.submission if isinstance(u.file, AcceptedFile) else None
        s.add([u.unit.code, u.unit.display, c.plan.unit_groups.get(u.unit.group, ""), unit_status_label(u),
               str(u.file.path) if u.file else None, short_date(u.report_date) if u.report_date else None,
               msg.LATE if u.late else None, sub.contact if sub else None, sub.phone if sub else None,
               names(u.covers), names(u.gaps)])


def _problems(book, c: Consolidation, heading):
    s = _Sheet(book, msg.SUMMARY_SHEETS["problems"], heading, msg.SUMMARY_PROBLEM_HEADERS)
    from .problems import SEVERITY_VI
    for p in c.problems:
        s.add([p.file, p.unit or None, p.sheet or None, p.cell or None, p.name or None, SEVERITY_VI[p.severity], p.message])


def _files(book, c: Consolidation, heading):
    s = _Sheet(book, msg.SUMMARY_SHEETS["files"], heading, msg.SUMMARY_FILE_HEADERS)
    for f in c.intake.files:
        unit = f.unit or None
        s.add([str(f.path), unit, msg.FILE_OUTCOME[file_status(f)], f.sha256 or None, f.size,
               f.mtime.strftime("%d/%m/%Y %H:%M"), f.read_at.strftime("%d/%m/%Y %H:%M")])


def _tasks(book, c: Consolidation, heading):
    """Each assigned task of each unit that reported: status, result and where they were typed."""
    s = _Sheet(book, msg.SUMMARY_SHEETS["tasks"], heading, msg.SUMMARY_TASK_HEADERS_STATUS)
    plan = c.plan
    for u, f in c.returns:
        sub = f.submission
        for t in plan.tasks_for(u.unit):
            res = sub.tasks.get(t.key)
            status = plan.narratives.status_label(res.status) if res and res.status else msg.TASK_STATUS_BLANK
            s.add([u.unit.code, u.unit.name, plan.task_ref(t.key), t.text, status, (res.text or None) if res else None,
                   str(f.path), res.sheet if res else None, res.cell if res else None])


def _recommendations(book, c: Consolidation, heading):
    """Every recommendation, to whom, with its source."""
    s = _Sheet(book, msg.SUMMARY_SHEET_RECOMMENDATIONS, heading, msg.SUMMARY_RECOMMENDATION_HEADERS)
    for r in c.recommendations:
        s.add([r.unit, c.plan.known_unit(r.unit).name, c.plan.narratives.addressee_label(r.addressee), r.text,
               r.source.file, r.source.sheet, r.source.cell])


def _difficulties(book, c: Consolidation, heading):
    s = _Sheet(book, msg.SUMMARY_SHEET_DIFFICULTIES, heading, msg.SUMMARY_DIFFICULTY_HEADERS)
    for d in c.difficulties:
        s.add([d.unit, c.plan.known_unit(d.unit).name, d.text, d.source.file, d.source.sheet, d.source.cell])


def _figures(book, c: Consolidation, heading):
    """Every figure a unit typed, accepted, with its source: nothing lost."""
    s = _Sheet(book, msg.SUMMARY_SHEETS["figures"], heading, msg.SUMMARY_FIGURE_HEADERS)
    for u, f in c.returns:
        for fig in f.submission.figures.values():
            raw = fig.value if fig.raw is None else fig.raw  # raw is kept only where it differs
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            s.add([u.unit.code, u.unit.name, fig.indicator, msg.SUMMARY_PART_NAMES[fig.part], fig.value,
                   str(raw), str(f.path), fig.sheet, fig.cell, fig.name])


def _resubmissions(book, c: Consolidation, heading):
    """What each unit changed when it sent its report again: old value, new value, cell."""
    s = _Sheet(book, msg.SUMMARY_SHEETS["changes"], heading, msg.SUMMARY_CHANGE_HEADERS)
    for old, new, changes in c.resubmissions:
        unit = c.plan.known_unit(new.submission.unit)
        for ch in changes:
            s.add([unit.code, str(old.path), str(new.path), ch.what, _plain(ch.old), _plain(ch.new), ch.sheet or None,
                   ch.cell or None])


def _plain(v):
    from datetime import date
    if isinstance(v, date):
        return short_date(v)
    return v
