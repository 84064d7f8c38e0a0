"""The sample returns of `pcmd demo` speak the plan's own language: for the two-level example
(communes and wards reporting to the city, the Department of Health consolidating) no text names
a level the plan does not have or the agency that no longer does the work, a ward never directs
wards under it, the figures a text states are the unit's own, and a "Không" in the figures is
not contradicted by a task reported done."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import pcmd_reports as pcmd
from pcmd_reports.demo import _ministry, _vocabulary, make_demo

PLANS = Path(pcmd.__file__).parent / "plans"
EXAMPLE = PLANS / "ha-noi-2026-vi-du.toml"
# Words of a level or an agency the two-level plan does not have.
GONE = ("quận", "huyện", "thị trấn", "thị xã", "lao động - thương binh", "lao động-thương binh")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    plan = pcmd.load_plan(EXAMPLE)
    period = next(p for p in plan.periods if p.kind == "half")
    inbox = tmp_path_factory.mktemp("demo2026") / "inputs"
    make_demo(plan, period, inbox)
    returns = pcmd.read_returns(inbox, plan, period)
    result = pcmd.consolidate(plan, period, returns, as_of=period.due)
    return plan, returns.submissions, result


def texts(sub):
    """(what, text) of every free text a unit typed: task results, recommendations, difficulties."""
    out = [(f"task {t.key}", t.text) for t in sub.tasks.values()]
    out += [("recommendation", r.text) for r in sub.recommendations]
    out += [("difficulty", d.text) for d in sub.difficulties]
    return [(what, text) for what, text in out if text]


def test_no_sample_text_names_a_level_or_agency_the_plan_does_not_have(sample):
    plan, subs, _ = sample
    assert len(subs) > 100
    found = []
    for sub in subs:
        for what, text in texts(sub):
            low = text.lower()
            found += [(sub.unit, what, word, text) for word in GONE if word in low]
            if "Chỉ đạo 0 " in text or "cho 0 xã" in text:
                found.append((sub.unit, what, "0", text))
    assert not found, found[:5]


def test_requests_go_to_the_plans_own_agency_and_local_level(sample):
    plan, subs, result = sample
    recs = [r for s in subs for r in s.recommendations]
    codes = {c.code for c in plan.narratives.addressees}
    assert {r.addressee for r in recs} <= codes
    to_communes = [r for r in recs if r.addressee == "communes"]
    assert to_communes and all("Ủy ban nhân dân các xã, phường" in r.text for r in to_communes)
    agency = plan.consolidator.agency
    assert any(r.text.startswith(f"Đề nghị {agency} ") for r in recs)
    assert any("Bộ Y tế" in r.text for r in recs if r.addressee == "central")
    # the consolidating agency never asks itself
    own = next(s for s in subs if s.unit == plan.consolidator.unit)
    assert not any(agency in r.text for r in own.recommendations)


def test_a_ward_speaks_of_its_own_area(sample):
    plan, subs, _ = sample
    local = {u.code: u.name[:1].lower() + u.name[1:] for u in plan.local_units}
    for sub in subs:
        if sub.unit not in local:
            continue
        for what, text in texts(sub):
            others = [name for code, name in local.items() if code != sub.unit and _names(text, name)]
            assert not others, (sub.unit, what, others, text)


def _names(text: str, name: str) -> bool:
    """`name` ("xã Thanh") stands in `text` as a whole name, not as the start of a longer one ("xã Thanh Oai")."""
    for m in re.finditer(re.escape(name), text):
        rest = text[m.end():]
        if not (rest[:1].isalnum() or (rest[:1] == " " and rest[1:2].isupper())):
            return True
    return False


def test_a_text_states_the_units_own_figure(sample):
    plan, subs, _ = sample
    police = next(s for s in subs if s.unit == "CATP")
    cases = police.value("8.1")
    said = [t.text for t in police.tasks.values() if "vụ án liên quan đến hoạt động mại dâm" in t.text
            and t.text.startswith("Điều tra")]
    assert cases and said and all(f"khám phá {cases} vụ án" in t for t in said)
    # what a commune or ward says it did is what its figures count
    checked = 0
    for sub in subs:
        for t in sub.tasks.values():
            for pattern, ind, part in ((r"cho ([\d.]+) lượt người dân", "2", "value"),
                                       (r"kiểm tra ([\d.]+) lượt cơ sở", "4", "numerator")):
                m = re.search(pattern, t.text)
                if m and sub.value(ind, part) is not None:
                    assert int(m.group(1).replace(".", "")) == sub.value(ind, part), (sub.unit, t.text)
                    checked += 1
    assert checked >= 10


def test_a_no_in_the_figures_is_not_a_task_done(sample):
    plan, subs, _ = sample
    pairs = {"3": "xây dựng kế hoạch", "1": "tuyên truyền"}  # yes/no figure -> the task on the same work
    noes = 0
    for sub in subs:
        for ind, words in pairs.items():
            if sub.value(ind) != "Không":
                continue
            noes += 1
            task = next(t for t in sub.tasks.values() if t.text and plan_task(plan, t.key).lower().startswith(words))
            assert task.status == "not_started", (sub.unit, ind, task.text)
            if ind == "1":
                assert sub.value("2") == 0  # no publicity, no one reached by it
    assert noes  # the sample has a few units answering "Không"


def plan_task(plan, key: str) -> str:
    return next(t.text for s in plan.sections for t in s.tasks if t.key == key)


def test_the_plans_words(sample):
    plan, _, _ = sample
    words = _vocabulary(plan)
    assert (words["agency"], words["ministry"], words["locals"], words["tiers"], words["via_subs"]) == \
        ("Sở Y tế", "Bộ Y tế", "xã, phường", "cấp xã", "")
    old = pcmd.load_plan(PLANS / "ha-noi-2024.toml")
    words = _vocabulary(old)
    assert _ministry(old) == "Bộ Lao động - Thương binh và Xã hội"
    assert (words["locals"], words["locals_all"], words["tiers"], words["subs"]) == \
        ("quận, huyện", "quận, huyện, thị xã", "cấp huyện, cấp xã", "xã, phường, thị trấn")
