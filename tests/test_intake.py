"""Intake: every good figure read, every bad one named, every broken file rejected with a reason."""
from __future__ import annotations

import io
import json
import os
import shutil
import unicodedata
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner

from filling import cell_of, libreoffice_resave, make_filled
from pcmd_reports.cli import main
from pcmd_reports.intake import (MAX_MONEY, AcceptedFile, clean_text, find_files, fold, parse_count, read_count, read_file,
                                 read_folder)


# -- numbers and text as people type them --------------------------------------------

@pytest.mark.parametrize("raw, value", [
    (2460, 2460), (2460.0, 2460), ("2460", 2460), ("2.460", 2460), (" 120 ", 120),
    ("1.234.567", 1234567), ("1 234", 1234), ("0", 0), ("\u00a0 35\u00a0", 35),
])
def test_counts_as_people_type_them(raw, value):
    assert parse_count(raw) == (value, None)
    assert read_count(raw) == (value, None, None)  # no warning


@pytest.mark.parametrize("raw, value, warning", [
    ("120 người", 120, "unit_word"), ("12 vụ", 12, "unit_word"),
    ("50 triệu", 50_000_000, "magnitude"), ("50 triệu đồng", 50_000_000, "magnitude"), ("5 nghìn", 5000, "magnitude"),
    ("5 ngàn", 5000, "magnitude"), ("3tr", 3_000_000, "magnitude"), ("2,5 triệu", 2_500_000, "magnitude"),
    ("0,5 tỷ", 500_000_000, "magnitude"), ("1.200 nghìn", 1_200_000, "magnitude"),
])
def test_counts_read_with_a_warning_that_shows_the_reading(raw, value, warning):
    assert read_count(raw) == (value, None, warning)


@pytest.mark.parametrize("raw, error", [
    ("1,234", "comma"), ("2,460", "comma"), ("1,234,567", "comma"), ("5 %", "percent"), ("5%", "percent"),
    ("12+", "approximate"), ("12-15", "not_a_number"), ("1,2345 nghìn", "fraction"),
    (1e308, "too_big"), ("12345678901234567890123456789", "too_big"), (10 ** 9 + 1, "too_big"), ("2 tỷ", "too_big"),
])
def test_counts_refused_with_a_reason(raw, error):
    assert read_count(raw) == (None, error, None)


def test_money_has_a_higher_ceiling():
    assert read_count("1,5 tỷ", limit=MAX_MONEY) == (1_500_000_000, None, "magnitude")
    assert read_count(10 ** 14, limit=MAX_MONEY)[1] == "too_big"


@pytest.mark.parametrize("raw, error", [
    (-5, "negative"), ("-5", "negative"), (2.5, "fraction"), ("2,5", "fraction"), ("12.34", "fraction"),
    ("abc", "not_a_number"), ("năm mươi", "not_a_number"), (True, "not_a_number"), (date(2024, 1, 1), "not_a_number"),
])
def test_bad_counts(raw, error):
    assert parse_count(raw) == (None, error)


def test_empty_is_not_reported_not_zero():
    assert parse_count(None) == (None, None)
    assert parse_count("") == (None, None)
    assert parse_count("   ") == (None, None)


def test_text_is_nfc_and_clean():
    nfd = unicodedata.normalize("NFD", "Thanh Trì")
    assert nfd != "Thanh Trì" and clean_text(nfd) == "Thanh Trì"
    assert clean_text("a\x0bb\x0c") == "ab"
    assert clean_text("a_x000B_b") == "ab"
    assert clean_text("{{ x }} & <b> {% if %}") == "{{ x }} & <b> {% if %}"
    assert fold("Đã Triệt  Xóa") == fold("đã triệt xoá") == fold(unicodedata.normalize("NFD", "đã triệt xóa"))


# -- whole forms -----------------------------------------------------------------------

def test_filled_form_reads_back_with_provenance(tmp_path, plan, h1):
    path = make_filled(plan, h1, "CATP", tmp_path, {
        "CT_2": 12, "GC_2": "Phối hợp Báo An ninh Thủ đô", "CT_6_TS": 30, "CT_6_MS": 31,
        "CT_7_1": 64, "CT_11_1": 15, "CT_S1": "1.250", "CT_S3": 375000000, "NV_2_1": "Đã triển khai.",
        "KK_1": "Thiếu kinh phí", "KN_1_NOI": "Trung ương (Bộ, ngành)", "KN_1_ND": "Bổ sung biên chế",
    })
    before = path.read_bytes()
    r = read_file(path, plan, h1)
    assert path.read_bytes() == before  # inputs are never written
    assert not r.rejected and not r.errors, r.problems
    s = r.submission
    assert (s.unit, s.period, s.plan) == ("CATP", "2024-H1", "ha-noi-2024")
    assert s.report_date == date(2024, 6, 10) and s.contact == "Nguyễn Văn A"
    assert s.value("7.1") == 64 and s.value("2") == 12 and s.value("S1") == 1250 and s.value("S3") == 375000000
    assert (s.value("6", "numerator"), s.value("6", "denominator")) == (30, 31)
    assert s.value("11.2") is None  # not in the police's form
    fig = s.figures["CT_7_1"]
    assert fig.sheet == "Chỉ tiêu" and fig.cell == cell_of_name(path, "CT_7_1")
    assert s.notes["2"] == "Phối hợp Báo An ninh Thủ đô"
    assert s.tasks["2.1"].text == "Đã triển khai." and s.tasks["2.1"].sheet == "Nhiệm vụ"
    assert [d.text for d in s.difficulties] == ["Thiếu kinh phí"]
    assert [(x.addressee, x.text, x.name) for x in s.recommendations] == [("central", "Bổ sung biên chế", "KN_1_ND")]
    assert len(r.sha256) == 64


def cell_of_name(path, name):
    from openpyxl import load_workbook
    return cell_of(load_workbook(path), name).coordinate


def test_district_form_as_units_really_fill_it(tmp_path, plan, h1):
    hostile = "Kết quả: 5 cơ sở & <3> hộ; {{ plan }} {% raw %}\nDòng hai"
    path = make_filled(plan, h1, "020", tmp_path, {
        "CT_3_2": "2.460", "CT_3_6": "1 234", "CT_9": " 120 ", "CT_11_2": "85 người",
        "CT_1_TS": 16, "CT_4_1": "có", "CT_4_2_TS": 16, "CT_5_TS": 12,
        "DIEM_II_1": "đã triệt xoá", "DIEM_II_2": "Ít hoạt động", "DIEM_III_5": "Tái hoạt động",
        "DIEM_III_5_GC": "Phát hiện lại 2 cơ sở",
        "DIEM_MOI_1_TEN": "Khu vực cầu Văn Điển", "DIEM_MOI_1_DIACHI": "Thị trấn Văn Điển", "DIEM_MOI_1_MUCDO": "Ít hoạt động",
        "NV_23_1": unicodedata.normalize("NFD", "Đã ban hành kế hoạch"), "NV_23_9": hostile,
    })
    r = read_file(path, plan, h1)
    assert not r.errors, r.problems
    s = r.submission
    assert [s.value(i) for i in ("3.2", "3.6", "9", "11.2")] == [2460, 1234, 120, 85]
    assert s.figures["CT_3_2"].raw == "2.460"
    assert s.value("4.1") == "Có"
    assert (s.value("1", "numerator"), s.value("1", "denominator")) == (16, 16)
    assert s.hotspots["II.1"].status == "Đã triệt xóa"
    assert s.hotspots["III.5"].status == "Tái hoạt động" and s.hotspots["III.5"].note == "Phát hiện lại 2 cơ sở"
    assert [(n.name, n.level) for n in s.new_hotspots] == [("Khu vực cầu Văn Điển", "Ít hoạt động")]
    assert s.tasks["23.1"].text == "Đã ban hành kế hoạch"  # NFC
    assert s.tasks["23.9"].text == hostile


def test_the_three_bad_cells_are_named(tmp_path, plan, h1):
    """−5 in one count, 'abc' in another, a numerator above its denominator: three errors."""
    path = make_filled(plan, h1, "020", tmp_path, {"CT_3_2": -5, "CT_9": "abc", "CT_5_TS": 20, "CT_5_MS": 16,
                                                   "CT_3_6": 300})
    r = read_file(path, plan, h1)
    errors = {p.name: p for p in r.errors}
    assert set(errors) == {"CT_3_2", "CT_9", "CT_5_TS"}
    assert errors["CT_3_2"].code == "negative" and errors["CT_3_2"].sheet == "Chỉ tiêu"
    assert errors["CT_9"].code == "not_a_number"
    assert "'abc'" in errors["CT_9"].message
    assert "tử số 20 lớn hơn mẫu số 16" in errors["CT_5_TS"].message
    for p in errors.values():
        assert p.cell == cell_of_name(path, p.name)
    s = r.submission
    assert s.value("3.2") is None and s.value("9") is None and s.value("5", "numerator") is None
    assert s.value("3.6") == 300  # the unit's other figures still count

    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    for p in errors.values():
        assert p.cell in result.output
    out = CliRunner().invoke(main, ["check", "--json", str(path)])
    assert out.exit_code == 1
    data = json.loads(out.output)
    assert {p["name"] for p in data["files"][0]["problems"] if p["severity"] == "error"} == set(errors)


def test_formula_errors_and_missing_cached_values(tmp_path, plan, h1):
    def edit(wb):
        c = cell_of(wb, "CT_7_1")
        c.value, c.data_type = "#REF!", "e"
        cell_of(wb, "CT_11_1").value = "=SUM(A1:A2)"  # openpyxl writes no cached value
    path = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 3}, edit=edit)
    r = read_file(path, plan, h1)
    codes = {p.name: p.code for p in r.errors}
    assert codes == {"CT_7_1": "formula_error", "CT_11_1": "formula_no_value"}
    assert r.submission.value("2") == 3


def test_a_renamed_or_deleted_name_is_reported_and_the_rest_read(tmp_path, plan, h1):
    def edit(wb):
        del wb.defined_names["CT_7_1"]
        for ws in wb.worksheets:
            ws.protection.sheet = False  # an unprotected, edited form
    path = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 4, "CT_7_1": 9}, edit=edit)
    r = read_file(path, plan, h1)
    assert [(p.name, p.code) for p in r.errors] == [("CT_7_1", "name_missing")]
    assert r.submission.value("2") == 4


def test_pasted_over_dropdown_with_an_unknown_status(tmp_path, plan, h1):
    path = make_filled(plan, h1, "008", tmp_path, {"DIEM_II_3": "Tốt", "CT_4_1": "Rồi"})
    r = read_file(path, plan, h1)
    assert {p.name: p.code for p in r.errors} == {"DIEM_II_3": "bad_choice", "CT_4_1": "bad_choice"}
    assert "II.3" not in r.submission.hotspots


# -- broken files: each rejected whole, with a reason -------------------------------------

def zip_bytes(files: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def good_form(tmp_path, plan, h1):
    return make_filled(plan, h1, "SYT", tmp_path / "good", {"CT_2": 1})


BROKEN = {
    "empty.xlsx": (lambda good: b"", "empty"),
    "truncated.xlsx": (lambda good: good.read_bytes()[: len(good.read_bytes()) // 2], "corrupt"),
    "garbage.xlsx": (lambda good: os.urandom(3000), "not_workbook"),
    "report.xlsx": (lambda good: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "pdf"),
    "password.xlsx": (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 2000, "password"),
    "fake.xls": (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "not_workbook"),
    "word.xlsx": (lambda good: zip_bytes({"word/document.xml": "<w/>", "[Content_Types].xml": "<Types/>"}), "not_workbook"),
    "bomb.xlsx": (lambda good: zip_bytes({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": b"0" * (60 * 1024 * 1024)}), "bomb"),
    "entities.xlsx": (lambda good: zip_bytes({"xl/workbook.xml": '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><workbook>&b;</workbook>'}), "bomb"),
    "external.xlsx": (lambda good: zip_bytes({"xl/workbook.xml": '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><workbook><definedNames><definedName name="CT_2">&x;</definedName></definedNames></workbook>'}), "bomb"),
    "malformed.xlsx": (lambda good: zip_bytes({"xl/workbook.xml": '<workbook><sheets><sheet name="A" r:id="rId1"/></workbook>'}), "corrupt"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_are_rejected_with_a_reason(tmp_path, good_form, plan, h1, name):
    make, code = BROKEN[name]
    path = tmp_path / name
    path.write_bytes(make(good_form))
    r = read_file(path, plan, h1)
    assert r.rejected
    assert r.problems[0].code == code and r.problems[0].is_error
    assert r.problems[0].file == str(path) and r.problems[0].message


def test_wrong_identity_is_rejected_with_the_form_to_use(tmp_path, plan, h1):
    from openpyxl import Workbook
    q1 = plan.period("2024-Q1")
    year = plan.period("2024")
    cases = {}
    cases["no_meta"] = tmp_path / "plain.xlsx"
    Workbook().save(cases["no_meta"])
    cases["other_period"] = make_filled(plan, year, "CATP", tmp_path, {"CT_7_1": 5}, filename="nam.xlsx")

    def meta_edit(key, value):
        def edit(wb):
            for row in wb["_meta"].iter_rows():
                if row[0].value == key:
                    row[1].value = value
        return edit
    cases["unknown_unit"] = make_filled(plan, h1, "CATP", tmp_path, {}, filename="u.xlsx", edit=meta_edit("unit_code", "XYZ"))
    cases["other_plan"] = make_filled(plan, h1, "CATP", tmp_path, {}, filename="p.xlsx", edit=meta_edit("plan", "ha-noi-2023"))
    for code, path in cases.items():
        r = read_file(path, plan, h1)
        assert r.rejected and r.problems[0].code == code, (code, r.problems)
    r = read_file(cases["other_period"], plan, h1)
    assert "6 tháng đầu năm 2024" in r.problems[0].message and "'2024'" in r.problems[0].message
    # Without a period (pcmd check), the year's form is fine; a quarter inside the half year
    # is accepted for the half year (it can build the unit's 6-month figures).
    assert not read_file(cases["other_period"], plan).rejected
    quarter = make_filled(plan, q1, "CATP", tmp_path, {"CT_7_1": 5}, filename="q1.xlsx")
    assert not read_file(quarter, plan, h1).rejected
    assert read_file(quarter, plan, plan.period("2024-Q2")).problems[0].code == "other_period"


# -- folders ----------------------------------------------------------------------------

def test_folder_scan_passes_over_what_is_not_a_submission(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    (inbox / "Công an").mkdir(parents=True)
    make_filled(plan, h1, "CATP", inbox / "Công an", {"CT_7_1": 10})
    (inbox / "~$CATP.xlsx").write_bytes(b"lock")
    (inbox / ".hidden.xlsx").write_bytes(b"x")
    (inbox / "ghi chu.txt").write_text("không phải biểu mẫu", encoding="utf-8")
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4")
    assert [f.name for f in find_files([inbox])] == ["CATP.xlsx"]


def test_good_and_broken_files_together(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    good = {code: make_filled(plan, h1, code, inbox, {"CT_2": 2}) for code in ("SYT", "STP", "020")}
    (inbox / "broken.xlsx").write_bytes(good["SYT"].read_bytes()[:1000])
    (inbox / "empty.xlsx").write_bytes(b"")
    intake = read_folder(inbox, plan, h1)
    assert sorted(s.unit for s in intake.submissions) == ["020", "STP", "SYT"]
    assert sorted(f.path.name for f in intake.rejected) == ["broken.xlsx", "empty.xlsx"]


def test_two_files_for_one_unit_the_later_report_wins(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    first = make_filled(plan, h1, "SYT", inbox, {"CT_2": 1}, filename="SYT_lan1.xlsx", report_date=date(2024, 6, 12))
    second = make_filled(plan, h1, "SYT", inbox, {"CT_2": 7}, filename="SYT_lan2.xlsx", report_date=date(2024, 6, 14))
    os.utime(second, (1_700_000_000, 1_700_000_000))  # older file time, newer report date
    intake = read_folder(inbox, plan, h1)
    assert [s.value("2") for s in intake.submissions] == [7]
    assert [f.path for f in intake.superseded] == [first]
    assert intake.superseded[0].superseded_by == second
    assert any(p.code == "superseded" for p in intake.superseded[0].problems)


def test_same_report_date_later_file_time_wins(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    a = make_filled(plan, h1, "STP", inbox, {"CT_2": 1}, filename="a.xlsx")
    b = make_filled(plan, h1, "STP", inbox, {"CT_2": 2}, filename="b.xlsx")
    os.utime(a, (1_800_000_000, 1_800_000_000))
    os.utime(b, (1_700_000_000, 1_700_000_000))
    assert [s.value("2") for s in read_folder(inbox, plan, h1).submissions] == [1]


def test_a_figure_far_above_its_peers_is_a_warning(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    for code, v in zip(("001", "002", "003", "004", "005", "006"), (40, 50, 60, 45, 55, 52000)):
        make_filled(plan, h1, code, inbox, {"CT_9": v})
    intake = read_folder(inbox, plan, h1)
    outliers = [p for p in intake.problems if p.code == "outlier"]
    assert [(p.unit, p.name, p.severity) for p in outliers] == [("006", "CT_9", "warning")]
    assert len(intake.submissions) == 6


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_form_filled_and_saved_by_libreoffice(tmp_path, plan, h1):
    path = make_filled(plan, h1, "020", tmp_path, {"CT_3_2": 1200, "CT_1_TS": 10, "DIEM_II_1": "Đã triệt xóa",
                                                   "NV_23_1": "Đã ban hành & triển khai <đầy đủ>"})
    saved = libreoffice_resave(path, tmp_path / "lo")
    r = read_file(saved, plan, h1)
    assert not r.errors, r.problems
    s = r.submission
    assert (s.value("3.2"), s.value("1", "numerator"), s.value("1", "denominator")) == (1200, 10, 16)
    assert s.hotspots["II.1"].status == "Đã triệt xóa"
    assert s.tasks["23.1"].text == "Đã ban hành & triển khai <đầy đủ>"
    assert s.report_date == date(2024, 6, 10)


def test_check_on_a_folder_without_errors_exits_0(tmp_path, plan, h1):
    make_filled(plan, h1, "STP", tmp_path, {"CT_2": 2, "CT_6_TS": 1, "CT_6_MS": 1, "CT_11_1": 3})
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--period", "2024-H1"])
    assert result.exit_code == 0, result.output
    assert "Sở Tư pháp - được tổng hợp, 0 lỗi, 0 cảnh báo" in result.output and "Traceback" not in result.output


def test_many_files_are_read_in_parallel_with_the_same_result(tmp_path, plan, h1):
    import shutil as sh

    from pcmd_reports.intake import PARALLEL_FROM, call, helpers
    src = tmp_path / "src"
    forms = [make_filled(plan, h1, code, src, {"CT_2": k, "CT_9": 10 * k} if code.isdigit() else {"CT_2": k})
             for k, code in enumerate(("020", "CATP", "001"), start=1)]
    (src / "hong.xlsx").write_bytes(b"PK\x03\x04 broken")
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    for k in range(PARALLEL_FROM + 6):
        source = forms[k % 3] if k % 10 else src / "hong.xlsx"
        sh.copyfile(source, inbox / f"{k:03d}.xlsx")
    one = read_folder(inbox, plan, h1, workers=1)
    two = read_folder(inbox, plan, h1, workers=2)
    with helpers(plan, 2) as pool:  # the helpers `pcmd consolidate` shares between reading and writing
        shared = read_folder(inbox, plan, h1, pool=pool)
        assert pool.submit(call, "pcmd_reports.vnformat", "number", 2460).result() == "2.460"

    def outcome(intake):
        return [(f.path.name, f.sha256, type(f).__name__, [(p.code, p.cell) for p in f.problems])
                + ((f.superseded_by and f.superseded_by.name, sorted((n, x.value) for n, x in f.submission.figures.items()))
                   if isinstance(f, AcceptedFile) else ())
                for f in intake.files]
    assert outcome(one) == outcome(two) == outcome(shared)
    assert sorted(s.unit for s in two.submissions) == ["001", "020", "CATP"]
    assert len(two.rejected) == 7
