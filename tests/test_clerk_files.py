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
