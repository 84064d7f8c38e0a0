"""The report's body as an official writes it: sentences synthesised from the consolidation.

Built from the saved consolidation (its JSON), the plan (its outline says which figures
each part states, each indicator's `phrase` how) and the wording file (every sentence's
shape). No unit's free text is quoted in the body: difficulties and recommendations are
grouped (identical or near-identical ones merged, with the number and names of the units
that wrote them); task results go to the appendix.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from fractions import Fraction

from . import messages as msg
from .intake import fold
from .plan import Indicator, Plan, Sentence
from .statuses import IndicatorStatus as St
from .vnformat import number, percent, short_date
from .wording import Wording

SIMILAR = 0.9  # two texts this alike (after case, spacing and punctuation are set aside) are one


# -- texts ------------------------------------------------------------------------------

def normal(text: str) -> str:
    """Case, spacing and punctuation set aside: what 'the same sentence' means between units."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _alike(a: str, b: str) -> bool:
    """Near-identical: a few characters apart at most (a typo, a dropped word like 'các'), never
    two requests that differ in what or whom they name ('… cho Sở Du lịch' / '… cho Sở Tài chính')."""
    if a == b:
        return True
    allowed = max(4, (len(a) + len(b)) // 60)
    if abs(len(a) - len(b)) > allowed:  # at least that many characters apart: no need to compare
        return False
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < SIMILAR or m.quick_ratio() < SIMILAR or m.ratio() < SIMILAR:
        return False
    same = sum(block.size for block in m.get_matching_blocks())
    return len(a) + len(b) - 2 * same <= allowed


def _names_differ(a: str, b: str) -> bool:
    """Whether two texts differ in a capitalised word past their first: a name ('… tại xã Ứng Hòa' /
    '… tại xã Dương Hòa'), two requests however few characters apart, never a typo of one."""
    wa, wb = a.split(), b.split()  # compared folded: 'Hòa' and 'Hoà' are one name
    m = SequenceMatcher(None, [fold(normal(w)) for w in wa], [fold(normal(w)) for w in wb], autojunk=False)
    for tag, i1, i2, j1, j2 in m.get_opcodes():
        if tag != "equal" and any(w[:1].isupper() for w in wa[max(i1, 1):i2] + wb[max(j1, 1):j2]):
            return True
    return False


@dataclass
class Group:
    """Texts of several units that say the same thing."""
    text: str  # the wording most units used (the first, when tied)
    key: str
    units: list[str] = field(default_factory=list)
    variants: dict[str, int] = field(default_factory=dict)


def group_texts(items: list[tuple[str, str]]) -> list[Group]:
    """(unit, text) pairs -> groups of near-identical texts, largest first, else first seen."""
    groups: list[Group] = []
    for unit, text in items:
        key = normal(text)
        if not key:
            continue
        g = next((g for g in groups if _alike(g.key, key) and not _names_differ(g.text, text)), None)
        if g is None:
            g = Group(text=" ".join(text.split()), key=key)
            groups.append(g)
        if unit not in g.units:
            g.units.append(unit)
        shown = " ".join(text.split())
        g.variants[shown] = g.variants.get(shown, 0) + 1
    for g in groups:
        g.text = max(g.variants, key=lambda t: g.variants[t])  # dicts keep first-seen order on ties
    order = {id(g): k for k, g in enumerate(groups)}
    return sorted(groups, key=lambda g: (-len(g.units), order[id(g)]))


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _end(text: str) -> str:
    text = text.rstrip().rstrip(";,").rstrip()
    return text if text.endswith((".", "!", "?", ":", "./.")) else text + "."


def _proper(text: str) -> bool:
    """A sentence that opens with a name ('Công an Thành phố …', 'Sở …'): keep its capital."""
    words = text.split()
    return len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper()


def _lower_first(text: str) -> str:
    """'Hoàn thành' -> 'hoàn thành' inside a sentence (a proper name is not a label); an
    abbreviation stays as it is ('UBND các quận', 'HĐND')."""
    if not text or text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _lower_plural(name: str) -> str:
    """A lead agency named mid-sentence: a proper name keeps its capital ('Thành đoàn Hà Nội',
    'Sở Giáo dục và Đào tạo'); only a plural opening is lower-cased ('các Sở, ban, ngành')."""
    first = name.split(" ", 1)[0]
    return _lower_first(name) if first in msg.PLURAL_OPENINGS else name


# -- figures -------------------------------------------------------------------------------

class Figures:
    """Everything the body says about indicators, from the consolidation's JSON."""

    def __init__(self, data: dict, plan: Plan, w: Wording):
        self.data, self.plan, self.w = data, plan, w
        self.period = plan.known_period(data["period"])
        self.final = plan.year_share(self.period) is None

    def entry(self, ind_id: str) -> dict | None:
        return self.data["indicators"].get(ind_id)

    def shown(self, ind_id: str) -> tuple[Indicator, dict]:
        """The indicator and its entry, for one known to have data (`has_data`)."""
        ind, e = self.plan.indicator(ind_id), self.entry(ind_id)
        assert ind is not None and e is not None, ind_id
        return ind, e

    def short(self, code: str) -> str:
        u = self.plan.unit(code)
        if u is None:
            return code
        return _lower_first(u.name) if (u.local or u.sub) else (u.short or u.name)  # "huyện Chương Mỹ" mid-sentence

    def names(self, codes) -> str:
        return ", ".join(self.short(c) for c in codes)

    def who(self, codes, expected: int | None = None) -> str:
        """'quận, huyện, thị xã' when the figure is the districts' alone, else 'đơn vị'."""
        units = [self.plan.unit(c) for c in codes]
        local = bool(units) and all(u is not None and u.local for u in units)
        if local and expected is not None:
            local = expected <= sum(1 for c in self.data["units"]["expected"] if self.plan.known_unit(c).local)
        level = self.plan.local_level
        return level.name if local and level else self.w("so_lieu", "who_units")

    @staticmethod
    def actual(ind: Indicator, e: dict):
        if ind.kind in ("ratio", "yesno"):
            num, den = e.get("numerator"), max(e.get("denominator") or 0, e.get("base") or 0)
            return None if not den or num is None else Fraction(100 * num, den)
        return e.get("actual")

    def amount(self, ind: Indicator, value) -> str:
        """A count as officials write it; money in triệu or tỷ đồng, rounded."""
        if value is None:
            return ""
        if ind.money or ind.measure == "đồng":
            v = Fraction(value)
            if v >= 10**9:
                return self.w("so_lieu", "billion", n=number(v / 10**9, 2).rstrip("0").rstrip(","))
            if v >= 10**6:
                return self.w("so_lieu", "million", n=number(v / 10**6, 1).removesuffix(",0"))
        return number(value)

    def share(self, e: dict) -> str:
        return percent(e.get("percent_of_target"))

    def coverage(self, e: dict) -> str:
        n, m = e["units_reporting"], e["units_expected"]
        if not m or n >= m:
            return ""
        return self.w("so_lieu", "coverage", n=n, m=m, who=self.who(e.get("reported_by") or [], m))

    def judgement(self, ind: Indicator, e: dict) -> str:
        status = e.get("status")
        if not status or ind.target is None:
            return ""
        st = St(status)
        if st is St.INSUFFICIENT:
            return self.w("so_lieu", "insufficient")
        if st is St.NO_DATA:
            return ""
        ratio = ind.kind in ("ratio", "yesno")
        if ratio:
            key = {St.MET: "ratio_met", St.EXCEEDED: "ratio_met", St.BEHIND: "ratio_behind",
                   St.NOT_MET: "ratio_not_met"}.get(st)
        elif ind.judged_by_pace:
            key = {St.AHEAD: "ahead", St.ON_PACE: "on_pace", St.BEHIND: "behind_pace", St.MET: "met",
                   St.EXCEEDED: "exceeded", St.NOT_MET: "not_met"}.get(st)
        else:
            key = {St.MET: "state_met", St.EXCEEDED: "state_met", St.BEHIND: "state_behind",
                   St.NOT_MET: "state_not_met"}.get(st)
        return self.w("so_lieu", key, share=self.share(e), target=_lower_first(ind.target_text)) if key else st.label

    def compared(self, ind: Indicator, e: dict) -> str:
        if not self.data.get("compare_with") or e.get("previous") is None or not e.get("change"):
            return ""
        return self.w("so_lieu", "compare", change=e["change"], label=self.data["compare_with"])

    def phrase(self, ind: Indicator, e: dict) -> str:
        a = self.actual(ind, e)
        reported, base = e.get("denominator") or 0, e.get("base") or 0
        values = {"n": self.amount(ind, e.get("actual") if ind.kind not in ("ratio", "yesno") else a),
                  "num": number(e.get("numerator")), "den": number(max(reported, base)),
                  "percent": percent(a), "target": number(ind.target) if ind.target is not None else ind.target_text}
        below = self.w("so_lieu", "base_note", den=number(reported)) if base > reported else ""
        if ind.phrase:
            return ind.phrase.format(**values) + below
        shown = percent(a) if ind.kind in ("ratio", "yesno") else values["n"]
        return self.w("so_lieu", "plain", label=ind.label, n=shown, measure="" if ind.kind in ("ratio", "yesno")
                      else ind.measure).rstrip()

    def has_data(self, ind_id: str) -> bool:
        e = self.entry(ind_id)
        ind = self.plan.indicator(ind_id)
        return e is not None and bool(e) and ind is not None and e.get("actual") is not None and e["units_reporting"] > 0

    def by_unit(self, ind_id: str) -> dict[str, int]:
        totals: dict[str, int] = {}
        for s in self.shown(ind_id)[1].get("sources", []):
            if isinstance(s.get("value"), int) and not isinstance(s.get("value"), bool):
                totals[s["unit"]] = totals.get(s["unit"], 0) + s["value"]
        return totals

    def leaders(self, ind_id: str, top: int = 3) -> str:
        totals = self.by_unit(ind_id)
        if len(totals) < 5:
            return ""
        ind = self.shown(ind_id)[0]
        best = sorted(totals.items(), key=lambda kv: -kv[1])[:top]
        units = ", ".join(self.w("so_lieu", "leader", unit=self.short(c), n=self.amount(ind, v), measure=ind.measure)
                          for c, v in best)
        return self.w("so_lieu", "leaders", units=units)

    def sentence(self, s: Sentence) -> tuple[str, list[str]]:
        """The sentence, and the indicators it states."""
        shown = [i for i in s.figures if self.has_data(i)]
        if not shown:
            return "", []
        covers = {self.coverage(self.shown(i)[1]) for i in shown}
        shared = covers.pop() if len(covers) == 1 and len(shown) > 1 else ""
        parts = []
        for i in shown:
            ind, e = self.shown(i)
            notes = [self.judgement(ind, e), self.compared(ind, e), "" if shared else self.coverage(e)]
            if i == s.leaders and ind.kind == "count":
                notes.append(self.leaders(i))
            notes = [x for x in notes if x]
            said = self.phrase(ind, e)
            if notes and said.endswith(")"):  # "… (62,4%)": the notes join the same parentheses
                said = said[:-1] + "; " + "; ".join(notes) + ")"
            elif notes:
                said += f" ({'; '.join(notes)})"
            parts.append(said)
        text = (s.lead + " " if s.lead else "") + s.join.join(parts)
        if shared and s.lead.endswith(":"):  # "Về xây dựng kế hoạch (theo báo cáo của …): …"
            text = s.lead[:-1] + f" ({shared}): " + s.join.join(parts)
        elif shared:  # the same coverage for every figure: said once, up front
            text = _sentence_case(shared) + ", " + _lower_first(text) if not _proper(text) else \
                _sentence_case(shared) + ", " + text
        return _end(_sentence_case(text)), shown


# -- the body -----------------------------------------------------------------------------

def _task_statuses(data: dict, plan: Plan) -> list[tuple[str, str, str | None, str]]:
    """(unit, task key, status code or None, text) for every task of every unit that reported."""
    out = []
    for unit in plan.units + plan.communes:
        s = data["submissions"].get(unit.code)
        if not s:
            continue
        tasks = s.get("tasks", {})
        for t in plan.tasks_for(unit):
            entry = tasks.get(t.key)
            if isinstance(entry, dict):
                out.append((unit.code, t.key, entry.get("status"), entry.get("text", "")))
            else:
                out.append((unit.code, t.key, None, entry or ""))
    return out


def _status_label(plan: Plan, code: str | None) -> str:
    return plan.narratives.status_label(code) if code else ""


def _status_codes(plan: Plan) -> list[str]:
    return [c.code for c in plan.narratives.task_statuses]


def build(data: dict, plan: Plan, w: Wording) -> dict:
    f = Figures(data, plan, w)
    period = f.period
    con, rep = plan.consolidator, plan.report
    used: set[str] = set()

    # opening
    u = data["units"]
    groups: dict[str, list[str]] = {}
    for code in u["expected"]:
        unit = plan.unit(code)
        groups.setdefault(plan.unit_groups.get(unit.group, "") if unit else "", []).append(code)
    parts = [w("mo_dau", "coverage_part", n=sum(1 for c in codes if c in u["submitted"]), m=len(codes),
               group=g or w("so_lieu", "who_units")) for g, codes in groups.items()]
    opening = w("mo_dau", "opening", plan_number=plan.number or "…",
                plan_date=f"{plan.date.day:02d}/{plan.date.month:02d}/{plan.date.year}" if plan.date else "…",
                issuer=plan.issuer_ref, plan_subject=plan.subject, agency=con.agency, period=period.name)
    coverage = w("mo_dau", "coverage", submitted=len(u["submitted"]), expected=len(u["expected"]),
                 parts="; ".join(parts), data_end=short_date(period.end))

    def said(sentences) -> list[str]:
        lines = []
        for s in sentences:
            text, shown = f.sentence(s)
            if text:
                lines.append(text)
                used.update(shown)
        return lines

    # I. situation
    situation = said(plan.outline.situation) + _hotspot_paragraphs(data, plan, w, f)

    # II. results: leadership, then one part per work area
    results = []
    lead_lines = said(plan.outline.leadership) + [_tasks_sentence(data, plan, w)]
    results.append({"heading": f"1. {w('tieu_de', 'leadership')}", "paragraphs": lead_lines})
    for area in plan.outline.areas:
        lines = []
        for s in area.sentences:
            text, shown = f.sentence(s)
            if text and not set(shown) <= used:
                lines.append(text)
                used.update(shown)
        for ind in plan.indicators:  # figures of this section no sentence names: still stated
            if ind.section == area.section and ind.id not in plan.outline.placed and f.has_data(ind.id):
                text, shown = f.sentence(Sentence(figures=(ind.id,)))
                lines.append(text)
                used.add(ind.id)
        if lines:
            results.append({"heading": f"{len(results) + 1}. {area.heading}", "paragraphs": lines})
    if len(results) > 1:  # the figures' table, named once at the end of the results
        last = list(results[-1]["paragraphs"])
        results[-1] = {**results[-1], "paragraphs": last + [w("so_lieu", "appendix_ref")]}

    strengths, weaknesses = _assessment(data, plan, w, f)
    causes = _causes(data, plan, w, f)
    groups_v, received = _recommendations(data, plan, w, f)
    closing = w("ket_thuc", "closing", plan_subject=rep.subject, period=period.name,
                agency=con.agency, addressee=rep.addressee)
    return {
        "opening": opening, "coverage_line": coverage, "situation": situation, "results": results,
        "strengths": strengths, "weaknesses": weaknesses, "causes": causes,
        "clerk_note": w("danh_gia", "clerk_note"),
        "next_steps": _next_steps(data, plan, w, f), "recommendations": groups_v,
        "requests_received": received, "closing": closing,
        "headings": {k: w("tieu_de", k) for k in ("strengths", "weaknesses", "causes")},
    }


def _hotspot_name(plan: Plan, w: Wording, h) -> str:
    short = h.name.split(" (")[0]
    return w("tinh_hinh", "hotspot_name", name=short, district=_lower_first(plan.known_unit(h.district).name))


def _hotspot_paragraphs(data: dict, plan: Plan, w: Wording, f: Figures) -> list[str]:
    st = plan.hotspot_statuses
    eliminated, reemerged = st.eliminated, st.reemerged
    level_name = plan.local_level.name if plan.local_level else ""
    out = []
    for appendix in plan.hotspot_appendices:
        to_keep = appendix in plan.appendices_to_keep
        pool = [h for h in plan.hotspots if h.appendix == appendix]
        buckets: dict[str, list] = {}
        for h in pool:
            e = data["hotspots"][h.id]
            if not e["reported"]:
                district_sent = plan.unit(h.district) and h.district in data["submissions"]
                key = w("tinh_hinh", "status_no_status") if district_sent else \
                    w("tinh_hinh", "status_no_report", level=level_name)
            elif e["status"] == eliminated:
                key = w("tinh_hinh", "status_eliminated")
            elif e["status"] == reemerged:
                key = w("tinh_hinh", "status_reemerged")
            elif to_keep and e["status"] == st.quiet:
                key = w("tinh_hinh", "status_quiet")
            else:
                key = w("tinh_hinh", "status_other", level=_lower_first(e["status"]))
            buckets.setdefault(key, []).append(h)
        bits = []
        for status, hs in buckets.items():
            if len(hs) == len(pool) and len(pool) > 1:
                bits.append(w("tinh_hinh", "hotspot_group_all", n=len(hs), status=status))
            else:
                bits.append(w("tinh_hinh", "hotspot_group", n=len(hs), status=status,
                              names="; ".join(_hotspot_name(plan, w, h) for h in hs)))
        key = "hotspots_to_keep" if to_keep else "hotspots_to_eliminate"
        out.append(_end(w("tinh_hinh", key, total=f"{len(pool):02d}", parts="; ".join(bits), appendix=appendix)))
    if plan.hotspots:
        new = data.get("new_hotspots", [])
        if new:
            names = "; ".join(f"{n['name']}, {_lower_first(plan.known_unit(n['district']).name)}" for n in new)
            out.append(w("tinh_hinh", "new_hotspots", n=len(new), names=names, level=level_name))
        else:
            districts = [c for c in data["units"]["expected"] if plan.known_unit(c).local]
            reported = [c for c in districts if c in data["submissions"]]
            if reported:
                out.append(w("tinh_hinh", "no_new_hotspots", n=len(reported), m=len(districts), level=level_name))
    return out


def _tasks_sentence(data: dict, plan: Plan, w: Wording) -> str:
    rows = _task_statuses(data, plan)
    if not rows or all(code is None for _, _, code, _ in rows):
        return w("chi_dao", "no_tasks")
    parts = []
    for code in _status_codes(plan):
        n = sum(1 for _, _, c, _ in rows if c == code)
        if n:
            parts.append(w("chi_dao", "task_part", n=n, status=_lower_first(_status_label(plan, code))))
    blank = sum(1 for _, _, c, _ in rows if c is None)
    if blank:
        parts.append(w("chi_dao", "tasks_blank", n=blank))
    return w("chi_dao", "tasks", total=len(rows), parts=", ".join(parts), where=plan.tasks_where)


def _assessment(data: dict, plan: Plan, w: Wording, f: Figures) -> tuple[list[str], list[str]]:
    good: dict[St, list[str]] = {}
    weak: list[str] = []
    judged = 0
    for ind in plan.indicators:
        e = f.entry(ind.id)
        if not e or not e.get("status") or ind.target is None:
            continue
        st = St(e["status"])
        judged += st is not St.NO_DATA
        label = _lower_first(ind.label)
        judgement = f.judgement(ind, e)
        if st.favourable:
            cover = f.coverage(e)
            said = f.phrase(ind, e) if ind.compare == "at_most" else label  # "số điểm mới phát sinh là 0"
            good.setdefault(st, []).append(said + (f" ({cover})" if cover else ""))
        elif st.shortfall and ind.kind == "hotspot":
            continue  # said with the hotspots' names below
        elif st.shortfall and ind.kind == "count":
            a = e.get("actual") or 0
            weak.append(w("danh_gia", "weakness_item", label=_sentence_case(label), judgement=judgement,
                          rest=f.amount(ind, max(ind.target - a, 0)), measure=ind.measure))
        elif st.shortfall:
            weak.append(w("danh_gia", "weakness_ratio", label=_sentence_case(label), value=percent(f.actual(ind, e)),
                          num=number(e.get("numerator")), den=number(e.get("denominator")), target=_lower_first(ind.target_text)))
        elif st is St.INSUFFICIENT:
            weak.append(w("danh_gia", "insufficient_item", label=_sentence_case(label), n=e["units_reporting"],
                          m=e["units_expected"], who=f.who(e.get("reported_by") or [], e["units_expected"])))
    lead = "strengths_lead_year" if f.final else "strengths_lead"
    strengths = [w("danh_gia", lead, n=sum(map(len, good.values())), m=judged)] if good else [w("danh_gia", "no_strengths")]
    unjudged = sum(1 for i in plan.indicators if i.target is not None and (e := f.entry(i.id))
                   and e.get("status") == St.NO_DATA.value)
    if good and unjudged:  # "8/12 chỉ tiêu": and the one of the plan's 13 that had no figure at all
        strengths[0] = strengths[0].rstrip(".") + w("danh_gia", "no_data_tail", n=unjudged) + "."
    for st in (St.EXCEEDED, St.AHEAD, St.MET, St.ON_PACE):
        if st in good:
            strengths.append(w("danh_gia", "strength_group", status=st.label, items="; ".join(good[st])))
    rows = _task_statuses(data, plan)
    codes = _status_codes(plan)
    if rows and codes:
        done = sum(1 for *_, c, _ in rows if c == codes[0])
        doing = sum(1 for *_, c, _ in rows if len(codes) > 1 and c == codes[1])
        not_started = sum(1 for *_, c, _ in rows if len(codes) > 2 and c == codes[2])
        blank = sum(1 for *_, c, _ in rows if c is None)
        counts = dict(done=done, total=len(rows), in_progress=doing, not_started=not_started, blank=blank)
        if f.final:  # the year: what is not done is a shortcoming
            key = "tasks_done" if done * 3 >= len(rows) * 2 else "tasks_done_few"
            (strengths if key == "tasks_done" else weak).append(w("danh_gia", key, **counts))
        else:  # before the year's end a task in progress is on its way: only what has not started, or says nothing
            strengths.append(w("danh_gia", "tasks_under_way", **counts))
            parts = ([w("danh_gia", "tasks_left_not_started", n=not_started)] if not_started else []) + \
                ([w("danh_gia", "tasks_left_blank", n=blank)] if blank else [])
            if parts:
                weak.append(w("danh_gia", "tasks_left", parts="; ".join(parts)))
    # hotspots
    hst = plan.hotspot_statuses
    keep = plan.appendices_to_keep
    open_ = [h for h in plan.hotspots if h.appendix not in keep and data["hotspots"][h.id]["status"] != hst.eliminated]
    back = [h for h in plan.hotspots if h.appendix in keep and data["hotspots"][h.id]["status"] == hst.reemerged]
    if not f.final:  # before the year's end, hotspots not yet eliminated are no shortcoming while on pace
        on_pace = {i.appendix for i in plan.indicators if i.kind == "hotspot" and i.hotspot_rule == "eliminated"
                   and (e := f.entry(i.id)) and e.get("status") and St(e["status"]).favourable}
        open_ = [h for h in open_ if h.appendix not in on_pace]
    if open_ or back:
        again = (w("danh_gia", "hotspot_reemerged", n=len(back), names="; ".join(_hotspot_name(plan, w, h) for h in back))
                 if back else w("danh_gia", "hotspot_no_reemerged"))
        if open_:
            weak.append(w("danh_gia", "hotspot_weak", n=len(open_), names="; ".join(_hotspot_name(plan, w, h) for h in open_),
                          reemerged=again))
        else:
            weak.append(_sentence_case(again))
    # reporting
    u = data["units"]
    if u["missing"]:
        weak.append(w("danh_gia", "missing_units", n=len(u["missing"]), names=f.names(u["missing"])))
    if u["late"]:
        weak.append(w("danh_gia", "late_units", n=len(u["late"]), names=f.names(u["late"]),
                      due=short_date(f.period.due)))
    rejected = [r["unit"] for r in u["rejected"] if r.get("unit") and r["unit"] not in u["submitted"]]
    rejected = [c for c in u["expected"] if c in set(rejected)]
    if rejected:
        weak.append(w("danh_gia", "rejected_units", n=len(rejected), names=f.names(rejected)))
    for code, built in u.get("built_from", {}).items():
        gaps = w("danh_gia", "built_gaps", gaps=", ".join(plan.known_period(p).name for p in built["gaps"])) if built["gaps"] else ""
        weak.append(w("danh_gia", "built_from", unit=plan.known_unit(code).display, period=f.period.name, n=len(built["covers"]),
                      covers=", ".join(plan.known_period(p).name for p in built["covers"]), gaps=gaps))
    return strengths, weak


NAMED_AT_MOST = 15  # a longer list of units is cut: the summary workbook lists every one


def _units_phrase(w: Wording, f: Figures, units: list[str]) -> str:
    if len(units) == 1:
        return w("danh_gia", "units_one", names=f.short(units[0]))
    if len(units) > NAMED_AT_MOST:
        return w("danh_gia", "units_more", n=len(units), names=f.names(units[:NAMED_AT_MOST - 3]),
                 rest=len(units) - NAMED_AT_MOST + 3)
    return w("danh_gia", "units_many", n=len(units), names=f.names(units))


def _causes(data: dict, plan: Plan, w: Wording, f: Figures) -> list[str]:
    items = [(d["unit"], d["text"]) for d in data.get("difficulties", [])]
    groups = group_texts(items)
    if not groups:
        return [w("danh_gia", "no_causes")]
    lines = [w("danh_gia", "causes_lead")]
    for g in groups:
        lines.append("- " + w("danh_gia", "cause_item", text=g.text.rstrip(" ."), who=_units_phrase(w, f, g.units)))
    return lines


VERB = re.compile(r"^\s*(đề\s+nghị|kiến\s+nghị|đề\s+xuất)\s*[:,]?\s*", re.IGNORECASE)


def _addressed_to_us(plan: Plan, text: str) -> bool:
    con = plan.consolidator
    names = [con.agency, *con.aliases]
    key = normal(text).replace(" ", "")
    return any(n and normal(n).replace(" ", "") in key for n in names)


def _recommendations(data: dict, plan: Plan, w: Wording, f: Figures) -> tuple[list[dict], list[dict]]:
    narr = plan.narratives
    order = [c.code for c in narr.addressees]
    other = narr.default_addressee
    mine: dict[str, list[tuple[str, str]]] = {}
    received: list[dict] = []
    for r in data.get("recommendations", []):
        if _addressed_to_us(plan, r["text"]):
            sender = plan.unit(r["unit"])  # a table cell: the unit's name as written, not as mid-sentence
            received.append({"unit": sender.name if sender else r["unit"], "text": _end(" ".join(r["text"].split()))})
            continue
        mine.setdefault(r.get("addressee") or other, []).append((r["unit"], r["text"]))
    for unit, text in list(mine.get(other, [])):  # no addressee chosen: it joins the same request made to one
        # (the same words, or the same opening with other details)
        key = normal(text)
        home = next((code for code, items in mine.items() if code != other
                     and any(_alike(normal(t), key) or _opening(t, text) for _, t in items)), None)
        if home:
            mine[other].remove((unit, text))
            mine[home].append((unit, text))
    if other in mine and not mine[other]:
        del mine[other]
    out: list[dict] = []
    for code in order + [c for c in mine if c not in order]:
        if code not in mine:
            continue
        groups = group_texts(mine[code])
        us = plan.consolidator.unit

        def who(units: list[str]) -> tuple[int, str]:
            """How many units, and their names: the consolidating agency itself first, by its name."""
            return len(units), f.names([u for u in units if u == us] + [u for u in units if u != us])

        merged = []
        for shared, members in _common_openings(groups):
            m = VERB.match(shared)
            verb, rest = (m.group(1).lower(), shared[m.end():]) if m else (w("kien_nghi", "verb"), _lower_first(shared))
            tails = "; ".join(_detail(plan, f, g, tail) for g, tail in members)
            units = [u for g, _ in members for u in g.units]
            merged.append((len(set(units)), w("kien_nghi", "shared_opening", n=len(set(units)), verb=verb,
                                                text=rest.rstrip(" :,"), details=tails)))
            for g, _ in members:
                groups.remove(g)
        for g in groups:
            m = VERB.match(g.text)
            verb, rest = (m.group(1).lower(), g.text[m.end():]) if m else (w("kien_nghi", "verb"), _lower_first(g.text))
            rest = _end(rest.strip())
            if len(g.units) == 1:
                merged.append((1, _sentence_case(w("kien_nghi", "one", unit=f.short(g.units[0]), verb=verb,
                                                   text=rest))))
            elif us in g.units:  # the consolidating agency's own recommendation, shared with others
                others = [u for u in g.units if u != us]
                merged.append((len(g.units), w("kien_nghi", "many_with_us", agency=plan.consolidator.agency,
                                               n=len(others), names=f.names(others), verb=verb, text=rest)))
            else:
                n, names = who(g.units)
                merged.append((n, w("kien_nghi", "many", n=n, names=names, verb=verb, text=rest)))
        lines = [text for _, text in sorted(merged, key=lambda x: -x[0])]  # the most widely shared first
        label = narr.addressee_label(code) or code
        heading = w("tieu_de", "addressee_other") if code == other else w("tieu_de", "addressee", addressee=label)
        out.append({"heading": f"{len(out) + 1}. {heading}", "paragraphs": lines})
    return out, received


def _detail(plan: Plan, f: Figures, g: Group, tail: str) -> str:
    """One detail of a shared request with who asked it ('phường Hàng Gai (quận Hoàn Kiếm)'); a
    unit asking it for its own area is not named twice ('xã Yên Xuân', not 'xã Yên Xuân (xã Yên Xuân)')."""
    others = [u for u in g.units if normal(plan.known_unit(u).name) not in normal(tail)]
    return f"{tail} ({f.names(others)})" if others else tail


OPENING_WORDS = 6  # requests that open with this many words alike and differ in their details are one


def _opening(a: str, b: str) -> int:
    """How many opening words two requests share, when that makes them one request with different
    details ('… lắp đặt camera an ninh tại phường A' / '… tại xã B'); else 0."""
    wa, wb = a.rstrip(" .;").split(), b.rstrip(" .;").split()
    k = 0
    while k < min(len(wa), len(wb)) and normal(wa[k]) == normal(wb[k]):
        k += 1
    return k if k >= OPENING_WORDS and k * 2 >= min(len(wa), len(wb)) and k < len(wa) and k < len(wb) else 0


def _common_openings(groups: list[Group], min_words: int = OPENING_WORDS) -> list[tuple[str, list[tuple[Group, str]]]]:
    """Single recommendations that open with the same words and differ in their details
    ('… lắp đặt camera an ninh tại phường A' / '… tại xã B'): one line, details listed."""
    out, taken = [], set()
    for i, g in enumerate(groups):
        if i in taken:
            continue
        words = g.text.rstrip(" .;").split()
        members, opening = [], len(words)
        for j in range(i + 1, len(groups)):
            k = 0 if j in taken else _opening(g.text, groups[j].text)
            if k:
                members.append(j)
                opening = min(opening, k)
        if members:
            tails = [groups[x].text.split()[opening:opening + 1] for x in [i] + members]
            if opening > min_words and all(t and t[0][:1].isupper() for t in tails):
                opening -= 1  # 'tại xã | Tàm Xá' splits a name: keep 'xã' with it
            taken.update([i] + members)
            shared = " ".join(words[:opening])
            out.append((shared, [(groups[x], " ".join(groups[x].text.rstrip(" .;").split()[opening:]))
                                 for x in [i] + members]))
    return out


def _next_steps(data: dict, plan: Plan, w: Wording, f: Figures) -> list[str]:
    lines = []
    for ind in plan.indicators:
        e = f.entry(ind.id)
        if not e or not e.get("status") or ind.target is None:
            continue
        st = St(e["status"])
        row = plan.row(ind.row) if ind.row else None
        lead = _lower_plural(row.lead) if row and row.lead else ", ".join(f.short(c) for c in sorted(plan.leads_of(ind)))
        label = _lower_first(ind.label)
        if st.shortfall and ind.kind == "count":
            a = e.get("actual") or 0
            lines.append(w("phuong_huong", "indicator", label=label, rest=f.amount(ind, max(ind.target - a, 0)),
                           measure=ind.measure, target=ind.target_text, lead=lead))
        elif st.shortfall and ind.kind in ("ratio", "yesno"):
            lines.append(w("phuong_huong", "ratio", label=label, target=_lower_first(ind.target_text),
                           value=percent(f.actual(ind, e)), lead=lead))
        elif st in (St.INSUFFICIENT, St.NO_DATA) and not e["units_reporting"] and len(
                asked := [c for c in data["units"]["expected"] if c in plan.reporters_of(ind)]) == 1:
            lines.append(w("phuong_huong", "ask_one", unit=plan.known_unit(asked[0]).name, label=label))
        elif st in (St.INSUFFICIENT, St.NO_DATA):
            lines.append(w("phuong_huong", "insufficient" if e["units_reporting"] else "insufficient_none", label=label,
                           n=e["units_reporting"], m=e["units_expected"],
                           who=f.who(e.get("reported_by") or [], e["units_expected"])))
    hst = plan.hotspot_statuses
    keep = plan.appendices_to_keep
    for h in plan.hotspots:
        status = data["hotspots"][h.id]["status"]
        district = _lower_first(plan.known_unit(h.district).name)
        if h.appendix not in keep and status != hst.eliminated:
            lines.append(w("phuong_huong", "hotspot", name=h.name.split(" (")[0], district=district))
        elif h.appendix in keep and status == hst.reemerged:
            lines.append(w("phuong_huong", "hotspot_reemerged", name=h.name.split(" (")[0], district=district))
    rows = _task_statuses(data, plan)
    codes = _status_codes(plan)
    if len(codes) >= 3:
        doing, todo = codes[1], codes[2]  # the plan's order: done, in progress, not started, …
        late: dict[str, list[str]] = {}
        for unit, key, code, _ in rows:
            if code == todo:
                late.setdefault(unit, []).append(key)
        if late:
            by_task: dict[str, list[str]] = {}
            for unit, keys in late.items():
                for key in keys:
                    by_task.setdefault(key, []).append(unit)
            if len(by_task) < len(late):  # a few tasks many units have not started: by task
                items = "; ".join(w("phuong_huong", "task_units", ref=plan.task_ref(key), who=_units_phrase(w, f, units))
                                  for key, units in by_task.items())
            else:
                items = "; ".join(f"{f.short(u)} ({', '.join(map(plan.task_ref, keys))})" for u, keys in late.items())
            lines.append(w("phuong_huong", "tasks_not_started", n=sum(map(len, late.values())), items=items))
        going = [(u, k) for u, k, c, _ in rows if c == doing]
        if going:
            lines.append(w("phuong_huong", "tasks_in_progress", n=len(going), m=len({u for u, _ in going})))
    nxt = next((p for p in plan.periods if p.kind == f.period.kind and p.start > f.period.end), None)
    if nxt is None:
        nxt = next((p for p in plan.periods if p.kind in ("year", "half") and p.end > f.period.end), None)
    if nxt is not None:
        lines.append(w("phuong_huong", "reporting", next=nxt.name))
    lines.append(w("phuong_huong", "keep_going"))
    return lines


def report_date(data: dict, settings_date: date | None) -> date:
    """The report's date: the office's setting where given, else the day of the consolidation."""
    return settings_date or date.fromisoformat(data["as_of"])
