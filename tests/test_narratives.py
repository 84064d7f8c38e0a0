"""What a unit says besides figures: each task's status, recommendations by addressee, difficulties.

Forms are generated, filled as units fill them (openpyxl, then LibreOffice where installed),
and read back; the sample returns of `pcmd demo` are consolidated and their recommendations,
difficulties and statuses checked in the JSON and the summary workbook.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from filling import cell_of, libreoffice_resave, make_filled
from pcmd_reports import messages as msg
from pcmd_reports.cli import main
from pcmd_reports.consolidation import consolidate
from pcmd_reports.demo import make_demo
from pcmd_reports.forms import write_form
from pcmd_reports.intake import read_file, read_folder
from pcmd_reports.plan import PlanError, load_plan
from pcmd_reports.report_json import to_json
from pcmd_reports.rollup import rollup
from pcmd_reports.summary_xlsx import write_summary

DATA = Path(__file__).resolve().parent / "data"

TYPED = {  # as a district's clerk fills the new cells: some by the dropdown, some typed loosely
    "NV_23_1": "Đã ban hành Kế hoạch số 25/KH-UBND ngày 20/02/2024.", "NV_23_1_TT": "Hoàn thành",
    "NV_23_2": "Đang kiện toàn Đội Kiểm tra liên ngành 178.", "NV_23_2_TT": "  đang THỰC hiện ",
    "NV_23_3_TT": "Chưa thực hiện",
    "NV_23_4": "Trên địa bàn không phát sinh.", "NV_23_4_TT": "không phát sinh",
    "NV_23_5": "Đã tổ chức 3 hội nghị.",  # a result without its status: the status is not reported
    "KN_1_NOI": "Trung ương (Bộ, ngành)", "KN_1_ND": "Đề nghị Bộ Lao động - Thương binh và Xã hội sửa Nghị định 144/2021/NĐ-CP.",
    "KN_2_NOI": "ủy ban nhân dân  thành phố", "KN_2_ND": "Đề nghị Thành phố bố trí kinh phí cho Đội 178.",
    "KN_4_ND": "Đề nghị tăng thời lượng tuyên truyền.",  # no addressee chosen
    "KN_8_NOI": "Sở, ban, ngành Thành phố", "KN_8_ND": "Đề nghị Sở Lao động - Thương binh và Xã hội tập huấn.",
    "KK_1": "Thiếu kinh phí.", "KK_5": "Cán bộ kiêm nhiệm.",
    "CT_S3": 50_000_000,
}


def expected_reading(s):
    tasks = {k: (t.status, t.text) for k, t in s.tasks.items()}
    recs = [(x.addressee, x.text, x.name) for x in s.recommendations]
    return tasks, recs, [(d.text, d.name) for d in s.difficulties]


def check_reading(r):
    s = r.submission
    tasks, recs, difficulties = expected_reading(s)
    assert tasks["23.1"] == ("done", TYPED["NV_23_1"])
    assert tasks["23.2"] == ("in_progress", TYPED["NV_23_2"])
    assert tasks["23.3"] == ("not_started", "")
    assert tasks["23.4"] == ("not_applicable", TYPED["NV_23_4"])
    assert tasks["23.5"] == (None, TYPED["NV_23_5"])
    assert "23.6" not in tasks
    assert recs == [("central", TYPED["KN_1_ND"], "KN_1_ND"), ("city", TYPED["KN_2_ND"], "KN_2_ND"),
                    ("other", TYPED["KN_4_ND"], "KN_4_ND"), ("agencies", TYPED["KN_8_ND"], "KN_8_ND")]
    assert difficulties == [("Thiếu kinh phí.", "KK_1"), ("Cán bộ kiêm nhiệm.", "KK_5")]
    assert s.value("S3") == 50_000_000
    warned = [p for p in r.problems if p.code == "recommendation_no_addressee"]
    assert len(warned) == 1 and warned[0].severity == "warning" and warned[0].name == "KN_4_NOI"
    assert warned[0].cell in warned[0].message and "Khác" in warned[0].message
    assert not r.errors, r.errors


# -- the plan ---------------------------------------------------------------------------

def test_the_plan_holds_the_choices(plan):
    n = plan.narratives
    assert n.status_labels == ["Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không phát sinh"]
    assert [c.code for c in n.task_statuses] == ["done", "in_progress", "not_started", "not_applicable"]
    assert n.addressee_code("Sở, ban, ngành Thành phố") == "agencies" and n.addressee_label("central").startswith("Trung ương")
    assert (n.default_addressee, n.recommendation_rows, n.difficulty_rows) == ("other", 8, 5)
    assert [i.id for i in plan.indicators if i.money] == ["S3", "S5"]


@pytest.mark.parametrize("change, words", [
    ('default_addressee = "other"', 'default_addressee = "nobody"'),
    ('recommendation_rows = 8', 'recommendation_rows = 0'),
    ('{code = "other", label = "Khác"},', '{code = "other", label = "Khác"}, {code = "other", label = "Khác nữa"},'),
    ('{code = "done", label = "Hoàn thành"},', '{code = "done"},'),
])
def test_a_broken_narratives_section_is_refused_in_vietnamese(plan, tmp_path, change, words):
    text = plan.path.read_text(encoding="utf-8")
    assert change in text
    bad = tmp_path / "plan.toml"
    bad.write_text(text.replace(change, words), encoding="utf-8")
    with pytest.raises(PlanError, match="Tệp kế hoạch"):
        load_plan(bad)


# -- the form -------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["020", "SLDTBXH"])
def test_the_form_has_the_new_blocks_signature_and_footer(forms_dir, plan, code):
    from pcmd_reports.forms import form_filename
    unit = plan.unit(code)
    wb = load_workbook(forms_dir / form_filename(unit))
    ws = wb[msg.SHEET_TASKS]
    status_dv = next(dv for dv in ws.data_validations.dataValidation if dv.formula1 == "=DS_TINH_TRANG_NV")
    for t in plan.tasks_for(unit):
        status, result = cell_of(wb, f"NV_{t.section}_{t.number}_TT"), cell_of(wb, f"NV_{t.section}_{t.number}")
        assert status.row == result.row and status.column == result.column - 1
        assert status.coordinate in str(status_dv.sqref) and status.protection.locked is False
    addressee_dv = next(dv for dv in ws.data_validations.dataValidation if dv.formula1 == "=DS_NOI_NHAN_KN")
    for n in range(1, 9):
        assert cell_of(wb, f"KN_{n}_NOI").coordinate in str(addressee_dv.sqref)
        assert cell_of(wb, f"KN_{n}_ND").row == cell_of(wb, f"KN_{n}_NOI").row
    assert [cell_of(wb, f"KK_{n}").row for n in range(1, 6)] == list(range(cell_of(wb, "KK_1").row, cell_of(wb, "KK_1").row + 5))
    # the hidden list sheet carries the plan's choices
    for list_name, labels in (("DS_TINH_TRANG_NV", plan.narratives.status_labels),
                              ("DS_NOI_NHAN_KN", plan.narratives.addressee_labels)):
        sheet, ref = list(wb.defined_names[list_name].destinations)[0]
        assert [c.value for row in wb[sheet][ref.replace("$", "")] for c in row] == labels
    # the signature block closes the form, inside the print area
    texts = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in (msg.SIGN_PREPARER, msg.SIGN_HEAD, msg.SIGN_HEAD_HINT):
        assert text in texts, text
    last_row = int(re.search(r"\$(\d+)$", ws.print_area).group(1))
    assert texts[msg.SIGN_HEAD_HINT].row < last_row and "ký" in msg.SIGN_HEAD_HINT.lower() and "đóng dấu" in msg.SIGN_HEAD_HINT
    assert any(c.value.startswith("……") and "năm 2024" in c.value for c in texts.values())
    # a footer with the unit's name and the page number on every printed sheet
    for sheet in wb.sheetnames:
        if not sheet.startswith("_"):
            footer = wb[sheet].oddFooter.center.text
            assert unit.display in footer and "&P/&N" in footer, sheet


def test_money_cells_are_whole_dong_with_a_hint(forms_dir, plan):
    from pcmd_reports.forms import form_filename
    wb = load_workbook(forms_dir / form_filename(plan.unit("020")))
    for name in ("CT_S3", "CT_S5"):
        c = cell_of(wb, name)
        assert c.number_format == "#,##0"
        assert msg.MONEY_HINT in c.parent[f"B{c.row}"].value
    assert msg.MONEY_HINT not in cell_of(wb, "CT_3_2").parent[f"B{cell_of(wb, 'CT_3_2').row}"].value


# -- reading it back ----------------------------------------------------------------------

def test_what_was_typed_is_read_back(tmp_path, plan, h1):
    path = make_filled(plan, h1, "020", tmp_path, TYPED)
    check_reading(read_file(path, plan, h1))


def test_a_status_outside_the_list_is_named(tmp_path, plan, h1):
    path = make_filled(plan, h1, "020", tmp_path, {"NV_23_1_TT": "Xong rồi", "NV_23_1": "Đã làm",
                                                   "KN_1_NOI": "Bộ Công an", "KN_1_ND": "Đề nghị A"})
    r = read_file(path, plan, h1)
    errors = {p.name: p for p in r.errors}
    assert set(errors) == {"NV_23_1_TT", "KN_1_NOI"} and all(p.code == "bad_choice" for p in errors.values())
    assert "Hoàn thành" in errors["NV_23_1_TT"].message
    assert r.submission.tasks["23.1"].status is None
    assert [(x.addressee, x.text) for x in r.submission.recommendations] == [("other", "Đề nghị A")]
    assert not [p for p in r.problems if p.code == "recommendation_no_addressee"]  # one message per cell


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_what_was_typed_survives_libreoffice(tmp_path, plan, h1, fmt):
    path = make_filled(plan, h1, "020", tmp_path, TYPED)
    saved = libreoffice_resave(path, tmp_path / "lo", fmt)
    check_reading(read_file(saved, plan, h1))


def test_an_older_form_is_read_with_a_notice(plan, h1):
    r = read_file(DATA / "thanh_tri.xlsx", plan, h1)
    s = r.submission
    assert [(d.text, d.name) for d in s.difficulties] == [("Thiếu kinh phí", "KHO_KHAN")]
    assert [(x.addressee, x.text, x.name) for x in s.recommendations] == [("other", "Bổ sung biên chế", "DE_XUAT")]
    assert all(t.status is None for t in s.tasks.values())
    old = [p for p in r.problems if p.code == "old_template"]
    assert len(old) == 1 and old[0].severity == "warning"
    assert "biểu mẫu cũ" in old[0].message and "Khác" in old[0].message
    assert not r.errors


def test_pcmd_check_says_the_unit_used_an_older_form(tmp_path, plan):
    shutil.copy(DATA / "thanh_tri.xlsx", tmp_path / "thanh_tri.xlsx")
    r = CliRunner().invoke(main, ["check", str(tmp_path), "--period", "2024-H1"], terminal_width=400)
    out = unicodedata.normalize("NFC", r.output)
    assert "Đơn vị đã dùng biểu mẫu cũ" in out, out


# -- periods built from quarters, districts built from communes ---------------------------------

def test_a_half_year_from_two_quarters_keeps_the_latest_status_and_every_row_once(tmp_path, plan):
    h1 = plan.period("2024-H1")
    q1 = make_filled(plan, plan.period("2024-Q1"), "020", tmp_path, {
        "NV_23_1": "Quý I: đã ban hành kế hoạch.", "NV_23_1_TT": "Đang thực hiện",
        "KN_1_NOI": "Ủy ban nhân dân Thành phố", "KN_1_ND": "Đề nghị bố trí kinh phí.",
        "KK_1": "Thiếu kinh phí."}, filename="q1.xlsx", report_date=date(2024, 3, 20))
    q2 = make_filled(plan, plan.period("2024-Q2"), "020", tmp_path, {
        "NV_23_1": "Quý II: đã hoàn thành.", "NV_23_1_TT": "Hoàn thành",
        "KN_1_NOI": "Ủy ban nhân dân Thành phố", "KN_1_ND": "Đề nghị bố trí kinh phí.",  # the same, again
        "KN_2_NOI": "Trung ương (Bộ, ngành)", "KN_2_ND": "Đề nghị sửa Nghị định.",
        "KK_1": "Thiếu kinh phí.", "KK_2": "Cán bộ kiêm nhiệm."}, filename="q2.xlsx", report_date=date(2024, 6, 10))
    c = consolidate(plan, h1, read_folder(tmp_path, plan, h1), as_of=date(2024, 6, 12))
    data = to_json(c)
    task = data["submissions"]["020"]["tasks"]["23.1"]
    assert task["status"] == "done" and "Quý I" in task["text"] and "Quý II" in task["text"]
    assert [(r["addressee"], r["text"], Path(r["source"]["file"]).name) for r in data["recommendations"]] == [
        ("city", "Đề nghị bố trí kinh phí.", q1.name), ("central", "Đề nghị sửa Nghị định.", q2.name)]
    assert [(d["text"], Path(d["source"]["file"]).name) for d in data["difficulties"]] == [
        ("Thiếu kinh phí.", q1.name), ("Cán bộ kiêm nhiệm.", q2.name)]


def test_a_district_form_rolled_up_keeps_its_statuses_and_rows(tmp_path, plan, h1):
    make_filled(plan, h1, "020", tmp_path, TYPED)
    result = rollup(plan, h1, plan.unit("020"), read_folder(tmp_path, plan, h1))
    v = result.values
    assert (v["NV_23_1_TT"], v["NV_23_2_TT"], v["NV_23_5_TT"]) == ("Hoàn thành", "Đang thực hiện", None)
    assert (v["KN_3_NOI"], v["KN_3_ND"]) == ("Khác", TYPED["KN_4_ND"])  # rows in order, the blank one defaulted
    assert (v["KK_1"], v["KK_2"]) == ("Thiếu kinh phí.", "Cán bộ kiêm nhiệm.")


# -- the sample returns ----------------------------------------------------------------------------

def folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", unicodedata.normalize("NFC", text).lower()).split())


@pytest.fixture(scope="module")
def demo(plan, tmp_path_factory):
    h1 = plan.period("2024-H1")
    folder = tmp_path_factory.mktemp("demo")
    make_demo(plan, h1, folder / "inputs")
    c = consolidate(plan, h1, read_folder(folder / "inputs", plan, h1), as_of=date(2024, 6, 20))
    summary = write_summary(c, folder / "TongHop.xlsx")
    return {"json": to_json(c), "consolidation": c, "summary": load_workbook(summary)}


def test_sample_recommendations_are_shared_by_many_units(demo):
    units = defaultdict(set)
    for r in demo["json"]["recommendations"]:
        units[folded(r["text"])].add(r["unit"])
    assert max(len(v) for v in units.values()) >= 5
    assert sum(1 for v in units.values() if len(v) >= 5) >= 2
    texts = [r["text"] for r in demo["json"]["recommendations"]]
    shared = max(units, key=lambda k: len(units[k]))
    assert len({t for t in texts if folded(t) == shared}) > 1  # typed with small differences
    addressees = {r["addressee"] for r in demo["json"]["recommendations"]}
    assert {"central", "city", "agencies", "districts"} <= addressees
    assert any(r["addressee"] == "agencies" and folded(r["text"]).startswith("đề nghị sở lao động")
               for r in demo["json"]["recommendations"])
    assert any(r["addressee"] == "central" and folded(r["text"]).startswith("đề nghị bộ lao động")
               for r in demo["json"]["recommendations"])
    for r in demo["json"]["recommendations"]:
        assert r["source"]["file"] and r["source"]["cell"] and r["source"]["name"].startswith("KN_")


def test_sample_task_statuses_are_mixed_and_answers_varied(demo, plan):
    subs = demo["json"]["submissions"]
    statuses = [t["status"] for s in subs.values() for t in s["tasks"].values()]
    assert {"done", "in_progress", "not_started", "not_applicable"} <= set(statuses)
    assert 0 < statuses.count(None) < len(statuses) / 10  # blanks are rare
    answers = defaultdict(set)
    for code, s in subs.items():
        sentences = [x for t in s["tasks"].values() for x in re.split(r"(?<=[.;])\s+", t["text"]) if x]
        assert len(sentences) == len(set(sentences)), code  # no unit repeats a sentence across its tasks
        for t in s["tasks"].values():
            if t["status"] in ("done", "in_progress"):  # "Không phát sinh trong kỳ báo cáo." may well recur
                answers[t["text"]].add(code)
    assert all(len(v) == 1 for v in answers.values())  # no two units report the same work


def test_sample_difficulties_recur_in_different_words(demo):
    texts = [d["text"] for d in demo["json"]["difficulties"]]
    funding = {t for t in texts if "kinh phí" in t.lower() or "ngân sách" in t.lower()}
    assert len(funding) >= 2 and len([t for t in texts if t in funding]) >= 5


def test_sample_fines_are_tens_of_millions_of_dong_scaled_to_the_district(demo, plan):
    s3 = demo["consolidation"].indicator("S3").by_unit
    districts = {code: v["value"] for code, v in s3.items() if plan.unit(code).local}
    assert districts and all(v % 500_000 == 0 and 5_000_000 <= v <= 500_000_000 for v in districts.values())
    big = max(districts, key=lambda c: plan.unit(c).communes)
    small = min(districts, key=lambda c: plan.unit(c).communes)
    assert districts[big] > districts[small]


def test_summary_workbook_lists_statuses_recommendations_and_difficulties(demo, plan):
    wb, data = demo["summary"], demo["json"]
    tasks = wb["Kết quả nhiệm vụ"]
    assert [c.value for c in tasks[3]][4] == "Tình trạng"
    labels = {tasks.cell(row=k, column=5).value for k in range(4, tasks.max_row + 1)}
    assert set(plan.narratives.status_labels) | {msg.TASK_STATUS_BLANK} == labels
    recs = wb[msg.SUMMARY_SHEET_RECOMMENDATIONS]
    rows = [[c.value for c in row] for row in recs.iter_rows(min_row=4)]
    assert len(rows) == len(data["recommendations"])
    for row, r in zip(rows, data["recommendations"]):
        assert row[0] == r["unit"] and row[2] == plan.narratives.addressee_label(r["addressee"]) and row[3] == r["text"]
        assert (row[4], row[5], row[6]) == (r["source"]["file"], r["source"]["sheet"], r["source"]["cell"])
    difficulties = wb[msg.SUMMARY_SHEET_DIFFICULTIES]
    rows = [[c.value for c in row] for row in difficulties.iter_rows(min_row=4)]
    assert [(r[0], r[2], r[5]) for r in rows] == [(d["unit"], d["text"], d["source"]["cell"]) for d in data["difficulties"]]


def test_the_same_seed_gives_the_same_narratives(plan, tmp_path):
    h1 = plan.period("2024-H1")
    unit = plan.unit("020")
    form = write_form(plan, h1, unit, tmp_path / "f.xlsx").path
    assert form.exists()
    from pcmd_reports.demo import _narrative
    import random
    one = _narrative(plan, unit, h1, random.Random(5), [])
    two = _narrative(plan, unit, h1, random.Random(5), [])
    assert one == two and any(k.endswith("_TT") for k in one)


def test_a_second_return_names_the_changed_status_and_addressee_by_their_labels(tmp_path, plan, h1):
    from pcmd_reports.changes import submission_changes
    first = make_filled(plan, h1, "020", tmp_path, {"NV_23_1_TT": "Đang thực hiện", "KN_1_NOI": "Khác", "KN_1_ND": "Đề nghị A"},
                        filename="first.xlsx")
    second = make_filled(plan, h1, "020", tmp_path, {"NV_23_1_TT": "Hoàn thành", "KN_1_NOI": "Ủy ban nhân dân Thành phố",
                                                     "KN_1_ND": "Đề nghị A"}, filename="second.xlsx")
    changes = submission_changes(read_file(first, plan, h1).submission, read_file(second, plan, h1).submission, plan)
    assert [(c.what, c.old, c.new) for c in changes] == [
        ("Tình trạng nhiệm vụ IV.23.1", "Đang thực hiện", "Hoàn thành"),
        (msg.RECOMMENDATIONS, "[Khác] Đề nghị A", "[Ủy ban nhân dân Thành phố] Đề nghị A")]
