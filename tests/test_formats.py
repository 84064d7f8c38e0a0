"""Returns saved as .xls or .ods read into the same Submission as the .xlsx they came from."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from filling import libreoffice_resave
from pcmd_reports.intake import read_file

DATA = Path(__file__).resolve().parent / "data"


def essence(sub):
    """Everything a Submission says, without where exactly the bytes were."""
    return {
        "unit": sub.unit, "period": sub.period, "report_date": sub.report_date, "contact": sub.contact,
        "phone": sub.phone,
        "figures": {n: (f.indicator, f.part, f.value, f.sheet, f.cell) for n, f in sub.figures.items()},
        "notes": sub.notes,
        "hotspots": {k: (h.status, h.note, h.sheet, h.cell) for k, h in sub.hotspots.items()},
        "new": [(n.name, n.address, n.level, n.note) for n in sub.new_hotspots],
        "tasks": {k: (t.status, t.text) for k, t in sub.tasks.items()},
        "difficulties": [d.text for d in sub.difficulties],
        "recommendations": [(x.addressee, x.text) for x in sub.recommendations],
    }


@pytest.fixture(scope="module")
def reference(plan):
    r = read_file(DATA / "thanh_tri.xlsx", plan, plan.period("2024-H1"))
    # an older form ('old_template'); '35 người': read as 35, with a warning
    assert [p.code for p in r.problems] == ["old_template", "unit_word"], r.problems
    return essence(r.submission)


def test_reference_holds_what_the_unit_typed(reference):
    assert reference["figures"]["CT_9"][2] == 2460 and reference["figures"]["CT_3_6"][2] == 35
    assert reference["hotspots"]["II.1"][0] == "Đã triệt xóa"
    assert reference["tasks"]["23.1"][1].startswith("Đã ban hành Kế hoạch số 15/KH-UBND & giao chỉ tiêu <cụ thể>")
    assert "\n" in reference["tasks"]["23.1"][1]
    # an older form: no status cells; its one cell of difficulties and of recommendations read as one row each
    assert reference["tasks"]["23.1"][0] is None
    assert reference["difficulties"] == ["Thiếu kinh phí"]
    assert reference["recommendations"] == [("other", "Bổ sung biên chế")]


@pytest.mark.parametrize("name, warning", [("thanh_tri.ods", None), ("thanh_tri.xls", "layout_fallback"),
                                           ("thanh_tri_libreoffice.xlsx", None)])
def test_committed_libreoffice_saves_read_the_same(plan, reference, name, warning):
    r = read_file(DATA / name, plan, plan.period("2024-H1"))
    assert not r.rejected and not r.errors
    assert [p.code for p in r.problems] == ([warning] if warning else []) + ["old_template", "unit_word"]
    assert essence(r.submission) == reference


def test_macro_enabled_copy_is_read_without_running_anything(plan, reference, tmp_path):
    xlsm = tmp_path / "thanh_tri.xlsm"
    shutil.copy(DATA / "thanh_tri.xlsx", xlsm)
    r = read_file(xlsm, plan, plan.period("2024-H1"))
    assert essence(r.submission) == reference


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_fresh_libreoffice_saves_of_todays_form(plan, reference, tmp_path, fmt):
    source = tmp_path / "thanh_tri.xlsx"
    shutil.copy(DATA / "thanh_tri.xlsx", source)
    saved = libreoffice_resave(source, tmp_path / "out", fmt)
    r = read_file(saved, plan, plan.period("2024-H1"))
    assert essence(r.submission) == reference


def test_unusual_sheet_xml_is_read_by_calamine_instead(plan, reference, tmp_path):
    """Cells whose r="" is not the first attribute: the quick reader steps aside for calamine."""
    import re
    import zipfile
    src = zipfile.ZipFile(DATA / "thanh_tri.xlsx")
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                # only some cells: the quick reader must notice the ones it cannot see
                data = re.sub(rb'<c r="(E[0-9]+)"( s="[0-9]+")', rb'<c\2 r="\1"', data)
            z.writestr(info, data)
    r = read_file(odd, plan, plan.period("2024-H1"))
    assert essence(r.submission) == reference


def _rewritten(tmp_path, name, edit):
    import zipfile
    src = zipfile.ZipFile(DATA / "thanh_tri.xlsx")
    out = tmp_path / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, edit(info.filename, src.read(info.filename)))
    return out


def test_xlsx_that_lost_its_names_is_read_by_the_recorded_layout(plan, reference, tmp_path):
    """A tool that drops defined names: the cell map recorded in _meta stands in, with a warning."""
    import re

    def edit(part, data):
        return re.sub(rb"<definedNames>.*</definedNames>", b"", data, flags=re.S) if part == "xl/workbook.xml" else data
    r = read_file(_rewritten(tmp_path, "no_names.xlsx", edit), plan, plan.period("2024-H1"))
    assert [p.code for p in r.problems] == ["layout_fallback", "old_template", "unit_word"]
    assert essence(r.submission) == reference


def test_identity_rows_moved_below_the_layout_are_still_found(plan, reference, tmp_path):
    """_meta's identity is normally read from the rows above the recorded layout; rows in
    another order are read whole."""
    import re

    def edit(part, data):
        if part != "xl/worksheets/sheet6.xml" or b"unit_code" not in data:
            return data
        rows = re.findall(rb'<row r="\d+"[^>]*>.*?</row>', data, re.S)
        moved = rows[7:] + rows[:7]  # the identity rows after the layout ones
        renumbered = [re.sub(rb'(<row r=")\d+|(<c r="[A-Z]+)\d+', lambda m, k=k: (m.group(1) or m.group(2)) + str(k).encode(), row)
                      for k, row in enumerate(moved, start=1)]
        head, _, tail = data.partition(rows[0])
        return head + b"".join(renumbered) + tail.partition(rows[-1])[2]
    path = _rewritten(tmp_path, "meta_order.xlsx", edit)
    import zipfile
    assert b"unit_code" in zipfile.ZipFile(path).read("xl/worksheets/sheet6.xml")[-3000:]
    r = read_file(path, plan, plan.period("2024-H1"))
    assert [p.code for p in r.problems] == ["old_template", "unit_word"] and essence(r.submission) == reference


def test_a_date_typed_where_a_count_belongs_is_an_error(plan, tmp_path):
    from datetime import date

    from filling import make_filled
    path = make_filled(plan, plan.period("2024-H1"), "CATP", tmp_path, {"CT_7_1": date(2024, 5, 12), "CT_2": 3})
    r = read_file(path, plan, plan.period("2024-H1"))
    assert [(p.name, p.code) for p in r.errors] == [("CT_7_1", "not_a_number")]
    assert r.submission.value("2") == 3 and r.submission.report_date == date(2024, 6, 10)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_an_xls_of_todays_form_is_checked_row_by_row(plan, tmp_path):
    """An .xls keeps no names: its cells are read where the form has them, after the labels of
    every row are found in their places; rows inserted above the figures refuse the file (they
    had been read at the wrong cells: 3.6 took 3.1's value)."""
    from filling import make_filled
    h1 = plan.period("2024-H1")
    values = {"CT_3_1": 1500, "CT_3_6": 200, "CT_9": 120}
    good = libreoffice_resave(make_filled(plan, h1, "020", tmp_path / "a", values), tmp_path / "ok", "xls")
    r = read_file(good, plan, h1)
    assert not r.rejected and "layout_fallback" not in [p.code for p in r.problems]  # checked: no doubt left
    assert (r.submission.value("3.1"), r.submission.value("3.6"), r.submission.value("9")) == (1500, 200, 120)

    def insert(wb):
        ws = wb["Chỉ tiêu"]
        ws.insert_rows(11, 2)
        ws["A11"], ws["B11"], ws["E11"] = "3.1a", "Dòng đơn vị tự thêm", 999
    moved = make_filled(plan, h1, "020", tmp_path / "b", values, edit=insert)
    r = read_file(libreoffice_resave(moved, tmp_path / "bad", "xls"), plan, h1)
    assert r.rejected and r.problems[0].code == "layout_moved", r.problems
    assert "trang 'Chỉ tiêu'" in r.problems[0].message and ".xlsx" in r.problems[0].message


def test_a_sheet_renamed_in_excel_is_said_once_and_its_figures_read(plan, tmp_path):
    """Excel renames a sheet with its names: one warning, not one error per name, and nothing lost."""
    from filling import make_filled
    h1 = plan.period("2024-H1")

    def rename(wb):
        wb["Chỉ tiêu"].title = "Chi tieu"
        for dn in wb.defined_names.values():  # what Excel does to the names on the sheet
            dn.attr_text = dn.attr_text.replace("'Chỉ tiêu'!", "'Chi tieu'!")
    path = make_filled(plan, h1, "020", tmp_path, {"CT_3_1": 1500, "CT_9": 120}, edit=rename)
    r = read_file(path, plan, h1)
    codes = [p.code for p in r.problems]
    assert not r.rejected and codes.count("sheet_renamed") == 1 and "name_moved" not in codes, r.problems
    assert (r.submission.value("3.1"), r.submission.value("9")) == (1500, 120)
