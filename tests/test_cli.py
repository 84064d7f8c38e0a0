"""The `pcmd` command as a clerk runs it."""
from __future__ import annotations

from click.testing import CliRunner
from openpyxl import load_workbook

from pcmd_reports.cli import main


def test_templates_writes_the_named_units(tmp_path):
    out = tmp_path / "forms"
    r = CliRunner().invoke(main, ["templates", "--period", "2024-H1", "--out", str(out), "--unit", "020", "--unit", "CATP"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == ["020_huyen-thanh-tri.xlsx", "CATP_cong-an-thanh-pho.xlsx"]
    assert "Đã ghi 2 biểu mẫu" in r.output
    assert "Huyện Thanh Trì" in r.output and "CATP" in r.output


def test_templates_default_folder_and_monthly_period(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["templates", "--period", "2024-03"])
    assert r.exit_code == 0, r.output
    files = list((tmp_path / "outputs" / "bieu-mau" / "2024-03").glob("*.xlsx"))
    assert len(files) == 31  # the police and the 30 districts report monthly
    wb = load_workbook(files[0])
    assert {row[0].value: row[1].value for row in wb["_meta"].iter_rows()}["period"] == "2024-03"


def test_usage_errors_are_one_vietnamese_line(tmp_path):
    r = CliRunner().invoke(main, ["templates", "--period", "2025-H1", "--out", str(tmp_path)])
    assert r.exit_code == 2
    assert "Kỳ báo cáo '2025-H1' không có trong kế hoạch" in r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(main, ["templates", "--unit", "XYZ", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "Mã đơn vị 'XYZ'" in r.output
    r = CliRunner().invoke(main, ["templates", "--period", "2024-03", "--unit", "SYT", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "không phải báo cáo kỳ" in r.output
    r = CliRunner().invoke(main, ["templates", "--plan", str(tmp_path / "none.toml")])
    assert r.exit_code == 2 and "Không tìm thấy tệp kế hoạch" in r.output


def test_help_is_in_vietnamese():
    r = CliRunner().invoke(main, ["templates", "--help"])
    assert r.exit_code == 0
    assert "Tạo biểu mẫu Excel cho từng đơn vị" in r.output and "Ví dụ" in r.output
