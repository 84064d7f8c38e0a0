"""The look shared by every workbook the toolkit writes: forms, summary, feedback."""
from __future__ import annotations

import math

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

FONT = "Times New Roman"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
GREY_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"


def font(bold=False, italic=False, size=12):
    return Font(name=FONT, bold=bold, italic=italic, size=size)


def row_height(texts_and_widths, base=16.0):
    """Estimate a row height so wrapped text shows whole in Excel, which does not auto-fit."""
    lines = 1
    for text, width in texts_and_widths:
        if not text:
            continue
        per_line = max(int(width * 1.15), 1)
        n = sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))
        lines = max(lines, n)
    return base * lines


def print_setup(ws, landscape=True, title_rows=None, fit_width=True):
    """A4, fitted to the page width (unless the sheet is too wide to read that way)."""
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = fit_width
    if title_rows:
        ws.print_title_rows = title_rows


# Named styles: one per kind of cell, in the summary workbook's template
# (scripts/make_summary_template.py), so that a clerk who modifies one in Excel (Cell Styles)
# restyles that kind of cell on every sheet at once.
CELL, HEADER, TOTAL, TITLE = "Ô dữ liệu", "Tiêu đề cột", "Dòng tổng", "Tiêu đề bảng"


def add_named_styles(wb) -> None:
    wb.add_named_style(NamedStyle(name=CELL, font=font(), border=BORDER, alignment=WRAP))
    wb.add_named_style(NamedStyle(name=HEADER, font=font(bold=True), border=BORDER, fill=HEAD_FILL, alignment=CENTER))
    wb.add_named_style(NamedStyle(name=TOTAL, font=font(bold=True), border=BORDER, fill=GREY_FILL, alignment=WRAP))
    wb.add_named_style(NamedStyle(name=TITLE, font=font(bold=True, size=13)))
