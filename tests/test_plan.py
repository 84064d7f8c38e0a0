"""The plan file must say what the seed says: targets, wording, hotspots, units, tasks."""
from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

import pytest

from pcmd_reports.plan import DEFAULT_PLAN, PlanError, load_plan

# id -> (target, kind), from Phụ lục I of the plan.
EXPECTED = {
    "1": (100, "ratio"), "2": (None, "qualitative"), "3.1": (2000, "count"),
    "3.2": (25000, "count"), "3.3": (37800, "count"), "3.4": (55500, "count"),
    "3.5": (34000, "count"), "3.6": (2460, "count"), "3.7": (500, "count"),
    "3.8": (500, "count"), "4.1": (100, "yesno"), "4.2": (100, "ratio"), "5": (100, "ratio"),
    "6": (100, "ratio"), "7.1": (120, "count"), "7.2": (95, "count"), "8.1": (3, "hotspot"),
    "8.2": (8, "hotspot"), "8.3": (0, "hotspot"), "9": (2460, "count"),
    "10.1": (500, "count"), "10.2": (60, "ratio"), "11.1": (100, "count"),
    "11.2": (1000, "count"),
}

HOTSPOTS = {
    "II.1": ("020", "Ngã ba Ngọc Hồi"), "II.2": ("020", "Tuyến đường Cầu Bươu"),
    "II.3": ("008", "Đường Giải Phóng"), "III.1": ("274", "Khu vực đường 32"),
    "III.2": ("268", "Quốc lộ 6"), "III.3": ("268", "Khu vực Chùa Tổng"),
    "III.4": ("005", "Đường Trần Duy Hưng"), "III.5": ("020", "Đường Kim Giang"),
    "III.6": ("001", "Đường ven sông Tô Lịch"), "III.7": ("007", "Phố Yersin"),
    "III.8": ("007", "Nguyễn Huy Tự"),
}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_indicator_has_its_target_and_kind(plan):
    targeted = {i.id: (i.target, i.kind) for i in plan.indicators if not i.supplementary}
    assert targeted == EXPECTED
    assert plan.indicator("8.3").compare == "at_most"


def test_supplementary_figures_have_no_target_and_count_kind(plan):
    extra = [i for i in plan.indicators if i.supplementary]
    assert len(extra) >= 10
    assert all(i.id.startswith("S") and i.target is None and i.kind == "count" for i in extra)
    assert all(plan.reporters_of(i) for i in extra)


def test_appendix_rows_are_verbatim_from_the_seed(plan, seed_text):
    flat = squash(seed_text)
    for row in plan.rows:
        assert squash(row.text) in flat, row.key
        if row.lead:
            assert f"\t{row.lead}\t" in seed_text or row.lead in flat, row.key
        if row.partners:
            assert row.partners in flat, row.key


def test_hotspots_match_appendices_ii_and_iii(plan, seed_text):
    got = {h.id: h for h in plan.hotspots}
    assert set(got) == set(HOTSPOTS)
    for hid, (district, start) in HOTSPOTS.items():
        assert got[hid].district == district, hid
        assert got[hid].name.startswith(start)
        assert got[hid].name in seed_text
    assert [h.number for h in plan.hotspots if h.appendix == "II"] == [1, 2, 3]
    assert [h.number for h in plan.hotspots if h.appendix == "III"] == list(range(1, 9))


def test_thirty_districts_with_official_codes_and_579_communes(plan):
    d = plan.local_units
    assert len(d) == 30
    kinds = [u.kind for u in d]
    assert (kinds.count("quận"), kinds.count("thị xã"), kinds.count("huyện")) == (12, 1, 17)
    assert plan.unit("001").name == "Quận Ba Đình"
    assert plan.unit("268").name == "Quận Hà Đông"
    assert plan.unit("282").name == "Huyện Mỹ Đức"
    assert plan.unit("020").body == "Ủy ban nhân dân huyện Thanh Trì"
    assert sum(u.communes for u in d) == 579


def test_city_units_of_section_iv(plan):
    codes = {u.code for u in plan.units if u.level == "city"}
    assert len(codes) == 26
    assert {"SLDTBXH", "CATP", "VKSND", "TAND", "BHNM", "DPTTH", "LDLD", "TDHN"} <= codes
    assert plan.consolidator.unit == "SLDTBXH"
    assert plan.consolidator.email == "ccpcntxh_soldtbxh@hanoi.gov.vn"
    assert plan.number == "46/KH-UBND" and plan.date == date(2024, 2, 5)


def test_tasks_are_verbatim_and_assigned(plan, seed_text):
    flat = squash(seed_text.replace("tuyên\n\ntruyền", "tuyên truyền"))
    for s in plan.sections:
        for t in s.tasks:
            assert squash(t.text) in flat, t.key
    assert len(plan.tasks_for(plan.unit("SLDTBXH"))) == 12
    assert len(plan.tasks_for(plan.unit("CATP"))) == 7
    assert plan.tasks_for(plan.unit("VKSND")) == plan.tasks_for(plan.unit("TAND"))
    # IV.23: bullet 9 names seven districts, bullet 10 ten; the rest go to all 30.
    assert len(plan.tasks_for(plan.unit("020"))) == 11  # Thanh Trì is named in both
    assert len(plan.tasks_for(plan.unit("002"))) == 10  # Hoàn Kiếm only in bullet 10
    assert len(plan.tasks_for(plan.unit("282"))) == 9   # Mỹ Đức in neither


def test_periods_and_data_windows(plan):
    h1 = plan.period("2024-H1")
    assert (h1.start, h1.end, h1.due) == (date(2023, 12, 15), date(2024, 6, 14), date(2024, 6, 17))
    year = plan.period("2024")
    assert (year.start, year.end, year.due) == (date(2023, 12, 15), date(2024, 12, 14), date(2024, 12, 17))
    assert len([p for p in plan.periods if p.kind == "month"]) == 12
    assert len([p for p in plan.periods if p.kind == "quarter"]) == 4
    # Monthly reports come only from the police and the districts.
    monthly = {u.code for u in plan.expected_units(plan.period("2024-03"))}
    assert monthly == {"CATP"} | {u.code for u in plan.local_units}
    assert len(plan.expected_units(h1)) == 56


def test_reporters(plan):
    assert plan.reporters_of(plan.indicator("3.3")) == {"SGDDT", "SLDTBXH"}
    assert plan.reporters_of(plan.indicator("7.2")) == {"TAND"}
    ten = plan.reporters_of(plan.indicator("10.1"))
    assert len(ten) == 11 and "SLDTBXH" in ten and "020" in ten and "282" not in ten
    assert len(plan.reporters_of(plan.indicator("6"))) == 56


def test_another_plan_is_a_new_file_not_new_code(tmp_path):
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    text = text.replace('id = "ha-noi-2024"', 'id = "ha-noi-2025"').replace("target = 2460\n", "target = 2600\n")
    other = tmp_path / "plan-2025.toml"
    other.write_text(text, encoding="utf-8")
    p = load_plan(other)
    assert p.id == "ha-noi-2025"
    assert p.indicator("9").target == 2600


def test_report_consolidator_judging_and_hotspot_statuses_are_typed_with_their_defaults(plan, tmp_path):
    assert (plan.judging.ahead_margin, plan.judging.min_coverage) == (Fraction(10), Fraction(1, 2))
    assert plan.report.recipients[-1] == "- Lưu: VT, CCPCTNXH." and plan.consolidator.report_code == "BC-SLĐTBXH"
    assert plan.hotspot_statuses.for_appendix("II")[-1] == "Đã triệt xóa" and plan.hotspot_statuses.for_appendix("IV") == []
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    for line in ('subject = "Kế hoạch phòng, chống mại dâm trên địa bàn thành phố Hà Nội"\n',
                 'addressee = "Ủy ban nhân dân Thành phố"\n', 'report_code = "BC-SLĐTBXH"\n',
                 'letterhead_parent = ["UBND THÀNH PHỐ HÀ NỘI"]\n', 'new_rows = 5\n'):
        assert line in text
        text = text.replace(line, "", 1)
    text = text.replace("ahead_margin = 10 ", "ahead_margin = 2.5 ").replace("min_coverage = 0.5 ", "min_coverage = 0.1 ")
    bare = tmp_path / "bare.toml"
    bare.write_text(text, encoding="utf-8")
    p = load_plan(bare)
    assert p.report.subject == p.title and p.report.addressee == p.report.recipient
    assert p.report.reported_to == plan.report.reported_to
    assert p.consolidator.report_code == "BC" and p.consolidator.letterhead_parent == ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",)
    assert (p.judging.ahead_margin, p.judging.min_coverage) == (Fraction(5, 2), Fraction(1, 10))  # exact, not floats
    assert p.hotspot_statuses.new_rows == 5


@pytest.mark.parametrize("change, words", [
    (('district = "008"', 'district = "999"'), "999"),
    (('reporters = ["TAND"]', 'reporters = ["TOA"]'), "TOA"),
    (('\nkind = "yesno"', '\nkind = "maybe"'), "maybe"),
    (('commune_kind = "yesno"', 'commune_kind = "perhaps"'), "perhaps"),
])
def test_broken_plan_file_is_reported_in_vietnamese(tmp_path, change, words):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_PLAN.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    with pytest.raises(PlanError) as e:
        load_plan(bad)
    assert words in str(e.value) and "Tệp kế hoạch" in str(e.value)


def test_missing_or_unparsable_plan_file(tmp_path):
    with pytest.raises(PlanError, match="Không tìm thấy tệp kế hoạch"):
        load_plan(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[plan\nid=", encoding="utf-8")
    with pytest.raises(PlanError, match="không đọc được"):
        load_plan(broken)


@pytest.mark.parametrize("change, words", [
    (("target = 2460\n", "targte = 2460\n"), "'targte' không phải là mục của [[indicators]] #"),
    (("schema = 1", "schema = 2"), "schema = 2"),
    (('\nkind = "count"', '\nkind = "percent"'), "'kind' của [[indicators]]"),
    (('row = "3.2"', 'row = "12.2"'), "dòng cha '12'"),
    (("communes = 32", 'communes = "32"'), "'communes' của [[units]]"),
    (('section = "1.1"\n', 'section = "1.1"\nsecton = "1.2"\n'), "'secton'"),
])
def test_a_misspelt_key_a_wrong_type_or_a_missing_parent_is_refused_with_its_line(tmp_path, change, words):
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    assert change[0] in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(*change, 1), encoding="utf-8")
    with pytest.raises(PlanError) as e:
        load_plan(bad)
    message = str(e.value)
    assert words in message, message
    line = int(message.split(", dòng ")[1].split(":")[0])
    assert change[1].strip().split("\n")[-1].split(" =")[0] in bad.read_text(encoding="utf-8").splitlines()[line - 1]


def test_every_plan_key_is_documented():
    from pcmd_reports import plan_schema
    doc = (DEFAULT_PLAN.parents[2] / "docs" / "KE_HOACH.md").read_text(encoding="utf-8")
    keys = set(plan_schema.TOP) | {k for spec in plan_schema.TABLES.values() for k in spec}
    missing = [k for k in sorted(keys) if not any(f"`{form}" in doc for form in (k, f"[{k}]", f"[[{k}]]"))]
    assert not missing, missing


def test_check_plan_and_units_commands(tmp_path):
    from click.testing import CliRunner

    from pcmd_reports.cli import main
    r = CliRunner().invoke(main, ["check-plan", str(DEFAULT_PLAN)])
    assert r.exit_code == 0 and "56 (sở, ban, ngành, đoàn thể Thành phố: 26; quận, huyện, thị xã: 30)" in r.output and "Điểm phức tạp: 11." in r.output
    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_PLAN.read_text(encoding="utf-8").replace("target = 2460\n", "targte = 2460\n", 1),
                   encoding="utf-8")
    r = CliRunner().invoke(main, ["check-plan", str(bad)])
    assert r.exit_code == 1 and "'targte' không phải là mục của [[indicators]]" in " ".join(r.output.split())
    r = CliRunner().invoke(main, ["units"])
    assert r.exit_code == 0 and "SLDTBXH" in r.output and "huyện Mỹ Đức" in r.output
    r = CliRunner().invoke(main, ["units", "--under", "020"])
    assert r.exit_code == 0 and "thị trấn Văn Điển" in r.output
    assert "Báo cáo cho Ủy ban nhân dân huyện Thanh" in " ".join(r.output.split())  # whom a commune reports to
