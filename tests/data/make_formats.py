"""Regenerate the committed format samples (needs LibreOffice): python tests/data/make_formats.py

One Thanh Trì form is filled with openpyxl as a unit would, then LibreOffice saves it as
.xls (Excel 97-2003), .ods and .xlsx (shared strings, its own styles), the way offices with
old Excel or LibreOffice return it.
The three files are committed so the tests run where LibreOffice is not installed.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from filling import libreoffice_resave, make_filled  # noqa: E402

from pcmd_reports.plan import load_plan  # noqa: E402

VALUES = {
    "CT_3_2": 1200, "CT_9": "2.460", "CT_3_6": "35 người", "CT_1_TS": 14, "CT_4_1": "Có", "CT_4_2_TS": 16,
    "CT_6_TS": 7, "CT_6_MS": 8, "CT_11_2": 95,
    "DIEM_II_1": "Đã triệt xóa", "DIEM_II_2": "Ít hoạt động", "DIEM_III_5": "Không hoạt động",
    "DIEM_II_2_GC": "Đã kiểm tra 12 lượt",
    "DIEM_MOI_1_TEN": "Khu vực cầu Văn Điển", "DIEM_MOI_1_MUCDO": "Ít hoạt động",
    "NV_23_1": "Đã ban hành Kế hoạch số 15/KH-UBND & giao chỉ tiêu <cụ thể> cho 16 xã, thị trấn.\nDòng hai.",
    "KHO_KHAN": "Thiếu kinh phí", "DE_XUAT": "Bổ sung biên chế",
}


def main():
    plan = load_plan()
    source = make_filled(plan, plan.period("2024-H1"), "020", HERE, VALUES, filename="thanh_tri.xlsx",
                         report_date=date(2024, 6, 12))
    for fmt in ("xls", "ods", "xlsx"):
        out = libreoffice_resave(source, HERE / "_lo", fmt)
        if out is None:
            sys.exit("LibreOffice is not installed")
        out.replace(HERE / (f"thanh_tri.{fmt}" if fmt != "xlsx" else "thanh_tri_libreoffice.xlsx"))
    for f in (HERE / "_lo").glob("*"):
        if f.is_file():
            f.unlink()
    print("written:", *sorted(p.name for p in HERE.glob("thanh_tri.*")))


if __name__ == "__main__":
    main()
