"""A clerk's whole cycle through the CLI, the sample data, reminders, feedback, help texts."""
from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from filling import fill, make_filled
from pcmd_reports.cli import main
from pcmd_reports.consolidation import consolidate
from pcmd_reports.demo import make_demo
from pcmd_reports.intake import read_folder
from pcmd_reports.report_json import to_json

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "HUONG_DAN_SU_DUNG.md"


def run(*args, **kw):
    r = CliRunner().invoke(main, [str(a) for a in args], **kw)
    assert "Traceback" not in r.output
    return r


@pytest.fixture(scope="module")
def sample(plan, tmp_path_factory):
    h1 = plan.period("2024-H1")
    folder = tmp_path_factory.mktemp("demo") / "inputs"
    result = make_demo(plan, h1, folder, seed=7)
    cons = consolidate(plan, h1, read_folder(folder, plan, h1), as_of=date(2024, 6, 20))
    return result, to_json(cons)


def test_sample_has_the_situations_a_clerk_meets(sample, plan):
    result, data = sample
    u = data["units"]
    assert set(u["missing"]) == set(result.missing) and len(result.missing) >= 3
    assert u["late"] == [result.late]
    assert [s["unit"] for s in u["superseded"]] == [result.twice]
    assert [r["file"] for r in u["rejected"]] == [str(result.broken)]
    assert result.as_text and result.bad_cell[0]
    bad = [p for p in data["problems"] if p["severity"] == "error" and p["unit"] == result.bad_cell[0]]
    assert [p["name"] for p in bad] == [result.bad_cell[1]]
    # Figures typed as text ("1.234", "12 người") were read, not lost.
    for code, name in result.as_text:
        assert any(s["unit"] == code and s["name"] == name for e in data["indicators"].values() for s in e["sources"])
    hs = data["hotspots"]
    assert "Tái hoạt động" in {h["status"] for h in hs.values()} or plan.hotspots[-1].district in result.missing
    assert "Đã triệt xóa" in {h["status"] for h in hs.values()}


def test_sample_figures_are_plausible(sample):
    _, data = sample
    ind = data["indicators"]
    for key in ("3.2", "9", "7.1", "11.2"):
        assert 20 <= ind[key]["percent_of_target"] <= 90, key  # a 6-month report: part of the year
    assert 80 <= ind["1"]["actual"] <= 100
    assert all(t for s in data["submissions"].values() for t in s["tasks"].values())


def test_sample_is_deterministic(plan, tmp_path):
    h1 = plan.period("2024-H1")
    a = make_demo(plan, h1, tmp_path / "a", seed=11)
    b = make_demo(plan, h1, tmp_path / "b", seed=11)
    assert [p.name for p in a.files] == [p.name for p in b.files]
    ja = to_json(consolidate(plan, h1, read_folder(tmp_path / "a", plan, h1), as_of=date(2024, 6, 20)))
    jb = to_json(consolidate(plan, h1, read_folder(tmp_path / "b", plan, h1), as_of=date(2024, 6, 20)))
    assert {k: v["actual"] for k, v in ja["indicators"].items()} == {k: v["actual"] for k, v in jb["indicators"].items()}


def test_demo_never_writes_into_a_folder_with_returns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "CATP.xlsx").write_bytes(b"real return")
    r = run("demo")
    assert r.exit_code == 0 and "đã có tệp báo cáo" in r.output
    assert [p.name for p in (tmp_path / "inputs").iterdir()] == ["CATP.xlsx"]


def test_the_whole_cycle(tmp_path, monkeypatch, plan):
    """templates -> filled by units -> status -> consolidate -> remind, in a clerk's folder."""
    monkeypatch.chdir(tmp_path)
    assert run("templates", "--period", "2024-H1").exit_code == 0
    forms = tmp_path / "outputs" / "bieu-mau" / "2024-H1"
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    fill(forms / "CATP_cong-an-thanh-pho.xlsx", {"CT_7_1": 70, "CT_6_TS": 10, "CT_6_MS": 10,
                                                 "TT_NGAY_BAO_CAO": date(2024, 6, 14), "TT_NGUOI_LAP": "Trần B"},
         out=inputs / "CATP.xlsx")
    fill(forms / "020_huyen-thanh-tri.xlsx", {"CT_9": 200, "CT_3_2": "1.500", "CT_1_TS": 16, "DIEM_II_1": "Đã triệt xóa",
                                              "TT_NGAY_BAO_CAO": date(2024, 6, 20)}, out=inputs / "ThanhTri.xlsx")
    fill(forms / "008_quan-hoang-mai.xlsx", {"CT_9": -3, "CT_11_2": 40, "TT_NGAY_BAO_CAO": date(2024, 6, 16)},
         out=inputs / "HoangMai.xlsx")

    r = run("status", "--period", "2024-H1", "--as-of", "2024-06-15")
    assert r.exit_code == 0
    assert "đã báo cáo: 3; chưa báo cáo: 53" in r.output and "Còn 2 ngày đến hạn" in r.output
    assert "1 lỗi trong tệp" in r.output and "Muộn" in r.output

    r = run("consolidate", "--period", "2024-H1", "--as-of", "2024-06-18")
    assert r.exit_code == 0, r.output
    out = tmp_path / "outputs" / "2024-H1"
    data = json.loads((out / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    assert data["indicators"]["9"]["actual"] == 200  # Hoàng Mai's -3 left out
    assert data["indicators"]["3.2"]["actual"] == 1500
    assert data["units"]["late"] == ["020"]
    wb = load_workbook(out / "TongHop_2024-H1.xlsx")
    assert "Tổng hợp chỉ tiêu" in wb.sheetnames
    text = "\n".join(p.text for p in Document(out / "BaoCao_2024-H1.docx").paragraphs)
    assert "trên cơ sở báo cáo của 3/56 cơ quan, đơn vị" in text

    r = run("remind", "--period", "2024-H1", "--as-of", "2024-06-18")
    assert r.exit_code == 0, r.output
    letter = Document(out / "don-doc" / "CongVan_DonDoc_2024-H1.docx")
    body = "\n".join(p.text for p in letter.paragraphs)
    # 53 units to chase: addressed once as a group, listed once in the attached list
    assert "Kính gửi:\nCác đơn vị có tên tại danh sách kèm theo." in body
    listed = [r.cells[1].text for r in letter.tables[-1].rows[1:]]
    assert "Sở Y tế" in listed and "Ủy ban nhân dân huyện Mỹ Đức" in listed and "Công an Thành phố" not in listed
    assert len(listed) == len(set(listed)) == 53 and "Sở Y tế" not in body
    assert "trước ngày 21/6/2024" in body
    assert "V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 46/KH-UBND 6 tháng đầu năm 2024" in letter.tables[0].rows[1].cells[0].text
    feedback = load_workbook(out / "don-doc" / "PhanHoi_008_2024-H1.xlsx").active
    rows = [[c.value for c in row] for row in feedback.iter_rows(min_row=5)]
    assert any(r[2] == "Chỉ tiêu" and r[3] and "số âm" in r[5] for r in rows)
    assert not (out / "don-doc" / "PhanHoi_CATP_2024-H1.xlsx").exists()


def test_pdf_without_libreoffice_says_how_to_get_it(tmp_path, monkeypatch, plan):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path / "nowhere"))
    monkeypatch.setenv("PROGRAMFILES(X86)", str(tmp_path / "nowhere"))
    import importlib

    import pcmd_reports.pdf as pdf
    importlib.reload(pdf)
    (tmp_path / "inputs").mkdir()
    make_filled(plan, plan.period("2024-H1"), "CATP", tmp_path / "inputs", {"CT_2": 3})  # an empty folder is an error
    r = run("consolidate", "--pdf", "--as-of", "2024-06-18")
    importlib.reload(pdf)
    assert r.exit_code == 0
    assert "LibreOffice" in r.output and "libreoffice.org" in r.output
    assert not list((tmp_path / "outputs" / "2024-H1").glob("*.pdf"))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_pdf_with_libreoffice(tmp_path, monkeypatch, plan):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs").mkdir()
    make_filled(plan, plan.period("2024-H1"), "CATP", tmp_path / "inputs", {"CT_2": 3})  # an empty folder is an error
    r = run("consolidate", "--pdf", "--as-of", "2024-06-18")
    assert r.exit_code == 0, r.output
    pdf = tmp_path / "outputs" / "2024-H1" / "BaoCao_2024-H1.pdf"
    assert pdf.stat().st_size > 10000
    first = pdf.read_bytes()
    r = run("consolidate", "--pdf", "--as-of", "2024-06-19")  # again, over the set with its PDF
    assert r.exit_code == 0, r.output
    assert pdf.stat().st_size > 10000 and pdf.read_bytes() != first


def test_quiet_prints_nothing_but_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("--quiet", "templates", "--unit", "CATP")
    assert r.exit_code == 0 and r.output.strip() == ""
    r = run("--quiet", "templates", "--unit", "XYZ")
    assert r.exit_code == 2 and "XYZ" in r.output


COMMANDS = ["templates", "check", "consolidate", "report", "check-template", "demo", "status", "remind", "diff",
            "close"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_vietnamese_help_and_is_in_the_guide(command):
    r = run(command, "--help")
    assert r.exit_code == 0
    assert "Ví dụ" in r.output
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", r.output)
    for english in ("Usage:", "Options:", "Show this message", "Commands:"):
        assert english not in r.output
    guide = GUIDE.read_text(encoding="utf-8")
    assert f"pcmd {command}" in guide


def test_main_help_lists_every_command():
    r = run("--help")
    for command in COMMANDS:
        assert command in r.output
    assert "Bộ công cụ tổng hợp báo cáo" in r.output


@pytest.mark.parametrize("key", ["FILE_EMPTY", "FILE_PDF", "FILE_PASSWORD", "LAYOUT_FALLBACK", "FILE_NOT_WORKBOOK",
                                 "FILE_CORRUPT", "FILE_NO_META", "FILE_OTHER_PERIOD", "FILE_UNKNOWN_UNIT",
                                 "FILE_SUPERSEDED", "NOT_A_NUMBER", "NEGATIVE", "FORMULA_ERROR", "NUMERATOR_ABOVE",
                                 "BAD_CHOICE", "OUTLIER", "PDF_MISSING", "LEGACY_CONVERTED", "CLOSED_REFUSE"])
def test_troubleshooting_quotes_the_real_messages(key):
    from pcmd_reports import messages as msg
    text = getattr(msg, key)
    first_sentence = text.split(". ")[0].split(" (")[0]
    assert first_sentence in GUIDE.read_text(encoding="utf-8"), key


SPAWNED = """
import multiprocessing, sys
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")  # as on Windows: helpers start afresh, nothing inherited
    from pcmd_reports.cli import main
    main(sys.argv[1:])
"""


def test_consolidate_with_helpers_started_as_on_windows(sample, tmp_path):
    """The helper processes read the returns and render the report; started the Windows way
    (spawn), they must give the very consolidation the library gives in one process."""
    import subprocess
    import sys

    result, expected = sample
    out = tmp_path / "out"
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED, encoding="utf-8")
    p = subprocess.run([sys.executable, str(script), "--quiet", "consolidate", str(result.folder), "--out", str(out),
                        "--as-of", "2024-06-20"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    got = json.loads((out / "TongHop_2024-H1.json").read_text(encoding="utf-8"))

    def comparable(data):
        return {k: v for k, v in json.loads(json.dumps(data)).items() if k != "files"}, \
            [{k: v for k, v in f.items() if k != "read_at"} for f in data["files"]]
    assert comparable(got) == comparable(expected)
    assert Document(out / "BaoCao_2024-H1.docx").paragraphs
    assert load_workbook(out / "TongHop_2024-H1.xlsx", read_only=True).sheetnames[0] == "Tổng hợp chỉ tiêu"
