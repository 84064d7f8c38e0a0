"""Generated forms: exactly the unit's indicators, named inputs, validation, protection."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from filling import cell_of

from pcmd_reports import messages as msg
from pcmd_reports.forms import form_filename, write_form

# What the plan asks of three kinds of unit (ids from Phụ lục I, S = without target).
SLDTBXH = ["2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "6", "9", "10.1",
           "10.2", "11.1", "S4", "S5", "S14", "S15", "S17"]
CATP = ["2", "6", "7.1", "11.1", "S1", "S2", "S3", "S9"]
THANH_TRI = ["1", "2", "3.1", "3.2", "3.6", "3.7", "3.8", "4.1", "4.2", "5", "6", "9", "10.1",
             "10.2", "11.2", "S1", "S2", "S3", "S4", "S5", "S6", "S14", "S15"]
RATIOS = {"1", "4.2", "5", "6", "10.2"}


def expected_names(ids, hotspots=(), tasks=0, section="", district=False):
    out = {"TT_DON_VI", "TT_NGUOI_LAP", "TT_DIEN_THOAI", "TT_NGAY_BAO_CAO"}
    out |= {f"KN_{n}_{f}" for n in range(1, 9) for f in ("NOI", "ND")} | {f"KK_{n}" for n in range(1, 6)}
    for i in ids:
        n = i.replace(".", "_")
        out.add(f"GC_{n}")
        if i in RATIOS:
            out |= {f"CT_{n}_TS", f"CT_{n}_MS"}
        else:
            out.add(f"CT_{n}")
    for h in hotspots:
        a, num = h.split(".")
        out |= {f"DIEM_{a}_{num}", f"DIEM_{a}_{num}_GC"}
    if district:
        out |= {f"DIEM_MOI_{k}_{f}" for k in range(1, 6) for f in ("TEN", "DIACHI", "MUCDO", "GC")}
    out |= {f"NV_{section}_{k}{tt}" for k in range(1, tasks + 1) for tt in ("", "_TT")}
    return out


def open_form(forms_dir, plan, code):
    return load_workbook(forms_dir / form_filename(plan.unit(code)))


def input_names(wb):
    return {n for n in wb.defined_names if not n.startswith("DS_")}


@pytest.mark.parametrize("code, ids, hotspots, tasks, section", [
    ("SLDTBXH", SLDTBXH, (), 12, "1"),
    ("CATP", CATP, (), 7, "2"),
])
def test_city_unit_forms_ask_exactly_their_indicators(forms_dir, plan, code, ids, hotspots, tasks, section):
    wb = open_form(forms_dir, plan, code)
    assert input_names(wb) == expected_names(ids, hotspots, tasks, section)
    assert wb.sheetnames == [msg.SHEET_COVER, msg.SHEET_INDICATORS, msg.SHEET_TASKS, msg.SHEET_LISTS, msg.SHEET_META]


def test_district_with_hotspots(forms_dir, plan):
    wb = open_form(forms_dir, plan, "020")
    hs = ("II.1", "II.2", "III.5")
    assert input_names(wb) == expected_names(THANH_TRI, hs, 11, "23", district=True)
    assert msg.SHEET_HOTSPOTS in wb.sheetnames
    ws = wb[msg.SHEET_HOTSPOTS]
    status_ii = cell_of(wb, "DIEM_II_1")
    status_iii = cell_of(wb, "DIEM_III_5")
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert status_ii.coordinate in lists["=DS_TINH_TRANG_II"]
    assert status_iii.coordinate in lists["=DS_TINH_TRANG_III"]
    # The dropdown lists live on the hidden sheet and hold the plan's statuses.
    dest = list(wb.defined_names["DS_TINH_TRANG_III"].destinations)[0]
    values = [c.value for row in wb[dest[0]][dest[1].replace("$", "")] for c in row]
    assert values == plan.hotspot_statuses.for_appendix("III")
    assert wb[dest[0]].sheet_state == "hidden"


def test_district_without_hotspots_still_declares_new_ones(forms_dir, plan):
    wb = open_form(forms_dir, plan, "282")
    names = input_names(wb)
    assert not any(n.startswith("DIEM_II") for n in names)
    assert "DIEM_MOI_1_TEN" in names and "CT_10_1" not in names
    assert cell_of(wb, "CT_1_MS").value == plan.unit("282").communes == 22
    assert cell_of(wb, "CT_4_2_MS").value == 22


def test_validation_protection_and_layout(forms_dir, plan):
    wb = open_form(forms_dir, plan, "020")
    ws = wb[msg.SHEET_INDICATORS]
    dvs = ws.data_validations.dataValidation
    whole = [dv for dv in dvs if dv.type == "whole" and dv.error == msg.VALIDATION_WHOLE]
    assert len(whole) == 1 and whole[0].operator == "greaterThanOrEqual" and whole[0].formula1 == "0"
    assert whole[0].showErrorMessage
    for name in ("CT_3_2", "CT_1_TS", "CT_1_MS"):
        assert cell_of(wb, name).coordinate in str(whole[0].sqref), name
    money = [dv for dv in dvs if dv.type == "whole" and dv.prompt == msg.MONEY_HINT]
    assert len(money) == 1 and money[0].formula1 == "0"
    for name in ("CT_S3", "CT_S5"):  # the plan's money indicators
        assert cell_of(wb, name).coordinate in str(money[0].sqref), name
    yesno = [dv for dv in dvs if dv.formula1 == "=DS_CO_KHONG"]
    assert cell_of(wb, "CT_4_1").coordinate in str(yesno[0].sqref)
    for sheet in (msg.SHEET_COVER, msg.SHEET_INDICATORS, msg.SHEET_HOTSPOTS, msg.SHEET_TASKS):
        s = wb[sheet]
        assert s.protection.sheet, sheet
        assert int(s.page_setup.paperSize) == 9  # A4
        assert s.page_setup.fitToWidth == 1 and s.sheet_properties.pageSetUpPr.fitToPage
    for name in input_names(wb) - {"TT_DON_VI"}:
        assert cell_of(wb, name).protection.locked is False, name
    assert cell_of(wb, "TT_DON_VI").protection.locked is True
    assert ws["B5"].value == msg.INDICATOR_HEADERS[1]
    assert all(c.font.name == "Times New Roman" for row in ws.iter_rows() for c in row if c.value is not None)
    # The target column shows the city-wide target; rows the unit leads say so.
    row = cell_of(wb, "CT_3_6").row
    assert ws[f"C{row}"].value == "2.460 người"
    assert msg.LEAD_MARK.strip() in ws[f"B{row}"].value
    row = cell_of(wb, "CT_3_2").row
    assert msg.LEAD_MARK.strip() not in ws[f"B{row}"].value


def test_meta_sheet(forms_dir, plan):
    wb = open_form(forms_dir, plan, "CATP")
    ws = wb[msg.SHEET_META]
    meta = {r[0].value: r[1].value for r in ws.iter_rows()}
    assert ws.sheet_state == "hidden"
    assert meta["plan"] == "ha-noi-2024" and meta["period"] == "2024-H1"
    assert meta["unit_code"] == "CATP" and meta["template_version"] and meta["generated_at"]


def test_tasks_sheet_holds_the_tasks_verbatim(forms_dir, plan):
    wb = open_form(forms_dir, plan, "020")
    for t in plan.tasks_for(plan.unit("020")):
        c = cell_of(wb, f"NV_{t.section}_{t.number}")
        assert c.parent[f"B{c.row}"].value == t.text
        assert cell_of(wb, f"NV_{t.section}_{t.number}_TT").row == c.row  # the status beside the result


def test_every_unit_gets_a_form_with_a_readable_name(forms_dir, plan):
    files = sorted(p.name for p in forms_dir.glob("*.xlsx"))
    assert len(files) == 56
    assert "001_quan-ba-dinh.xlsx" in files and "SLDTBXH_so-lao-dong-thuong-binh-va-xa-hoi.xlsx" in files
    assert all(name.isascii() for name in files)
    for f in forms_dir.glob("*.xlsx"):
        load_workbook(f)  # opens


def test_filled_form_round_trips(tmp_path, plan, h1):
    """A unit fills the form with openpyxl and saves; the figures are there by name."""
    path = write_form(plan, h1, plan.unit("CATP"), tmp_path / "catp.xlsx").path
    wb = load_workbook(path)
    cell_of(wb, "CT_7_1").value = 64
    cell_of(wb, "CT_6_TS").value = 30
    cell_of(wb, "CT_6_MS").value = 31
    cell_of(wb, "NV_2_1").value = "Đã triển khai & xử lý <đúng> hạn"
    wb.save(path)
    back = load_workbook(path)
    assert (cell_of(back, "CT_7_1").value, cell_of(back, "CT_6_TS").value, cell_of(back, "CT_6_MS").value) == (64, 30, 31)
    assert cell_of(back, "NV_2_1").value == "Đã triển khai & xử lý <đúng> hạn"


def test_write_is_atomic(tmp_path, plan, h1):
    write_form(plan, h1, plan.unit("CATP"), tmp_path / "catp.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["catp.xlsx"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_and_converts_forms(forms_dir, plan, tmp_path):
    files = [forms_dir / form_filename(plan.unit(c)) for c in ("020", "SLDTBXH", "CATP")]
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)],
                   check=True, capture_output=True, timeout=180)
    for f in files:
        pdf = tmp_path / (f.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 5000
