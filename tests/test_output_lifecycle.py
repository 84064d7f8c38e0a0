"""The life of a run's outputs as a clerk meets it: one generation per run for every command
that writes (`consolidate`, `report`, `remind`, `close`), a reopened period that keeps the set
it issued, folders that cannot be written, and the texts units and the clerk read about it."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook, load_workbook

from filling import make_filled
from pcmd_reports import closing
from pcmd_reports.cli import main
from pcmd_reports.demo import make_demo
from pcmd_reports.outputs import LOCK_NAME, OutputFolderFailed, OutputSet

ROOT = Path(__file__).resolve().parent.parent
LIBREOFFICE = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
PERIOD = "2024-H1"


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in r.output and "Lỗi không mong muốn" not in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    return r


def flat(text: str) -> str:
    """The console's text as one line (rich wraps long lines at 120 columns)."""
    return " ".join(text.split())


def table_row(output: str, code: str) -> list[str]:
    """The cells of a unit's row in a table the console printed, each cell's wrapped lines joined."""
    lines = output.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(f"│ {code} "))
    cells = [[c.strip()] for c in lines[start].split("│")[1:-1]]
    for line in lines[start + 1:]:
        parts = line.split("│")[1:-1]
        if not line.startswith("│") or parts[0].strip():
            break
        for cell, part in zip(cells, parts):
            cell.append(part.strip())
    return [" ".join(w for w in cell if w) for cell in cells]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def docx_text(path: Path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def workbook_text(path: Path) -> str:
    wb = load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


@pytest.fixture
def inbox(tmp_path, plan, h1):
    """Six districts' returns; 005 typed a negative count (an error in a file that counts)."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for k, code in enumerate(["001", "002", "003", "004", "005", "006"]):
        make_filled(plan, h1, code, folder, {"CT_3_2": 100 + k, "CT_9": -3 if code == "005" else 10 + k})
    return folder


def consolidate(inbox: Path, out: Path, *extra):
    return run("consolidate", inbox, "--out", out, "--as-of", "2024-06-20", *extra)


# -- 1. no stale file beside a newer one ------------------------------------------------------------

def test_report_drops_an_older_pdf_beside_the_report_it_rewrites(tmp_path, inbox):
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    older = out / f"BaoCao_{PERIOD}.pdf"
    older.write_bytes(b"%PDF-1.4 the report before it was numbered")  # as `consolidate --pdf` left it
    saved = out / f"TongHop_{PERIOD}.json"
    r = run("report", saved, "--number", "999/BC-TEST")
    assert r.exit_code == 0, r.output
    assert not older.exists()
    assert "Đã bỏ bản PDF cũ" in flat(r.output) and "--pdf" in r.output
    assert "999/BC-TEST" in docx_text(out / f"BaoCao_{PERIOD}.docx")
    # one generation: no staging folder, no run lock, no temporary file left
    assert sorted(p.name for p in out.iterdir()) == [f"BaoCao_{PERIOD}.docx", f"TongHop_{PERIOD}.json",
                                                     f"TongHop_{PERIOD}.xlsx"]
    # a report written elsewhere (--out) drops the older PDF beside it, and nothing in the period's folder
    (tmp_path / "ban-in.pdf").write_bytes(b"%PDF-1.4 older")
    r = run("report", saved, "--out", tmp_path / "ban-in.docx")
    assert r.exit_code == 0 and not (tmp_path / "ban-in.pdf").exists() and (tmp_path / "ban-in.docx").exists()


def test_report_refuses_while_another_run_writes_the_folder(tmp_path, inbox):
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    before = sha(out / f"BaoCao_{PERIOD}.docx")
    with OutputSet(out):  # a consolidation swapping its set in this very moment
        r = run("report", out / f"TongHop_{PERIOD}.json", "--number", "1/BC")
    assert r.exit_code == 1 and LOCK_NAME in r.output
    assert sha(out / f"BaoCao_{PERIOD}.docx") == before


@LIBREOFFICE
def test_report_pdf_and_close_seal_one_generation(tmp_path, inbox):
    out = tmp_path / "out"
    assert consolidate(inbox, out, "--pdf").exit_code == 0
    pdf = out / f"BaoCao_{PERIOD}.pdf"
    first = pdf.read_bytes()
    saved = out / f"TongHop_{PERIOD}.json"
    r = run("report", saved, "--number", "999/BC-TEST")
    assert r.exit_code == 0 and not pdf.exists()
    r = run("report", saved, "--number", "999/BC-TEST", "--pdf")
    assert r.exit_code == 0, r.output
    assert pdf.stat().st_size > 10000 and pdf.read_bytes() != first
    assert f"Đã ghi: {pdf}" in flat(r.output)
    r = run("close", "--out", out)
    assert r.exit_code == 0, r.output
    lock = json.loads((out / f"KhoaSo_{PERIOD}.json").read_text(encoding="utf-8"))
    assert lock["outputs"][pdf.name] == sha(pdf)
    assert lock["outputs"][f"BaoCao_{PERIOD}.docx"] == sha(out / f"BaoCao_{PERIOD}.docx")


@LIBREOFFICE
def test_remind_without_pdf_drops_the_pdf_of_the_earlier_letter(tmp_path, inbox):
    letters = tmp_path / "don-doc"
    r = run("remind", inbox, "--out", letters, "--as-of", "2024-06-20", "--pdf")
    assert r.exit_code == 0, r.output
    assert (letters / f"CongVan_DonDoc_{PERIOD}.pdf").stat().st_size > 1000
    r = run("remind", inbox, "--out", letters, "--as-of", "2024-06-21")
    assert r.exit_code == 0, r.output
    assert not (letters / f"CongVan_DonDoc_{PERIOD}.pdf").exists()
    assert f"CongVan_DonDoc_{PERIOD}.pdf" in flat(r.output) and "Đã bỏ 1 tệp" in r.output
    assert sorted(p.name for p in letters.iterdir()) == [f"CongVan_DonDoc_{PERIOD}.docx", f"PhanHoi_005_{PERIOD}.xlsx"]


def test_remind_folder_holds_one_generation(tmp_path, plan, h1, inbox):
    letters = tmp_path / "don-doc"
    (letters).mkdir()
    (letters / "ghi chu cua van thu.txt").write_text("không phải của pcmd")  # the clerk's own file stays
    (letters / f"CongVan_DonDoc_{PERIOD}.pdf").write_bytes(b"%PDF-1.4 an earlier letter")
    r = run("remind", inbox, "--out", letters, "--as-of", "2024-06-20")
    assert r.exit_code == 0, r.output
    assert "Đã ghi 1 tệp phản hồi lỗi" in r.output
    assert not (letters / f"CongVan_DonDoc_{PERIOD}.pdf").exists()
    feedback = letters / f"PhanHoi_005_{PERIOD}.xlsx"
    assert feedback.exists()

    make_filled(plan, h1, "005", inbox, {"CT_3_2": 104, "CT_9": 14})  # 005 fixed its file and sent it again
    r = run("remind", inbox, "--out", letters, "--as-of", "2024-06-21")
    assert r.exit_code == 0, r.output
    assert not feedback.exists()
    assert "tệp phản hồi lỗi" not in r.output and feedback.name in flat(r.output)
    assert sorted(p.name for p in letters.iterdir()) == [f"CongVan_DonDoc_{PERIOD}.docx", "ghi chu cua van thu.txt"]

    for code in [u.code for u in plan.expected_units(h1)]:  # every unit has reported: no letter to send
        if not (inbox / f"{code}.xlsx").exists():
            make_filled(plan, h1, code, inbox, {"KK_1": "Không có khó khăn"})
    r = run("remind", inbox, "--out", letters, "--as-of", "2024-06-22")
    assert r.exit_code == 0, r.output
    assert "không cần công văn đôn đốc" in r.output
    assert sorted(p.name for p in letters.iterdir()) == ["ghi chu cua van thu.txt"]


# -- 2. reopening keeps the issued set ---------------------------------------------------------------

def test_reopen_keeps_the_closed_set_as_issued(tmp_path, plan, h1, inbox):
    out = tmp_path / "out"
    extra = ["--pdf"] if shutil.which("soffice") else []
    assert consolidate(inbox, out, "--number", "12/BC-X", *extra).exit_code == 0
    assert run("close", "--out", out).exit_code == 0
    lock = json.loads((out / f"KhoaSo_{PERIOD}.json").read_text(encoding="utf-8"))
    issued = dict(lock["outputs"])
    assert (f"BaoCao_{PERIOD}.pdf" in issued) == bool(extra)

    make_filled(plan, h1, "007", inbox, {"CT_3_2": 9})  # a late return: the period is consolidated again
    r = consolidate(inbox, out, "--reopen")
    assert r.exit_code == 0, r.output
    archive = out / f"da-khoa_{lock['closed_at'].replace('T', '_').replace(':', '-')}"
    assert archive.is_dir()
    text = flat(r.output)
    assert "Đã mở lại kỳ" in text and str(archive) in text and "thêm 007.xlsx" in text
    kept = {p.name: sha(p) for p in archive.iterdir()}
    assert kept == {**issued, f"KhoaSo_{PERIOD}.json": sha(archive / f"KhoaSo_{PERIOD}.json")}
    assert closing.verify(archive, PERIOD) == []  # the archive is a closed set of its own, whole
    assert "12/BC-X" in docx_text(archive / f"BaoCao_{PERIOD}.docx")
    # the folder holds the new generation: the report without the number, no PDF of the issued one
    assert "12/BC-X" not in docx_text(out / f"BaoCao_{PERIOD}.docx")
    assert not (out / f"BaoCao_{PERIOD}.pdf").exists() and not (out / f"KhoaSo_{PERIOD}.json").exists()
    assert list(out.glob(f"KhoaSo_{PERIOD}.mo-lai-*.json"))
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    # the archive is not written over by anything
    r = run("report", archive / f"TongHop_{PERIOD}.json", "--number", "13/BC-X")
    assert r.exit_code == 1 and "đã khóa sổ" in r.output
    assert {p.name: sha(p) for p in archive.iterdir()} == kept


def test_reopen_says_when_the_closed_set_was_altered(tmp_path, inbox):
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    assert run("close", "--out", out).exit_code == 0
    report = out / f"BaoCao_{PERIOD}.docx"
    report.write_bytes(report.read_bytes() + b"\0")  # edited by hand after closing
    r = consolidate(inbox, out, "--reopen")
    assert r.exit_code == 0, r.output
    assert f"{report.name} bị sửa" in flat(r.output)
    (archive,) = out.glob("da-khoa_*")
    assert (archive / report.name).read_bytes().endswith(b"\0")  # kept as it stood


# -- 3. folders that cannot be written ----------------------------------------------------------------

def _refused(r, folder) -> None:
    text = flat(r.output)
    assert r.exit_code == 1, r.output
    assert "Không ghi được vào thư mục" in text and str(folder) in text and "kiểm tra quyền ghi" in text


def test_a_path_through_a_file_is_a_message_not_a_crash(tmp_path, inbox):
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("một tệp, không phải thư mục")
    _refused(consolidate(inbox, blocker / "ket-qua"), blocker / "ket-qua")
    _refused(run("remind", inbox, "--out", blocker / "don-doc", "--as-of", "2024-06-20"), blocker / "don-doc")
    _refused(run("report", out / f"TongHop_{PERIOD}.json", "--out", blocker / "sub" / "BaoCao.docx"), blocker / "sub")
    r = run("report", out / f"TongHop_{PERIOD}.json", "--out", blocker / "BaoCao.docx")  # the folder is a file
    _refused(r, blocker)
    assert "không phải thư mục" in flat(r.output)
    with pytest.raises(OutputFolderFailed) as e:
        with OutputSet(blocker / "ket-qua"):
            pass
    assert e.value.exit_code == 1 and "kiểm tra quyền ghi" in str(e.value)
    assert blocker.read_text() == "một tệp, không phải thư mục"


def test_a_read_only_folder_by_permissions(tmp_path, inbox):
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    before = {p.name: sha(p) for p in out.iterdir()}
    out.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("permissions do not stop this user (root) from writing")
        _refused(consolidate(inbox, out), out)
        _refused(run("close", "--out", out), out)
        _refused(run("report", out / f"TongHop_{PERIOD}.json"), out)
        _refused(run("remind", inbox, "--out", out / "don-doc", "--as-of", "2024-06-20"), out / "don-doc")
    finally:
        out.chmod(stat.S_IRWXU)
    assert {p.name: sha(p) for p in out.iterdir()} == before


def _can_mount_read_only(tmp_path) -> bool:
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    done = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind '{probe}' '{probe}' && "
                           f"mount -o remount,ro,bind '{probe}' '{probe}' && ! touch '{probe}/x'"],
                          capture_output=True, timeout=30)
    probe.rmdir()
    return done.returncode == 0


def test_a_read_only_drive(tmp_path, inbox):
    """The tester's case (Errno 30, Read-only file system), on a real read-only mount made in a
    mount namespace of the command's own: root only, where the system allows it."""
    if not _can_mount_read_only(tmp_path):
        pytest.skip("needs root and unshare to mount a folder read-only")
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    before = {p.name: sha(p) for p in out.iterdir()}
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    commands = {"consolidate": (["consolidate", inbox, "--out", out, "--as-of", "2024-06-20"], out),
                "close": (["close", "--out", out], out),
                "report": (["report", out / f"TongHop_{PERIOD}.json"], out),
                "remind": (["remind", inbox, "--out", out / "don-doc", "--as-of", "2024-06-20"], out / "don-doc")}
    for name, (args, folder) in commands.items():
        pcmd = " ".join(f"'{a}'" for a in [sys.executable, "-m", "pcmd_reports", *map(str, args)])
        done = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind '{out}' '{out}' && "
                               f"mount -o remount,ro,bind '{out}' '{out}' && exec {pcmd}"],
                              capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
        text = flat(done.stdout + done.stderr)
        assert done.returncode == 1, (name, text)
        assert "Lỗi không mong muốn" not in text and "Traceback" not in text, (name, text)
        assert f"Không ghi được vào thư mục {folder} (thư mục hoặc ổ đĩa chỉ cho đọc)" in text, (name, text)
        assert "kiểm tra quyền ghi" in text, (name, text)
    assert {p.name: sha(p) for p in out.iterdir()} == before


# -- 4. what units read: no developer command ------------------------------------------------------------

def test_a_file_that_is_not_a_form_tells_the_unit_to_use_the_form_sent(tmp_path, inbox):
    plain = inbox / "SYT_bao-cao.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Báo cáo của Sở Y tế (tự lập bảng)"
    wb.save(plain)
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 0
    data = json.loads((out / f"TongHop_{PERIOD}.json").read_text(encoding="utf-8"))
    (rejected,) = [r for r in data["units"]["rejected"] if r["unit"] == "SYT"]
    assert "biểu mẫu do Sở gửi" in rejected["errors"][0] and "pcmd" not in rejected["errors"][0]
    report = docx_text(out / f"BaoCao_{PERIOD}.docx")
    assert "không phải biểu mẫu của Kế hoạch" in report and "pcmd" not in report

    letters = tmp_path / "don-doc"
    assert run("remind", inbox, "--out", letters, "--as-of", "2024-06-20").exit_code == 0
    unit_sees = workbook_text(letters / f"PhanHoi_SYT_{PERIOD}.xlsx")
    assert "biểu mẫu do Sở gửi" in unit_sees and "pcmd" not in unit_sees
    assert "chưa có số liệu nào của đơn vị được ghi nhận" in unit_sees
    assert "Các số liệu khác đã được ghi nhận" not in unit_sees
    # a unit whose file counts, with one cell left out, is told the rest was recorded
    counted = workbook_text(letters / f"PhanHoi_005_{PERIOD}.xlsx")
    assert "Các số liệu khác đã được ghi nhận" in counted and "pcmd" not in counted

    r = run("check", inbox)  # the clerk is told how to make the form again
    assert f"pcmd templates --period {PERIOD} --unit SYT" in flat(r.output)


def test_feedback_on_a_rejected_resend_says_which_file_still_counts(tmp_path, plan, h1, inbox):
    good = inbox / "003.xlsx"
    (inbox / "003_gui-lai.xlsx").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])  # cut short
    letters = tmp_path / "don-doc"
    assert run("remind", inbox, "--out", letters, "--as-of", "2024-06-20").exit_code == 0
    ws = load_workbook(letters / f"PhanHoi_003_{PERIOD}.xlsx").active
    intro = ws["A2"].value
    assert "003_gui-lai.xlsx" in intro and "003.xlsx" in intro and "vẫn lấy theo tệp" in intro
    assert "Các số liệu khác" not in intro and "chưa có số liệu nào" not in intro


# -- 5. status puts each error to its file, and its counts agree ----------------------------------------

@pytest.fixture(scope="module")
def demo(plan, tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "inputs"
    return make_demo(plan, plan.period(PERIOD), folder, seed=2024)


def test_status_puts_a_rejected_resends_error_to_that_file(demo, plan):
    broken = demo.broken
    unit = plan.unit(broken.name.split("_")[0])
    r = run("status", demo.folder, "--as-of", "2024-06-20")
    assert r.exit_code == 0, r.output
    text = flat(r.output)
    _, _, label, shown, _, note = table_row(r.output, unit.code)
    assert label == "Đã báo cáo" and shown != broken.name
    assert note == f"tệp {broken.name} bị từ chối (1 lỗi)"  # not "1 lỗi trong tệp" beside the file that counts
    assert "tệp bị từ chối: 0" not in text  # never "no rejected file" beside the one there is
    assert "chỉ gửi tệp lỗi hoặc sai định dạng: 0" in text and "1 tệp bị từ chối" in text
    assert f"{broken.name} ({unit.display})" in text

    r = run("consolidate", demo.folder, "--out", demo.folder.parent / "out", "--as-of", "2024-06-20")
    assert r.exit_code == 0, r.output
    text = flat(r.output)
    assert "tệp bị từ chối: 0" not in text and "chỉ gửi tệp lỗi hoặc sai định dạng: 0" in text
    assert "1 tệp bị từ chối" in text and f"{broken.name} ({unit.display})" in text


def test_status_keeps_the_plain_line_when_each_rejected_file_is_a_units_only_file(tmp_path, inbox):
    (inbox / "007_hong.xlsx").write_bytes(b"PK\x03\x04 cut short")
    r = run("status", inbox, "--as-of", "2024-06-20")
    text = flat(r.output)
    assert "chưa báo cáo: 49; tệp bị từ chối: 1;" in text and "Đã đọc 7 tệp: 6 tệp được tổng hợp, 1 tệp bị từ chối" in text
    _, _, label, shown, _, note = table_row(r.output, "007")
    assert (label, shown, note) == ("Gửi tệp lỗi", "007_hong.xlsx", "1 lỗi trong tệp")


# -- 6. a consolidation of another plan -------------------------------------------------------------------

def test_report_of_another_plans_consolidation_names_the_plan(tmp_path):
    from pcmd_reports.plan import load_plan
    other_file = ROOT / "pcmd_reports" / "plans" / "ha-noi-2026-vi-du.toml"
    other = load_plan(other_file)
    period = other.periods[0]
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    unit = other.expected_units(period)[0]
    make_filled(other, period, unit.code, inbox, {}, report_date=period.due)
    out = tmp_path / "out"
    r = run("consolidate", inbox, "--plan", other_file, "--period", period.code, "--out", out)
    assert r.exit_code == 0, r.output
    saved = out / f"TongHop_{period.code}.json"
    r = run("report", saved)
    text = flat(r.output)
    assert r.exit_code == 2
    assert f"kế hoạch khác ('{other.id}')" in text and "--plan" in text and "ha-noi-2026-vi-du.toml" in text
    assert "không phải tệp tổng hợp JSON" not in text
    assert run("report", saved, "--plan", other_file).exit_code == 0


def test_a_period_the_plan_does_not_have_still_says_the_file_is_not_ours(tmp_path):
    bad = tmp_path / "TongHop.json"
    bad.write_text(json.dumps({"plan": "ha-noi-2024", "period": "2019-H1"}), encoding="utf-8")
    r = run("report", bad)
    assert r.exit_code == 2 and "không phải tệp tổng hợp JSON" in flat(r.output)


def test_a_rejected_file_of_no_unit_is_named_beside_the_counts(tmp_path, inbox):
    (inbox / "007_hong.xlsx").write_bytes(b"PK\x03\x04 cut short")
    (inbox / "anh chup.xlsx").write_bytes(b"PK\x03\x04 not a unit's name")
    r = run("consolidate", inbox, "--out", tmp_path / "out", "--as-of", "2024-06-20")
    text = flat(r.output)
    assert "chưa báo cáo: 49; tệp bị từ chối: 1;" in text and "2 tệp bị từ chối" in text
    assert "Tệp bị từ chối không rõ của đơn vị nào" in text and "anh chup.xlsx" in text
