"""The summary workbook takes its look from tong_hop.xlsx, which a clerk restyles in Excel."""
from __future__ import annotations

import re
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

from pcmd_reports import messages as msg
from pcmd_reports.cli import main
from pcmd_reports.compare import load_previous
from pcmd_reports.demo import make_demo
from pcmd_reports.intake import read_folder
from pcmd_reports.summary_template import SHIPPED, check, specs
from pcmd_reports.summary_xlsx import write_summary

try:  # the module's name while the library API is being reshaped (issue 16)
    from pcmd_reports.consolidation import consolidate
except ImportError:
    from pcmd_reports.consolidate import consolidate

INDICATORS = msg.SUMMARY_SHEETS["indicators"]
DETAIL = msg.SUMMARY_SHEETS["detail"]


def widths(ws) -> dict[int, float]:
    """{column number: width}; a <col> element may span several columns of one width."""
    return {col: d.width for d in ws.column_dimensions.values() if d.min for col in range(d.min, (d.max or d.min) + 1)}


@pytest.fixture(scope="module")
def demo(plan, tmp_path_factory):
    """The sample returns of `pcmd demo`, consolidated."""
    h1 = plan.period("2024-H1")
    inbox = tmp_path_factory.mktemp("inputs")
    make_demo(plan, h1, inbox, seed=2024)
    return consolidate(plan, h1, read_folder([inbox], plan, h1), as_of=date(2024, 6, 18))


def test_the_shipped_template_is_usable_and_checked_by_check_template():
    assert check(SHIPPED) == []
    r = CliRunner().invoke(main, ["check-template", str(SHIPPED)])
    assert r.exit_code == 0, r.output
    assert "12 trang" in r.output and "#,##0" in r.output


def test_the_workbook_reproduces_the_shipped_template(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./templates/: the shipped template
    book = write_summary(demo, tmp_path / "TongHop.xlsx")
    wb, tpl = load_workbook(book), load_workbook(SHIPPED)
    assert wb.sheetnames == list(specs())
    for name in wb.sheetnames:
        ws, t = wb[name], tpl[name]
        assert ws.freeze_panes == t.freeze_panes, name
        assert ws.print_title_rows == "$3:$3", name
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9, name
        assert bool(ws.sheet_properties.pageSetUpPr.fitToPage) == bool(t.sheet_properties.pageSetUpPr.fitToPage), name
        assert ws["A1"].font.b and ws["A1"].font.sz == t["A1"].font.sz and ws["A1"].value.startswith("TỔNG HỢP")
        header = ws.cell(row=3, column=1)
        assert header.font.name == "Times New Roman" and header.font.b
        assert header.fill.fgColor.rgb.endswith("D9E1F2") and header.border.left.style == "thin"
        got, want = widths(ws), widths(t)
        for col in range(1, min(t.max_column, ws.max_column) + 1):
            assert got[col] == pytest.approx(want[col], abs=0.72), (name, col)
    detail = wb[DETAIL]
    assert detail.print_title_cols == "$A:$B"
    assert widths(detail)[detail.max_column] == pytest.approx(10, abs=0.72)  # the sample column repeats
    cell = wb[INDICATORS].cell(row=5, column=2)
    assert cell.font.name == "Times New Roman" and cell.alignment.wrap_text and cell.border.bottom.style == "thin"


def test_a_clerks_template_restyles_the_workbook(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    tpl = load_workbook(SHIPPED)
    ws = tpl[INDICATORS]
    ws["B3"] = "Nội dung chỉ tiêu"
    ws.column_dimensions["B"].width = 60
    ws["B3"].fill = PatternFill("solid", fgColor=Color(theme=9, tint=0.7999))  # Excel's palette: a theme colour
    for cell in ws[4]:
        cell.font = Font(name="Arial", size=10)
    ws.freeze_panes = "C4"
    ws.page_setup.orientation = "portrait"
    ws.oddFooter.center.text = "Trang &P/&N"
    tpl[msg.SUMMARY_TEMPLATE_FORMATS]["B1"].number_format = "#,##0 \"người\""
    tpl.save(tmp_path / "templates" / "tong_hop.xlsx")
    assert check(tmp_path / "templates" / "tong_hop.xlsx") == []

    out = load_workbook(write_summary(demo, tmp_path / "TongHop.xlsx"))[INDICATORS]
    assert out["B3"].value == "Nội dung chỉ tiêu" and widths(out)[2] == pytest.approx(60, abs=0.72)
    assert out["B3"].fill.fgColor.rgb.upper().endswith("FDEADA")  # the template theme's accent 6 (F79646), lighter 80%
    assert out.freeze_panes == "C4" and out.page_setup.orientation == "portrait"
    assert "Trang &P/&N" in str(out.oddFooter)
    rows = [r for r in out.iter_rows(min_row=4) if isinstance(r[6].value, int)]
    assert rows and all(r[6].number_format == "#,##0 \"người\"" and r[1].font.name == "Arial" for r in rows)
    assert out["A3"].value == "STT"  # the other titles as shipped


def test_a_broken_template_is_named_by_check_template_and_the_shipped_look_stands_in(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    tpl = load_workbook(SHIPPED)
    tpl[INDICATORS].delete_cols(3)  # a column deleted: the titles would no longer match the figures
    del tpl[msg.SUMMARY_SHEETS["files"]]
    tpl[msg.SUMMARY_TEMPLATE_FORMATS]["B2"].number_format = "0.0"  # a percentage without %
    path = tmp_path / "templates" / "tong_hop.xlsx"
    tpl.save(path)
    r = CliRunner().invoke(main, ["check-template", str(path)])
    assert r.exit_code == 1
    text = " ".join(r.output.split())
    assert f"'{INDICATORS}': dòng 3 có 14 tiêu đề cột" in text and f"'{msg.SUMMARY_SHEETS['files']}'" in text
    assert "'Tỷ lệ'" in text

    wb = load_workbook(write_summary(demo, tmp_path / "TongHop.xlsx"))
    assert [c.value for c in wb[INDICATORS][3]][:3] == ["STT", "Chỉ tiêu", "Cơ quan chủ trì"]
    assert msg.SUMMARY_SHEETS["files"] in wb.sheetnames
    percent = [r[6].number_format for r in wb[INDICATORS].iter_rows(min_row=4) if isinstance(r[6].value, float)]
    assert percent and set(percent) == {"0.0%"}

    path.write_bytes(b"not a workbook")
    assert "BadZipFile" in check(path)[0]
    assert write_summary(demo, tmp_path / "TongHop2.xlsx").exists()


def test_the_summary_has_a_native_progress_chart_and_no_formula(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = write_summary(demo, tmp_path / "TongHop.xlsx")
    with zipfile.ZipFile(book) as z:
        (chart,) = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = z.read(chart).decode()
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<c:barChart>" in xml and "<c:lineChart>" in xml  # the bars and the pace line
    assert '<a:prstDash val="dash"/>' in xml and '<c:showVal val="1"/>' in xml and '<c:tickLblSkip val="1"/>' in xml
    assert f"'{msg.SUMMARY_SHEET_CHART}'!$B$4:$B$" in xml
    assert not re.findall(rb"<f[ >]", sheets)
    wb = load_workbook(book)
    assert wb[msg.SUMMARY_SHEET_CHART]._charts  # openpyxl reads it back too
    values, label = load_previous(book)  # compare.py reads last year's workbook
    assert values and "2024" in label


def test_summary_writer_uses_no_private_attribute_of_a_library():
    import inspect

    from pcmd_reports import summary_template, summary_xlsx
    for module in (summary_xlsx, summary_template):
        source = inspect.getsource(module)
        assert not re.findall(r"\b(?:ws|wb|cell|c|chart|bars|line|workbook)\._[a-z]", source), module.__name__


def test_the_template_builder_script_makes_the_shipped_template(tmp_path):
    import runpy
    made = runpy.run_path(str(SHIPPED.parents[2] / "scripts" / "make_summary_template.py"))["build"](tmp_path / "t.xlsx")
    assert check(made) == []
    a, b = load_workbook(made), load_workbook(SHIPPED)
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        assert [c.value for c in a[name][3]] == [c.value for c in b[name][3]], name
