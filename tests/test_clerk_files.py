"""What a clerk's own files and slips do to a run: settings saved by Notepad, a --json path onto
a return, the tool's own outputs inside the input folder, a blank form sent back."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from filling import make_filled
from pcmd_reports.cli import main


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in r.output and "không mong muốn" not in r.output, r.output
    return r


def test_settings_and_wording_saved_by_notepad_with_a_bom_are_read(tmp_path, monkeypatch, plan):
    monkeypatch.chdir(tmp_path)
    make_filled(plan, plan.period("2024-H1"), "CATP", tmp_path / "inputs", {"CT_2": 3})
    assert run("settings").exit_code == 0
    settings = tmp_path / "pcmd-cai-dat.toml"
    text = settings.read_text(encoding="utf-8").replace('nguoi_ky = ""', 'nguoi_ky = "Trần Thị Bình"')
    settings.write_bytes("\ufeff".encode("utf-8") + text.encode("utf-8"))  # Notepad: "UTF-8 with BOM"
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "bao_cao_loi_van.toml").write_bytes(
        b"\xef\xbb\xbf[chi_dao]\nno_tasks = \"C\xc3\xa1c \xc4\x91\xc6\xa1n v\xe1\xbb\x8b ch\xc6\xb0a n\xc3\xaau.\"\n")
    r = run("consolidate", "--as-of", "2024-06-18")
    assert r.exit_code == 0, r.output
    r = run("check-template", "templates/bao_cao_loi_van.toml")
    assert r.exit_code == 0, r.output
    from docx import Document
    doc = Document(tmp_path / "outputs" / "2024-H1" / "BaoCao_2024-H1.docx")
    assert "Trần Thị Bình" in doc.tables[1].rows[0].cells[1].text

    settings.write_bytes(b'[bao_cao]\nnguoi_ky = "Tr\xe2n"\n')  # saved as ANSI (Windows-1258): not UTF-8
    r = run("consolidate", "--as-of", "2024-06-18")
    assert r.exit_code != 0 and "không được lưu dạng UTF-8" in r.output and "Encoding" in r.output


def test_json_copy_never_goes_over_a_return_or_an_output(tmp_path, monkeypatch, plan):
    monkeypatch.chdir(tmp_path)
    ret = make_filled(plan, plan.period("2024-H1"), "CATP", tmp_path / "inputs", {"CT_2": 3})
    before = ret.read_bytes()
    r = run("consolidate", "--json", ret)
    assert r.exit_code != 0 and "đuôi .json" in r.output and ret.read_bytes() == before
    assert not (tmp_path / "outputs" / "2024-H1" / "TongHop_2024-H1.xlsx").exists()  # nothing written
    r = run("consolidate", "--json", "outputs/2024-H1/TongHop_2024-H1.json")
    assert r.exit_code != 0 and "chính lần tổng hợp này" in r.output
    other = tmp_path / "ghi chu.json"
    other.write_text('{"của": "văn thư"}', encoding="utf-8")
    r = run("consolidate", "--json", other)
    assert r.exit_code != 0 and "không phải bản tổng hợp JSON của pcmd" in r.output
    assert other.read_text(encoding="utf-8") == '{"của": "văn thư"}'
    copy = tmp_path / "ban sao.json"
    assert run("consolidate", "--json", copy).exit_code == 0
    assert run("consolidate", "--json", copy).exit_code == 0  # an earlier copy of pcmd's own: replaced


def test_a_folder_holding_the_tools_own_outputs_is_read_without_them(tmp_path, monkeypatch, plan):
    """`pcmd consolidate .` in the working folder: the blank forms, the summary workbook, the
    feedback files are not returns; a blank form a unit sends back is no report either."""
    monkeypatch.chdir(tmp_path)
    assert run("templates").exit_code == 0  # 56 blank forms under outputs/bieu-mau
    h1 = plan.period("2024-H1")
    make_filled(plan, h1, "CATP", tmp_path / "inputs", {"CT_2": 3})
    blank = make_filled(plan, h1, "SYT", tmp_path / "inputs", {})  # sent back as it came
    for _ in range(2):
        r = run("consolidate", ".", "--as-of", "2024-06-18")
        assert r.exit_code == 0, r.output
        assert run("remind", ".", "--as-of", "2024-06-18").exit_code == 0
    import json
    data = json.loads((tmp_path / "outputs" / "2024-H1" / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    assert data["units"]["submitted"] == ["CATP"]
    assert [Path(f["file"]).name for f in data["units"]["rejected"]] == [blank.name]
    assert [p["code"] for p in data["problems"] if p["file"].endswith(blank.name)] == ["empty_form"]


def test_output_names_are_known_to_reading():
    from pcmd_reports.api import output_names
    from pcmd_reports.own_files import made_by_pcmd
    names = output_names("2024-H1")
    for path in [*names.set, names.lock, names.reminder, names.feedback("005"), names.reminder.with_suffix(".pdf")]:
        assert made_by_pcmd(path.name), path
    assert names.folder.parts[0] == "outputs" and names.forms("2024-H1").parts[0] == "outputs"


def test_a_commune_whose_name_another_commune_shares_is_not_taken_for_it(tmp_path, plan):
    """Xã Tam Hiệp is a commune of Thanh Trì and of Phúc Thọ: its untouched form is no 'three units'."""
    from pcmd_reports.intake import read_file
    h1 = plan.period("2024-H1")
    shared = {}
    for c in plan.communes:
        shared.setdefault(c.name, []).append(c)
    twins = next(cs for cs in shared.values() if len(cs) > 1)
    for c in twins:
        r = read_file(make_filled(plan, h1, c.code, tmp_path, {"CT_1": "Có"}), plan, h1)
        assert not r.rejected and r.unit == c.code
        assert "identity_mismatch" not in [p.code for p in r.problems], r.problems


def test_a_roll_up_with_no_return_of_its_units_writes_nothing(tmp_path, plan):
    h1 = plan.period("2024-H1")
    folder = tmp_path / "inputs-xa"
    for c in plan.communes_of("020")[:3]:
        make_filled(plan, h1, c.code, folder, {"CT_1": "Có"})
    r = run("consolidate", folder, "--into", "001", "--out", tmp_path / "out")  # Ba Đình: not these communes' district
    assert r.exit_code == 1 and "Không có báo cáo" in r.output and "Thư mục có báo cáo của" in " ".join(r.output.split())
    assert not (tmp_path / "out").exists()
    r = run("consolidate", folder, "--into", "020", "--pdf", "--out", tmp_path / "out")
    assert r.exit_code == 2 and "--pdf" in r.output and not (tmp_path / "out").exists()
    r = run("consolidate", folder, "--into", "020", "--out", tmp_path / "out")
    assert r.exit_code == 0 and (tmp_path / "out" / "020_huyen-thanh-tri.xlsx").exists()


def test_a_report_date_before_the_period_or_in_the_future_is_questioned(tmp_path, plan):
    from datetime import date, timedelta

    from pcmd_reports.intake import read_file
    h1 = plan.period("2024-H1")
    early = read_file(make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 1}, report_date=date(2023, 1, 1)), plan, h1)
    odd = [p for p in early.problems if p.code == "odd_report_date"]
    assert len(odd) == 1 and "1/1/2023" in odd[0].message and "trước khi kỳ báo cáo bắt đầu" in odd[0].message
    ahead = date.today() + timedelta(days=400)
    late = read_file(make_filled(plan, h1, "SYT", tmp_path, {"CT_2": 1}, report_date=ahead), plan, h1)
    assert [p.code for p in late.problems if p.code == "odd_report_date"] == ["odd_report_date"]
    fine = read_file(make_filled(plan, h1, "SYT", tmp_path, {"CT_2": 1}, report_date=date(2024, 6, 10),
                                 filename="SYT_2.xlsx"), plan, h1)
    assert "odd_report_date" not in [p.code for p in fine.problems]
    blank = read_file(make_filled(plan, h1, "SGDDT", tmp_path, {"CT_2": 1}, report_date=None), plan, h1)
    assert any(p.code == "no_report_date" and "ngày lưu tệp" in p.message for p in blank.problems)


def test_usage_slips_are_told_in_vietnamese():
    for args, said in [(["consolidate", "--foo"], "không có tùy chọn --foo"),
                       (["check-template"], "thiếu TỆP_MẪU"),
                       (["consolidate", "a", "b"], "thừa b"),
                       (["consolidate", "--period"], "tùy chọn --period cần một giá trị"),
                       (["consolidat"], "không có lệnh 'consolidat'. Có phải ý là consolidate?")]:
        r = CliRunner().invoke(main, args)
        text = " ".join(r.output.split())
        assert r.exit_code == 2 and said in text, text
        assert not any(w in text for w in ("No such", "Missing", "Got unexpected", "requires an", "Did you mean"))


def test_the_same_file_saved_twice_is_a_duplicate_not_a_newer_return(tmp_path, plan):
    import shutil

    from pcmd_reports.intake import read_folder
    h1 = plan.period("2024-H1")
    first = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 3}, filename="CATP bao cao.xlsx")
    shutil.copy(first, tmp_path / "CATP bao cao (1).xlsx")
    intake = read_folder(tmp_path, plan, h1)
    assert len(intake.accepted) == 1
    codes = [p.code for p in intake.problems]
    assert codes.count("duplicate_file") == 1 and "superseded" not in codes


def test_a_period_code_typed_in_lower_case_is_understood(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("templates", "--period", "2024-q2", "--unit", "CATP")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "outputs" / "bieu-mau" / "2024-Q2").is_dir()


def test_a_workbook_open_in_excel_is_mentioned(tmp_path, monkeypatch, plan):
    monkeypatch.chdir(tmp_path)
    ret = make_filled(plan, plan.period("2024-H1"), "CATP", tmp_path / "inputs", {"CT_2": 3})
    (ret.parent / ("~$" + ret.name)).write_bytes(b"\x0bNguyen Van A")  # Excel's owner file while the workbook is open
    for command in ("check", "consolidate"):
        r = run(command, "inputs", "--as-of", "2024-06-18") if command == "consolidate" else run(command, "inputs")
        assert "đang mở trong Excel" in " ".join(r.output.split()), r.output


def test_closing_times_read_as_a_vietnamese_writes_them(tmp_path, monkeypatch, plan):
    import re
    monkeypatch.chdir(tmp_path)
    make_filled(plan, plan.period("2024-H1"), "CATP", tmp_path / "inputs", {"CT_2": 3})
    assert run("consolidate", "--as-of", "2024-06-18").exit_code == 0
    assert run("close").exit_code == 0
    r = run("consolidate", "--as-of", "2024-06-18")
    text = " ".join(r.output.split())
    assert r.exit_code == 1 and re.search(r"\d\d:\d\d ngày \d+/\d+/\d{4}", text), text
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d", text)
