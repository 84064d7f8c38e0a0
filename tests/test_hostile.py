"""Nothing a unit sends can stop, fool or corrupt a consolidation (issue 15).

Each test builds the hostile or odd return from a real generated form, filled as units fill
them, and checks that the run goes on: the file is accepted or rejected with a reason that
names it, the other files consolidate, every output is written and holds what was typed.
"""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from filling import make_filled
from pcmd_reports import intake
from pcmd_reports.cli import main
from pcmd_reports.intake import helpers, read_file, read_folder

ROOT = Path(__file__).resolve().parent.parent
FAR_ROW = b'<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row></sheetData>'
FORKED = multiprocessing.get_start_method() == "fork"


def rewrite(src: Path, dst: Path, edit) -> Path:
    """A copy of the workbook `src` with edit(part name, bytes) applied to each part."""
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info.filename)))
    dst.write_bytes(out.getvalue())
    return dst


def far_cell(src: Path, dst: Path) -> Path:
    """The far cell XFD1048576, written with its attributes in another order (t before r):
    the sheet is read by python-calamine, which would lay out 17 billion cells."""
    def edit(part, data):
        return data.replace(b"</sheetData>", FAR_ROW) if part == "xl/worksheets/sheet2.xml" else data
    return rewrite(src, dst, edit)


def pcmd(*args, cwd=None):
    """`pcmd` in a process of its own, as a clerk runs it: a native abort shows as a negative return code."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "pcmd_reports", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env=env)


@pytest.fixture
def inbox(tmp_path, plan, h1):
    """Six districts' good returns, enough for the peer check to run."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for k, code in enumerate(["001", "002", "003", "004", "005", "006"]):
        make_filled(plan, h1, code, folder, {"CT_3_2": 100 + k, "CT_9": 10 + k})
    return folder


def consolidate(folder: Path, out: Path, *extra):
    r = CliRunner().invoke(main, ["consolidate", str(folder), "--out", str(out), "--as-of", "2024-06-20", *extra])
    assert "Traceback" not in r.output and r.exception is None or isinstance(r.exception, SystemExit), r.output
    return r


# -- crashes ---------------------------------------------------------------------------------

def test_far_cell_is_refused_by_pcmd_check_not_fatal(tmp_path, plan, h1):
    good = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 12})
    bad = far_cell(good, tmp_path / "CATP_xa.xlsx")
    p = pcmd("check", bad)
    assert p.returncode == 1, (p.returncode, p.stderr[-2000:])  # not -6 (SIGABRT)
    assert "CATP_xa.xlsx" in p.stdout and "XFD1048576" in p.stdout and "quá xa" in p.stdout


def test_far_cell_costs_only_its_file_in_consolidate(tmp_path, plan, h1, inbox):
    good = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 12})
    far_cell(good, inbox / "CATP.xlsx")
    p = pcmd("--quiet", "consolidate", inbox, "--out", tmp_path / "out", "--as-of", "2024-06-20")
    assert p.returncode == 0, p.stderr[-2000:]
    data = json.loads((tmp_path / "out" / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    rejected = {Path(f["file"]).name: f for f in data["units"]["rejected"]}
    assert "CATP.xlsx" in rejected and "XFD1048576" in rejected["CATP.xlsx"]["errors"][0]
    assert len(data["submissions"]) == 6


@pytest.mark.skipif(not FORKED, reason="the lowered guard reaches the child only where processes are forked")
def test_a_reader_that_dies_costs_only_its_file(tmp_path, plan, h1, inbox, monkeypatch):
    """Were the guard to miss a crafted sheet, the native abort happens in a child process of
    its own: that file is rejected with a reason, the others are read, `pcmd check` exits 1."""
    monkeypatch.setattr(intake.readers, "MAX_SHEET_CELLS", 10 ** 12)
    good = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 12})
    bad = far_cell(good, inbox / "CATP_xa.xlsx")
    r = read_file(bad, plan, h1)
    assert r.rejected and r.problems[0].code == "reader_crashed" and r.problems[0].file == str(bad)
    assert "bị dừng" in r.problems[0].message
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 1 and "CATP_xa.xlsx" in result.output and "bị dừng" in result.output
    with helpers(plan, 2) as pool:  # helpers leave such a file to a child process: the pool lives on
        got = read_folder(inbox, plan, h1, pool=pool)
        assert [f.path.name for f in got.rejected] == ["CATP_xa.xlsx"] and len(got.accepted) == 6
        assert pool.submit(intake.call, "pcmd_reports.vnformat", "number", 2460).result() == "2.460"


def test_a_helper_that_dies_is_replaced(plan, h1, inbox):
    with helpers(plan, 2) as pool:
        kill = pool.submit(intake.call, "os", "_exit", 1)  # a helper dies, as under the OOM killer
        with pytest.raises(Exception):
            kill.result(timeout=60)
        got = read_folder(inbox, plan, h1, pool=pool)
        assert len(got.accepted) == 6 and not got.rejected
        assert pool.submit(intake.call, "pcmd_reports.vnformat", "number", 2460).result() == "2.460"


def test_lone_surrogate_escape_in_text(tmp_path, plan, h1, inbox):
    make_filled(plan, h1, "CATP", inbox, {"CT_2": 3, "NV_2_1": "Đã làm _xD83D_ xong; cặp _xD83D__xDE00_ giữ"})
    r = consolidate(inbox, tmp_path / "out")
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "out" / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert "Đã làm \ufffd xong; cặp 😀 giữ" in text
    wb = load_workbook(tmp_path / "out" / "TongHop_2024-H1.xlsx", read_only=True)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Đã làm \ufffd xong; cặp 😀 giữ" in cells


@pytest.mark.parametrize("typed", [1e308, "12345678901234567890123456789"])
def test_huge_number_is_an_error_naming_the_cell(tmp_path, plan, h1, inbox, typed):
    path = make_filled(plan, h1, "007", inbox, {"CT_3_2": typed, "CT_9": 12})
    r = read_file(path, plan, h1)
    (err,) = r.errors
    assert err.code == "too_big" and err.name == "CT_3_2" and err.cell and "lớn bất thường" in err.message
    assert r.submission.value("9") == 12  # the unit's other figures still count
    result = consolidate(inbox, tmp_path / "out")
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(sys.platform == "win32" or sys.platform == "darwin", reason="needs a file system that keeps any bytes")
def test_file_name_that_is_not_utf8(tmp_path, plan, h1, inbox):
    p = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 3})
    odd = os.path.join(os.fsencode(inbox), b"CATP_b\xe1o c\xe1o.xlsx")  # cp1258 bytes, as unzipped from Windows
    os.rename(p, odd)
    r = consolidate(inbox, tmp_path / "out")
    assert r.exit_code == 0, r.output
    text = (tmp_path / "out" / "TongHop_2024-H1.json").read_text(encoding="utf-8")
    assert "CATP_b\ufffdo c\ufffdo.xlsx" in text
    assert (tmp_path / "out" / "TongHop_2024-H1.xlsx").exists() and (tmp_path / "out" / "BaoCao_2024-H1.docx").exists()
    check = pcmd("check", inbox)
    assert check.returncode == 0 and "CATP_b\ufffdo c\ufffdo.xlsx" in check.stdout, check.stderr


# -- numbers as people type them, in a real form ----------------------------------------------------

def test_magnitude_words_and_trailing_words_in_a_form(tmp_path, plan, h1):
    path = make_filled(plan, h1, "CATP", tmp_path, {"CT_S3": "50 triệu", "CT_2": "12 vụ", "CT_7_1": "5 %",
                                                     "CT_11_1": "1,234", "CT_S1": "12+"})
    r = read_file(path, plan, h1)
    s = r.submission
    assert s.value("S3") == 50_000_000 and s.value("2") == 12
    assert s.value("7.1") is None and s.value("11.1") is None and s.value("S1") is None
    by_name = {p.name: p for p in r.problems}
    assert by_name["CT_S3"].code == "magnitude" and not by_name["CT_S3"].is_error
    assert "'50 triệu' đọc là 50.000.000" in by_name["CT_S3"].message
    assert by_name["CT_2"].code == "unit_word" and "'12 vụ' đọc là 12" in by_name["CT_2"].message
    assert by_name["CT_7_1"].code == "percent" and by_name["CT_7_1"].is_error
    assert by_name["CT_11_1"].code == "comma" and "dấu phẩy là dấu thập phân" in by_name["CT_11_1"].message
    assert by_name["CT_S1"].code == "approximate" and by_name["CT_S1"].is_error
    shown = CliRunner().invoke(main, ["check", str(path)])
    assert "đọc là 50.000.000" in shown.output and "Cảnh báo" in shown.output


# -- text stays text ------------------------------------------------------------------------------

HOSTILE_TEXTS = ["=> Đã hoàn thành", "=HYPERLINK(\"http://x.invalid\",\"bấm\")", "+84 24 3825 6789", "-5 cơ sở",
                 "@SUM(A1:A2)", "\tthụt lề", "\rdòng"]


def _formulas(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [m for n in z.namelist() if n.startswith("xl/worksheets/") for m in re.findall(rb"<f[ >]", z.read(n))]


def as_text(values: dict):
    """An edit for make_filled: these cells hold text as typed ('=> 5' typed after an apostrophe), not a formula."""
    def edit(wb):
        for name in values:
            (sheet, ref), = list(wb.defined_names[name].destinations)
            wb[sheet][ref.replace("$", "")].data_type = "s"
    return edit


def test_text_that_looks_like_a_formula_stays_text(tmp_path, plan, h1, inbox):
    values = {"CT_3_2": 7, "TT_DIEN_THOAI": HOSTILE_TEXTS[2]}
    tasks = [n for n in load_workbook(make_filled(plan, h1, "007", tmp_path, {})).defined_names
             if re.fullmatch(r"NV_\d+_\d+", n)]
    values.update({name: text for name, text in zip(tasks, HOSTILE_TEXTS)})
    make_filled(plan, h1, "007", inbox, values, filename="=1+1 007.xlsx", edit=as_text(values))
    (inbox / "=HYPERLINK.xlsx").write_bytes(b"not a workbook")  # a rejected file with a hostile name
    r = consolidate(inbox, tmp_path / "out")
    assert r.exit_code == 0, r.output
    summary = tmp_path / "out" / "TongHop_2024-H1.xlsx"
    assert _formulas(summary) == []
    wb = load_workbook(summary)
    cells = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in HOSTILE_TEXTS:
        assert any(text.strip() in c for c in cells), text
    assert any(c.endswith("=1+1 007.xlsx") for c in cells) and any(c.endswith("=HYPERLINK.xlsx") for c in cells)
    remind = CliRunner().invoke(main, ["remind", str(inbox), "--out", str(tmp_path / "don-doc"), "--as-of", "2024-06-20"])
    assert remind.exit_code == 0, remind.output


def test_feedback_workbook_keeps_text(tmp_path, plan, h1, inbox):
    make_filled(plan, h1, "007", inbox, {"CT_3_2": "=> 5"}, filename="=cmd 007.xlsx", edit=as_text({"CT_3_2": 0}))
    remind = CliRunner().invoke(main, ["remind", str(inbox), "--out", str(tmp_path / "don-doc"), "--as-of", "2024-06-20"])
    assert remind.exit_code == 0, remind.output
    feedback = tmp_path / "don-doc" / "PhanHoi_007_2024-H1.xlsx"
    assert _formulas(feedback) == []
    cells = [c.value for row in load_workbook(feedback).active.iter_rows() for c in row]
    assert "=cmd 007.xlsx" in cells


def test_text_over_the_cell_limit_is_cut_with_a_mark_and_a_warning(tmp_path, plan, h1, inbox):
    long_text = "Kết quả " + "x" * 40_000  # more than Excel (or openpyxl) writes: put in the XML by hand
    made = make_filled(plan, h1, "007", tmp_path, {"CT_3_2": 7, "NV_23_1": "LONG_TEXT_HERE"})
    path = rewrite(made, inbox / "007.xlsx", lambda part, data: data.replace(b"LONG_TEXT_HERE", long_text.encode()))
    r = read_file(path, plan, h1)
    (warn,) = [p for p in r.problems if p.code == "text_too_long"]
    assert warn.name == "NV_23_1" and warn.cell and "32.767" in warn.message
    result = consolidate(inbox, tmp_path / "out")
    assert result.exit_code == 0, result.output
    wb = load_workbook(tmp_path / "out" / "TongHop_2024-H1.xlsx", read_only=True)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    cut = [c for c in cells if c.startswith("Kết quả xxx")]
    assert cut and all(len(c) == 32767 and c.endswith("[…]") for c in cut)


# -- decompression counted, not trusted ----------------------------------------------------------

def lying_bomb(src: Path, dst: Path, pad: int) -> Path:
    """A copy whose Chỉ tiêu sheet inflates to `pad` bytes more than both its headers say; the
    checksum is that of the part the headers announce, so a reader that trusts them sees a good file."""
    import struct
    import zlib
    cut = {}

    def edit(part, data):
        if part != "xl/worksheets/sheet2.xml":
            return data
        data = data.replace(b'<c r="', b'<c  r="')  # the fast reader leaves such a sheet to calamine
        cut["size"], cut["crc"] = len(data), zlib.crc32(data)
        return data + b" " * pad  # after the root element: what a reader that stops at the header's size never sees
    rewrite(src, dst, edit)
    data = bytearray(dst.read_bytes())
    info = zipfile.ZipFile(dst).getinfo("xl/worksheets/sheet2.xml")
    struct.pack_into("<I", data, info.header_offset + 14, cut["crc"])
    struct.pack_into("<I", data, info.header_offset + 22, cut["size"])
    name = info.filename.encode()
    at = bytes(data).find(b"PK\x01\x02")  # the central directory's entries
    while bytes(data[at + 46:at + 46 + len(name)]) != name:
        at = bytes(data).find(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + 16, cut["crc"])
    struct.pack_into("<I", data, at + 24, cut["size"])
    dst.write_bytes(bytes(data))
    return dst


def test_a_bomb_whose_header_lies_is_refused_fast_and_small(tmp_path, plan, h1):
    import time
    import tracemalloc
    good = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 12})
    bomb = lying_bomb(good, tmp_path / "CATP_bom.xlsx", 300 << 20)
    assert bomb.stat().st_size < 2 << 20
    tracemalloc.start()
    started = time.perf_counter()
    r = read_file(bomb, plan, h1)
    took = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.rejected and r.problems[0].code == "bomb", r.problems
    assert "sheet2.xml" in r.problems[0].message
    assert took < 1 and peak < 8 << 20, (took, peak)


# -- inputs a clerk drops by mistake -----------------------------------------------------------------

def test_an_empty_input_folder_is_an_error_and_writes_nothing(tmp_path):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "020_bao-cao.pdf").write_bytes(b"%PDF-1.4")
    r = CliRunner().invoke(main, ["consolidate", str(tmp_path / "inputs"), "--out", str(tmp_path / "out")])
    assert r.exit_code == 1 and "không có tệp biểu mẫu nào" in r.output and "1 tệp không phải biểu mẫu" in r.output
    assert not (tmp_path / "out").exists()


def test_files_that_are_not_forms_are_listed_and_put_down_to_their_unit(tmp_path, plan, h1, inbox):
    (inbox / "020_huyen-thanh-tri.docx").write_bytes(b"PK\x03\x04 a Word letter")
    (inbox / "SYT bao cao.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "anh chup.jpg").write_bytes(b"\xff\xd8\xff")  # no unit in its name
    (inbox / "ghi chu.txt").write_text("ghi chú của văn thư", encoding="utf-8")  # the clerk's own note: passed over
    good = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 3})
    (inbox / "CATP_gui-lai.xlsx").write_bytes(good.read_bytes()[:2000])  # cut short: rejected before _meta is read
    intake_ = read_folder(inbox, plan, h1)
    rejected = {f.path.name: f for f in intake_.rejected}
    assert set(rejected) == {"020_huyen-thanh-tri.docx", "SYT bao cao.pdf", "anh chup.jpg", "CATP_gui-lai.xlsx"}
    assert rejected["020_huyen-thanh-tri.docx"].unit == "020" and rejected["SYT bao cao.pdf"].unit == "SYT"
    assert rejected["anh chup.jpg"].unit == "" and rejected["CATP_gui-lai.xlsx"].unit == "CATP"
    assert rejected["SYT bao cao.pdf"].problems[0].code == "not_a_form"
    assert "không phải biểu mẫu" in rejected["SYT bao cao.pdf"].problems[0].message

    r = consolidate(inbox, tmp_path / "out")
    assert r.exit_code == 0, r.output
    wb = load_workbook(tmp_path / "out" / "TongHop_2024-H1.xlsx", read_only=True)
    status = {row[0]: row[3] for row in wb["Tình hình báo cáo"].iter_rows(min_row=4, values_only=True) if row[0]}
    assert status["020"] == status["SYT"] == "Gửi sai định dạng"
    assert status["CATP"] == "Gửi tệp lỗi" and status["021"] == "Chưa báo cáo" and status["001"] == "Đã báo cáo"
    shown = CliRunner().invoke(main, ["status", str(inbox)])
    assert "Gửi sai định dạng" in shown.output and "Gửi tệp lỗi" in shown.output
    data = json.loads((tmp_path / "out" / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    assert data["units"]["status"]["SYT"] == {"code": "wrong_format", "label": "Gửi sai định dạng"}
    from docx import Document
    report = Document(tmp_path / "out" / "BaoCao_2024-H1.docx")
    units = next(t for t in report.tables  # Phụ lục V: every expected unit
                 if [c.text for c in t.rows[0].cells] == ["STT", "Đơn vị", "Tình trạng", "Ngày báo cáo", "Ghi chú"])
    listed = {r.cells[1].text: r.cells[2].text for r in units.rows[1:]}
    assert listed["Sở Y tế"] == "Gửi sai định dạng" and listed["Công an Thành phố"] == "Gửi tệp lỗi"

    from pcmd_reports.consolidation import consolidate as consolidate_lib
    from pcmd_reports.remind import reminder_context
    c = consolidate_lib(plan, h1, read_folder(inbox, plan, h1))
    attached = {a["name"]: a["status"] for a in reminder_context(c, h1.due)["attached"]}  # many units: a list
    assert attached["Sở Y tế"] == "Gửi sai định dạng" and attached["Công an Thành phố"] == "Gửi tệp lỗi"


# -- one generation per run -----------------------------------------------------------------------

def _hashes(folder: Path) -> dict:
    import hashlib
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_second_run_into_the_same_folder_is_refused_and_a_stale_lock_ignored(tmp_path, inbox):
    from pcmd_reports.outputs import LOCK_NAME
    out = tmp_path / "out"
    out.mkdir()
    lock = out / LOCK_NAME
    import socket
    from datetime import datetime
    lock.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                "started": datetime.now().replace(microsecond=0).isoformat()}))
    r = consolidate(inbox, out)
    assert r.exit_code == 1 and f"tiến trình {os.getpid()}" in r.output and LOCK_NAME in r.output
    assert not (out / "TongHop_2024-H1.json").exists()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(json.dumps({"pid": int(gone.stdout), "host": socket.gethostname(),
                                "started": datetime.now().replace(microsecond=0).isoformat()}))
    r = consolidate(inbox, out)  # the other run is gone: its lock is a leftover
    assert r.exit_code == 0, r.output
    assert not lock.exists() and (out / "TongHop_2024-H1.json").exists()


def test_leftovers_of_killed_runs_and_an_old_pdf_are_cleared(tmp_path, inbox):
    out = tmp_path / "out"
    (out / ".~dang-ghi-4242" / "0").mkdir(parents=True)
    (out / ".~dang-ghi-4242" / "0" / "TongHop_2024-H1.json").write_text("{}")
    (out / ".~TongHop_2024-H1.k3j2.xlsx").write_bytes(b"half written")
    (out / "BaoCao_2024-H1.pdf").write_bytes(b"%PDF-1.4 an older report")
    (out / "ghi chu.txt").write_text("của văn thư")
    r = consolidate(inbox, out)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == ["BaoCao_2024-H1.docx", "TongHop_2024-H1.json",
                                                     "TongHop_2024-H1.xlsx", "ghi chu.txt"]


def test_a_file_both_made_and_obsolete_is_set_aside_once(tmp_path):
    """A new PDF over an older one: the older is one of the files set aside, not twice (which
    failed the whole run with a message about a file held open)."""
    from pcmd_reports.outputs import OutputSet
    out = tmp_path / "out"
    out.mkdir()
    (out / "BaoCao.pdf").write_bytes(b"%PDF older")
    with OutputSet(out) as staged:
        new = staged.path(out / "BaoCao.pdf")
        new.write_bytes(b"%PDF newer")
        assert staged.commit([new], obsolete=[out / "BaoCao.pdf"]) == [out / "BaoCao.pdf"]
    assert (out / "BaoCao.pdf").read_bytes() == b"%PDF newer"
    assert [p.name for p in out.iterdir()] == ["BaoCao.pdf"]


def test_a_file_that_cannot_be_replaced_leaves_the_earlier_set_whole(tmp_path, plan, h1, inbox):
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    before = _hashes(out)
    make_filled(plan, h1, "007", inbox, {"CT_3_2": 9})  # the next run would change every output
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # the extra JSON cannot go where it is asked to: as a file held open on Windows
    r = consolidate(inbox, out, "--json", str(blocker / "TongHop.json"))
    assert r.exit_code == 1 and "Không thay được tệp" in r.output and "TongHop.json" in r.output
    assert _hashes(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_closed_period_outputs_are_never_overwritten_and_are_verified(tmp_path, inbox, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "outputs" / "2024-H1"
    assert consolidate(inbox, out).exit_code == 0
    assert CliRunner().invoke(main, ["close", "--period", "2024-H1"]).exit_code == 0
    closed = _hashes(out)
    saved = out / "TongHop_2024-H1.json"
    r = consolidate(inbox, tmp_path / "elsewhere", "--json", str(saved))
    assert r.exit_code == 1 and "đã khóa sổ" in r.output
    r = CliRunner().invoke(main, ["report", str(saved)])
    assert r.exit_code == 1 and "đã khóa sổ" in r.output
    assert _hashes(out) == closed
    shown = CliRunner().invoke(main, ["status", str(inbox)])
    assert "còn nguyên vẹn" in shown.output
    saved.write_text(saved.read_text(encoding="utf-8").replace('"2024-H1"', '"2024-H1" ', 1), encoding="utf-8")
    shown = CliRunner().invoke(main, ["status", str(inbox)])
    assert "bị thay đổi" in shown.output and "TongHop_2024-H1.json bị sửa" in shown.output
    r = CliRunner().invoke(main, ["report", str(saved), "--out", str(tmp_path / "r.docx")])
    assert r.exit_code == 0 and "bị thay đổi" in r.output


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                    reason="reads /proc; helpers start only on two cores or more")
def test_helpers_end_when_their_parent_is_killed(tmp_path, plan, h1, inbox):
    import signal
    import time
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    run = subprocess.Popen([sys.executable, "-m", "pcmd_reports", "--quiet", "consolidate", str(inbox), "--out",
                            str(tmp_path / "out")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children(pid):
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
        return found
    deadline = time.time() + 30
    helpers_ = []
    while time.time() < deadline and not helpers_ and run.poll() is None:
        helpers_ = children(run.pid)
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    if not helpers_:
        pytest.skip("the run ended before its helpers could be seen")
    deadline = time.time() + 10
    while time.time() < deadline and any(Path(f"/proc/{p}").exists() and "Z" not in
                                         Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
                                         for p in helpers_ if Path(f"/proc/{p}/stat").exists()):
        time.sleep(0.1)
    alive = [p for p in helpers_ if Path(f"/proc/{p}/stat").exists()
             and Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert not alive


# -- identity ---------------------------------------------------------------------------------------

def relabel(unit_code: str):
    """An edit for make_filled: the hidden _meta sheet says another unit."""
    def edit(wb):
        for row in wb["_meta"].iter_rows():
            if row[0].value == "unit_code":
                row[1].value = unit_code
    return edit


def test_a_form_relabelled_in_meta_never_replaces_that_units_return(tmp_path, plan, h1, inbox):
    genuine = make_filled(plan, h1, "007", inbox, {"CT_3_2": 40})
    make_filled(plan, h1, "008", inbox, {"CT_3_2": 999}, filename="008_bao-cao.xlsx", edit=relabel("007"))
    got = read_folder(inbox, plan, h1)
    by_name = {f.path.name: f for f in got.files}
    fake = by_name["008_bao-cao.xlsx"]
    assert fake.rejected and fake.problems[0].code == "identity_conflict" and fake.unit == "008"
    message = fake.problems[0].message
    assert "(007)" in message and "008_bao-cao.xlsx" in message and plan.unit("008").display in message
    assert by_name[genuine.name].superseded_by is None
    assert {s.unit: s.value("3.2") for s in got.submissions}["007"] == 40


def test_a_file_name_naming_another_unit_is_a_warning_naming_all_three(tmp_path, plan, h1):
    path = make_filled(plan, h1, "007", tmp_path, {"CT_3_2": 40}, filename="008_bao-cao.xlsx")
    r = read_file(path, plan, h1)
    (warn,) = [p for p in r.problems if p.code == "identity_mismatch"]
    assert not warn.is_error and "(007)" in warn.message and "008_bao-cao.xlsx" in warn.message
    assert plan.unit("007").display in warn.message and r.submission.value("3.2") == 40


def _point(wb, name, sheet, ref):
    from openpyxl.workbook.defined_name import DefinedName
    quoted = "'" + sheet.replace("'", "''") + "'"
    del wb.defined_names[name]
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quoted}!${re.match('[A-Z]+', ref).group()}$"
                                                         f"{re.search('[0-9]+', ref).group()}")


def _where(wb, name):
    (sheet, ref), = list(wb.defined_names[name].destinations)
    return sheet, ref.replace("$", "")


def test_swapped_doubled_and_moved_names_are_errors_naming_them(tmp_path, plan, h1):
    def edit(wb):
        a, b = _where(wb, "CT_2"), _where(wb, "CT_7_1")
        _point(wb, "CT_2", *b)  # swapped
        _point(wb, "CT_7_1", *a)
        _point(wb, "CT_11_1", *_where(wb, "CT_S1"))  # two names on one cell
        extra = wb.create_sheet("Thêm")
        extra["A1"] = 5
        _point(wb, "CT_S3", "Thêm", "A1")  # taken to an added sheet
    path = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 12, "CT_7_1": 64, "CT_11_1": 3, "CT_S1": 7, "CT_S3": 9,
                                                    "CT_6_TS": 30, "CT_6_MS": 31}, edit=edit)
    r = read_file(path, plan, h1)
    errors = {p.name: p for p in r.errors}
    assert set(errors) == {"CT_2", "CT_7_1", "CT_11_1", "CT_S1", "CT_S3"}, r.problems
    assert all(p.code == "name_moved" for p in errors.values())
    assert "CT_11_1, CT_S1" in errors["CT_S1"].message and "'Thêm'!A1" in errors["CT_S3"].message
    s = r.submission
    assert [s.value(i) for i in ("2", "7.1", "11.1", "S1", "S3")] == [None] * 5
    assert (s.value("6", "numerator"), s.value("6", "denominator")) == (30, 31)  # the others still count


def test_rows_inserted_above_move_every_name_alike_and_are_no_error(tmp_path, plan, h1):
    from openpyxl.cell.cell import MergedCell

    def edit(wb):
        ws = wb["Chỉ tiêu"]
        on_sheet = sorted((n for n in wb.defined_names if _where(wb, n)[0] == "Chỉ tiêu"),
                          key=lambda n: -int(re.search("[0-9]+", _where(wb, n)[1]).group()))
        for n in on_sheet:  # from the bottom up, as inserting a row above them would
            _, ref = _where(wb, n)
            col, row = re.match("([A-Z]+)([0-9]+)", ref).groups()
            below = ws[f"{col}{int(row) + 1}"]
            if not isinstance(below, MergedCell):  # a heading row below: its value is lost, as blank
                below.value = ws[ref].value
            _point(wb, n, "Chỉ tiêu", f"{col}{int(row) + 1}")
    path = make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 12, "CT_7_1": 64}, edit=edit)
    r = read_file(path, plan, h1)
    assert not r.errors, r.problems
    assert r.submission.value("2") == 12  # read from where the name now points
