"""A plan of another shape is a file, not code: the two-level example (126 communes and wards
reporting to the city, the Department of Health consolidating) runs the whole cycle."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

import pcmd_reports as pcmd
from filling import make_filled
from pcmd_reports.cli import main
from pcmd_reports.forms import write_forms
from pcmd_reports.remind import reminder_context

PLANS = Path(pcmd.__file__).parent / "plans"
EXAMPLE = PLANS / "ha-noi-2026-vi-du.toml"


@pytest.fixture(scope="module")
def plan2():
    return pcmd.load_plan(EXAMPLE)


def test_the_example_plan_holds_what_the_two_level_government_has(plan2):
    communes = [u for u in plan2.units if u.level == "commune"]
    assert len(communes) == 126
    assert sum(u.kind == "phường" for u in communes) == 51 and sum(u.kind == "xã" for u in communes) == 75
    assert plan2.local_level.code == "commune" and not plan2.communes  # no level below the communes
    assert plan2.consolidator.agency == "Sở Y tế"
    assert all(plan2.unit(h.district).level == "commune" for h in plan2.hotspots)
    r = CliRunner().invoke(main, ["check-plan", str(EXAMPLE)])
    assert r.exit_code == 0 and "134 (sở, ban, ngành Thành phố: 8; xã, phường: 126)" in r.output


@pytest.mark.parametrize("plan_file", ["ha-noi-2024.toml", "ha-noi-2026-vi-du.toml"])
def test_both_plans_run_templates_returns_consolidation_and_report(plan_file, tmp_path):
    plan = pcmd.load_plan(PLANS / plan_file)
    period = next(p for p in plan.periods if p.kind == "half")
    forms = write_forms(plan, period, tmp_path / "forms")
    assert len(forms) == len(plan.expected_units(period))
    local = plan.local_units[:4]
    hot = plan.hotspots[0]
    inbox = tmp_path / "inputs"
    for k, unit in enumerate(local + [u for u in plan.units if u.code == plan.consolidator.unit]):
        values = {}
        for ind in plan.indicators_for(unit):
            if ind.kind == "count":
                values[f"CT_{ind.name_id}"] = 10 + k
            elif ind.kind == "yesno":
                values[f"CT_{ind.name_id}"] = "Có"
            elif ind.kind == "ratio":
                values[f"CT_{ind.name_id}_TS"], values[f"CT_{ind.name_id}_MS"] = 8, 10
        if unit.code == hot.district:
            values[f"DIEM_{hot.appendix}_{hot.number}"] = plan.hotspot_statuses.eliminated
        make_filled(plan, period, unit.code, inbox, values, report_date=period.due)
    returns = pcmd.read_returns(inbox, plan, period)
    assert not [f for f in returns.files if f.rejected]
    result = pcmd.consolidate(plan, period, returns, as_of=period.due)
    outputs = pcmd.write_outputs(result, tmp_path / "out")
    data = json.loads(outputs.names.json.read_text(encoding="utf-8"))
    assert len(data["units"]["submitted"]) == len(local) + 1
    doc = Document(outputs.names.report)
    body = "\n".join(p.text for p in doc.paragraphs)
    level = plan.local_level.name
    assert f"{len(local)}/{len(plan.local_units)} {level}" in body  # coverage in the plan's own words
    assert plan.consolidator.agency in body
    assert "kính báo cáo" in body
    head = doc.tables[0].rows[0].cells[0].text
    assert plan.consolidator.letterhead_agency[0] in head
    opening = reminder_context(result, period.due)["body"][0]  # the letter to those who have not reported
    assert f"Ủy ban nhân dân các {level}" in opening
    summary = load_workbook(outputs.names.summary, read_only=True)
    cells = " ".join(str(v) for ws in summary for row in ws.iter_rows(values_only=True) for v in row if v)
    if plan.local_level.code != "district":
        assert "quận, huyện" not in body.lower() and "quận" not in opening.lower()
        assert "quận" not in cells.lower()  # the workbook's headings name no level the plan does not have


def test_a_plan_with_a_hotspot_under_a_unit_of_no_local_level_is_refused(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace('district = "00679"', 'district = "SYT"', 1)
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(pcmd.PcmdError) as e:
        pcmd.load_plan(bad)
    assert "SYT" in str(e.value)  # a message naming what is wrong, not a traceback


def test_a_ratio_of_the_plans_own_count_is_taken_of_that_count(plan2, tmp_path):
    """'Ít nhất 60% trong 2.937 cơ sở': returns that add up to fewer establishments are not the
    base; the share is of the plan's count, and the sentence says what the returns held."""
    period = plan2.period("2026-H1")
    for unit in plan2.local_units[:4]:
        make_filled(plan2, period, unit.code, tmp_path / "in", {"CT_4_TS": 80, "CT_4_MS": 100})
    result = pcmd.consolidate(plan2, period, pcmd.read_returns(tmp_path / "in", plan2, period), as_of=period.due)
    r = result.indicator("4")
    assert (r.numerator, r.denominator, r.actual) == (320, 400, pytest.approx(100 * 320 / 2937))
    outputs = pcmd.write_outputs(result, tmp_path / "out")
    data = json.loads(outputs.names.json.read_text(encoding="utf-8"))
    assert data["indicators"]["4"]["base"] == 2937 and data["indicators"]["4"]["denominator"] == 400
    text = "\n".join(p.text for p in Document(outputs.names.report).paragraphs)
    assert "320/2.937 cơ sở kinh doanh dịch vụ dễ bị lợi dụng (10,9%), tính trên tổng số Kế hoạch giao " \
           "(các đơn vị báo cáo có 400;" in text


def test_the_forms_of_the_example_plan_name_its_own_agency_and_level(plan2, tmp_path):
    from openpyxl import load_workbook
    period = plan2.period("2026-H1")
    ward = plan2.local_units[0]
    form = write_forms(plan2, period, tmp_path, [ward.code])[0].path
    texts = " ".join(c.value for ws in load_workbook(form) for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str))
    assert "Sở Y tế sẽ tổng hợp chung toàn Thành phố" in texts and "Địa chỉ (xã, phường)" in texts
    assert "Lao động - Thương binh" not in texts and "thị trấn" not in texts and "quận" not in texts.lower()
