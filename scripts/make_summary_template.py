"""Build the default template of the summary workbook: pcmd_reports/templates/tong_hop.xlsx.

The result is an ordinary .xlsx a clerk can open and restyle in Excel: one sheet per sheet of
the summary (title in A1, column titles in row 3, a sample data row 4 and a sample total row 5,
column widths, frozen panes, print setup) and a sheet 'Định dạng số' with the number formats.
The cells use the named styles of xlstyle ('Ô dữ liệu', 'Tiêu đề cột', …), so restyling one of
them in Excel (Home > Cell Styles > Modify) restyles every sheet. summary_template reads it.
This script only produced the first version; the committed .xlsx is the template.

Usage: python scripts/make_summary_template.py [OUT.xlsx]
"""
from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pcmd_reports import messages as msg  # noqa: E402
from pcmd_reports.summary_template import SHIPPED, specs  # noqa: E402
from pcmd_reports.xlstyle import (CELL, COUNT_FORMAT, HEADER, PERCENT_FORMAT, TITLE, TOTAL,  # noqa: E402
                                  add_named_styles, print_setup)

S = msg.SUMMARY_SHEETS
# sheet: (column widths, frozen panes, fit to the page width)
LAYOUT = {
    S["indicators"]: ([6, 48, 18, 22, 11, 8, 11, 8, 8, 10, 10, 8, 24, 11, 16], "A4", True),
    S["detail"]: ([9, 34, 10], "C4", False),  # too many columns for one page: full size, unit columns repeated
    S["hotspots"]: ([9, 10, 48, 16, 14, 20, 30, 30, 8], "A4", True),
    S["units"]: ([9, 40, 28, 16, 34, 13, 8, 24, 16, 30, 22], "A4", True),
    S["problems"]: ([34, 9, 16, 8, 16, 10, 80], "A4", True),
    S["files"]: ([40, 9, 22, 66, 12, 19, 19], "A4", True),
    S["tasks"]: ([9, 28, 9, 60, 16, 70, 30, 10, 8], "A4", True),
    msg.SUMMARY_SHEET_RECOMMENDATIONS: ([9, 28, 24, 70, 30, 10, 8], "A4", True),
    msg.SUMMARY_SHEET_DIFFICULTIES: ([9, 28, 80, 30, 10, 8], "A4", True),
    S["figures"]: ([9, 28, 9, 10, 12, 18, 40, 14, 8, 14], "A4", True),
    S["changes"]: ([9, 30, 30, 26, 18, 18, 14, 8], "A4", True),
    msg.SUMMARY_SHEET_CHART: ([12, 16, 16], "A4", True),
}
TITLE_TEXT = msg.SUMMARY_TITLE.format(title="KẾ HOẠCH …", period="6 THÁNG ĐẦU NĂM …")


def build(out: Path) -> Path:
    wb = Workbook()
    add_named_styles(wb)
    wb.remove(wb.active)
    for name, spec in specs().items():
        widths, freeze, fit = LAYOUT[name]
        ws = wb.create_sheet(name)
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws["A1"] = TITLE_TEXT
        ws["A1"].style = TITLE
        ws.row_dimensions[3].height = 32
        for col, title in enumerate(spec.headers, start=1):
            ws.cell(row=3, column=col, value=title).style = HEADER
            ws.cell(row=4, column=col).style = CELL
            ws.cell(row=5, column=col).style = TOTAL
        ws.cell(row=5, column=2, value=msg.SUMMARY_TOTAL)
        ws.row_dimensions[4].height = ws.row_dimensions[5].height = 15
        ws.freeze_panes = freeze
        print_setup(ws, title_rows="3:3", fit_width=fit)
        if not fit:
            ws.print_title_cols = "A:B"
    ws = wb.create_sheet(msg.SUMMARY_TEMPLATE_FORMATS)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 16
    for row, (label, value, fmt) in enumerate([(msg.SUMMARY_TEMPLATE_COUNT, 1234567, COUNT_FORMAT),
                                               (msg.SUMMARY_TEMPLATE_PERCENT, 0.875, PERCENT_FORMAT)], start=1):
        ws.cell(row=row, column=1, value=label).style = HEADER
        cell = ws.cell(row=row, column=2, value=value)
        cell.style, cell.number_format = CELL, fmt
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED))
