"""The summary workbook (TongHop_<period>.xlsx): every figure, its source, every problem."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from . import messages as msg
from .atomic import atomic_path
from .consolidation import Consolidation
from .report_check import file_status, unit_status_label
from .safetext import cut_for_cell, safe_text
from .vnformat import short_date

from .xlstyle import CELL, COUNT_FORMAT, HEADER, PERCENT_FORMAT, TITLE, TOTAL, add_named_styles, print_setup, row_height

HEADER_ROW = 3


def _ratio(x) -> float | None:
    """A percentage (0..100, exact) as the fraction Excel's % format expects (0..1)."""
    if x is None:
        return None
    return float(Fraction(x) / 100)


class _Sheet:
    """A simple table sheet: title, header row, rows; print-ready.

    The workbook is written in openpyxl's write-only mode: rows stream to disk as they are
    added, so a run over thousands of returns keeps little in memory. Everything that goes
    before the rows in the file (widths, frozen panes) is set here, before the first row.
    """

    def __init__(self, wb: Workbook, title: str, heading: str, headers: list[str], widths: list[int], freeze="A4"):
        self.ws = wb.create_sheet(title)
        self.looks: dict = {}  # (named style, number format) -> openpyxl's style record
        if hasattr(type(self.ws), "_values_to_row"):
            # openpyxl's write-only sheet tries each appended item as a plain value first and
            # takes it as a cell only after a ValueError carrying a formatted message: most of
            # the cost of a row. Every item appended here is already a cell: place it directly.
            self.ws._values_to_row = _place_cells
        self.widths = widths
        self.ncols = len(headers)
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        self.ws.freeze_panes = freeze
        print_setup(self.ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
        self.row = 1
        self.title(heading)
        self._append([])
        self.header(headers, height=32)

    def _append(self, cells, height=None):
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)
        self.row += 1
        return self.row - 1

    def _cell(self, value, style, number_format=None):
        if isinstance(value, str):
            # what a unit typed, as typed: no formula, nothing a cell cannot hold
            value = cut_for_cell(safe_text(value))[0]
        c = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # '=> Đã hoàn thành' or '=HYPERLINK(…)' stays text, never a formula
        key = (style, number_format)
        looks = self.looks.get(key)
        if looks is None:  # the first cell of this look: let openpyxl resolve and register it
            c.style = style
            if number_format:
                c.number_format = number_format
            self.looks[key] = c._style
        else:  # later cells share the resolved style record (write-only cells are never restyled)
            c._style = looks
        return c

    def title(self, text):
        self._append([self._cell(text, TITLE)])

    def header(self, headers, height=None):
        self._append([self._cell(h, HEADER) for h in headers], height)

    def add(self, values, formats=None, total=False) -> int:
        formats = formats or {}
        style = TOTAL if total else CELL
        cells = []
        for i, v in enumerate(values, start=1):
            fmt = None
            if i in formats and v is not None:
                fmt = formats[i]
            elif isinstance(v, int) and not isinstance(v, bool):
                fmt = COUNT_FORMAT
            cells.append(self._cell(v, style, fmt))
        texts = [(v, w) for v, w in zip(values, self.widths) if isinstance(v, str)]
        return self._append(cells, row_height(texts, 15))


def _place_cells(cells, row_idx):
    for col_idx, cell in enumerate(cells, start=1):
        if cell is not None:
            cell.column, cell.row = col_idx, row_idx
            yield cell


def write_summary(c: Consolidation, path: str | Path, comparison: dict | None = None) -> Path:
    """`comparison`: the JSON's indicators after compare.apply (previous figure and change)."""
    wb = Workbook(write_only=True)
    add_named_styles(wb)
    heading = msg.SUMMARY_TITLE.format(title=c.plan.title.upper(), period=c.period.name.upper())
    chart_rows = _indicators(wb, c, heading, comparison)
    _detail(wb, c, heading)
    _hotspots(wb, c, heading)
    _units(wb, c, heading)
    _problems(wb, c, heading)
    _files(wb, c, heading)
    _tasks(wb, c, heading)
    _recommendations(wb, c, heading)
    _difficulties(wb, c, heading)
    _figures(wb, c, heading)
    _resubmissions(wb, c, heading)
    if chart_rows:
        _progress_chart(wb, heading, chart_rows)
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _indicators(wb, c: Consolidation, heading, comparison=None):
    extra = msg.SUMMARY_COMPARE_HEADERS if comparison else []
    s = _Sheet(wb, msg.SUMMARY_SHEETS["indicators"], heading, msg.SUMMARY_INDICATOR_HEADERS + extra,
               [6, 48, 18, 22, 11, 8, 11, 8, 8, 10, 10, 8, 24] + [11, 16] * bool(extra))
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
        note = "; ".join(f"{plan.unit(u).short or plan.unit(u).name}: {t}" for u, t in r.notes)
        if ratio_like and r.units_reporting:
            who = msg.COVERAGE_DISTRICTS if all(plan.unit(u).is_district for u in r.units_expected) else msg.COVERAGE_UNITS
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
        line = s.add(values, formats={7: PERCENT_FORMAT if ratio_like else COUNT_FORMAT, 10: PERCENT_FORMAT,
                                      14: PERCENT_FORMAT if ratio_like else COUNT_FORMAT})
        if r.percent_of_target is not None and not ind.supplementary:
            chart_rows.append((ind.id, _ratio(r.percent_of_target), _ratio(r.pace) if r.pace is not None else None))
    return chart_rows


def _progress_chart(wb, heading, rows: list) -> None:
    """Numbered indicators only, against their annual target, with the pace line where there is one:
    a sheet of its own holding the chart's data (no empty group rows), every label shown."""
    from openpyxl.chart import LineChart
    from openpyxl.chart.label import DataLabelList

    s = _Sheet(wb, msg.SUMMARY_SHEET_CHART, heading, list(msg.SUMMARY_CHART_HEADERS), [12, 16, 16])
    first = s.row
    for ind_id, share, pace in rows:
        s.add([ind_id, share, pace], formats={2: PERCENT_FORMAT, 3: PERCENT_FORMAT})
    last = s.row - 1
    bars = BarChart()
    bars.type = "col"
    bars.title = msg.SUMMARY_CHART_TITLE
    bars.y_axis.numFmt = "0%"
    bars.y_axis.title = msg.SUMMARY_CHART_HEADERS[1]
    bars.add_data(Reference(s.ws, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(s.ws, min_col=1, min_row=first, max_row=last))
    bars.dataLabels = DataLabelList()
    bars.dataLabels.showVal = True
    bars.dataLabels.showSerName = bars.dataLabels.showCatName = bars.dataLabels.showLegendKey = False
    bars.x_axis.tickLblSkip = 1
    bars.x_axis.delete = False
    bars.y_axis.delete = False
    if any(p is not None for _, _, p in rows):
        line = LineChart()
        line.add_data(Reference(s.ws, min_col=3, min_row=first - 1, max_row=last), titles_from_data=True)
        line.series[0].smooth = False
        line.series[0].graphicalProperties.line.dashStyle = "dash"
        bars += line
    bars.legend.position = "b"
    bars.height, bars.width = 12, 30
    s.ws.add_chart(bars, "E4")


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


def _detail(wb, c: Consolidation, heading):
    cols = _parts(c)
    headers = msg.SUMMARY_DETAIL_FIRST + [f"{r.id}{msg.SUMMARY_PART[p]}" for r, p in cols]
    s = _Sheet(wb, msg.SUMMARY_SHEETS["detail"], heading, headers, [9, 34] + [10] * len(cols), freeze="C4")
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
    # Too many columns to fit one page: print at full size, repeating the unit columns.
    s.ws.sheet_properties.pageSetUpPr.fitToPage = False
    s.ws.print_title_cols = "A:B"


def _hotspots(wb, c: Consolidation, heading):
    s = _Sheet(wb, msg.SUMMARY_SHEETS["hotspots"], heading, msg.SUMMARY_HOTSPOT_HEADERS, [9, 10, 48, 16, 14, 20, 30, 30, 8])
    for h in c.hotspots:
        hs = h.hotspot
        s.add([hs.id, f"Phụ lục {hs.appendix}", hs.name, c.plan.unit(hs.district).name, hs.level, h.status, h.note or None,
               h.source.file if h.source else None, h.source.cell if h.source else None])
    s._append([])
    s.title(msg.SUMMARY_NEW_HOTSPOTS)
    s.header(msg.SUMMARY_NEW_HOTSPOT_HEADERS)
    for n in c.new_hotspots:
        s.add([c.plan.unit(n.district).name, n.name, n.address, n.level, n.note, n.source.file, n.source.cell])


def _units(wb, c: Consolidation, heading):
    s = _Sheet(wb, msg.SUMMARY_SHEETS["units"], heading, msg.SUMMARY_UNIT_HEADERS + msg.SUMMARY_UNIT_BUILT,
               [9, 40, 28, 16, 34, 13, 8, 24, 16, 30, 22])
    names = lambda codes: ", ".join(c.plan.period(p).name for p in codes) or None  # noqa: E731
    for u in c.units:
        sub = u.file.submission if u.file and u.file.submission else None
        s.add([u.unit.code, u.unit.display, c.plan.unit_groups.get(u.unit.group, ""), unit_status_label(u),
               str(u.file.path) if u.file else None, short_date(u.report_date) if u.report_date else None,
               msg.LATE if u.late else None, sub.contact if sub else None, sub.phone if sub else None,
               names(u.covers), names(u.gaps)])


def _problems(wb, c: Consolidation, heading):
    s = _Sheet(wb, msg.SUMMARY_SHEETS["problems"], heading, msg.SUMMARY_PROBLEM_HEADERS, [34, 9, 16, 8, 16, 10, 80])
    from .problems import SEVERITY_VI
    for p in c.problems:
        s.add([p.file, p.unit or None, p.sheet or None, p.cell or None, p.name or None, SEVERITY_VI[p.severity], p.message])


def _files(wb, c: Consolidation, heading):
    s = _Sheet(wb, msg.SUMMARY_SHEETS["files"], heading, msg.SUMMARY_FILE_HEADERS, [40, 9, 22, 66, 12, 19, 19])
    for f in c.intake.files:
        unit = f.unit or None
        s.add([str(f.path), unit, msg.FILE_OUTCOME[file_status(f)], f.sha256 or None, f.size,
               f.mtime.strftime("%d/%m/%Y %H:%M"), f.read_at.strftime("%d/%m/%Y %H:%M")])


def _tasks(wb, c: Consolidation, heading):
    """Each assigned task of each unit that reported: status, result and where they were typed."""
    s = _Sheet(wb, msg.SUMMARY_SHEETS["tasks"], heading, msg.SUMMARY_TASK_HEADERS_STATUS, [9, 28, 9, 60, 16, 70, 30, 10, 8])
    plan = c.plan
    for u in c.units_with("submitted"):
        sub = u.file.submission
        for t in plan.tasks_for(u.unit):
            res = sub.tasks.get(t.key)
            status = plan.narratives.status_label(res.status) if res and res.status else msg.TASK_STATUS_BLANK
            s.add([u.unit.code, u.unit.name, f"IV.{t.key}", t.text, status, (res.text or None) if res else None,
                   str(u.file.path), res.sheet if res else None, res.cell if res else None])


def _recommendations(wb, c: Consolidation, heading):
    """Every recommendation, to whom, with its source."""
    s = _Sheet(wb, msg.SUMMARY_SHEET_RECOMMENDATIONS, heading, msg.SUMMARY_RECOMMENDATION_HEADERS,
               [9, 28, 24, 70, 30, 10, 8])
    for r in c.recommendations:
        s.add([r.unit, c.plan.unit(r.unit).name, c.plan.narratives.addressee_label(r.addressee), r.text,
               r.source.file, r.source.sheet, r.source.cell])


def _difficulties(wb, c: Consolidation, heading):
    s = _Sheet(wb, msg.SUMMARY_SHEET_DIFFICULTIES, heading, msg.SUMMARY_DIFFICULTY_HEADERS, [9, 28, 80, 30, 10, 8])
    for d in c.difficulties:
        s.add([d.unit, c.plan.unit(d.unit).name, d.text, d.source.file, d.source.sheet, d.source.cell])


def _figures(wb, c: Consolidation, heading):
    """Every figure a unit typed, accepted, with its source: nothing lost."""
    s = _Sheet(wb, msg.SUMMARY_SHEETS["figures"], heading, msg.SUMMARY_FIGURE_HEADERS, [9, 28, 9, 10, 12, 18, 40, 14, 8, 14])
    for u in c.units_with("submitted"):
        for fig in u.file.submission.figures.values():
            raw = fig.value if fig.raw is None else fig.raw  # raw is kept only where it differs
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            s.add([u.unit.code, u.unit.name, fig.indicator, msg.SUMMARY_PART_NAMES[fig.part], fig.value,
                   str(raw), str(u.file.path), fig.sheet, fig.cell, fig.name])


def _resubmissions(wb, c: Consolidation, heading):
    """What each unit changed when it sent its report again: old value, new value, cell."""
    s = _Sheet(wb, msg.SUMMARY_SHEETS["changes"], heading, msg.SUMMARY_CHANGE_HEADERS, [9, 30, 30, 26, 18, 18, 14, 8])
    for old, new, changes in c.resubmissions:
        unit = c.plan.unit(new.submission.unit)
        for ch in changes:
            s.add([unit.code, str(old.path), str(new.path), ch.what, _plain(ch.old), _plain(ch.new), ch.sheet or None,
                   ch.cell or None])


def _plain(v):
    from datetime import date
    if isinstance(v, date):
        return short_date(v)
    return v
