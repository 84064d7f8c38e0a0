"""Consolidation: fill every form with known figures, then check every total, ratio, status and list."""
from __future__ import annotations

import json
import os
from datetime import date
from fractions import Fraction

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from filling import make_filled
from pcmd_reports.cli import main
from pcmd_reports.consolidation import consolidate
from pcmd_reports.intake import read_folder
from pcmd_reports.report_json import to_json
from pcmd_reports.summary_xlsx import write_summary

MISSING = {"282", "281", "280", "SVHTT", "SDL", "STTTT", "STP", "SKHDT", "STC", "CQLTT", "CHQ", "NHCSXH",
           "BTDKT", "VKSND", "UBMTTQ", "HLHPN", "HCCB", "BHNM", "BKTDT", "BANTD", "BPNTD", "DPTTH"}
HOTSPOT_STATUS = {
    "020": {"DIEM_II_1": "Đã triệt xóa", "DIEM_II_2": "Ít hoạt động", "DIEM_III_5": "Không hoạt động"},
    "008": {"DIEM_II_3": "Đã triệt xóa"},
    "274": {"DIEM_III_1": "Không hoạt động"},
    "268": {"DIEM_III_2": "Tái hoạt động", "DIEM_III_3": "Không hoạt động", "DIEM_III_3_GC": "Đã lắp camera"},
    "005": {"DIEM_III_4": "Không hoạt động"},
    "001": {"DIEM_III_6": "Không hoạt động"},
    "007": {"DIEM_III_7": "Không hoạt động", "DIEM_III_8": "Không hoạt động"},
}


def district_values(i: int, unit) -> dict:
    v = {
        "CT_3_2": 100 + i, "CT_9": 10 * (i + 1), "CT_11_2": 20, "CT_2": 1,
        "CT_1_TS": unit.communes - (i % 3), "CT_4_2_TS": unit.communes, "CT_5_TS": unit.communes - 1,
        "CT_4_1": "Có" if i % 5 else "Không", "CT_6_TS": i, "CT_6_MS": i + 1, "CT_S1": i,
        "NV_23_1": f"Kết quả nhiệm vụ 1 của {unit.name}", "KK_1": "Thiếu kinh phí" if i == 0 else "",
    }
    v.update(HOTSPOT_STATUS.get(unit.code, {}))
    return v


CITY = {
    "SLDTBXH": {"CT_3_1": 500, "CT_3_2": 2000, "CT_3_3": 1800, "CT_3_4": 2500, "CT_3_5": 9000, "CT_3_6": 700,
                "CT_3_7": 150, "CT_3_8": 160, "CT_9": 300, "CT_10_1": 120, "CT_10_2_TS": 30, "CT_10_2_MS": 50,
                "CT_11_1": 40, "CT_2": 6, "CT_6_TS": 5, "CT_6_MS": 5, "KN_1_NOI": "Ủy ban nhân dân Thành phố",
                "KN_1_ND": "Tăng kinh phí cho mô hình"},
    "CATP": {"CT_7_1": 50, "CT_2": 3, "CT_6_TS": 40, "CT_6_MS": 42, "CT_11_1": 12, "CT_S1": 17},
    "TAND": {"CT_7_2": 101, "CT_11_1": 6},
    "LDLD": {"CT_3_2": 14000, "CT_11_1": 4},
    "SGDDT": {"CT_3_3": 20000},
    "TDHN": {"CT_3_4": 30000},
    "SYT": {"CT_11_1": "9 người", "CT_S13": "1.250"},
}


@pytest.fixture(scope="module")
def scenario(plan, tmp_path_factory):
    h1 = plan.period("2024-H1")
    inbox = tmp_path_factory.mktemp("inputs")
    values = {}
    for i, unit in enumerate(plan.local_units):
        if unit.code in MISSING:
            continue
        v = district_values(i, unit)
        if unit.code == "005":
            v["CT_9"] = "abc"  # a bad cell: left out of the totals, listed
        if unit.code == "006":
            v["CT_5_TS"] = unit.communes + 5  # numerator above denominator
        if unit.code == "003":
            v.update({"DIEM_MOI_1_TEN": "Khu nhà nghỉ ven hồ", "DIEM_MOI_1_MUCDO": "Ít hoạt động"})
        values[unit.code] = v
    values.update({k: dict(v) for k, v in CITY.items()})
    report_dates = {code: date(2024, 6, 12) for code in values}
    report_dates["019"] = date(2024, 6, 20)  # late
    sub = inbox / "Quận huyện"
    sub.mkdir()
    for code, v in values.items():
        if code == "021":
            continue  # sends the wrong form, below
        folder = sub if plan.unit(code).local else inbox
        make_filled(plan, h1, code, folder, v, report_date=report_dates[code])
    # The police send twice: the correction (later report date) counts.
    first = make_filled(plan, h1, "CATP", inbox, {"CT_7_1": 999}, filename="CATP_cu.xlsx", report_date=date(2024, 6, 5))
    # Thanh Trì sends twice with the same report date: the later file counts.
    os.utime(sub / "020.xlsx", (1_800_000_000, 1_800_000_000))
    stale = make_filled(plan, h1, "020", inbox, {"CT_3_2": 5}, filename="020_ban_nhap.xlsx", report_date=date(2024, 6, 12))
    os.utime(stale, (1_700_000_000, 1_700_000_000))
    # Bắc Từ Liêm sends the year's form instead of the 6-month one: rejected, unit known.
    del values["021"]
    make_filled(plan, plan.period("2024"), "021", inbox, {"CT_3_2": 77}, filename="021_nam.xlsx")
    (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 truncated")
    intake = read_folder(inbox, plan, h1)
    cons = consolidate(plan, h1, intake, as_of=date(2024, 6, 18))
    out = tmp_path_factory.mktemp("out")
    book = write_summary(cons, out / "TongHop_2024-H1.xlsx")
    return {"values": values, "cons": cons, "json": to_json(cons), "book": book, "inbox": inbox,
            "first_catp": first, "stale_020": stale}


def total(values, name, skip=()):
    out = 0
    for code, v in values.items():
        if code in skip or name not in v:
            continue
        x = v[name]
        out += int(str(x).split()[0].replace(".", "")) if isinstance(x, str) else x
    return out


def test_counts_are_sums_over_units(scenario):
    v, j = scenario["values"], scenario["json"]["indicators"]
    assert j["3.2"]["actual"] == total(v, "CT_3_2") and j["3.2"]["target"] == 25000
    assert j["9"]["actual"] == total(v, "CT_9", skip={"005"})
    assert j["11.1"]["actual"] == 40 + 12 + 6 + 4 + 9
    assert j["7.1"]["actual"] == 50 and j["7.2"]["actual"] == 101
    assert j["S1"]["actual"] == total(v, "CT_S1") and j["S1"]["target"] is None and j["S1"]["status"] is None
    assert j["S13"]["actual"] == 1250
    assert j["2"]["actual"] == total(v, "CT_2") and j["2"]["status"] is None


def test_statuses_against_the_annual_target(scenario):
    j = scenario["json"]["indicators"]
    # A 6-month report judges annual count targets against the pace (half the year), never "Chưa đạt".
    assert j["7.2"]["status"] == "ahead" and j["7.2"]["percent_of_target"] == round(101 / 95 * 100, 2)
    assert j["7.2"]["status_label"] == "Vượt tiến độ" and j["7.2"]["pace"] == 50
    assert j["7.1"]["status"] == "behind" and j["7.1"]["percent_of_target"] == round(50 / 120 * 100, 2)
    assert j["7.1"]["status_label"] == "Chậm tiến độ"
    assert j["3.2"]["percent_of_target"] == round(j["3.2"]["actual"] / 25000 * 100, 2)
    assert j["3.3"]["status"] in ("behind", "on_pace", "ahead")
    assert not any(e["status"] == "not_met" for e in j.values())
    assert j["3.4"]["actual"] == 32500


def test_ratios_from_numerators_and_denominators(scenario, plan):
    v, j = scenario["values"], scenario["json"]["indicators"]
    num, den = total(v, "CT_1_TS"), sum(plan.unit(c).communes for c in v if plan.unit(c).local)
    assert (j["1"]["numerator"], j["1"]["denominator"]) == (num, den)
    assert j["1"]["actual"] == round(100 * num / den, 2)
    assert j["1"]["units_reporting"] == 26 and j["1"]["units_expected"] == 30
    # 006's numerator was above its denominator: the pair is out, the rest counts.
    five = [c for c in v if plan.unit(c).local and c != "006"]
    assert j["5"]["numerator"] == sum(plan.unit(c).communes - 1 for c in five)
    assert j["5"]["denominator"] == sum(plan.unit(c).communes for c in five)
    assert j["6"]["numerator"] == total(v, "CT_6_TS") and j["6"]["denominator"] == total(v, "CT_6_MS")
    assert j["10.2"]["actual"] == 60
    # Resting on fewer than half the units expected to report it: no judgement either way.
    assert j["10.2"]["units_reporting"] * 2 < j["10.2"]["units_expected"]
    assert j["10.2"]["status"] == "insufficient" and j["10.2"]["status_label"] == "Chưa đủ cơ sở đánh giá"
    assert j["4.2"]["actual"] == 100 and j["4.2"]["status"] == "met"
    exact = scenario["cons"].indicator("1").actual
    assert exact == Fraction(100 * num, den)  # exact, rounded only for display


def test_yes_no_per_district(scenario, plan):
    v, j = scenario["values"], scenario["json"]["indicators"]
    answers = [x["CT_4_1"] for c, x in v.items() if plan.unit(c).local]
    assert (j["4.1"]["numerator"], j["4.1"]["denominator"]) == (answers.count("Có"), len(answers))
    assert j["4.1"]["status"] == "behind"  # a percentage below its target before the year ends


def test_hotspots(scenario):
    j = scenario["json"]
    assert j["indicators"]["8.1"]["actual"] == 2 and j["indicators"]["8.1"]["status"] == "ahead"  # 2/3 by mid-year
    assert j["indicators"]["8.2"]["actual"] == 7
    assert j["indicators"]["8.3"]["actual"] == 1 and j["indicators"]["8.3"]["status"] == "behind"
    assert j["hotspots"]["II.1"] == {"district": "020", "name": j["hotspots"]["II.1"]["name"], "status": "Đã triệt xóa",
                                     "reported": True, "note": ""}
    assert j["hotspots"]["III.2"]["status"] == "Tái hoạt động"
    assert j["hotspots"]["III.3"]["note"] == "Đã lắp camera"
    assert [n["name"] for n in j["new_hotspots"]] == ["Khu nhà nghỉ ven hồ"]


def test_hotspot_of_a_district_that_did_not_report_is_never_assumed_fine(plan, tmp_path):
    h1 = plan.period("2024-H1")
    make_filled(plan, h1, "020", tmp_path, {"DIEM_II_1": "Đã triệt xóa"})
    cons = consolidate(plan, h1, read_folder(tmp_path, plan, h1), as_of=date(2024, 6, 1))
    j = to_json(cons)
    assert j["hotspots"]["II.3"]["status"] == "Chưa có báo cáo" and not j["hotspots"]["II.3"]["reported"]
    assert j["hotspots"]["II.2"]["status"] == "Đơn vị chưa cập nhật tình trạng"
    assert j["indicators"]["8.2"]["actual"] == 0  # no district of Phụ lục III reported


def test_units_submitted_missing_rejected_late(scenario, plan):
    u = scenario["json"]["units"]
    assert len(u["expected"]) == 56
    assert set(u["missing"]) == MISSING
    assert set(u["submitted"]) == set(scenario["values"])
    assert u["late"] == ["019"]
    rejected = {r["unit"]: r for r in u["rejected"]}
    assert set(rejected) == {"021", None}
    assert "kỳ '2024', không phải kỳ đang tổng hợp '2024-H1'" in rejected["021"]["errors"][0]
    sup = {s["file"]: s["unit"] for s in u["superseded"]}
    assert sup == {str(scenario["first_catp"]): "CATP", str(scenario["stale_020"]): "020"}
    statuses = {s.unit.code: s.status for s in scenario["cons"].units}
    assert statuses["021"] == "rejected" and statuses["282"] == "missing" and statuses["020"] == "submitted"


def test_every_figure_has_its_source(scenario):
    j = scenario["json"]["indicators"]
    srcs = j["7.1"]["sources"]
    assert len(srcs) == 1 and srcs[0]["unit"] == "CATP" and srcs[0]["sheet"] == "Chỉ tiêu"
    assert srcs[0]["file"].endswith("CATP.xlsx") and len(srcs[0]["sha256"]) == 64 and srcs[0]["value"] == 50
    assert len(j["3.2"]["sources"]) == j["3.2"]["units_reporting"]


def test_problems_list_the_bad_cells(scenario):
    probs = scenario["json"]["problems"]
    bad = {(p["unit"], p["name"]) for p in probs if p["severity"] == "error"}
    assert ("005", "CT_9") in bad and ("006", "CT_5_TS") in bad


def test_deterministic(scenario, plan):
    h1 = plan.period("2024-H1")
    again = to_json(consolidate(plan, h1, read_folder(scenario["inbox"], plan, h1), as_of=date(2024, 6, 18)))
    assert json.dumps(again, sort_keys=True) == json.dumps(scenario["json"], sort_keys=True)


# -- the workbook equals the JSON ----------------------------------------------------------

def rows_by_id(ws, col=1):
    return {ws.cell(row=r, column=col).value: r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=col).value}


def test_workbook_indicator_sheet(scenario):
    wb = load_workbook(scenario["book"])
    assert wb.sheetnames[:7] == ["Tổng hợp chỉ tiêu", "Chi tiết theo đơn vị", "Điểm phức tạp", "Tình hình báo cáo",
                                 "Lỗi và cảnh báo", "Nguồn số liệu", "Kết quả nhiệm vụ"]
    ws = wb["Tổng hợp chỉ tiêu"]
    rows = rows_by_id(ws)
    j = scenario["json"]["indicators"]
    for ind_id, entry in j.items():
        r = rows[ind_id]
        actual = ws.cell(row=r, column=7).value
        if entry["kind"] in ("ratio", "yesno"):
            assert ws.cell(row=r, column=8).value == entry["numerator"]
            assert ws.cell(row=r, column=9).value == entry["denominator"]
            if entry["actual"] is not None:
                assert actual == pytest.approx(entry["actual"] / 100, abs=1e-4)
                assert ws.cell(row=r, column=7).number_format == "0.0%"
        else:
            assert actual == entry["actual"], ind_id
            if actual is not None:
                assert isinstance(actual, int) and ws.cell(row=r, column=7).number_format == "#,##0"
        assert ws.cell(row=r, column=11).value == (entry["status_label"] or None)
        assert ws.cell(row=r, column=12).value == entry["units_reporting"]
    assert "trên cơ sở 26/30 quận, huyện, thị xã báo cáo" in ws.cell(row=rows["1"], column=13).value
    chart = wb["Biểu đồ tiến độ"]
    assert chart._charts, "chart of % of target"
    ids = [chart.cell(row=r, column=1).value for r in range(4, chart.max_row + 1)]
    assert ids and all(i and not i.startswith("S") for i in ids)  # numbered indicators only, no empty rows


def test_workbook_detail_totals_equal_sheet_one(scenario):
    wb = load_workbook(scenario["book"])
    ws = wb["Chi tiết theo đơn vị"]
    headers = {ws.cell(row=3, column=c).value: c for c in range(1, ws.max_column + 1)}
    total_row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=2).value == "Tổng cộng")
    j = scenario["json"]["indicators"]
    assert ws.cell(row=total_row, column=headers["3.2"]).value == j["3.2"]["actual"]
    assert ws.cell(row=total_row, column=headers["1 (tử số)"]).value == j["1"]["numerator"]
    assert ws.cell(row=total_row, column=headers["1 (mẫu số)"]).value == j["1"]["denominator"]
    units = rows_by_id(ws)
    assert ws.cell(row=units["CATP"], column=headers["7.1"]).value == 50
    assert ws.cell(row=units["005"], column=headers["9"]).value is None  # 'abc' left out
    assert ws.cell(row=units["282"], column=headers["3.2"]).value is None


def test_workbook_other_sheets(scenario):
    wb = load_workbook(scenario["book"])
    hs = rows_by_id(wb["Điểm phức tạp"])
    assert wb["Điểm phức tạp"].cell(row=hs["III.2"], column=6).value == "Tái hoạt động"
    units = wb["Tình hình báo cáo"]
    r = rows_by_id(units)
    assert units.cell(row=r["282"], column=4).value == "Chưa báo cáo"
    assert units.cell(row=r["021"], column=4).value == "Gửi tệp lỗi"
    assert units.cell(row=r["019"], column=7).value == "Muộn"
    assert units.cell(row=r["CATP"], column=8).value == "Nguyễn Văn A"
    probs = wb["Lỗi và cảnh báo"]
    cells = {(probs.cell(row=k, column=2).value, probs.cell(row=k, column=5).value) for k in range(4, probs.max_row + 1)}
    assert ("005", "CT_9") in cells and ("006", "CT_5_TS") in cells
    files = wb["Nguồn số liệu"]
    outcomes = [files.cell(row=k, column=3).value for k in range(4, files.max_row + 1)]
    assert outcomes.count("Bị từ chối") == 2 and outcomes.count("Bị thay thế bởi tệp mới hơn") == 2
    tasks = wb["Kết quả nhiệm vụ"]
    texts = [tasks.cell(row=k, column=6).value for k in range(4, tasks.max_row + 1)]
    assert "Kết quả nhiệm vụ 1 của Quận Ba Đình" in texts
    assert tasks.cell(row=4, column=5).value == "Chưa nêu tình trạng"  # a result typed without its status
    recs = wb["Đề xuất, kiến nghị"]
    assert [c.value for c in recs[4]][:4] == ["SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "Ủy ban nhân dân Thành phố",
                                             "Tăng kinh phí cho mô hình"]
    difficulties = wb["Khó khăn, vướng mắc"]
    assert [c.value for c in difficulties[4]][:3] == ["001", "Quận Ba Đình", "Thiếu kinh phí"]
    assert difficulties.cell(row=4, column=5).value == "Nhiệm vụ" and difficulties.cell(row=4, column=6).value
    figs = wb["Số liệu gốc"]
    n = sum(len(s.figures) for s in scenario["cons"].submissions)
    assert figs.max_row - 3 == n
    raw = {(figs.cell(row=k, column=1).value, figs.cell(row=k, column=10).value): figs.cell(row=k, column=6).value
           for k in range(4, figs.max_row + 1)}
    assert raw[("SYT", "CT_S13")] == "1.250"


def test_consolidate_command(scenario, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["consolidate", str(scenario["inbox"]), "--period", "2024-H1", "--out", str(out),
                                  "--json", str(tmp_path / "c.json"), "--as-of", "2024-06-18"])
    assert r.exit_code == 0, r.output
    assert (out / "TongHop_2024-H1.xlsx").exists()
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["indicators"] == scenario["json"]["indicators"]
    assert "Đơn vị phải báo cáo: 56; đã báo cáo: 33; chưa báo cáo: 22; tệp bị từ chối: 1; báo cáo muộn: 1." in r.output
    strict = CliRunner().invoke(main, ["consolidate", str(scenario["inbox"]), "--out", str(out), "--strict"])
    assert strict.exit_code == 1
    assert not [p for p in out.iterdir() if p.name.startswith(".~")]  # no temporary files left


def test_consolidate_usage_errors(tmp_path):
    r = CliRunner().invoke(main, ["consolidate", str(tmp_path / "none")])
    assert r.exit_code == 2 and "Không tìm thấy thư mục" in r.output
    r = CliRunner().invoke(main, ["consolidate", str(tmp_path), "--as-of", "17/6/2024"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
