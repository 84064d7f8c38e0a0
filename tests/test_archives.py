""".zip archives in the input folder: read like folders, under the limits every file has."""
from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from filling import make_filled
from pcmd_reports.cli import main
from pcmd_reports.intake import find_files, helpers, read_file, read_folder

DATA = Path(__file__).parent / "data"


def pack(archive: Path, members: dict) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return archive


def pack_raw_name(archive: Path, raw_name: bytes, data: bytes) -> Path:
    """An archive whose one member has this raw name, without the UTF-8 flag (as old Windows tools write)."""
    placeholder = "X" * (len(raw_name) - 5) + ".xlsx"
    pack(archive, {placeholder: data})
    archive.write_bytes(archive.read_bytes().replace(placeholder.encode(), raw_name))
    return archive


def patch_member(archive: Path, name: str, flag_bits: int | None = None, size: int | None = None) -> None:
    """Set a member's flag bits or declared size in both its headers."""
    data = bytearray(archive.read_bytes())
    info = zipfile.ZipFile(archive).getinfo(name)
    at = bytes(data).find(b"PK\x01\x02")
    while bytes(data[at + 46:at + 46 + len(name)]) != name.encode():
        at = bytes(data).find(b"PK\x01\x02", at + 4)
    if flag_bits is not None:
        struct.pack_into("<H", data, info.header_offset + 6, flag_bits)
        struct.pack_into("<H", data, at + 8, flag_bits)
    if size is not None:
        struct.pack_into("<I", data, info.header_offset + 22, size)
        struct.pack_into("<I", data, at + 24, size)
    archive.write_bytes(bytes(data))


@pytest.fixture
def returns(tmp_path, plan, h1):
    folder = tmp_path / "forms"
    folder.mkdir()
    return {code: make_filled(plan, h1, code, folder, {"CT_3_2": 100 + k, "CT_9": 10 + k})
            for k, code in enumerate(["001", "002", "003", "004", "005", "006"])}


def figures(result):
    return {k: (f.value, f.sheet, f.cell) for k, f in result.submission.figures.items()}


def test_a_zip_archive_is_read_like_a_folder_and_named_so_in_every_output(tmp_path, plan, h1, returns):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    for code in ("001", "002", "005", "006"):
        (inbox / returns[code].name).write_bytes(returns[code].read_bytes())
    archive = pack(inbox / "huyen.zip", {
        "bao cao/003.xlsx": returns["003"].read_bytes(),
        "bao cao/004.xlsx": returns["004"].read_bytes(),
        "bao cao/020 cong van.pdf": b"%PDF-1.4",
        "__MACOSX/bao cao/._003.xlsx": b"\x00\x05\x16\x07",
        "bao cao/~$003.xlsx": b"lock",
        "doc-ky.txt": b"readme",
    })
    member = Path(f"{archive}/bao cao/003.xlsx")
    assert member in find_files([inbox]) and Path(f"{archive}/bao cao/004.xlsx") in find_files([inbox])
    assert len(find_files([inbox])) == 6

    intake = read_folder([inbox], plan, h1)
    by_path = {str(f.path): f for f in intake.files}
    got = by_path[str(member)]
    direct = read_file(returns["003"], plan, h1)
    assert not got.rejected and got.unit == "003" and figures(got) == figures(direct)
    assert got.sha256 == direct.sha256 and got.size == direct.size
    pdf = by_path[f"{archive}/bao cao/020 cong van.pdf"]
    assert pdf.rejected and pdf.problems[0].code == "not_a_form" and pdf.unit == "020"
    assert len(intake.submissions) == 6

    # Through helper processes too (as a large run reads them).
    with helpers(plan, 2) as pool:
        if pool is not None:
            pooled = read_folder([inbox], plan, h1, pool=pool)
            assert [str(f.path) for f in pooled.files] == [str(f.path) for f in intake.files]
            assert figures(next(f for f in pooled.files if f.path == member)) == figures(direct)

    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["consolidate", str(inbox), "--out", str(out), "--as-of", "2024-06-20"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    data = json.loads(next(out.rglob("TongHop_*.json")).read_text(encoding="utf-8"))
    assert str(member) in [f["file"] for f in data["files"]]
    assert any(s["file"] == str(member) for ind in data["indicators"].values() for s in ind["sources"])
    wb = load_workbook(next(out.rglob("TongHop_*.xlsx")), read_only=True)
    cells = {v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)}
    assert str(member) in cells
    r = CliRunner().invoke(main, ["check", str(archive)])
    assert "huyen.zip/bao cao/003.xlsx" in r.output and "huyen.zip/bao cao/020 cong van.pdf" in r.output, r.output
    assert r.exit_code == 1  # the PDF inside is not a form


def broken_cases(tmp: Path, good: bytes) -> dict:
    """{archive: the code it, or its bad member, is rejected with}"""
    cases = {}
    whole = pack(tmp / "cut.zip", {"020.xlsx": good})
    whole.write_bytes(whole.read_bytes()[:len(good) // 2])
    cases[whole] = "archive_corrupt"
    (tmp / "not-a-zip.zip").write_bytes(b"this is no archive")
    cases[tmp / "not-a-zip.zip"] = "archive_corrupt"
    cases[pack(tmp / "many.zip", {f"f{k}.txt": b"" for k in range(5001)})] = "archive_too_many"
    cases[pack(tmp / "nothing.zip", {"ghi-chu.txt": b"x"})] = "archive_empty"
    cases[pack(tmp / "up.zip", {"../../020.xlsx": good})] = "archive_bad_name"
    cases[pack(tmp / "abs.zip", {"/tmp/020.xlsx": good})] = "archive_bad_name"
    cases[pack(tmp / "drive.zip", {"C:/020.xlsx": good})] = "archive_bad_name"
    inner = pack(tmp / "inner.zip", {"020.xlsx": good}).read_bytes()
    cases[pack(tmp / "nested.zip", {"trong/020.zip": inner})] = "archive_nested"
    locked = pack(tmp / "locked.zip", {"020.xlsx": good})
    patch_member(locked, "020.xlsx", flag_bits=0x1)
    cases[locked] = "password"
    cases[pack(tmp / "ratio.zip", {"020.xlsx": b"\0" * (30 << 20)})] = "file_too_big"
    cases[pack(tmp / "dense.zip", {"020.xlsx": b"\0" * (5 << 20)})] = "bomb"
    lying = pack(tmp / "lying.zip", {"020.xlsx": good + b"\0" * (3 << 20)})
    patch_member(lying, "020.xlsx", size=len(good))
    cases[lying] = "bomb"
    return cases


def test_broken_archives_are_rejected_with_a_reason_and_never_stop_the_run(tmp_path, plan, h1, returns):
    import time
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    (inbox / "001.xlsx").write_bytes(returns["001"].read_bytes())
    cases = broken_cases(inbox, returns["020" if "020" in returns else "002"].read_bytes())
    (inbox / "inner.zip").unlink()
    started = time.perf_counter()
    intake = read_folder([inbox], plan, h1)
    assert time.perf_counter() - started < 10
    assert [s.unit for s in intake.submissions] == ["001"]
    for archive, code in cases.items():
        rejected = [f for f in intake.files if str(f.path).startswith(str(archive))]
        assert rejected and all(f.rejected for f in rejected), archive
        problem = rejected[0].problems[0]
        assert problem.code == code and problem.is_error, (archive, problem)
        assert problem.file.startswith(str(archive)) and any(ch in problem.message for ch in "ệảộ"), problem
    traversal = next(f for f in intake.files if str(f.path).startswith(str(inbox / "up.zip")))
    assert "'../../020.xlsx'" in traversal.problems[0].message
    r = CliRunner().invoke(main, ["check", str(inbox)])
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output


def test_names_in_archives_are_decoded_from_utf8_or_cp437_safely(tmp_path, plan, h1, returns):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    good = returns["003"].read_bytes()
    utf8 = "003 Báo cáo.xlsx"
    archive = pack_raw_name(inbox / "a.zip", utf8.encode(), good)
    legacy = pack_raw_name(inbox / "b.zip", "004 Báo cáo".encode("cp1258") + b"\x81.xlsx", returns["004"].read_bytes())
    flagged = pack(inbox / "c.zip", {"005 Thanh Trì.xlsx": returns["005"].read_bytes()})  # zipfile sets the flag
    intake = read_folder([inbox], plan, h1)
    shown = sorted(str(f.path) for f in intake.files)
    assert f"{archive}/{utf8}" in shown and f"{flagged}/005 Thanh Trì.xlsx" in shown
    assert sorted(s.unit for s in intake.submissions) == ["003", "004", "005"]
    odd = next(f for f in intake.files if str(f.path).startswith(str(legacy)))
    assert not odd.rejected and str(odd.path).endswith(".xlsx")
    json.dumps([p.file for p in intake.problems], ensure_ascii=False).encode("utf-8")


def test_forms_calamine_reads_are_read_from_archives_in_their_own_process(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    pack(inbox / "lo.zip", {"ods/thanh_tri.ods": (DATA / "thanh_tri.ods").read_bytes(),
                            "xls/thanh_tri.xls": (DATA / "thanh_tri.xls").read_bytes()})
    intake = read_folder([inbox], plan)
    for f in intake.files:
        direct = read_file(DATA / Path(f.path).name, plan)
        assert not f.rejected and figures(f) == figures(direct), f.problems
        assert [p.message for p in f.problems if p.code != "superseded"] == [p.message for p in direct.problems]
