"""Communes -> district -> city: the city totals equal the sum over all communes and districts."""
from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from openpyxl import load_workbook

from filling import make_filled
from pcmd_reports.cli import main
from pcmd_reports.intake import read_file


def run(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in r.output, r.output
    return r


def test_communes_are_in_the_plan(plan):
    assert len(plan.communes) == 579
    assert all(len(plan.communes_of(d.code)) == d.communes for d in plan.local_units)
    thanh_tri = plan.communes_of("020")
    assert thanh_tri[0].name == "Thị trấn Văn Điển" and thanh_tri[0].body == "Ủy ban nhân dân thị trấn Văn Điển"
    assert [i.id for i in plan.indicators_for(thanh_tri[0])] == ["1", "4.2", "5", "11.2"]
    assert [i.kind for i in plan.indicators_for(thanh_tri[0])] == ["yesno", "yesno", "yesno", "count"]


def test_commune_forms(tmp_path, monkeypatch, plan):
    monkeypatch.chdir(tmp_path)
    r = run("templates", "--under", "020")
    assert r.exit_code == 0, r.output
    files = sorted((tmp_path / "outputs" / "bieu-mau" / "2024-H1" / "020_huyen-thanh-tri").glob("*.xlsx"))
    assert len(files) == 16 and files[0].name == "00640_thi-tran-van-dien.xlsx"
    wb = load_workbook(files[0])
    names = {n for n in wb.defined_names if n.startswith("CT_")}
    assert names == {"CT_1", "CT_4_2", "CT_5", "CT_11_2"}
    assert "Điểm phức tạp" not in wb.sheetnames
    r = run("templates", "--under", "CATP")
    assert r.exit_code == 2 and "không phải đơn vị có đơn vị cấp dưới" in " ".join(r.output.split())


def test_district_from_its_communes_then_the_city(tmp_path, plan):
    h1 = plan.period("2024-H1")
    communes = plan.communes_of("020")
    commune_dir = tmp_path / "xa-020"
    answers = {}
    for k, c in enumerate(communes):
        if k in (3, 9):
            continue  # two communes have not reported
        answers[c.code] = {"CT_1": "Có" if k % 4 else "Không", "CT_4_2": "Có", "CT_5": "Có" if k % 2 else "Không",
                           "CT_11_2": 2 + k}
        make_filled(plan, h1, c.code, commune_dir, answers[c.code])
    # The district's own form (its own staff trained, its inspections, a hotspot) goes in the same folder.
    make_filled(plan, h1, "020", commune_dir, {"CT_11_2": 30, "CT_9": 100, "DIEM_II_1": "Đã triệt xóa",
                                               "NV_23_1": "Đã ban hành kế hoạch"})
    out = tmp_path / "huyen-020"
    r = run("consolidate", commune_dir, "--into", "020", "--out", out)
    assert r.exit_code == 0, r.output
    assert "14/16" in r.output and communes[3].name in r.output
    district_form = out / "020_huyen-thanh-tri.xlsx"
    read = read_file(district_form, plan, h1)
    assert not read.errors, read.problems
    s = read.submission
    yes = lambda name: sum(1 for v in answers.values() if v[name] == "Có")  # noqa: E731
    assert (s.value("1", "numerator"), s.value("1", "denominator")) == (yes("CT_1"), 16)
    assert (s.value("5", "numerator"), s.value("5", "denominator")) == (yes("CT_5"), 16)
    assert s.value("11.2") == 30 + sum(v["CT_11_2"] for v in answers.values())
    assert s.value("9") == 100 and s.hotspots["II.1"].status == "Đã triệt xóa"
    assert s.tasks["23.1"].text == "Đã ban hành kế hoạch"
    assert "Tổng hợp từ báo cáo của 14/16 xã" in s.notes["1"]

    city = tmp_path / "inputs"
    city.mkdir()
    shutil.copy(district_form, city / district_form.name)
    make_filled(plan, h1, "001", city, {"CT_1_TS": 12, "CT_11_2": 40, "CT_9": 55})
    out2 = tmp_path / "city"
    r = run("consolidate", city, "--out", out2, "--as-of", "2024-06-18")
    assert r.exit_code == 0, r.output
    ind = json.loads((out2 / "TongHop_2024-H1.json").read_text(encoding="utf-8"))["indicators"]
    assert ind["11.2"]["actual"] == 30 + sum(v["CT_11_2"] for v in answers.values()) + 40
    assert (ind["1"]["numerator"], ind["1"]["denominator"]) == (yes("CT_1") + 12, 16 + 14)
    assert ind["9"]["actual"] == 155


def test_the_roll_up_is_the_consolidation_under_the_district(tmp_path, plan):
    """The district's figures come from the same consolidation as the city's, over the units the
    plan's levels put under it: the district's own return and other districts' communes are not counted."""
    from datetime import date

    import pcmd_reports as pcmd
    from pcmd_reports.statuses import UnitState

    h1 = plan.period("2024-H1")
    communes = plan.communes_of("020")
    folder = tmp_path / "in"
    for k, c in enumerate(communes[:5]):
        make_filled(plan, h1, c.code, folder, {"CT_1": "Có" if k < 3 else "Không", "CT_11_2": 10 * (k + 1)})
    make_filled(plan, h1, "020", folder, {"CT_11_2": 7})  # the district's own staff
    other = plan.communes_of("001")[0]
    make_filled(plan, h1, other.code, folder, {"CT_1": "Có", "CT_11_2": 1000})  # another district's commune
    returns = pcmd.read_returns(folder, plan, h1)
    c = pcmd.consolidate(plan, h1, returns, as_of=date(2024, 6, 14), under="020")
    assert [u.unit.code for u in c.units] == [x.code for x in communes]
    assert [u.unit.code for u in c.units if u.status == UnitState.SUBMITTED] == [x.code for x in communes[:5]]
    assert c.indicator("11.2").actual == 150 and c.indicator("11.2").coverage == f"5/{len(communes)}"
    assert (c.indicator("1").numerator, c.indicator("1").denominator) == (3, 5)
    assert not c.hotspots  # the communes hold no hotspot of the plan

    result = pcmd.roll_up(plan, h1, folder, "020", tmp_path / "out")
    assert result.consolidation is not None and result.path is not None
    assert result.path.parent == tmp_path / "out"
    s = read_file(result.path, plan, h1).submission
    assert s.value("11.2") == 7 + 150  # its own, plus its communes'
    assert (s.value("1", "numerator"), s.value("1", "denominator")) == (3, len(communes))  # over all its communes
    assert pcmd.output_names(h1).rollup(plan.unit("020")).name == "tong-hop_020_huyen-thanh-tri"
