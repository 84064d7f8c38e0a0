"""Comparing the right things: --compare-with takes only the same period of an earlier year,
written by pcmd; pcmd diff compares only two versions of one return or of one consolidation,
and says statuses in Vietnamese; without --period a command takes the plan's own period."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

import pcmd_reports as pcmd
from filling import make_filled
from pcmd_reports import messages as msg
from pcmd_reports.cli import main
from pcmd_reports.compare import CompareProblem, load_previous
from pcmd_reports.errors import PcmdError

PLANS = Path(pcmd.__file__).parent / "plans"
EXAMPLE = PLANS / "ha-noi-2026-vi-du.toml"
AS_OF = "2024-06-18"


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in r.output and "Lỗi không mong muốn" not in r.output, r.output
    return r


def said(r) -> str:
    """The output as one line: rich wraps long messages."""
    return " ".join(r.output.split())


def consolidate(inbox, out, *more, as_of=AS_OF):
    r = run("consolidate", inbox, "--out", out, "--as-of", as_of, *more)
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Real consolidations: 2024-H1, 2024-Q2 and the year 2024 under the 2024 plan; 2023-H1 under
    last year's plan (the 2024 plan a year earlier: another plan id, the same indicators)."""
    tmp = tmp_path_factory.mktemp("compare")
    plan = pcmd.load_plan()
    w = {"tmp": tmp, "plan": plan}

    inbox = tmp / "in-h1"
    inbox.mkdir()
    values = {"CT_3_2": 1200, "CT_9": 150, "CT_S1": 30, "CT_1_TS": 12}
    w["ret_020"] = make_filled(plan, plan.period("2024-H1"), "020", inbox, values)
    w["ret_catp"] = make_filled(plan, plan.period("2024-H1"), "CATP", inbox, {"CT_7_1": 64})
    w["inbox"] = inbox
    w["h1"] = consolidate(inbox, tmp / "out-h1")

    q2 = tmp / "in-q2"
    q2.mkdir()
    w["ret_catp_q2"] = make_filled(plan, plan.period("2024-Q2"), "CATP", q2, {"CT_7_1": 30})
    w["q2"] = consolidate(q2, tmp / "out-q2", "--period", "2024-Q2")

    year = tmp / "in-year"
    year.mkdir()
    make_filled(plan, plan.period("2024"), "CATP", year, {"CT_7_1": 130}, report_date=date(2024, 12, 10))
    w["year"] = consolidate(year, tmp / "out-year", "--period", "2024", as_of="2024-12-18")

    text = (PLANS / "ha-noi-2024.toml").read_text(encoding="utf-8")
    w["plan23_file"] = plan23_file = tmp / "ha-noi-2023.toml"
    plan23_file.write_text(text.replace("2023", "2022").replace("2024", "2023"), encoding="utf-8")
    plan23 = pcmd.load_plan(plan23_file)
    assert plan23.id == "ha-noi-2023" and plan23.period("2023-H1")
    last = tmp / "in-2023"
    last.mkdir()
    make_filled(plan23, plan23.period("2023-H1"), "020", last, {"CT_3_2": 1000, "CT_9": 200, "CT_S1": 24, "CT_1_TS": 10},
                report_date=date(2023, 6, 10))
    make_filled(plan23, plan23.period("2023-H1"), "CATP", last, {"CT_7_1": 80}, report_date=date(2023, 6, 10))
    w["h1_2023"] = consolidate(last, tmp / "out-2023", "--plan", plan23_file, as_of="2023-06-18")
    return w


# -- 1. the same period of an earlier year, and nothing else -------------------------------------

@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_last_years_consolidation_is_compared_and_the_report_names_its_year(world, suffix, tmp_path):
    previous = world["h1_2023"] / f"TongHop_2023-H1.{suffix}"
    out = consolidate(world["inbox"], tmp_path / "out", "--compare-with", previous)
    data = json.loads((out / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
    assert data["compare_with"] == "cùng kỳ năm 2023"
    ind = data["indicators"]
    assert (ind["3.2"]["previous"], ind["3.2"]["change"]) == (1000, "tăng 20,0%")  # another plan id, same indicators
    assert (ind["7.1"]["previous"], ind["7.1"]["change"]) == (80, "giảm 20,0%")
    assert ind["1"]["previous"] == pytest.approx(62.5)  # 10 of 16 communes; a % cell of the workbook read as 62,5
    assert ind["1"]["change"] == "tăng 12,5 điểm phần trăm"
    report = "\n".join(p.text for p in Document(out / "BaoCao_2024-H1.docx").paragraphs)
    assert "so với cùng kỳ năm 2023" in report and "so với cùng kỳ năm 2024" not in report


@pytest.mark.parametrize("folder, name, what", [
    ("q2", "TongHop_2024-Q2.json", "quý II năm 2024"),           # the tester's case: a quarter for a half year
    ("q2", "TongHop_2024-Q2.xlsx", "quý II năm 2024"),           # its workbook: the period from the title
    ("year", "TongHop_2024.json", "năm 2024"),                   # the year
    ("h1", "TongHop_2024-H1.json", "6 tháng đầu năm 2024"),      # the period itself
    ("h1", "TongHop_2024-H1.xlsx", "6 tháng đầu năm 2024"),
])
def test_another_period_is_refused_saying_what_it_is_and_what_is_expected(world, folder, name, what, tmp_path):
    previous = world[folder] / name
    out = tmp_path / "out"
    r = run("consolidate", world["inbox"], "--out", out, "--as-of", AS_OF, "--compare-with", previous)
    assert r.exit_code == 2, r.output
    text = said(r)
    assert f"Tệp {previous} là kết quả tổng hợp {what}, không phải cùng kỳ năm trước" in text
    assert "kỳ đang tổng hợp (6 tháng đầu năm 2024)" in text
    assert "Dùng kết quả tổng hợp 6 tháng đầu năm 2023 (tệp TongHop_2023-H1.json hoặc TongHop_2023-H1.xlsx)" in text
    assert not out.exists()  # refused before anything is written


def test_a_later_years_file_is_refused(world, tmp_path):
    """Last year's consolidation compared with this year's: the wrong way round."""
    plan23 = pcmd.load_plan(world["plan23_file"])
    with pytest.raises(CompareProblem) as e:
        load_previous(world["h1"] / "TongHop_2024-H1.json", plan23, plan23.period("2023-H1"))
    assert "là kết quả tổng hợp 6 tháng đầu năm 2024" in str(e.value)
    assert "Dùng kết quả tổng hợp 6 tháng đầu năm 2022" in str(e.value)


def test_a_file_of_another_plan_compares_only_the_same_indicators(world, tmp_path):
    """The 2026 plan numbers its indicators afresh: an id of the 2024 file is compared only
    where it is the same indicator (same kind and wording), here S1; '1' means another thing."""
    plan26 = pcmd.load_plan(EXAMPLE)
    h1 = plan26.period("2026-H1")
    inbox = tmp_path / "inputs"
    reporter = sorted(plan26.reporters_of(plan26.known_indicator("S1")))[0]
    make_filled(plan26, h1, reporter, inbox, {"CT_S1": 45}, report_date=h1.due)
    out = consolidate(inbox, tmp_path / "out", "--plan", EXAMPLE, "--compare-with", world["h1"] / "TongHop_2024-H1.json",
                      as_of="2026-06-18")
    data = json.loads((out / "TongHop_2026-H1.json").read_text(encoding="utf-8"))
    assert data["compare_with"] == "cùng kỳ năm 2024"  # two years before: the report says which year
    before = json.loads((world["h1"] / "TongHop_2024-H1.json").read_text(encoding="utf-8"))["indicators"]
    compared = {k for k, e in data["indicators"].items() if e.get("previous") is not None}
    assert compared == {"S1"} and data["indicators"]["S1"]["previous"] == 30
    assert data["indicators"]["1"]["label"] != before["1"]["label"] and data["indicators"]["1"]["previous"] is None


def test_a_file_of_another_plan_with_no_indicator_in_common_is_refused(world, tmp_path):
    data = json.loads((world["h1_2023"] / "TongHop_2023-H1.json").read_text(encoding="utf-8"))
    for e in data["indicators"].values():
        e["label"] = "Một chỉ tiêu khác: " + e["label"]
    other = tmp_path / "TongHop_2023-H1.json"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run("consolidate", world["inbox"], "--out", tmp_path / "out", "--as-of", AS_OF, "--compare-with", other)
    assert r.exit_code == 2
    assert (f"Tệp {other} là kết quả tổng hợp theo một kế hoạch khác (ha-noi-2023), không có chỉ tiêu nào cùng mã và "
            "cùng nội dung với kế hoạch đang dùng (ha-noi-2024)") in said(r)


# -- 2. only a consolidation written by pcmd -----------------------------------------------------

@pytest.mark.parametrize("make, reason", [
    (lambda w, tmp: w["h1"] / "BaoCao_2024-H1.docx", "đây là tệp Word"),
    (lambda w, tmp: w["ret_catp"], "tệp Excel không có trang 'Tổng hợp chỉ tiêu' của bảng tổng hợp"),
    (lambda w, tmp: _write(tmp / "TongHop_2023-H1.xlsx", b"not a workbook"), "không mở được như một tệp Excel .xlsx"),
    (lambda w, tmp: _write(tmp / "TongHop_2023-H1.json", b'{"a": 1}'),
     "tệp JSON không có kỳ báo cáo và số liệu chỉ tiêu của một lần tổng hợp"),
    (lambda w, tmp: _write(tmp / "TongHop_2023-H1.json", b"{not json"), "nội dung không đúng dạng JSON"),
    (lambda w, tmp: _write(tmp / "TongHop_2023-H1.pdf", b"%PDF-1.4"), "đây là tệp PDF"),
])
def test_a_file_that_is_not_a_consolidation_is_refused_in_vietnamese(world, make, reason, tmp_path):
    path = make(world, tmp_path)
    r = run("consolidate", world["inbox"], "--out", tmp_path / "out", "--as-of", AS_OF, "--compare-with", path)
    assert r.exit_code == 2, r.output
    text = said(r)
    assert f"Tệp {path} không phải kết quả tổng hợp do pcmd tạo ({reason}" in text
    assert "ví dụ TongHop_2023-H1.json" in text
    for english in ("KeyError", "InvalidFileException", "BadZipFile", "JSONDecodeError"):
        assert english not in text


def test_the_library_raises_a_pcmd_error_for_a_wrong_file(world):
    with pytest.raises(PcmdError):
        pcmd.write_outputs(pcmd.consolidate(world["plan"], world["plan"].period("2024-H1"),
                                            pcmd.read_returns(world["inbox"], world["plan"])),
                           world["tmp"] / "never", compare_with=world["h1"] / "BaoCao_2024-H1.docx")
    assert not (world["tmp"] / "never").exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- 3. pcmd diff: two versions of one thing ---------------------------------------------------

def test_diff_refuses_returns_of_two_units(world):
    plan = world["plan"]
    r = run("diff", world["ret_020"], world["ret_catp"])
    assert r.exit_code == 2
    text = said(r)
    assert (f"Không so sánh: {world['ret_020']} là báo cáo của {plan.unit('020').display}, 6 tháng đầu năm 2024; còn "
            f"{world['ret_catp']} là báo cáo của {plan.unit('CATP').display}, 6 tháng đầu năm 2024.") in text
    assert "cùng một đơn vị, cùng một kỳ" in text


def test_diff_refuses_returns_of_two_periods(world):
    r = run("diff", world["ret_catp"], world["ret_catp_q2"])
    assert r.exit_code == 2
    assert "6 tháng đầu năm 2024; còn" in said(r) and "quý II năm 2024." in said(r)


def test_diff_refuses_consolidations_of_two_periods_or_two_plans(world):
    r = run("diff", world["h1"] / "TongHop_2024-H1.json", world["q2"] / "TongHop_2024-Q2.json")
    assert r.exit_code == 2
    assert ("là kết quả tổng hợp 6 tháng đầu năm 2024, còn " in said(r)
            and "TongHop_2024-Q2.json là kết quả tổng hợp quý II năm 2024." in said(r))
    r = run("diff", world["h1_2023"] / "TongHop_2023-H1.json", world["h1"] / "TongHop_2024-H1.json")
    assert r.exit_code == 2
    assert "6 tháng đầu năm 2023 (kế hoạch ha-noi-2023), còn" in said(r)
    assert "6 tháng đầu năm 2024 (kế hoạch ha-noi-2024)." in said(r)


def test_diff_refuses_a_json_that_is_not_a_consolidation(world, tmp_path):
    other = _write(tmp_path / "ket-qua.json", b'{"a": 1}')
    r = run("diff", world["h1"] / "TongHop_2024-H1.json", other)
    assert r.exit_code == 2
    assert f"Tệp {other} không phải tệp tổng hợp JSON của pcmd" in said(r)


def test_diff_of_two_consolidations_shows_statuses_in_vietnamese(world, tmp_path):
    plan, h1 = world["plan"], world["plan"].period("2024-H1")
    outs = []
    for n, value in enumerate((1, 1000)):
        inbox = tmp_path / f"in{n}"
        make_filled(plan, h1, "CATP", inbox, {"CT_7_1": value})
        outs.append(consolidate(inbox, tmp_path / f"out{n}") / "TongHop_2024-H1.json")
    r = run("diff", *outs)
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if "Chỉ tiêu 7.1, đánh giá" in x)
    assert "Chậm tiến độ" in line and "Vượt tiến độ" in line
    for code in ("behind", "ahead", "on_pace", "not_met", "exceeded"):
        assert code not in r.output


# -- 4. the default period is the plan's -------------------------------------------------------

def test_without_period_a_command_takes_the_plans_half_year_period(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan26 = pcmd.load_plan(EXAMPLE)
    unit = plan26.expected_units(plan26.period("2026-H1"))[0]
    r = run("templates", "--plan", EXAMPLE, "--unit", unit.code, "--out", "forms")
    assert r.exit_code == 0, r.output
    assert "6 tháng đầu năm 2026" in r.output and len(list(Path("forms").glob("*.xlsx"))) == 1
    r = run("close", "--plan", EXAMPLE, "--out", "x")
    assert r.exit_code == 2 and "TongHop_2026-H1.json" in said(r)
    r = run("close", "--out", "y")  # the 2024 plan: 2024-H1, as before
    assert r.exit_code == 2 and "TongHop_2024-H1.json" in said(r)
    r = run("templates", "--period", "")
    assert r.exit_code == 2 and "Kỳ báo cáo '' không có trong kế hoạch" in said(r)


def test_the_default_is_the_half_year_period_whose_time_holds_today(tmp_path, monkeypatch):
    """A plan with a second half-year period running now (from its start to its due date): that one."""
    monkeypatch.chdir(tmp_path)
    today = date.today()
    text = (PLANS / "ha-noi-2024.toml").read_text(encoding="utf-8")
    text += (f'\n[[periods]]\ncode = "2024-H2"\nname = "6 tháng cuối năm 2024"\nkind = "half"\n'
             f"start = {today - timedelta(days=30)}\nend = {today - timedelta(days=2)}\ndue = {today + timedelta(days=1)}\n")
    plan_file = tmp_path / "ke-hoach.toml"
    plan_file.write_text(text, encoding="utf-8")
    assert [p.code for p in pcmd.load_plan(plan_file).periods if p.kind == "half"] == ["2024-H1", "2024-H2"]
    r = run("close", "--plan", plan_file, "--out", "x")
    assert r.exit_code == 2 and "TongHop_2024-H2.json" in said(r)


def test_the_period_help_no_longer_promises_2024_h1_for_every_plan():
    r = run("consolidate", "--help")
    assert "Mặc định: 2024-H1." not in said(r)
    assert "Mặc định: kỳ 6 tháng của kế hoạch" in said(r)
    assert "TongHop_2023-H1.json" in said(r)  # --compare-with says what file is expected


def test_messages_of_this_change_are_in_vietnamese():
    for key in ("COMPARE_NOT_OURS", "COMPARE_WRONG_PERIOD", "COMPARE_OTHER_PLAN", "DIFF_OTHER_RETURN",
                "DIFF_OTHER_CONSOLIDATION", "DIFF_NOT_CONSOLIDATION"):
        assert any(ch in getattr(msg, key) for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), key
