"""The plan as data: indicators, targets, units, hotspots, tasks and periods.

Everything here is read from a TOML file (the default ships in `plans/`); nothing about
a particular year or city is written in code.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from . import messages as msg
from .errors import PcmdError
from .tomlfile import read_toml

DEFAULT_PLAN = Path(__file__).parent / "plans" / "ha-noi-2024.toml"

KINDS = ("count", "ratio", "yesno", "qualitative", "hotspot")


class PlanError(PcmdError):
    """The plan file itself is unusable: the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Level:
    """A level of reporting, as the plan file gives it ([[levels]])."""
    code: str
    name: str  # as a sentence counts such units: "quận, huyện, thị xã"
    local: bool = False  # holds hotspots, reports monthly and quarterly, counts its own communes
    parent: str = ""  # reports to a unit of that level (which rolls its returns up), not to the consolidator
    column: str = ""  # the heading of a column naming such a unit: "Quận/ huyện"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: str  # the code of its level in the plan's [[levels]]
    local: bool = False  # of a local level (see Level.local)
    sub: bool = False  # reports to a parent unit, not to the consolidator (see Level.parent)
    short: str = ""
    body: str = ""
    group: str = ""
    section: str = ""
    kind: str = ""
    communes: int = 0
    frequent: bool = False
    note: str = ""
    district: str = ""  # for a unit that reports to a parent unit: the parent's code

    @property
    def display(self) -> str:
        """The reporting body as a letter would address it."""
        return self.body or self.name


@dataclass(frozen=True)
class Row:
    key: str
    stt: str
    text: str
    lead: str
    partners: str


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    kind: str
    reporters: tuple[str, ...]
    leads: tuple[str, ...] = ()
    row: str = ""
    target: int | None = None
    target_text: str = ""
    measure: str = ""
    compare: str = "at_least"
    rule: str = "sum"
    section: str = ""
    source: str = ""
    numerator_label: str = ""
    denominator_label: str = ""
    denominator_default: str = ""
    hotspot_rule: str = ""
    appendix: str = ""  # for a hotspot indicator: the appendix of hotspots it counts ("II")
    phrase: str = ""  # how the report states the figure: "kiểm tra {n} cơ sở …"
    judge: str = ""  # "pace" (an annual amount, judged against the share of the year) or "as_is"; default by kind
    over_time: str = "sum"  # how monthly/quarterly reports build a longer period: "sum" or "latest"
    commune_kind: str = ""  # asked of each commune too, as this kind ("yesno", "count")
    money: bool = False  # an amount in đồng: whole numbers, shown with thousands separators
    base: int | None = None  # a ratio's denominator as the plan itself counts it ("60% trong 2.937 cơ sở")

    @property
    def judged_by_pace(self) -> bool:
        """An annual amount, judged before the year ends against the share of the year elapsed."""
        return (self.judge or ("pace" if self.kind == "count" else "as_is")) == "pace"

    @property
    def supplementary(self) -> bool:
        return not self.row

    @property
    def name_id(self) -> str:
        """The id as it appears in defined names: dots become underscores."""
        return self.id.replace(".", "_")


@dataclass(frozen=True)
class Hotspot:
    appendix: str
    number: int
    group: str
    stt: int
    name: str
    district: str
    level: str
    note: str

    @property
    def id(self) -> str:
        return f"{self.appendix}.{self.number}"

    @property
    def name_id(self) -> str:
        return f"DIEM_{self.appendix}_{self.number}"


@dataclass(frozen=True)
class Period:
    code: str
    name: str
    kind: str  # half, year, quarter, month
    start: date
    end: date
    due: date
    reporters: str  # "all" or "frequent"


@dataclass(frozen=True)
class Choice:
    """One entry of a dropdown: the code the consolidation keeps, the label the form shows."""
    code: str
    label: str


@dataclass(frozen=True)
class Narratives:
    """What a unit says besides figures: task statuses, recommendations by addressee, difficulties."""
    task_statuses: tuple[Choice, ...] = ()
    addressees: tuple[Choice, ...] = ()
    default_addressee: str = ""
    recommendation_rows: int = 0
    difficulty_rows: int = 0

    @property
    def status_labels(self) -> list[str]:
        return [c.label for c in self.task_statuses]

    @property
    def addressee_labels(self) -> list[str]:
        return [c.label for c in self.addressees]

    def status_code(self, label: str) -> str | None:
        return next((c.code for c in self.task_statuses if c.label == label), None)

    def status_label(self, code: str | None) -> str:
        return next((c.label for c in self.task_statuses if c.code == code), "")

    def addressee_code(self, label: str) -> str | None:
        return next((c.code for c in self.addressees if c.label == label), None)

    def addressee_label(self, code: str | None) -> str:
        return next((c.label for c in self.addressees if c.code == code), "")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the report's body: a lead, then the phrase of each figure."""
    figures: tuple[str, ...]
    lead: str = ""
    join: str = "; "
    leaders: str = ""  # name the units with the largest figure of this indicator


@dataclass(frozen=True)
class Area:
    """One numbered part of the report's results: a work area of the plan (its section)."""
    section: str
    heading: str
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Outline:
    """Which figures each part of the report's body states (plan file, [report])."""
    situation: tuple[Sentence, ...] = ()
    leadership: tuple[Sentence, ...] = ()
    areas: tuple[Area, ...] = ()

    @property
    def placed(self) -> set[str]:
        """The indicators some sentence states."""
        sentences = self.situation + self.leadership + tuple(x for a in self.areas for x in a.sentences)
        return {f for x in sentences for f in x.figures}


def _sentences(items, where: str) -> tuple[Sentence, ...]:
    if isinstance(items, dict):
        items = [items]
    out = []
    for x in items or []:
        unknown = set(x) - {"figures", "lead", "join", "leaders"}
        if unknown:
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=where, key=", ".join(sorted(unknown)), value="?"))
        out.append(Sentence(figures=tuple(str(f) for f in _need(x, "figures", where)), lead=x.get("lead", ""),
                            join=x.get("join", "; "), leaders=str(x.get("leaders", ""))))
    return tuple(out)


def _outline(report: dict) -> Outline:
    areas = tuple(Area(section=str(_need(a, "section", "report.areas")), heading=_need(a, "heading", "report.areas"),
                       sentences=_sentences(a.get("sentences", []), "report.areas"))
                  for a in report.get("areas", []))
    return Outline(situation=_sentences(report.get("situation", []), "report.situation"),
                   leadership=_sentences(report.get("leadership", []), "report.leadership"), areas=areas)


def _given(cls, raw: dict) -> dict:
    """The keys of a plan section that are fields of `cls`, lists as tuples: what the file gives;
    the class's field defaults stand for the rest."""
    names = {f.name for f in fields(cls)}
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items() if k in names}


@dataclass(frozen=True)
class ReportSettings:
    """The consolidated report's particulars (plan file, [report]); the office's settings file
    overrides the signer (`settings.Settings.applied_to`). The outline of its body is `Plan.outline`."""
    subject: str = ""  # the report's subject; not given: the plan's title
    recipient: str = ""  # "Kính gửi"
    addressee: str = ""  # how the closing sentence names the recipient; not given: `recipient`
    reported_to: str = ""  # where the consolidated results go (the reminder); not given or blank: `addressee` as given
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()  # "Nơi nhận"

    @classmethod
    def from_toml(cls, raw: dict, plan_title: str) -> ReportSettings:
        given = cls(**_given(cls, raw))
        return replace(given, subject=given.subject if "subject" in raw else plan_title,
                       addressee=given.addressee if "addressee" in raw else given.recipient,
                       reported_to=given.reported_to or given.addressee)


@dataclass(frozen=True)
class Consolidator:
    """The agency that collects the reports (plan file, [consolidator])."""
    unit: str = ""  # its own code among the plan's units, when it reports too
    agency: str = ""
    letterhead_parent: tuple[str, ...] = ()  # not given or empty: `agency_upper_body` in capitals
    letterhead_agency: tuple[str, ...] = ()  # not given or empty: `agency` in capitals
    aliases: tuple[str, ...] = ()  # other names a recommendation may give it
    agency_upper_body: str = ""  # not given: the plan's issuer
    office: str = ""
    address: str = ""
    email: str = ""
    report_code: str = "BC"  # the report's number suffix: "…/BC-SLĐTBXH"
    letter_code: str = ""  # the reminder's number suffix

    @classmethod
    def from_toml(cls, raw: dict, issuer: str) -> Consolidator:
        given = cls(**_given(cls, raw))
        upper_body = given.agency_upper_body if "agency_upper_body" in raw else issuer
        return replace(given, agency_upper_body=upper_body,
                       letterhead_parent=given.letterhead_parent or (upper_body.upper(),),
                       letterhead_agency=given.letterhead_agency or (given.agency.upper(),))


@dataclass(frozen=True)
class Judging:
    """How a figure is judged against its target (plan file, [judging]), as exact fractions."""
    ahead_margin: Fraction = Fraction(10)  # percentage points above the pace share: "vượt tiến độ"
    min_coverage: Fraction = Fraction(1, 2)  # the share of expected units below which a figure is not judged

    @classmethod
    def from_toml(cls, raw: dict) -> Judging:
        return cls(**{k: Fraction(str(v)) for k, v in _given(cls, raw).items()})  # 0.1 as 1/10, not the float


@dataclass(frozen=True)
class HotspotStatuses:
    """A hotspot's possible statuses (plan file, [hotspot_statuses]): each appendix's dropdown
    (`appendix_II = […]`), which ones count, and the rows for new hotspots."""
    appendices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # appendix ("II") -> its statuses
    eliminated: str = ""  # counts towards the "eliminated" indicator
    reemerged: str = ""  # breaks the "maintained" indicator
    new_levels: tuple[str, ...] = ()  # the levels a new hotspot may be given
    new_rows: int = 5  # rows for new hotspots in the form
    quiet: str = "Không hoạt động"  # a kept hotspot still quiet (the plan file has no key for it)

    def for_appendix(self, appendix: str) -> list[str]:
        """The statuses the form offers for a hotspot of `appendix` (the file's `appendix_<appendix>`)."""
        return list(self.appendices.get(appendix, ()))

    @classmethod
    def from_toml(cls, raw: dict) -> HotspotStatuses:
        prefix = "appendix_"
        return cls(appendices={k[len(prefix):]: tuple(v) for k, v in raw.items() if k.startswith(prefix)},
                   **_given(cls, raw))


@dataclass(frozen=True)
class Task:
    section: str
    number: int  # 1-based within the section
    text: str

    @property
    def key(self) -> str:
        return f"{self.section}.{self.number}"


@dataclass(frozen=True)
class Section:
    no: str
    title: str
    intro: str
    units: tuple[str, ...]
    tasks: tuple[Task, ...]
    task_units: dict = field(default_factory=dict)


@dataclass
class Plan:
    path: Path
    id: str
    year: int
    issuer: str
    title: str
    subject: str
    number: str
    date: date | None
    place: str
    issuer_ref: str
    tasks_part: str  # the part of the plan that assigns each unit its tasks ("IV": "nhiệm vụ IV.23.1"); may be ""
    report: ReportSettings
    consolidator: Consolidator
    units: list[Unit]
    rows: list[Row]
    indicators: list[Indicator]
    hotspots: list[Hotspot]
    periods: list[Period]
    sections: list[Section]
    section_titles: dict
    appendices: dict
    hotspot_statuses: HotspotStatuses
    unit_groups: dict
    communes: list = field(default_factory=list)  # units that report to a parent unit ([communes])
    levels: list = field(default_factory=list)
    judging: Judging = field(default_factory=Judging)
    outline: Outline = field(default_factory=Outline)
    narratives: Narratives = field(default_factory=Narratives)

    # -- look-ups -------------------------------------------------------------------
    def unit(self, code: str) -> Unit | None:
        return self._units_by_code.get(code) or self._communes_by_code.get(code)

    def communes_of(self, district_code: str) -> list[Unit]:
        return [c for c in self.communes if c.district == district_code]

    def period(self, code: str) -> Period | None:
        return next((p for p in self.periods if p.code == code), None)

    def known_unit(self, code: str) -> Unit:
        """The unit of a code known to be in the plan (read from it, or from an accepted return)."""
        u = self.unit(code)
        if u is None:
            raise KeyError(code)
        return u

    def known_period(self, code: str) -> Period:
        """The period of a code known to be in the plan (read from it, or from an accepted return)."""
        p = self.period(code)
        if p is None:
            raise KeyError(code)
        return p

    def year_of(self, period: Period) -> Period | None:
        """The year period that contains `period` (itself for a year)."""
        return next((p for p in self.periods if p.kind == "year" and p.start <= period.start and period.end <= p.end), None)

    def year_share(self, period: Period):
        """The share of the year a period's figures cover (6 months: 1/2); None for the year itself.

        Counted in whole months from the period's dates, so the plan's data windows
        (15th to 14th) give 6/12 for a half year.
        """
        from fractions import Fraction
        year = self.year_of(period)
        if year is None or period.kind == "year":
            return None
        months = lambda p: max(round(((p.end - p.start).days + 1) / 30.4375), 1)  # noqa: E731
        return Fraction(months(period), months(year))

    def indicator(self, ind_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == ind_id), None)

    def task_ref(self, key: str) -> str:
        """How a report refers to a task: "IV.23.1" (the plan's tasks part, then the task's key)."""
        return f"{self.tasks_part}.{key}" if self.tasks_part else key

    @property
    def tasks_where(self) -> str:
        """Where the plan assigns the tasks, as a sentence says it: "tại mục IV của Kế hoạch"."""
        return msg.TASKS_WHERE.format(part=self.tasks_part) if self.tasks_part else msg.TASKS_WHERE_NONE

    def known_indicator(self, ind_id: str) -> Indicator:
        """The indicator of an id known to be in the plan (read from an accepted return)."""
        i = self.indicator(ind_id)
        if i is None:
            raise KeyError(ind_id)
        return i

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    def parent_row(self, ind: Indicator) -> Row | None:
        """The row of Phụ lục I above an indicator's own row ("3" above "3.2"), where it has one."""
        return self.row(ind.row.rsplit(".", 1)[0]) if "." in ind.row else None

    def sharing_row(self, ind: Indicator) -> int:
        """How many indicators share this indicator's row of Phụ lục I (4.1 and 4.2 share row "4")."""
        return sum(1 for i in self.indicators if ind.row and i.row == ind.row)

    @property
    def hotspot_appendices(self) -> list[str]:
        """The appendices of hotspots, in the plan's order ("II", "III")."""
        return list(dict.fromkeys(h.appendix for h in self.hotspots))

    @property
    def appendices_to_keep(self) -> set[str]:
        """The appendices of hotspots already eliminated, to be kept from re-emerging."""
        return {a for a in self.hotspot_appendices if self.hotspot_rule_of(a) == "maintained"}

    def hotspot_rule_of(self, appendix: str) -> str:
        """What the plan asks of an appendix's hotspots: "eliminated" or "maintained" (from its indicators)."""
        return next((i.hotspot_rule for i in self.indicators if i.kind == "hotspot" and i.appendix == appendix), "")

    def level(self, code: str) -> Level | None:
        return next((lv for lv in self.levels if lv.code == code), None)

    @property
    def local_level(self) -> Level | None:
        """The level whose units hold the hotspots and count their own communes."""
        return next((lv for lv in self.levels if lv.local), None)

    @property
    def local_units(self) -> list[Unit]:
        """The units of the local level that report to the consolidator (30 districts in 2024)."""
        return [u for u in self.units if u.local]

    def expected_units(self, period: Period, under: str | None = None) -> list[Unit]:
        """The units whose returns the period's consolidation awaits; with `under`, the units
        that report to that unit instead of to the consolidator (a district's communes)."""
        if under is not None:
            return self.communes_of(under)
        if period.reporters == "all":
            return list(self.units)
        return [u for u in self.units if u.frequent or u.local]

    def _expand(self, tokens) -> frozenset[str]:
        key = tuple(tokens)
        if key not in self._expanded:
            self._expanded[key] = frozenset(self._expand_uncached(key))
        return self._expanded[key]

    def _expand_uncached(self, tokens) -> set[str]:
        codes: set[str] = set()
        for t in tokens:
            if t == "@all":
                codes |= {u.code for u in self.units}
            elif t.startswith("@"):  # "@district": every unit of that level
                codes |= {u.code for u in self.units if u.level == t[1:]}
            else:
                codes.add(t)
        return codes

    def reporters_of(self, ind: Indicator) -> frozenset[str]:
        return self._expand(ind.reporters)

    def leads_of(self, ind: Indicator) -> frozenset[str]:
        return self._expand(ind.leads)

    def indicators_for(self, unit: Unit) -> list[Indicator]:
        """The indicators a unit types figures for, in plan order (hotspots excluded).

        A commune is asked its part of the commune-level indicators, each as its commune kind.
        """
        if unit.sub:
            return [replace(i, kind=i.commune_kind, leads=(), measure=msg.YES_NO if i.commune_kind == "yesno" else i.measure)
                    for i in self.indicators if i.commune_kind]
        return [i for i in self.indicators if i.kind != "hotspot" and unit.code in self.reporters_of(i)]

    def indicators_asked(self, under: str | None = None) -> list[Indicator]:
        """The indicators a consolidation totals: the plan's own; with `under`, what the units
        reporting to that unit are asked, each as their kind (`indicators_for`)."""
        if under is None:
            return self.indicators
        subs = self.communes_of(under)
        return self.indicators_for(subs[0]) if subs else []

    def hotspots_of(self, unit: Unit) -> list[Hotspot]:
        return [h for h in self.hotspots if h.district == unit.code]

    def tasks_for(self, unit: Unit) -> list[Task]:
        out = []
        for s in self.sections:
            if unit.code not in self._expand(s.units):
                continue
            for t in s.tasks:
                only = s.task_units.get(str(t.number))
                if only is None or unit.code in only:
                    out.append(t)
        return out

    def section_of(self, unit: Unit) -> Section | None:
        return next((s for s in self.sections if unit.code in self._expand(s.units)), None)

    def __post_init__(self):
        self._units_by_code = {u.code: u for u in self.units}
        self._communes_by_code = {c.code: c for c in self.communes}
        self._expanded: dict[tuple, frozenset[str]] = {}


def _need(d: dict, key: str, where: str):
    if key not in d:
        raise PlanError(msg.PLAN_MISSING_KEY.format(key=key, where=where))
    return d[key]


def load_plan(path: str | Path | None = None) -> Plan:
    """Load and check a plan file; raise PlanError with a Vietnamese message if unusable."""
    path = Path(path) if path else DEFAULT_PLAN
    try:
        text, raw = read_toml(path, PlanError, msg.PLAN_UNREADABLE)
    except FileNotFoundError:
        raise PlanError(msg.PLAN_NOT_FOUND.format(path=path)) from None
    from . import plan_schema
    problems = plan_schema.check(raw, text, path)
    if problems:
        more = [msg.PLAN_PROBLEMS_MORE.format(n=len(problems) - 10)] if len(problems) > 10 else []
        raise PlanError("\n".join(problems[:10] + more))
    try:
        return _build(path, raw)
    except (TypeError, ValueError) as e:
        raise PlanError(msg.PLAN_UNREADABLE.format(path=path, error=e)) from None


def _build(path: Path, raw: dict) -> Plan:
    p = _need(raw, "plan", "tệp kế hoạch")
    levels = [Level(code=str(x["code"]), name=x["name"], local=bool(x.get("local", False)),
                    parent=str(x.get("parent", "")), column=x.get("column", "")) for x in raw.get("levels", [])]
    by_level = {lv.code: lv for lv in levels}
    units = []
    for u in _need(raw, "units", "tệp kế hoạch"):
        level = _need(u, "level", "units")
        lv = by_level.get(level)
        if lv is None:
            raise PlanError(msg.PLAN_BAD_REF.format(where=f"đơn vị {u.get('code', '?')}", key="level", value=level))
        units.append(Unit(
            code=str(_need(u, "code", "units")), name=_need(u, "name", "units"), level=level, local=lv.local,
            short=u.get("short", ""), body=u.get("body", ""), group=u.get("group", level if lv.local else ""),
            section=str(u.get("section", "")), kind=u.get("kind", ""),
            communes=int(u.get("communes", 0)),
            frequent=bool(u.get("frequent", lv.local)), note=u.get("note", ""),
        ))
    sub_level = next((lv for lv in levels if lv.parent), None)
    rows = [Row(key=r["key"], stt=r["stt"], text=r["text"], lead=r.get("lead", ""),
                partners=r.get("partners", "")) for r in raw.get("appendix1", [])]
    indicators = []
    for i in _need(raw, "indicators", "tệp kế hoạch"):
        indicators.append(Indicator(
            id=str(_need(i, "id", "indicators")), label=_need(i, "label", "indicators"),
            kind=_need(i, "kind", "indicators"), reporters=tuple(i.get("reporters", ())),
            leads=tuple(i.get("leads", ())), row=i.get("row", ""), target=i.get("target"),
            target_text=i.get("target_text", ""), measure=i.get("measure", ""),
            compare=i.get("compare", "at_least"), rule=i.get("rule", "sum"),
            section=i.get("section", ""), source=i.get("source", ""),
            numerator_label=i.get("numerator_label", ""),
            denominator_label=i.get("denominator_label", ""),
            denominator_default=i.get("denominator_default", ""),
            hotspot_rule=i.get("hotspot_rule", ""), judge=i.get("judge", ""), phrase=i.get("phrase", ""), appendix=str(i.get("appendix", "")), over_time=i.get("over_time", "sum"),
            commune_kind=i.get("commune_kind", ""), money=bool(i.get("money", False)), base=i.get("base"),
        ))
    hotspots = [Hotspot(appendix=h["appendix"], number=int(h["number"]), group=h["group"],
                        stt=int(h["stt"]), name=h["name"], district=str(h["district"]),
                        level=h.get("level", ""), note=h.get("note", ""))
                for h in raw.get("hotspots", [])]
    periods = [Period(code=str(x["code"]), name=x["name"], kind=x["kind"], start=x["start"],
                      end=x["end"], due=x["due"], reporters=x.get("reporters", "all"))
               for x in _need(raw, "periods", "tệp kế hoạch")]
    sections = []
    for s in raw.get("sections", []):
        no = str(s["no"])
        tasks = tuple(Task(section=no, number=n, text=t) for n, t in enumerate(s.get("tasks", []), 1))
        sections.append(Section(no=no, title=s["title"], intro=s.get("intro", ""),
                                units=tuple(s.get("units", ())), tasks=tasks,
                                task_units=dict(s.get("task_units", {}))))
    plan = Plan(
        path=path, id=str(_need(p, "id", "plan")), year=int(_need(p, "year", "plan")),
        issuer=p.get("issuer", ""),
        title=_need(p, "title", "plan"), subject=p.get("subject", ""),
        number=p.get("number", ""), date=p.get("date"), place=p.get("place", ""),
        issuer_ref=p.get("issuer_ref", p.get("issuer", "")), tasks_part=p.get("tasks_part", ""),
        report=ReportSettings.from_toml(raw.get("report", {}), _need(p, "title", "plan")),
        consolidator=Consolidator.from_toml(raw.get("consolidator", {}), p.get("issuer", "")),
        units=units, rows=rows, indicators=indicators, hotspots=hotspots, periods=periods,
        sections=sections, section_titles=dict(raw.get("sections_ii", {})),
        appendices=dict(raw.get("appendices", {})),
        hotspot_statuses=HotspotStatuses.from_toml(raw.get("hotspot_statuses", {})),
        unit_groups=dict(raw.get("unit_groups", {})),
        judging=Judging.from_toml(raw.get("judging", {})),
        outline=_outline(raw.get("report", {})),
        communes=[_commune(code, row, units, sub_level) for code, rows in raw.get("communes", {}).items()
                  for row in rows],
        levels=levels,
        narratives=_narratives(raw.get("narratives")),
    )
    _check(plan)
    return plan


def _narratives(raw) -> Narratives:
    """The [narratives] section: dropdown choices and row counts, each checked."""
    where = "narratives"
    if not isinstance(raw, dict):
        raise PlanError(msg.PLAN_MISSING_KEY.format(key="narratives", where="tệp kế hoạch"))

    def choices(key):
        out = []
        for entry in _need(raw, key, where):
            if not isinstance(entry, dict) or not entry.get("code") or not entry.get("label"):
                raise PlanError(msg.PLAN_NARRATIVE_CHOICE.format(key=key, value=entry))
            out.append(Choice(code=str(entry["code"]), label=str(entry["label"])))
        if not out:
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=where, key=key, value="[]"))
        for attr in ("code", "label"):
            seen = [getattr(c, attr) for c in out]
            dup = next((x for x in seen if seen.count(x) > 1), None)
            if dup is not None:
                raise PlanError(msg.PLAN_DUPLICATE.format(what=f"lựa chọn trong {where}.{key}", key=dup))
        return tuple(out)

    def rows(key):
        value = _need(raw, key, where)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 50:
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=where, key=key, value=value))
        return value

    n = Narratives(task_statuses=choices("task_statuses"), addressees=choices("addressees"),
                   default_addressee=str(_need(raw, "default_addressee", where)),
                   recommendation_rows=rows("recommendation_rows"), difficulty_rows=rows("difficulty_rows"))
    if n.addressee_label(n.default_addressee) == "":
        raise PlanError(msg.PLAN_BAD_REF.format(where=where, key="default_addressee", value=n.default_addressee))
    return n


def _commune(district_code: str, row, units: list[Unit], level: Level | None) -> Unit:
    """A unit of the [communes] table: it reports to its parent unit (the plan's level with a parent)."""
    if level is None:
        raise PlanError(msg.PLAN_NO_SUB_LEVEL)
    code, name = str(row[0]), str(row[1])
    district = next((u for u in units if u.code == district_code), None)
    kind = name.split(" ")[0].lower() if not name.lower().startswith("thị trấn") else "thị trấn"
    return Unit(code=code, name=name, level=level.code, sub=True, body="Ủy ban nhân dân " + name[0].lower() + name[1:],
                group=district_code, kind=kind, district=district_code if district else f"?{district_code}")


def _check(plan: Plan) -> None:
    """Cross-references inside the plan file must hold; say which one does not."""
    seen = set()
    for u in plan.units:
        if u.code in seen:
            raise PlanError(msg.PLAN_DUPLICATE.format(what="đơn vị", key=u.code))
        seen.add(u.code)
    ids = set()
    for i in plan.indicators:
        if i.id in ids:
            raise PlanError(msg.PLAN_DUPLICATE.format(what="chỉ tiêu", key=i.id))
        ids.add(i.id)
        if i.kind not in KINDS:
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=f"chỉ tiêu {i.id}", key="kind", value=i.kind))
        if i.base is not None and (i.kind != "ratio" or i.base <= 0):
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=f"chỉ tiêu {i.id}", key="base", value=i.base))
        if i.commune_kind not in ("", "yesno", "count"):
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=f"chỉ tiêu {i.id}", key="commune_kind", value=i.commune_kind))
        if i.judge not in ("", "pace", "as_is"):
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=f"chỉ tiêu {i.id}", key="judge", value=i.judge))
        if i.over_time not in ("sum", "latest"):
            raise PlanError(msg.PLAN_BAD_VALUE.format(where=f"chỉ tiêu {i.id}", key="over_time", value=i.over_time))
        if i.row and plan.row(i.row) is None:
            raise PlanError(msg.PLAN_BAD_REF.format(where=f"chỉ tiêu {i.id}", key="row", value=i.row))
        for code in plan._expand(i.reporters) | plan._expand(i.leads):
            if code not in seen:
                raise PlanError(msg.PLAN_BAD_REF.format(where=f"chỉ tiêu {i.id}", key="reporters", value=code))
    for h in plan.hotspots:
        hu = plan.unit(h.district)
        if hu is None or not hu.local:
            raise PlanError(msg.PLAN_BAD_REF.format(where=f"điểm {h.id}", key="district", value=h.district))
    for s in plan.sections:
        for code in plan._expand(s.units):
            if code not in seen:
                raise PlanError(msg.PLAN_BAD_REF.format(where=f"mục {plan.task_ref(s.no)}", key="units", value=code))
    for c in plan.communes:
        district = plan.unit(c.district)
        if district is None or not district.local:
            raise PlanError(msg.PLAN_BAD_REF.format(where=f"xã {c.code}", key="district", value=c.district.lstrip("?")))
        if c.code in seen:
            raise PlanError(msg.PLAN_DUPLICATE.format(what="đơn vị", key=c.code))
    for ind_id in plan.outline.placed | {x.leaders for a in plan.outline.areas for x in a.sentences if x.leaders}:
        if ind_id not in ids:
            raise PlanError(msg.PLAN_BAD_REF.format(where="report", key="figures", value=ind_id))
    if plan.consolidator.unit and plan.consolidator.unit not in seen:
        raise PlanError(msg.PLAN_BAD_REF.format(where="consolidator", key="unit", value=plan.consolidator.unit))
