"""Time: re-submissions and what they changed, the same period last year, closing a period."""
from __future__ import annotations

import json
import os
from datetime import date

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from filling import make_filled
from pcmd_reports.changes import submission_changes
from pcmd_reports.cli import main
from pcmd_reports.compare import change_text
from pcmd_reports.intake import read_file


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in r.output
    return r


@pytest.fixture
def resubmitted(tmp_path, plan):
    """Thanh Trì sends, then corrects two figures, a hotspot status and a task result."""
    h1 = plan.period("2024-H1")
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    base = {"CT_3_2": 1200, "CT_9": 150, "CT_1_TS": 10, "DIEM_II_1": "Ít hoạt động", "NV_23_1": "Đã ban hành kế hoạch"}
    first = make_filled(plan, h1, "020", inbox, base, filename="020_lan1.xlsx", report_date=date(2024, 6, 10))
    second = make_filled(plan, h1, "020", inbox, {**base, "CT_3_2": 1250, "CT_9": "", "DIEM_II_1": "Đã triệt xóa",
                                                  "NV_23_1": "Đã ban hành kế hoạch số 12/KH-UBND"},
                         filename="020_lan2.xlsx", report_date=date(2024, 6, 14))
    make_filled(plan, h1, "CATP", inbox, {"CT_7_1": 64})
    return tmp_path, inbox, first, second


EXPECTED_CHANGES = [
    ("Chỉ tiêu 3.2", 1200, 1250), ("Chỉ tiêu 9", 150, None), ("Tình trạng điểm II.1", "Ít hoạt động", "Đã triệt xóa"),
    ("Kết quả nhiệm vụ IV.23.1", "Đã ban hành kế hoạch", "Đã ban hành kế hoạch số 12/KH-UBND"),
    ("Ngày báo cáo", date(2024, 6, 10), date(2024, 6, 14)),
]


def test_what_a_resubmission_changed_cell_by_cell(resubmitted, plan):
    _, _, first, second = resubmitted
    a = read_file(first, plan).submission
    b = read_file(second, plan).submission
    changes = submission_changes(a, b, plan)
    assert [(c.what, c.old, c.new) for c in changes] == EXPECTED_CHANGES
    assert changes[0].sheet == "Chỉ tiêu" and changes[0].cell == b.figures["CT_3_2"].cell


def test_resubmissions_in_the_json_and_the_workbook(resubmitted):
    tmp, inbox, first, second = resubmitted
    out = tmp / "out"
    r = run("consolidate", inbox, "--out", out, "--as-of", "2024-06-18")
    assert r.exit_code == 0, r.output
    data = json.loads((out / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    (entry,) = data["resubmissions"]
    assert (entry["unit"], entry["old_file"], entry["new_file"]) == ("020", str(first), str(second))
    assert [(c["what"], c["old"], c["new"]) for c in entry["changes"]][:2] == [("Chỉ tiêu 3.2", 1200, 1250), ("Chỉ tiêu 9", 150, None)]
    assert entry["changes"][-1]["new"] == "2024-06-14"
    assert data["indicators"]["3.2"]["actual"] == 1250
    report = "\n".join(p.text for p in Document(out / "BaoCao_2024-H1.docx").paragraphs)
    assert "1.250 người lao động trong các khu công nghiệp" in report
    assert "đã triệt xóa (Ngã ba Ngọc Hồi - Liên Ninh, huyện Thanh Trì)" in report
    ws = load_workbook(out / "TongHop_2024-H1.xlsx")["Thay đổi khi gửi lại"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[3:6] for r in rows] == [[w, o if not isinstance(o, date) else f"{o.day}/{o.month}/{o.year}",
                                        n if not isinstance(n, date) else f"{n.day}/{n.month}/{n.year}"]
                                       for w, o, n in EXPECTED_CHANGES]


def test_diff_command_on_two_files_and_two_consolidations(resubmitted):
    tmp, inbox, first, second = resubmitted
    r = run("diff", first, second)
    assert r.exit_code == 0
    assert "Chỉ tiêu 3.2" in r.output and "1200" in r.output and "1250" in r.output and "Đã triệt xóa" in r.output
    assert run("diff", first, first).output.strip() == "Hai tệp không khác nhau về số liệu và nội dung báo cáo."
    out1, out2 = tmp / "o1", tmp / "o2"
    run("consolidate", inbox, "--out", out1, "--as-of", "2024-06-18")
    os.remove(second)
    run("consolidate", inbox, "--out", out2, "--as-of", "2024-06-18")
    r = run("diff", out2 / "TongHop_2024-H1.json", out1 / "TongHop_2024-H1.json")
    assert r.exit_code == 0 and "Chỉ tiêu 3.2" in r.output and "Tình trạng điểm II.1" in r.output
    r = run("diff", first, out1 / "TongHop_2024-H1.json")
    assert r.exit_code == 2 and "cùng loại" in r.output


def test_closing_a_period_freezes_it(resubmitted):
    tmp, inbox, first, second = resubmitted
    out = tmp / "out"
    assert "chạy 'pcmd consolidate" in run("close", "--out", out).output
    assert run("consolidate", inbox, "--out", out, "--as-of", "2024-06-18").exit_code == 0
    r = run("close", "--out", out)
    assert r.exit_code == 0 and "Đã khóa sổ kỳ 6 tháng đầu năm 2024: 3 tệp" in r.output
    lock = json.loads((out / "KhoaSo_2024-H1.json").read_text(encoding="utf-8"))
    assert {f["file"] for f in lock["inputs"]} == {str(p) for p in inbox.iterdir()}
    before = (out / "TongHop_2024-H1.json").read_bytes()

    r = run("consolidate", inbox, "--out", out, "--as-of", "2024-06-20")
    assert r.exit_code == 1 and "đã khóa sổ" in r.output and "không thay đổi" in r.output
    make_filled_again = second.read_bytes()
    second.write_bytes(make_filled_again + b"")  # same bytes: unchanged
    os.remove(first)
    r = run("consolidate", inbox, "--out", out, "--as-of", "2024-06-20")
    assert r.exit_code == 1 and "bớt 020_lan1.xlsx" in r.output
    assert (out / "TongHop_2024-H1.json").read_bytes() == before  # nothing overwritten

    r = run("consolidate", inbox, "--out", out, "--as-of", "2024-06-20", "--reopen")
    assert r.exit_code == 0 and "Đã mở lại" in r.output
    assert not (out / "KhoaSo_2024-H1.json").exists()
    assert list(out.glob("KhoaSo_2024-H1.mo-lai-*.json"))
    assert (out / "TongHop_2024-H1.json").read_bytes() != before


@pytest.mark.parametrize("kind, now, before, text, pct", [
    ("count", 120, 100, "tăng 20,0%", 20.0), ("count", 95, 100, "giảm 5,0%", -5.0), ("count", 7, 7, "bằng", 0.0),
    ("count", 5, 0, "mới có (5)", None), ("ratio", 82.5, 80, "tăng 2,5 điểm phần trăm", 2.5),
])
def test_change_texts(kind, now, before, text, pct):
    assert change_text(kind, now, before) == (text, pct)


def test_compare_with_the_same_period_last_year(resubmitted, tmp_path):
    tmp, inbox, first, second = resubmitted
    last_year = {"plan": "ha-noi-2023", "period": "2023-H1", "indicators": {
        "3.2": {"actual": 1000, "kind": "count"}, "7.1": {"actual": 80, "kind": "count"},
        "1": {"actual": 50.0, "kind": "ratio"}}}
    prev = tmp / "TongHop_2023-H1.json"
    prev.write_text(json.dumps(last_year), encoding="utf-8")
    out = tmp / "out"
    r = run("consolidate", inbox, "--out", out, "--as-of", "2024-06-18", "--compare-with", prev)
    assert r.exit_code == 0, r.output
    data = json.loads((out / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    ind = data["indicators"]
    assert data["compare_with"] == "cùng kỳ năm 2023"
    assert (ind["3.2"]["previous"], ind["3.2"]["change"], ind["3.2"]["change_percent"]) == (1000, "tăng 25,0%", 25.0)
    assert (ind["7.1"]["previous"], ind["7.1"]["change"]) == (80, "giảm 20,0%")
    assert ind["1"]["change"] == "tăng 12,5 điểm phần trăm"  # 10/16 communes = 62,5%
    assert ind["9"]["previous"] is None and ind["9"]["change"] == ""
    ws = load_workbook(out / "TongHop_2024-H1.xlsx")["Tổng hợp chỉ tiêu"]
    assert [ws.cell(row=3, column=c).value for c in (14, 15)] == ["Cùng kỳ", "So sánh"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "3.2")
    assert (ws.cell(row=row, column=14).value, ws.cell(row=row, column=15).value) == (1000, "tăng 25,0%")
    doc = Document(out / "BaoCao_2024-H1.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "tăng 25,0% so với cùng kỳ năm 2023" in text
    table = doc.tables[2]
    assert [c.text for c in table.rows[0].cells][7:9] == ["Cùng kỳ năm 2023", "So sánh"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["7.1"][7:9] == ["80", "giảm 20,0%"]
    # The period's own workbook is not last year's: refused (last year's workbook, read like its
    # JSON: tests/test_compare_guard.py).
    out2 = tmp / "out2"
    r = run("consolidate", inbox, "--out", out2, "--as-of", "2024-06-18", "--compare-with", out / "TongHop_2024-H1.xlsx")
    assert r.exit_code == 2 and "không phải cùng kỳ năm trước" in " ".join(r.output.split())
    bad = run("consolidate", inbox, "--out", out2, "--compare-with", tmp / "none.json")
    assert bad.exit_code == 2 and "Không tìm thấy tệp kết quả cùng kỳ" in bad.output


# -- year to date from monthly and quarterly reports ------------------------------------------

@pytest.fixture
def year_from_parts(tmp_path, plan):
    """The police send four quarters; Thanh Trì sends eleven months (May is missing); Ba Đình
    sends its year form and also two monthly ones; Cầu Giấy sends only its year form."""
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    for k, v in enumerate((10, 20, 30, 40), start=1):
        q = plan.period(f"2024-Q{k}")
        make_filled(plan, q, "CATP", inbox, {"CT_7_1": v, "CT_6_TS": k, "CT_6_MS": k + 1, "NV_2_1": f"Quý {k}: xong"},
                    filename=f"CATP_Q{k}.xlsx", report_date=q.due)
    months = {}
    for m in range(1, 13):
        if m == 5:
            continue
        period = plan.period(f"2024-{m:02d}")
        months[m] = {"CT_9": 10 * m, "CT_1_TS": min(m + 4, 16), "CT_3_2": "1.000",
                     "DIEM_II_1": "Ít hoạt động" if m < 9 else "Đã triệt xóa"}
        make_filled(plan, period, "020", inbox, months[m], filename=f"020_T{m:02d}.xlsx", report_date=period.due)
    year = plan.period("2024")
    make_filled(plan, year, "001", inbox, {"CT_9": 500}, filename="001_nam.xlsx", report_date=date(2024, 12, 15))
    for m in (1, 2):
        make_filled(plan, plan.period(f"2024-{m:02d}"), "001", inbox, {"CT_9": 999}, filename=f"001_T{m}.xlsx")
    make_filled(plan, year, "005", inbox, {"CT_9": 70}, filename="005_nam.xlsx", report_date=date(2024, 12, 16))
    out = tmp_path / "out"
    r = run("consolidate", inbox, "--period", "2024", "--out", out, "--as-of", "2024-12-18")
    assert r.exit_code == 0, r.output
    return json.loads((out / "TongHop_2024.json").read_text(encoding="utf-8")), out, months


def test_a_year_from_four_quarters(year_from_parts):
    data, _, _ = year_from_parts
    ind = data["indicators"]
    assert ind["7.1"]["actual"] == 100
    assert (ind["6"]["numerator"], ind["6"]["denominator"]) == (1 + 2 + 3 + 4, 2 + 3 + 4 + 5)
    assert data["units"]["built_from"]["CATP"] == {"covers": ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"], "gaps": []}
    srcs = [s for s in ind["7.1"]["sources"] if s["unit"] == "CATP"]
    assert [s["value"] for s in srcs] == [10, 20, 30, 40] and all(s["file"].endswith(".xlsx") for s in srcs)
    task = data["submissions"]["CATP"]["tasks"]["2.1"]
    assert task["text"].splitlines() == ["Quý I năm 2024: Quý 1: xong", "Quý II năm 2024: Quý 2: xong",
                                 "Quý III năm 2024: Quý 3: xong", "Quý IV năm 2024: Quý 4: xong"]


def test_a_year_from_eleven_months_names_the_missing_one(year_from_parts, plan):
    data, out, months = year_from_parts
    ind = data["indicators"]
    assert data["units"]["built_from"]["020"] == {"covers": [f"2024-{m:02d}" for m in months], "gaps": ["2024-05"]}
    # Counts add up over the months sent; May is not silently zero, it is named.
    assert ind["9"]["actual"] == sum(v["CT_9"] for v in months.values()) + 500 + 70
    assert ind["3.2"]["actual"] == 11 * 1000
    # A state (communes with a propaganda form) takes the latest month, never a sum.
    assert (ind["1"]["numerator"], ind["1"]["denominator"]) == (16, 16)
    assert data["hotspots"]["II.1"]["status"] == "Đã triệt xóa"
    gap = [p for p in data["problems"] if p["code"] == "period_gap"]
    assert len(gap) == 1 and "tháng 5 năm 2024" in gap[0]["message"] and gap[0]["unit"] == "020"
    ws = load_workbook(out / "TongHop_2024.xlsx")["Tình hình báo cáo"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "020")
    assert ws.cell(row=row, column=11).value == "tháng 5 năm 2024"
    assert ws.cell(row=row, column=10).value.startswith("tháng 1 năm 2024, tháng 2 năm 2024")
    text = "\n".join(p.text for p in Document(out / "BaoCao_2024.docx").paragraphs)
    assert "Ủy ban nhân dân huyện Thanh Trì chưa gửi báo cáo năm 2024; số liệu được tổng hợp từ 11 báo cáo" in text
    assert "còn thiếu tháng 5 năm 2024" in text


def test_a_units_own_year_report_wins_over_its_monthly_ones(year_from_parts):
    data, _, _ = year_from_parts
    assert "001" not in data["units"]["built_from"]
    assert sorted(s["file"].rsplit("/", 1)[-1] for s in data["units"]["superseded"] if s["unit"] == "001") == ["001_T1.xlsx", "001_T2.xlsx"]
    assert [s["value"] for s in data["indicators"]["9"]["sources"] if s["unit"] == "001"] == [500]
    assert "005" in data["units"]["submitted"] and "005" not in data["units"]["built_from"]


def test_a_month_inside_a_quarter_sent_too_is_set_aside_naming_that_quarter(tmp_path, plan):
    inbox = tmp_path / "inputs"
    for k in (1, 2):
        q = plan.period(f"2024-Q{k}")
        make_filled(plan, q, "CATP", inbox, {"CT_7_1": 10 * k}, filename=f"CATP_Q{k}.xlsx", report_date=q.due)
    make_filled(plan, plan.period("2024-02"), "CATP", inbox, {"CT_7_1": 99}, filename="CATP_T02.xlsx",
                report_date=plan.period("2024-02").due)
    r = run("consolidate", inbox, "--out", tmp_path / "out", "--as-of", "2024-06-18")
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "out" / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    assert data["indicators"]["7.1"]["actual"] == 30  # the month is not added twice
    aside = [p for p in data["problems"] if p["file"].endswith("CATP_T02.xlsx") and p["code"] == "superseded"]
    assert len(aside) == 1 and "quý I năm 2024" in aside[0]["message"], aside


def test_status_says_a_report_was_built_from_months_and_which_is_missing(tmp_path, plan):
    inbox = tmp_path / "inputs"
    for m in (1, 2, 4, 5, 6):  # March is missing
        p = plan.period(f"2024-{m:02d}")
        make_filled(plan, p, "020", inbox, {"CT_9": m}, filename=f"020_T{m:02d}.xlsx", report_date=p.due)
    r = run("status", inbox, "--as-of", "2024-06-18")
    lines = r.output.splitlines()
    at = next(k for k, line in enumerate(lines) if "Thanh Trì" in line)
    note = " ".join(line.rstrip(" │").rsplit("│", 1)[-1].strip() for line in lines[at:at + 3])  # the last column
    assert r.exit_code == 0 and "tổng hợp từ 5 báo cáo tháng, quý, còn thiếu tháng 3 năm 2024" in note, note
