"""The look of the summary workbook, read from an .xlsx template a clerk can restyle in Excel.

The template (pcmd_reports/templates/tong_hop.xlsx, or ./templates/tong_hop.xlsx where it
exists) has one sheet for each sheet of the summary, named alike. On each of them:

- cell A1: the look of the title row (its text is replaced by the period's title);
- row 3: the column titles, their look and the row's height; the columns' widths;
- row 4: a sample data row: the look of each column's cells (font, fill, border, alignment)
  and the height of a one-line row;
- row 5: a sample total row ('Tổng cộng'), same for a total row;
- the frozen panes and the print setup: paper, orientation, fit to the page width, rows and
  columns repeated on every page, margins, header and footer.

A sheet 'Định dạng số' gives the number formats, in the cell beside 'Số đếm' and beside
'Tỷ lệ'. The code writes the rows from row 4 on. Where a table has more columns than its
template sheet (one per indicator in 'Chi tiết theo đơn vị'), the last column's width and
look repeat. A sheet that is missing or has a different number of column titles is taken
from the shipped template; `pcmd check-template` names it.
"""
from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

from . import messages as msg

FILE_NAME = "tong_hop.xlsx"
SHIPPED = Path(__file__).resolve().parent / "templates" / FILE_NAME
TITLE_ROW, HEADER_ROW, SAMPLE_ROW, TOTAL_ROW = 1, 3, 4, 5
DEFAULT_WIDTH = 8.43


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the summary as the code writes it. `fixed`: the leading columns whose titles
    the template gives; the columns after them (one per indicator) take the code's titles."""

    name: str
    headers: tuple[str, ...]
    fixed: int | None = None

    @property
    def n_fixed(self) -> int:
        return len(self.headers) if self.fixed is None else self.fixed


def specs() -> dict[str, SheetSpec]:
    s = msg.SUMMARY_SHEETS
    return {spec.name: spec for spec in [
        SheetSpec(s["indicators"], (*msg.SUMMARY_INDICATOR_HEADERS, *msg.SUMMARY_COMPARE_HEADERS)),
        SheetSpec(s["detail"], (*msg.SUMMARY_DETAIL_FIRST, "1" + msg.SUMMARY_PART["numerator"]), fixed=2),
        SheetSpec(s["hotspots"], tuple(msg.SUMMARY_HOTSPOT_HEADERS)),
        SheetSpec(s["units"], (*msg.SUMMARY_UNIT_HEADERS, *msg.SUMMARY_UNIT_BUILT)),
        SheetSpec(s["problems"], tuple(msg.SUMMARY_PROBLEM_HEADERS)),
        SheetSpec(s["files"], tuple(msg.SUMMARY_FILE_HEADERS)),
        SheetSpec(s["tasks"], tuple(msg.SUMMARY_TASK_HEADERS_STATUS)),
        SheetSpec(msg.SUMMARY_SHEET_RECOMMENDATIONS, tuple(msg.SUMMARY_RECOMMENDATION_HEADERS)),
        SheetSpec(msg.SUMMARY_SHEET_DIFFICULTIES, tuple(msg.SUMMARY_DIFFICULTY_HEADERS)),
        SheetSpec(s["figures"], tuple(msg.SUMMARY_FIGURE_HEADERS)),
        SheetSpec(s["changes"], tuple(msg.SUMMARY_CHANGE_HEADERS)),
        SheetSpec(msg.SUMMARY_SHEET_CHART, tuple(msg.SUMMARY_CHART_HEADERS)),
    ]}


@dataclass
class SheetLook:
    """One sheet's look; cell looks are XlsxWriter format properties."""

    titles: list[str]
    widths: list[float]
    title: dict
    header: list[dict]
    cell: list[dict]
    total: list[dict]
    title_height: float | None = None
    header_height: float | None = None
    row_height: float = 15.0
    freeze: tuple[int, int] | None = None  # (row, column) counted from 0, as XlsxWriter counts
    landscape: bool = True
    paper: int | None = None
    fit_width: bool = False
    repeat_rows: tuple[int, int] | None = None
    repeat_columns: str | None = None
    margins: dict = field(default_factory=dict)
    header_text: str = ""
    footer_text: str = ""

    def width(self, col: int) -> float:
        return self.widths[min(col, len(self.widths) - 1)]


@dataclass
class Look:
    sheets: dict[str, SheetLook]
    count_format: str = "#,##0"
    percent_format: str = "0.0%"


def template_path() -> Path:
    """./templates/tong_hop.xlsx where it exists, else the shipped template."""
    local = Path("templates") / FILE_NAME
    return local if local.exists() else SHIPPED


def load(path: str | Path | None = None) -> Look:
    """The look from `path` (default: template_path()), each unusable sheet taken from the shipped template."""
    path = Path(path) if path else template_path()
    stat = path.stat()
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load(path: str, _mtime: int, _size: int) -> Look:
    if Path(path) == SHIPPED:
        return _read(SHIPPED)[0]
    try:
        look, problems = _read(Path(path))
    except Exception:  # a clerk's template Excel cannot open either: the shipped look (check-template says why)
        return load(SHIPPED)
    shipped = load(SHIPPED)
    bad = {p.sheet for p in problems}
    for name, sheet in shipped.sheets.items():
        if name in bad or name not in look.sheets:
            look.sheets[name] = sheet
    if msg.SUMMARY_TEMPLATE_FORMATS in bad:
        look.count_format, look.percent_format = shipped.count_format, shipped.percent_format
    return look


@dataclass(frozen=True)
class _Problem:
    sheet: str
    text: str


def check(path: str | Path) -> list[str]:
    """What is wrong with a summary template, one sentence each, in Vietnamese; [] when it is usable."""
    path = Path(path)
    if not path.exists():
        return [msg.SUMMARY_TEMPLATE_MISSING.format(path=path)]
    try:
        return [p.text for p in _read(path)[1]]
    except Exception as e:  # a file Excel cannot open either: not a zip, a password, a broken part
        return [msg.SUMMARY_TEMPLATE_UNREADABLE.format(path=path, error=type(e).__name__)]


def _read(path: Path) -> tuple[Look, list[_Problem]]:
    wb = load_workbook(path)
    theme = _theme_colors(wb.loaded_theme)
    look = Look(sheets={})
    problems = []
    for name, spec in specs().items():
        if name not in wb.sheetnames:
            problems.append(_Problem(name, msg.SUMMARY_TEMPLATE_NO_SHEET.format(path=path, sheet=name)))
            continue
        ws = wb[name]
        titles = []
        for col in range(1, ws.max_column + 1):
            value = ws.cell(row=HEADER_ROW, column=col).value
            if value is None or str(value).strip() == "":
                break
            titles.append(str(value).strip())
        if len(titles) != len(spec.headers):
            problems.append(_Problem(name, msg.SUMMARY_TEMPLATE_COLUMNS.format(
                path=path, sheet=name, n=len(titles), m=len(spec.headers), titles=", ".join(spec.headers))))
            continue
        look.sheets[name] = _sheet_look(ws, titles, theme)
    if msg.SUMMARY_TEMPLATE_FORMATS not in wb.sheetnames:
        problems.append(_Problem(msg.SUMMARY_TEMPLATE_FORMATS, msg.SUMMARY_TEMPLATE_NO_SHEET.format(
            path=path, sheet=msg.SUMMARY_TEMPLATE_FORMATS)))
    else:
        formats = {}
        ws = wb[msg.SUMMARY_TEMPLATE_FORMATS]
        for row in ws.iter_rows(min_col=1, max_col=2):
            if row[0].value is not None:
                formats[str(row[0].value).strip()] = row[1].number_format
        count, percent = formats.get(msg.SUMMARY_TEMPLATE_COUNT), formats.get(msg.SUMMARY_TEMPLATE_PERCENT)
        if not count or not percent or "%" not in percent:
            problems.append(_Problem(msg.SUMMARY_TEMPLATE_FORMATS, msg.SUMMARY_TEMPLATE_BAD_FORMATS.format(
                path=path, sheet=msg.SUMMARY_TEMPLATE_FORMATS, count=msg.SUMMARY_TEMPLATE_COUNT,
                percent=msg.SUMMARY_TEMPLATE_PERCENT)))
        else:
            look.count_format, look.percent_format = count, percent
    return look, problems


def _sheet_look(ws, titles: list[str], theme: list[str]) -> SheetLook:
    n = len(titles)
    widths = [DEFAULT_WIDTH] * n
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min:
            for col in range(dim.min, min(dim.max or dim.min, n) + 1):
                widths[col - 1] = dim.width
    row_looks = {r: [_format(ws.cell(row=r, column=c), theme) for c in range(1, n + 1)]
                 for r in (HEADER_ROW, SAMPLE_ROW, TOTAL_ROW)}
    for looks in (row_looks[SAMPLE_ROW], row_looks[TOTAL_ROW]):
        for f in looks:
            f.pop("num_format", None)  # numbers take the count or percent format of 'Định dạng số'
    ps = ws.page_setup
    freeze = None
    if ws.freeze_panes:
        letters, row = coordinate_from_string(ws.freeze_panes)
        freeze = (row - 1, column_index_from_string(letters) - 1)
    repeat_rows = None
    if ws.print_title_rows:
        rows = [int(x) for x in re.findall(r"\d+", ws.print_title_rows)]
        repeat_rows = (rows[0] - 1, rows[-1] - 1) if rows else None
    repeat_columns = None
    if ws.print_title_cols:
        cols = re.findall(r"[A-Z]+", ws.print_title_cols.upper())
        repeat_columns = f"{cols[0]}:{cols[-1]}" if cols else None
    m = ws.page_margins
    return SheetLook(
        titles=titles, widths=widths, title=_format(ws.cell(row=TITLE_ROW, column=1), theme),
        header=row_looks[HEADER_ROW], cell=row_looks[SAMPLE_ROW], total=row_looks[TOTAL_ROW],
        title_height=ws.row_dimensions[TITLE_ROW].height, header_height=ws.row_dimensions[HEADER_ROW].height,
        row_height=ws.row_dimensions[SAMPLE_ROW].height or 15.0, freeze=freeze,
        landscape=ps.orientation != "portrait", paper=int(ps.paperSize) if ps.paperSize else None,
        fit_width=bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        repeat_rows=repeat_rows, repeat_columns=repeat_columns,
        margins={"left": m.left, "right": m.right, "top": m.top, "bottom": m.bottom},
        header_text=str(ws.oddHeader) if ws.oddHeader else "", footer_text=str(ws.oddFooter) if ws.oddFooter else "",
    )


# -- openpyxl's cell style as XlsxWriter's format properties ----------------------------------

BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7, "mediumDashed": 8,
           "dashDot": 9, "mediumDashDot": 10, "dashDotDot": 11, "mediumDashDotDot": 12, "slantDashDot": 13}
HALIGN = {"left": "left", "center": "center", "right": "right", "fill": "fill", "justify": "justify",
          "centerContinuous": "center_across", "distributed": "distributed"}
VALIGN = {"top": "top", "center": "vcenter", "bottom": "bottom", "justify": "vjustify", "distributed": "vdistributed"}
UNDERLINE = {"single": 1, "double": 2, "singleAccounting": 33, "doubleAccounting": 34}


def _format(cell, theme: list[str]) -> dict:
    f: dict = {}
    font = cell.font
    if font.name:
        f["font_name"] = font.name
    if font.sz:
        f["font_size"] = float(font.sz)
    if font.b:
        f["bold"] = True
    if font.i:
        f["italic"] = True
    if font.u:
        f["underline"] = UNDERLINE.get(font.u, 1)
    if font.strike:
        f["font_strikeout"] = True
    if color := _color(font.color, theme):
        f["font_color"] = color
    fill = cell.fill
    if fill.fill_type == "solid" and (color := _color(fill.fgColor, theme)):
        f["pattern"], f["bg_color"] = 1, color
    for side in ("left", "right", "top", "bottom"):
        edge = getattr(cell.border, side)
        if edge is not None and edge.style in BORDERS:
            f[side] = BORDERS[edge.style]
            if color := _color(edge.color, theme):
                f[side + "_color"] = color
    al = cell.alignment
    if al.horizontal in HALIGN:
        f["align"] = HALIGN[al.horizontal]
    if al.vertical in VALIGN:
        f["valign"] = VALIGN[al.vertical]
    if al.wrap_text:
        f["text_wrap"] = True
    if al.shrink_to_fit:
        f["shrink"] = True
    if al.indent:
        f["indent"] = int(al.indent)
    if al.text_rotation:
        f["rotation"] = int(al.text_rotation) if al.text_rotation <= 90 else 90 - int(al.text_rotation)
    if cell.number_format and cell.number_format != "General":
        f["num_format"] = cell.number_format
    return f


def _color(c, theme: list[str]) -> str | None:
    """'#RRGGBB' for an RGB, indexed or theme colour (with its tint); None for automatic."""
    if c is None:
        return None
    rgb = None
    if c.type == "rgb" and isinstance(c.rgb, str) and len(c.rgb) >= 6:
        rgb = c.rgb[-6:]
    elif c.type == "indexed" and isinstance(c.indexed, int) and c.indexed < len(COLOR_INDEX) and c.indexed < 64:
        rgb = COLOR_INDEX[c.indexed][-6:]
    elif c.type == "theme" and isinstance(c.theme, int) and c.theme < len(theme):
        rgb = theme[c.theme]
    if rgb is None:
        return None
    if c.tint:
        rgb = _tinted(rgb, c.tint)
    return "#" + rgb.upper()


def _tinted(rgb: str, tint: float) -> str:
    """Excel's tint: lighten (tint > 0) or darken (tint < 0) the luminance."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
    return "".join(f"{round(x * 255):02X}" for x in (r, g, b))


def _theme_colors(xml: bytes | str | None) -> list[str]:
    """The theme's colours in the order cells number them (light 1, dark 1, light 2, dark 2, accents …)."""
    if not xml:
        return []
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return []
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f".//{a}clrScheme")
    if scheme is None:
        return []
    colors = []
    for el in scheme:
        value = None
        for child in el:
            value = child.get("val") if child.tag == f"{a}srgbClr" else child.get("lastClr")
        colors.append(value or "000000")
    if len(colors) >= 4:  # the scheme lists dark 1, light 1, dark 2, light 2; cells count light first
        colors[0], colors[1], colors[2], colors[3] = colors[1], colors[0], colors[3], colors[2]
    return colors


def check_and_describe(path: str | Path) -> tuple[list[str], str]:
    """(problems, '') or ([], a sentence saying what the template gives), for `pcmd check-template`."""
    problems = check(path)
    if problems:
        return problems, ""
    look = _read(Path(path))[0]
    return [], msg.SUMMARY_TEMPLATE_OK.format(path=path, n=len(look.sheets), count=look.count_format,
                                              percent=look.percent_format)
