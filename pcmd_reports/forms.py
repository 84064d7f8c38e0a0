"""Write one Excel form per unit, asking exactly what the plan asks of that unit.

Every input cell carries a workbook-level defined name (see `names`), so that reading a
returned form never depends on row positions. A hidden `_meta` sheet says which plan,
period, unit and template version the form belongs to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from . import TEMPLATE_VERSION, __version__
from . import messages as msg
from . import names
from .atomic import atomic_path
from .plan import Indicator, Period, Plan, Unit
from .safetext import text_cell
from .vnformat import number, short_date, slug
from .xlstyle import BORDER, CENTER, HEAD_FILL, INPUT_FILL, WRAP, print_setup, row_height
from .xlstyle import GREY_FILL as GROUP_FILL
from .xlstyle import font as _font

UNLOCKED = Protection(locked=False)


@dataclass
class FormInfo:
    """What one generated form contains; returned for the CLI's table and for tests."""
    unit: Unit
    path: Path
    indicators: list[str] = field(default_factory=list)
    hotspots: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def form_filename(unit: Unit) -> str:
    return f"{unit.code}_{slug(unit.name)}.xlsx"


def write_forms(plan: Plan, period: Period, out_dir: str | Path, unit_codes=None,
                on_written=None) -> list[FormInfo]:
    """Write the forms of every unit expected to report `period` (or only `unit_codes`)."""
    out_dir = Path(out_dir)
    units = plan.expected_units(period)
    if unit_codes:
        wanted = set(unit_codes)
        units = [u for u in units if u.code in wanted]
    written = []
    for unit in units:
        info = write_form(plan, period, unit, out_dir / form_filename(unit))
        written.append(info)
        if on_written:
            on_written(info)
    return written


def write_commune_forms(plan: Plan, period: Period, district: Unit, out_dir: str | Path, on_written=None) -> list[FormInfo]:
    """The commune forms of one district: each commune reports its part to the district."""
    written = []
    for commune in plan.communes_of(district.code):
        info = write_form(plan, period, commune, Path(out_dir) / form_filename(commune))
        written.append(info)
        if on_written:
            on_written(info)
    return written


def fill_form(form: Path, values: dict, target: Path) -> Path:
    """Write values (defined name -> value) into a copy of a generated form, as a unit would."""
    from openpyxl import load_workbook

    wb = load_workbook(form)
    for name, value in values.items():
        if name not in wb.defined_names:
            continue
        (sheet, ref), = list(wb.defined_names[name].destinations)
        cell = wb[sheet][ref.replace("$", "")]
        cell.value = text_cell(value)
        if isinstance(value, str):
            cell.data_type = "s"  # a unit's text that starts with '=' stays text, never a formula
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def write_form(plan: Plan, period: Period, unit: Unit, path: str | Path) -> FormInfo:
    builder = _FormBuilder(plan, period, unit)
    wb = builder.build()
    with atomic_path(path) as tmp:
        wb.save(tmp)
    builder.info.path = Path(path)
    return builder.info


class _FormBuilder:
    def __init__(self, plan: Plan, period: Period, unit: Unit):
        self.plan, self.period, self.unit = plan, period, unit
        self.wb = Workbook()
        self.info = FormInfo(unit=unit, path=Path())
        self.whole = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, showInputMessage=True,
            errorTitle=msg.VALIDATION_WHOLE_TITLE, error=msg.VALIDATION_WHOLE,
            promptTitle=msg.VALIDATION_WHOLE_PROMPT[:32], prompt=msg.VALIDATION_WHOLE)
        self.money = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, showInputMessage=True,
            errorTitle=msg.VALIDATION_WHOLE_TITLE, error=msg.MONEY_HINT,
            promptTitle=msg.MONEY_PROMPT_TITLE[:32], prompt=msg.MONEY_HINT)

    # -- helpers -------------------------------------------------------------------
    def name(self, defined: str, ws, cell: str) -> None:
        ref = f"'{ws.title}'!${''.join(c for c in cell if c.isalpha())}${''.join(c for c in cell if c.isdigit())}"
        self.wb.defined_names[defined] = DefinedName(defined, attr_text=ref)
        self.info.names.append(defined)

    def input_cell(self, ws, cell: str, defined: str, value=None, numeric=False, validation=None):
        c = ws[cell]
        c.fill, c.protection, c.border, c.alignment = INPUT_FILL, UNLOCKED, BORDER, WRAP
        c.font = _font()
        if value is not None:
            c.value = value
        if numeric:
            (validation or self.whole).add(cell)
            c.number_format = "#,##0"
            c.alignment = Alignment(vertical="top", horizontal="right")
        self.name(defined, ws, cell)
        return c

    def list_validation(self, ws, list_name: str):
        dv = DataValidation(type="list", formula1=f"={list_name}", allow_blank=True,
                            showErrorMessage=True, errorTitle=msg.VALIDATION_LIST_TITLE,
                            error=msg.VALIDATION_LIST)
        ws.add_data_validation(dv)
        return dv

    def cell(self, ws, ref, value, bold=False, italic=False, fill=None, align=WRAP, border=True, size=12):
        c = ws[ref]
        c.value = value
        c.font = _font(bold, italic, size)
        c.alignment = align
        if border:
            c.border = BORDER
        if fill:
            c.fill = fill
        return c

    def finish_sheet(self, ws, widths: dict, landscape=False, title_rows=None):
        for col, w in widths.items():
            ws.column_dimensions[col].width = w
        print_setup(ws, landscape, title_rows)
        footer = ws.oddFooter.center  # one footer for every page: the unit and "Trang x/y"
        footer.text = msg.FORM_FOOTER.format(unit=self.unit.display.replace("&", "&&"))
        footer.size, footer.font = 10, "Times New Roman,Italic"
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.enable()

    # -- the workbook ----------------------------------------------------------------
    def build(self) -> Workbook:
        self.cover()
        self.indicators()
        if self.unit.local:
            self.hotspots()
        self.tasks()
        self.lists()
        self.meta()
        self.wb.active = 0
        return self.wb

    def lists(self):
        ws = self.wb.create_sheet(msg.SHEET_LISTS)
        st = self.plan.hotspot_statuses
        columns = [
            *[(names.hotspot_statuses(a), st.for_appendix(a)) for a in self.plan.hotspot_appendices],
            (names.LIST_YESNO, [msg.YES, msg.NO]),
            (names.LIST_LEVELS, list(st.new_levels)),
            (names.LIST_TASK_STATUS, self.plan.narratives.status_labels),
            (names.LIST_ADDRESSEES, self.plan.narratives.addressee_labels),
        ]
        for col, (list_name, values) in enumerate(columns, start=1):
            letter = chr(64 + col)
            for r, v in enumerate(values, start=1):
                ws.cell(row=r, column=col, value=v)
            ref = f"'{ws.title}'!${letter}$1:${letter}${max(len(values), 1)}"
            self.wb.defined_names[list_name] = DefinedName(list_name, attr_text=ref)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True

    def cover(self):
        ws = self.wb.active
        ws.title = msg.SHEET_COVER
        plan, period, unit = self.plan, self.period, self.unit
        ws.merge_cells("A1:B1")
        self.cell(ws, "A1", msg.FORM_TITLE, bold=True, align=CENTER, border=False, size=14)
        ws.merge_cells("A2:B2")
        self.cell(ws, "A2", f"{period.name.upper()}", bold=True, align=CENTER, border=False, size=13)
        ws.row_dimensions[1].height = 22
        con = plan.consolidator
        send_to = f"{con.agency} ({con.office}, {con.address}; email: {con.email})"
        title = plan.title + (f" (Kế hoạch số {plan.number} ngày {short_date(plan.date)} của {plan.issuer})" if plan.number and plan.date else "")
        rows = [
            ("unit", unit.display, None),
            ("code", unit.code, None),
            ("plan", title, None),
            ("period", period.name, None),
            ("window", f"Từ ngày {short_date(period.start)} đến ngày {short_date(period.end)}", None),
            ("due", f"Trước ngày {short_date(period.due)}", None),
            ("send_to", send_to, None),
            ("contact", None, names.CONTACT),
            ("phone", None, names.PHONE),
            ("report_date", None, names.REPORT_DATE),
        ]
        r = 4
        for key, value, defined in rows:
            label = msg.COVER_LABELS[key]
            self.cell(ws, f"A{r}", label, bold=True, fill=HEAD_FILL)
            if defined:
                c = self.input_cell(ws, f"B{r}", defined)
                if defined == names.REPORT_DATE:
                    c.number_format = "DD/MM/YYYY"
                    dv = DataValidation(type="date", operator="greaterThan", formula1="36526",
                                        allow_blank=True, showErrorMessage=True,
                                        errorTitle=msg.VALIDATION_WHOLE_TITLE, error=msg.VALIDATION_DATE,
                                        promptTitle=msg.COVER_LABELS["report_date"][:32],
                                        prompt=msg.VALIDATION_DATE, showInputMessage=True)
                    ws.add_data_validation(dv)
                    dv.add(f"B{r}")
            else:
                self.cell(ws, f"B{r}", value)
            ws.row_dimensions[r].height = row_height([(label, 36), (value, 70)], 18)
            r += 1
        self.name(names.UNIT_NAME, ws, "B4")
        r += 1
        lines = [line.format(agency=self.plan.consolidator.agency) for line in msg.COVER_INSTRUCTIONS]
        for i, line in enumerate(lines + [msg.COVER_SIGN_INSTRUCTION]):
            ws.merge_cells(f"A{r}:B{r}")
            self.cell(ws, f"A{r}", line, bold=(i == 0), border=False)
            ws.row_dimensions[r].height = row_height([(line, 110)])
            r += 1
        if unit.note:
            ws.merge_cells(f"A{r}:B{r}")
            self.cell(ws, f"A{r}", unit.note, italic=True, border=False)
        self.finish_sheet(ws, {"A": 36, "B": 72})

    def indicators(self):
        ws = self.wb.create_sheet(msg.SHEET_INDICATORS)
        plan, unit = self.plan, self.unit
        mine = plan.indicators_for(unit)
        ws.merge_cells("A1:F1")
        self.cell(ws, "A1", f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU - {self.period.name.upper()}", bold=True, align=CENTER, border=False, size=13)
        ws.merge_cells("A2:F2")
        self.cell(ws, "A2", f"{unit.display} ({unit.code})", italic=True, align=CENTER, border=False)
        ws.merge_cells("A3:F3")
        self.cell(ws, "A3", msg.INDICATOR_NOTE, italic=True, border=False, size=11)
        ws.row_dimensions[3].height = 32
        for col, h in zip("ABCDEF", msg.INDICATOR_HEADERS):
            self.cell(ws, f"{col}5", h, bold=True, fill=HEAD_FILL, align=CENTER)
        ws.row_dimensions[5].height = 32
        self.r = 6
        ws.add_data_validation(self.whole)
        ws.add_data_validation(self.money)
        self.yesno = self.list_validation(ws, names.LIST_YESNO)

        targeted = [i for i in mine if not i.supplementary]
        shown_rows = set()
        for ind in targeted:
            row = plan.row(ind.row)
            parent = plan.parent_row(ind)
            if parent is not None and parent.key not in shown_rows:
                self.group_line(ws, parent.stt, parent.text)
                shown_rows.add(parent.key)
            sharing = [i for i in plan.indicators if i.row == ind.row]
            if len(sharing) > 1:
                if ind.row not in shown_rows:
                    self.group_line(ws, row.stt, row.text)
                    shown_rows.add(ind.row)
                self.indicator_lines(ws, ind, ind.id, self.label(ind))
            else:
                self.indicator_lines(ws, ind, ind.id, row.text + self.lead_mark(ind))
                shown_rows.add(ind.row)  # "7" itself shown: 7.2 under it needs no heading
        extra = [i for i in mine if i.supplementary]
        if extra:
            self.group_line(ws, "", msg.SUPPLEMENTARY_HEADING)
            for ind in extra:
                self.indicator_lines(ws, ind, ind.id, ind.label)
        self.info.indicators = [i.id for i in mine]
        self.finish_sheet(ws, {"A": 7, "B": 62, "C": 16, "D": 11, "E": 16, "F": 28}, landscape=True, title_rows="5:5")
        ws.freeze_panes = "A6"

    def lead_mark(self, ind: Indicator) -> str:
        return msg.LEAD_MARK if self.unit.code in self.plan.leads_of(ind) else ""

    def label(self, ind: Indicator) -> str:
        return ind.label + self.lead_mark(ind)

    def group_line(self, ws, stt, text):
        r = self.r
        self.cell(ws, f"A{r}", stt, bold=True, fill=GROUP_FILL, align=CENTER)
        ws.merge_cells(f"B{r}:F{r}")
        self.cell(ws, f"B{r}", text, bold=True, fill=GROUP_FILL)
        for col in "CDEF":
            ws[f"{col}{r}"].border = BORDER
        ws.row_dimensions[r].height = row_height([(text, 130)])
        self.r += 1

    def indicator_lines(self, ws, ind: Indicator, stt: str, text: str):
        r = self.r
        if ind.money:
            text = f"{text}\n({msg.MONEY_HINT})"
        target = ind.target_text or ("" if ind.target is None else number(ind.target))
        self.cell(ws, f"A{r}", stt, align=CENTER)
        self.cell(ws, f"B{r}", text)
        self.cell(ws, f"C{r}", target, align=CENTER)
        self.cell(ws, f"D{r}", ind.measure, align=CENTER)
        note = self.input_cell(ws, f"F{r}", names.note(ind))
        note.alignment = WRAP
        ws.row_dimensions[r].height = row_height([(text, 62), (target, 16)])
        if ind.kind in ("count", "qualitative"):
            if ind.kind == "qualitative":
                self.cell(ws, f"B{r}", f"{text}\n{msg.QUALITATIVE_COUNT}")
                ws.row_dimensions[r].height = row_height([(text + "\n" + msg.QUALITATIVE_COUNT, 62)])
            # money: whole đồng, shown 50.000.000 as typed; its own prompt says so
            self.input_cell(ws, f"E{r}", names.value(ind), numeric=True,
                            validation=self.money if ind.money else None)
        elif ind.kind == "yesno":
            self.input_cell(ws, f"E{r}", names.value(ind))
            self.yesno.add(f"E{r}")
        elif ind.kind == "ratio":
            ws[f"E{r}"].border = BORDER
            default = self.unit.communes if ind.denominator_default == "communes" and self.unit.communes else None
            for prefix, label, defined, value in (
                (msg.NUMERATOR, ind.numerator_label, names.numerator(ind), None),
                (msg.DENOMINATOR, ind.denominator_label, names.denominator(ind), default),
            ):
                self.r += 1
                rr = self.r
                self.cell(ws, f"A{rr}", "")
                self.cell(ws, f"B{rr}", prefix + label, italic=True)
                for col in "CDF":
                    self.cell(ws, f"{col}{rr}", "")
                self.cell(ws, f"D{rr}", ind.measure if ind.measure != "%" else "", align=CENTER)
                self.input_cell(ws, f"E{rr}", defined, value=value, numeric=True)
                ws.row_dimensions[rr].height = row_height([(prefix + label, 62)])
        self.r += 1

    def hotspots(self):
        ws = self.wb.create_sheet(msg.SHEET_HOTSPOTS)
        plan, unit = self.plan, self.unit
        ws.merge_cells("A1:F1")
        self.cell(ws, "A1", f"TÌNH HÌNH CÁC ĐIỂM PHỨC TẠP VỀ TỆ NẠN MẠI DÂM - {unit.name.upper()}", bold=True, align=CENTER, border=False, size=13)
        for col, h in zip("ABCDEF", msg.HOTSPOT_HEADERS):
            self.cell(ws, f"{col}3", h, bold=True, fill=HEAD_FILL, align=CENTER)
        ws.row_dimensions[3].height = 32
        r = 4
        lists = {a: self.list_validation(ws, names.hotspot_statuses(a)) for a in plan.hotspot_appendices}
        for h in plan.hotspots_of(unit):
            self.cell(ws, f"A{r}", f"{h.appendix}.{h.number}", align=CENTER)
            self.cell(ws, f"B{r}", h.name)
            self.cell(ws, f"C{r}", msg.HOTSPOT_APPENDIX.format(appendix=h.appendix), align=CENTER)
            self.cell(ws, f"D{r}", h.level, align=CENTER)
            self.input_cell(ws, f"E{r}", names.hotspot_status(h))
            lists[h.appendix].add(f"E{r}")
            self.input_cell(ws, f"F{r}", names.hotspot_note(h))
            ws.row_dimensions[r].height = row_height([(h.name, 48)])
            self.info.hotspots.append(h.id)
            r += 1
        r += 1
        ws.merge_cells(f"A{r}:F{r}")
        self.cell(ws, f"A{r}", msg.NEW_HOTSPOT_HEADING, bold=True, border=False)
        r += 1
        local = self.plan.local_level
        below = next((lv for lv in self.plan.levels if local and lv.parent == local.code), local)  # where a place lies
        for col, h in zip("ABCDE", [h.format(where=below.name if below else "") for h in msg.NEW_HOTSPOT_HEADERS]):
            self.cell(ws, f"{col}{r}", h, bold=True, fill=HEAD_FILL, align=CENTER)
        r += 1
        dvl = self.list_validation(ws, names.LIST_LEVELS)
        for k in range(1, plan.hotspot_statuses.new_rows + 1):
            self.cell(ws, f"A{r}", k, align=CENTER)
            self.input_cell(ws, f"B{r}", names.new_hotspot(k, "TEN"))
            self.input_cell(ws, f"C{r}", names.new_hotspot(k, "DIACHI"))
            self.input_cell(ws, f"D{r}", names.new_hotspot(k, "MUCDO"))
            dvl.add(f"D{r}")
            self.input_cell(ws, f"E{r}", names.new_hotspot(k, "GC"))
            ws.row_dimensions[r].height = 30
            r += 1
        self.finish_sheet(ws, {"A": 7, "B": 48, "C": 22, "D": 16, "E": 20, "F": 30}, landscape=True, title_rows="3:3")

    def tasks(self):
        ws = self.wb.create_sheet(msg.SHEET_TASKS)
        plan, unit = self.plan, self.unit
        narratives = plan.narratives
        ws.merge_cells("A1:D1")
        self.cell(ws, "A1", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO", bold=True, align=CENTER, border=False, size=13)
        section = plan.section_of(unit)
        if section:
            ws.merge_cells("A2:D2")
            self.cell(ws, "A2", msg.TASK_SECTION_LINE.format(ref=plan.task_ref(section.no), title=section.title), italic=True, align=CENTER, border=False)
            ws.row_dimensions[2].height = row_height([(section.title, 120)])
        for col, h in zip("ABCD", [h.format(where=plan.tasks_where) for h in msg.TASK_HEADERS_STATUS]):
            self.cell(ws, f"{col}4", h, bold=True, fill=HEAD_FILL, align=CENTER)
        ws.row_dimensions[4].height = 32
        r = 5
        if section and section.intro:
            ws.merge_cells(f"A{r}:D{r}")
            self.cell(ws, f"A{r}", section.intro, italic=True)
            ws.row_dimensions[r].height = row_height([(section.intro, 120)])
            r += 1
        status = self.list_validation(ws, names.LIST_TASK_STATUS)
        status.showInputMessage = True
        status.promptTitle = msg.TASK_STATUS_PROMPT_TITLE
        status.prompt = msg.TASK_STATUS_PROMPT.format(choices=", ".join(narratives.status_labels))
        for t in plan.tasks_for(unit):
            self.cell(ws, f"A{r}", t.number, align=CENTER)
            self.cell(ws, f"B{r}", t.text)
            self.input_cell(ws, f"C{r}", names.task_status(t)).alignment = CENTER
            status.add(f"C{r}")
            self.input_cell(ws, f"D{r}", names.task(t))
            ws.row_dimensions[r].height = max(row_height([(t.text, 52)]), 60)
            self.info.tasks.append(t.key)
            r += 1
        # Recommendations on a page of their own, difficulties and the signature on the
        # next: neither block nor the signature is ever cut by a page break. (No repeated
        # header row: the task table's header would print above these blocks.)
        if self.info.tasks:
            ws.row_breaks.append(Break(id=r))
        r = self.recommendations(ws, r + 1)
        ws.row_breaks.append(Break(id=r))
        r = self.difficulties(ws, r + 1)
        last = self.signature(ws, r + 1)
        self.finish_sheet(ws, {"A": 6, "B": 54, "C": 19, "D": 60}, landscape=True)
        ws.print_area = f"A1:D{last}"

    def block_heading(self, ws, r: int, text: str, headers: list[str], spans: list[str]) -> int:
        ws.merge_cells(f"A{r}:D{r}")
        self.cell(ws, f"A{r}", text, bold=True, border=False)
        r += 1
        for span, h in zip(spans, headers):
            if ":" in span:
                ws.merge_cells(f"{span.split(':')[0]}{r}:{span.split(':')[1]}{r}")
            first = span.split(":")[0]
            self.cell(ws, f"{first}{r}", h, bold=True, fill=HEAD_FILL, align=CENTER)
            for col in "ABCD"[("ABCD".index(first)):("ABCD".index(span[-1]) + 1)]:
                ws[f"{col}{r}"].border = BORDER
        ws.row_dimensions[r].height = 20
        return r + 1

    def merged_input(self, ws, r: int, first: str, last: str, defined: str):
        ws.merge_cells(f"{first}{r}:{last}{r}")
        c = self.input_cell(ws, f"{first}{r}", defined)
        for col in "ABCD"["ABCD".index(first) + 1:"ABCD".index(last) + 1]:
            ws[f"{col}{r}"].fill, ws[f"{col}{r}"].border = INPUT_FILL, BORDER
        return c

    def recommendations(self, ws, r: int) -> int:
        """One recommendation per row: an addressee dropdown and the text."""
        r = self.block_heading(ws, r, msg.RECOMMENDATIONS_HEADING, msg.RECOMMENDATION_HEADERS, ["A", "B", "C:D"])
        dv = self.list_validation(ws, names.LIST_ADDRESSEES)
        for n in range(1, self.plan.narratives.recommendation_rows + 1):
            self.cell(ws, f"A{r}", n, align=CENTER)
            self.input_cell(ws, f"B{r}", names.recommendation_addressee(n))
            dv.add(f"B{r}")
            self.merged_input(ws, r, "C", "D", names.recommendation_text(n))
            ws.row_dimensions[r].height = 40
            r += 1
        return r

    def difficulties(self, ws, r: int) -> int:
        r = self.block_heading(ws, r, msg.DIFFICULTIES_HEADING, msg.DIFFICULTY_HEADERS, ["A", "B:D"])
        for n in range(1, self.plan.narratives.difficulty_rows + 1):
            self.cell(ws, f"A{r}", n, align=CENTER)
            self.merged_input(ws, r, "B", "D", names.difficulty(n))
            ws.row_dimensions[r].height = 36
            r += 1
        return r

    def signature(self, ws, r: int) -> int:
        """Place and date, then who prepared the form and the head of the unit, who signs and stamps."""
        year = self.period.end.year
        ws.merge_cells(f"C{r}:D{r}")
        self.cell(ws, f"C{r}", msg.SIGN_PLACE_DATE.format(year=year), italic=True, align=CENTER, border=False)
        r += 1
        ws.merge_cells(f"C{r}:D{r}")
        self.cell(ws, f"B{r}", msg.SIGN_PREPARER, bold=True, align=CENTER, border=False)
        self.cell(ws, f"C{r}", msg.SIGN_HEAD, bold=True, align=CENTER, border=False)
        r += 1
        ws.merge_cells(f"C{r}:D{r}")
        self.cell(ws, f"B{r}", msg.SIGN_PREPARER_HINT, italic=True, align=CENTER, border=False)
        self.cell(ws, f"C{r}", msg.SIGN_HEAD_HINT, italic=True, align=CENTER, border=False)
        r += 1
        ws.row_dimensions[r].height = 80  # room to sign and stamp
        return r

    def meta(self):
        ws = self.wb.create_sheet(msg.SHEET_META)
        pairs = [
            ("plan", self.plan.id),
            ("period", self.period.code),
            ("unit_code", self.unit.code),
            ("unit_name", self.unit.display),
            ("template_version", TEMPLATE_VERSION),
            ("generated_at", datetime.now(timezone.utc).replace(microsecond=0).isoformat()),
            ("generator", f"pcmd_reports {__version__}"),
        ]
        # The layout of this template version: where each named input cell is, so that a
        # return saved in a format that drops defined names (.xls) can still be read.
        pairs += [(names.CELL_PREFIX + n, self.wb.defined_names[n].attr_text) for n in self.info.names]
        for r, (k, v) in enumerate(pairs, start=1):
            ws.cell(row=r, column=1, value=k)
            ws.cell(row=r, column=2, value=v)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True
