"""Submissions -> a Consolidation: totals against the targets, coverage, hotspots, provenance.

Counts are integers; ratios are kept as numerator and denominator and only turned into a
percentage (an exact Fraction) here; rounding happens when something is displayed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import cast
from fractions import Fraction

from . import messages as msg
from . import names
from .intake import (AcceptedFile, Difficulty, Figure, FileResult, Intake, NewHotspot, Recommendation, RejectedFile,
                     Submission, TaskResult, fold, inside)
from .plan import Hotspot, Indicator, Period, Plan, Unit
from .problem_codes import ProblemCode as Code
from .problems import Problem

from .statuses import IndicatorStatus as St
from .statuses import UnitState


@dataclass(frozen=True, slots=True)
class Source:
    unit: str
    file: str
    sha256: str
    sheet: str
    cell: str
    name: str
    value: object


@dataclass
class IndicatorResult:
    indicator: Indicator
    actual: Fraction | int | None = None  # a sum, a percentage, or a number of hotspots
    numerator: int | None = None
    denominator: int | None = None
    units_reporting: list[str] = field(default_factory=list)
    units_expected: list[str] = field(default_factory=list)
    by_unit: dict[str, dict] = field(default_factory=dict)  # code -> {"value"|"numerator"|"denominator": v}
    sources: list[Source] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (unit code, text)
    percent_of_target: Fraction | None = None
    status: St | None = None
    pace: Fraction | None = None  # the share of the annual target due by the period's end (%), where judged by pace

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def coverage(self) -> str:
        return f"{len(self.units_reporting)}/{len(self.units_expected)}"


@dataclass
class HotspotResult:
    hotspot: Hotspot
    status: str  # reported status, or "chưa có báo cáo"
    note: str = ""
    reported: bool = False
    source: Source | None = None


@dataclass
class NewHotspotResult:
    district: str
    name: str
    address: str
    level: str
    note: str
    source: Source


@dataclass
class RecommendationResult:
    """One recommendation of a unit whose return counts: to whom (an addressee code), what, where from."""
    unit: str
    addressee: str
    text: str
    source: Source


@dataclass
class DifficultyResult:
    unit: str
    text: str
    source: Source


@dataclass
class UnitStatus:
    unit: Unit
    status: UnitState
    file: FileResult | None = None  # submitted: the AcceptedFile that counts; rejected: its RejectedFile
    late: bool = False
    report_date: date | None = None
    covers: list = field(default_factory=list)  # built from these monthly/quarterly reports
    gaps: list = field(default_factory=list)  # and these were missing


@dataclass
class Consolidation:
    plan: Plan
    period: Period
    as_of: date
    indicators: list[IndicatorResult]
    hotspots: list[HotspotResult]
    new_hotspots: list[NewHotspotResult]
    units: list[UnitStatus]
    intake: Intake
    resubmissions: list[tuple[AcceptedFile, AcceptedFile, list]] = field(default_factory=list)  # (older, newer, [Change])
    recommendations: list[RecommendationResult] = field(default_factory=list)  # plan unit order, then row order
    difficulties: list[DifficultyResult] = field(default_factory=list)

    def indicator(self, ind_id: str) -> IndicatorResult:
        return next(r for r in self.indicators if r.id == ind_id)

    @property
    def returns(self) -> list[tuple[UnitStatus, AcceptedFile]]:
        """Each unit whose return counts, in plan order, with the file that counts."""
        return [(u, u.file) for u in self.units if isinstance(u.file, AcceptedFile)]

    def units_with(self, status: str) -> list[UnitStatus]:
        return [u for u in self.units if u.status == status]

    @property
    def late(self) -> list[UnitStatus]:
        return [u for u in self.units if u.late]

    @property
    def submissions(self) -> list[Submission]:
        return self.intake.submissions

    @property
    def problems(self) -> list[Problem]:
        return self.intake.problems

    @property
    def days_left(self) -> int:
        return (self.period.due - self.as_of).days


def consolidate(plan: Plan, period: Period, intake: Intake, as_of: date | None = None,
                under: str | None = None) -> Consolidation:
    """The period's totals over the units that report to the consolidator; with `under` (the
    code of a unit that other units report to, a district of the 2024 plan), over that unit's
    own reporting units instead, and what the plan asks of them (the roll-up of `rollup`)."""
    as_of = as_of or date.today()
    accepted = _accepted(plan, period, intake)
    expected = plan.expected_units(period, under=under)
    codes = {u.code for u in expected}
    if under is not None:  # only the returns of the units under it: not the parent's own, nor others'
        accepted = {code: f for code, f in accepted.items() if code in codes}
    asked = plan.indicators_asked(under)
    results = [_indicator(plan, period, ind, accepted, expected, under) for ind in asked if ind.kind != "hotspot"]
    hotspots = [_hotspot(h, accepted.get(h.district)) for h in plan.hotspots if under is None or h.district in codes]
    new = [NewHotspotResult(district=code, name=n.name, address=n.address, level=n.level, note=n.note,
                            source=_source(f, n.sheet, n.cell, names.new_hotspot(n.row, "TEN"), n.name))
           for code, f in _in_plan_order(plan, accepted) for n in f.submission.new_hotspots]
    eliminated, reemerged = plan.hotspot_statuses.eliminated, plan.hotspot_statuses.reemerged
    for ind in asked:
        if ind.kind != "hotspot":
            continue
        r = IndicatorResult(indicator=ind)
        hits: list[HotspotResult] | list[NewHotspotResult]
        if ind.hotspot_rule == "eliminated":
            pool = [h for h in hotspots if h.hotspot.appendix == ind.appendix]
            hits = [h for h in pool if h.reported and h.status == eliminated]
        elif ind.hotspot_rule == "maintained":
            pool = [h for h in hotspots if h.hotspot.appendix == ind.appendix]
            hits = [h for h in pool if h.reported and h.status != reemerged]
        else:
            pool, hits = [], new
        r.actual = len(hits)
        if ind.hotspot_rule == "new":
            r.units_expected = [u.code for u in expected if u.local]
            r.units_reporting = [c for c in r.units_expected if c in accepted]
        else:
            r.units_expected = sorted({h.hotspot.district for h in pool}, key=_order(plan))
            r.units_reporting = [c for c in r.units_expected if c in accepted]
        r.sources = [h.source for h in hits if h.source] if ind.hotspot_rule != "new" else [n.source for n in new]
        _judge(plan, r, period, any_data=bool(r.units_reporting))
        results.append(r)
    results.sort(key=lambda r: asked.index(r.indicator))
    units = _unit_statuses(plan, period, intake, accepted, expected)
    recommendations = [RecommendationResult(unit=code, addressee=x.addressee, text=x.text, source=_item_source(f, x))
                       for code, f in _in_plan_order(plan, accepted) for x in f.submission.recommendations]
    difficulties = [DifficultyResult(unit=code, text=x.text, source=_item_source(f, x))
                    for code, f in _in_plan_order(plan, accepted) for x in f.submission.difficulties]
    return Consolidation(plan=plan, period=period, as_of=as_of, indicators=results, hotspots=hotspots,
                         new_hotspots=new, units=units, intake=intake, resubmissions=_resubmissions(intake, plan),
                         recommendations=recommendations, difficulties=difficulties)


def _resubmissions(intake: Intake, plan: Plan) -> list:
    """For every file replaced by a newer one of the same unit: what the newer one changed."""
    from .changes import submission_changes
    by_path = {f.path: f for f in intake.files}
    out = []
    for old in intake.superseded:
        assert old.superseded_by is not None
        new = by_path.get(old.superseded_by)
        if isinstance(new, AcceptedFile):
            out.append((old, new, submission_changes(old.submission, new.submission, plan)))
    return out


def _accepted(plan: Plan, period: Period, intake: Intake) -> dict[str, AcceptedFile]:
    """Each unit's report for the period: its own, or one built from its monthly/quarterly reports."""
    own = {f.submission.unit: f for f in intake.accepted if f.submission.period == period.code}
    parts: dict[str, list[AcceptedFile]] = {}
    for f in intake.accepted:
        part = plan.period(f.submission.period)
        if part is not None and f.submission.period != period.code and inside(part, period):
            parts.setdefault(f.submission.unit, []).append(f)
    for code, files in parts.items():
        if code in own:
            for f in files:  # the unit sent the period's own report: that one counts
                _set_aside(f, own[code], msg.PART_NOT_NEEDED.format(period=period.name))
            continue
        own[code] = _combine(plan, period, code, files)
    return own


def _set_aside(f: AcceptedFile, winner: AcceptedFile, message: str) -> None:
    if f.superseded_by is None:
        f.superseded_by = winner.path
        f.problems.append(Problem(file=str(f.path), message=message, severity=Code.SUPERSEDED.severity, code=Code.SUPERSEDED,
                                  unit=f.submission.unit))


def _combine(plan: Plan, period: Period, code: str, files: list[AcceptedFile]) -> AcceptedFile:
    """Year to date: counts add up over the periods, states take the latest, gaps are named."""
    have = {f.submission.period: f for f in files}
    quarters = [p for p in plan.periods if p.kind == "quarter" and inside(p, period)]
    months = [p for p in plan.periods if p.kind == "month" and inside(p, period)]
    used, gaps = [], []
    for q in quarters or [period]:
        if q.code in have:
            used.append(have[q.code])
            continue
        for m in months:
            if q.start <= m.start and m.end <= q.end:
                (used.append(have[m.code]) if m.code in have else gaps.append(m.code))
    used.sort(key=lambda f: plan.known_period(f.submission.period).start)  # in time order: the last is the latest
    latest = used[-1] if used else max(files, key=lambda f: plan.known_period(f.submission.period).start)
    for f in files:
        if f not in used:  # a month inside a quarter the unit also sent: name that quarter's report
            mine = plan.known_period(f.submission.period)
            cover = next((g for g in used if (p := plan.known_period(g.submission.period)).start <= mine.start
                          and mine.end <= p.end), latest)
            _set_aside(f, cover, msg.PART_COVERED.format(period=plan.known_period(cover.submission.period).name))
    unit = plan.known_unit(code)
    sub = Submission(path=latest.path, plan=plan.id, period=period.code, unit=code,
                     template_version=latest.submission.template_version,
                     report_date=max((f.submission.report_date for f in used if f.submission.report_date), default=None),
                     contact=latest.submission.contact, phone=latest.submission.phone)
    for ind in plan.indicators_for(unit):
        for name in {fig.name for f in used for fig in f.submission.figures.values() if fig.indicator == ind.id}:
            found = [(f, f.submission.figures[name]) for f in used if name in f.submission.figures]
            fig0 = found[-1][1]
            if ind.over_time == "latest" or not isinstance(fig0.value, int):
                value, found = fig0.value, found[-1:]
            else:
                value = sum(cast(int, fig.value) for _, fig in found)  # counts: numbers in every period
            sub.figures[name] = Figure(name=name, indicator=ind.id, part=fig0.part, value=value, raw=value,
                                       sheet=fig0.sheet, cell=fig0.cell,
                                       parts=tuple((str(f.path), f.sha256, fig, f.submission.period) for f, fig in found))
    for f in used:
        sub.hotspots.update(f.submission.hotspots)  # in period order: the latest status stays
        for n in f.submission.new_hotspots:
            if fold(n.name) not in {fold(x.name) for x in sub.new_hotspots}:
                sub.new_hotspots.append(NewHotspot(row=len(sub.new_hotspots) + 1, name=n.name, address=n.address,
                                                   level=n.level, note=n.note, sheet=n.sheet, cell=n.cell))
    names = {f.submission.period: plan.known_period(f.submission.period).name for f in used}

    def joined(texts):
        return "\n".join(f"{names[p][:1].upper()}{names[p][1:]}: {t}" for p, t in texts if t)
    for key in sorted({k for f in used for k in f.submission.tasks}):
        text = joined((f.submission.period, f.submission.tasks[key].text) for f in used if key in f.submission.tasks)
        last = [f.submission.tasks[key] for f in used if key in f.submission.tasks][-1]
        status = next((f.submission.tasks[key].status for f in reversed(used)  # the latest status given
                       if key in f.submission.tasks and f.submission.tasks[key].status), None)
        sub.tasks[key] = TaskResult(key=key, text=text, sheet=last.sheet, cell=last.cell, status=status)
    for ind_id in sorted({k for f in used for k in f.submission.notes}):
        sub.notes[ind_id] = joined((f.submission.period, f.submission.notes.get(ind_id, "")) for f in used)
    for f in used:  # every period's rows, in time order; a row repeated word for word is kept once
        for x in f.submission.recommendations:
            if (x.addressee, x.text) not in {(y.addressee, y.text) for y in sub.recommendations}:
                sub.recommendations.append(Recommendation(x.addressee, x.text, x.sheet, x.cell, x.name,
                                                          origin=x.origin or (str(f.path), f.sha256)))
        for d in f.submission.difficulties:
            if d.text not in {y.text for y in sub.difficulties}:
                sub.difficulties.append(Difficulty(d.text, d.sheet, d.cell, d.name,
                                                   origin=d.origin or (str(f.path), f.sha256)))
    if gaps:
        latest.problems.append(Problem(
            file=str(latest.path), severity=Code.PERIOD_GAP.severity, code=Code.PERIOD_GAP, unit=code,
            message=msg.PERIOD_GAP.format(unit=unit.display, period=period.name,
                                          gaps=", ".join(plan.known_period(g).name for g in gaps))))
    return AcceptedFile(path=latest.path, size=sum(f.size for f in used), sha256="", mtime=latest.mtime,
                        read_at=latest.read_at, submission=sub, problems=[], unit=code,
                        covers=[f.submission.period for f in used], gaps=gaps)


def _order(plan: Plan):
    index = {u.code: i for i, u in enumerate(plan.units)}
    return lambda code: index.get(code, len(index))


def _in_plan_order(plan: Plan, accepted: dict):
    key = _order(plan)
    return sorted(accepted.items(), key=lambda kv: key(kv[0]))


def _source(f: AcceptedFile, sheet, cell, name, value) -> Source:
    return Source(unit=f.submission.unit, file=str(f.path), sha256=f.sha256, sheet=sheet, cell=cell, name=name, value=value)


def _item_source(f: AcceptedFile, x) -> Source:
    """A recommendation's or difficulty's source: its own file, or the monthly report it came from."""
    file, sha = x.origin or (str(f.path), f.sha256)
    return Source(unit=f.submission.unit, file=file, sha256=sha, sheet=x.sheet, cell=x.cell, name=x.name, value=x.text)


def _indicator(plan: Plan, period: Period, ind: Indicator, accepted: dict, expected: list[Unit],
               under: str | None = None) -> IndicatorResult:
    reporters = plan.reporters_of(ind) if under is None else frozenset(u.code for u in expected)
    r = IndicatorResult(indicator=ind, units_expected=[u.code for u in expected if u.code in reporters])
    leads = plan.leads_of(ind)
    for code, f in _in_plan_order(plan, accepted):
        if code not in reporters:
            continue
        if ind.rule == "lead_only" and code not in leads:
            continue
        sub = f.submission
        parts = {fig.part: fig for fig in sub.figures.values() if fig.indicator == ind.id}
        if ind.id in sub.notes:
            r.notes.append((code, sub.notes[ind.id]))
        if not parts:
            continue
        if ind.kind == "ratio" and not ("numerator" in parts and "denominator" in parts):
            continue
        r.units_reporting.append(code)
        r.by_unit[code] = {p: fig.value for p, fig in parts.items()}
        for fig in parts.values():
            if fig.parts:
                r.sources += [Source(unit=code, file=file, sha256=sha, sheet=p.sheet, cell=p.cell, name=p.name,
                                     value=p.value) for file, sha, p, _ in fig.parts]
            else:
                r.sources.append(_source(f, fig.sheet, fig.cell, fig.name, fig.value))
    values = r.by_unit.values()
    if ind.kind in ("count", "qualitative") and r.units_reporting:
        r.actual = sum(v["value"] for v in values)
    elif ind.kind == "ratio" and r.units_reporting:
        r.numerator = sum(v["numerator"] for v in values)
        r.denominator = sum(v["denominator"] for v in values)
        den = max(r.denominator, ind.base or 0)  # the plan's own count, where the returns add up to less
        r.actual = Fraction(100 * r.numerator, den) if den else None
    elif ind.kind == "yesno" and r.units_reporting:
        r.numerator = sum(1 for v in values if v["value"] == msg.YES)
        r.denominator = len(r.units_reporting)
        r.actual = Fraction(100 * r.numerator, r.denominator)
    _judge(plan, r, period, any_data=r.actual is not None)
    return r


def _judge(plan: Plan, r: IndicatorResult, period: Period, any_data: bool) -> None:
    """The status of a figure against its target (the rules are in `statuses`)."""
    ind = r.indicator
    if ind.kind == "qualitative" or ind.target is None:
        return
    if not any_data or r.actual is None:
        r.status = St.NO_DATA
        return
    if ind.target and ind.compare != "at_most":
        r.percent_of_target = Fraction(r.actual) * 100 / ind.target
    if r.units_expected and Fraction(len(r.units_reporting), len(r.units_expected)) < plan.judging.min_coverage:
        r.status = St.INSUFFICIENT
        return
    share = plan.year_share(period)
    final = share is None
    if ind.compare == "at_most":
        r.status = St.MET if r.actual <= ind.target else (St.NOT_MET if final else St.BEHIND)
        return
    if ind.judged_by_pace and not final and ind.target:
        r.pace = pace = share * 100
        ahead = pace + plan.judging.ahead_margin
        percent = r.percent_of_target
        assert percent is not None  # set above: a target, not "at most"
        if percent >= ahead:
            r.status = St.AHEAD
        elif percent >= pace:
            r.status = St.ON_PACE
        else:
            r.status = St.BEHIND
        return
    if r.actual > ind.target and ind.kind not in ("ratio", "yesno"):
        r.status = St.EXCEEDED
    elif r.actual > ind.target:  # a share above "at least 60%" meets its floor: "Đạt", as the sentence says
        r.status = St.MET
    elif r.actual == ind.target:
        r.status = St.MET
    else:
        r.status = St.NOT_MET if final else St.BEHIND


def _hotspot(h: Hotspot, f: AcceptedFile | None) -> HotspotResult:
    if f is None:
        return HotspotResult(hotspot=h, status=msg.HOTSPOT_NO_REPORT)
    rep = f.submission.hotspots.get(h.id)
    if rep is None:
        return HotspotResult(hotspot=h, status=msg.HOTSPOT_NO_STATUS)
    return HotspotResult(hotspot=h, status=rep.status, note=rep.note, reported=True,
                         source=_source(f, rep.sheet, rep.cell, names.hotspot_status(h), rep.status))


def _unit_statuses(plan, period, intake: Intake, accepted: dict, expected: list[Unit]) -> list[UnitStatus]:
    rejected: dict[str, RejectedFile] = {}
    for f in intake.rejected:
        if f.unit:
            rejected.setdefault(f.unit, f)
    out = []
    for u in expected:
        if u.code in accepted:
            f = accepted[u.code]
            when = f.submission.report_date or f.mtime.date()
            out.append(UnitStatus(unit=u, status=UnitState.SUBMITTED, file=f, report_date=f.submission.report_date,
                                  late=when > period.due, covers=list(f.covers), gaps=list(f.gaps)))
        elif u.code in rejected:
            out.append(UnitStatus(unit=u, status=UnitState.REJECTED, file=rejected[u.code]))
        else:
            out.append(UnitStatus(unit=u, status=UnitState.MISSING))
    return out
