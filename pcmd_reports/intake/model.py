"""What reading returns gives: a Submission with its Figures; for each file either an
AcceptedFile (which carries its Submission) or a RejectedFile (which carries why), the two
sharing the FileFacts of any file; the Intake of a folder; and the two internal signals a
reader raises."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from ..plan import Period
from ..problem_codes import ProblemCode as Code
from ..problems import Problem


@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class Figure:
    """One figure a unit typed, accepted, with where it came from."""
    name: str
    indicator: str
    part: str  # value, numerator, denominator
    value: int | str
    raw: object  # what was typed, where it differs from the value ("2.460", "120 người"); else None
    sheet: str
    cell: str
    parts: tuple = ()  # for a figure built from several periods' reports: (file, sha256, Figure, period)


@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class HotspotReport:
    id: str
    status: str
    note: str
    sheet: str
    cell: str


@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class NewHotspot:
    row: int
    name: str
    address: str
    level: str
    note: str
    sheet: str
    cell: str


@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class TaskResult:
    key: str
    text: str
    sheet: str
    cell: str  # the result's cell
    status: str | None = None  # a status code of the plan's narratives; None: blank, not reported


@dataclass(slots=True)
class Recommendation:
    """One recommendation row: to whom (an addressee code of the plan) and what."""
    addressee: str
    text: str
    sheet: str
    cell: str  # the text's cell
    name: str
    origin: tuple = ()  # (file, sha256) when carried into a period built from monthly/quarterly reports


@dataclass(slots=True)
class Difficulty:
    text: str
    sheet: str
    cell: str
    name: str
    origin: tuple = ()  # (file, sha256) when carried into a period built from monthly/quarterly reports


@dataclass
class Submission:
    path: Path
    plan: str
    period: str
    unit: str
    template_version: str
    report_date: date | None = None
    contact: str = ""
    phone: str = ""
    figures: dict[str, Figure] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    hotspots: dict[str, HotspotReport] = field(default_factory=dict)
    new_hotspots: list[NewHotspot] = field(default_factory=list)
    tasks: dict[str, TaskResult] = field(default_factory=dict)
    recommendations: list[Recommendation] = field(default_factory=list)
    difficulties: list[Difficulty] = field(default_factory=list)

    def value(self, indicator_id: str, part: str = "value"):
        for f in self.figures.values():
            if f.indicator == indicator_id and f.part == part:
                return f.value
        return None


@dataclass(kw_only=True)
class FileFacts:
    """What is known of any file read: where, how big, its hash, and the Problems found."""
    path: Path
    size: int
    sha256: str
    mtime: datetime
    read_at: datetime
    problems: list[Problem] = field(default_factory=list)
    unit: str = ""  # from _meta: set for every read submission, and for some rejected files

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def _facts(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(FileFacts)}


@dataclass(kw_only=True)
class AcceptedFile(FileFacts):
    """A file read as a form of the plan: its Submission counts, unless a later file of the
    same unit and period supersedes it."""
    submission: Submission
    superseded_by: Path | None = None
    covers: list = field(default_factory=list)  # built from monthly/quarterly reports: the period codes they cover
    gaps: list = field(default_factory=list)  # and the period codes missing inside the window
    rejected: ClassVar[bool] = False

    @classmethod
    def of(cls, facts: FileFacts, submission: Submission) -> AcceptedFile:
        return cls(**facts._facts(), submission=submission)


@dataclass(kw_only=True)
class RejectedFile(FileFacts):
    """A file that could not be read as a form: its first Problem says why; nothing of it counts."""
    rejected: ClassVar[bool] = True

    @classmethod
    def of(cls, facts: FileFacts) -> RejectedFile:
        return cls(**facts._facts())


FileResult = AcceptedFile | RejectedFile  # what reading one file gives


def inside(part: Period, whole: Period) -> bool:
    """A monthly or quarterly report whose data window lies inside a 6-month or year window:
    it can build that period's figures for a unit that sent no report of its own for it."""
    return (part.kind in ("month", "quarter") and whole.kind in ("half", "year")
            and whole.start <= part.start and part.end <= whole.end)


class _NeedsChild(Exception):
    """Internal: this file needs python-calamine, native code that can abort the process on a
    crafted file; it is read in a child process of its own (`_read_in_child`)."""


class _Rejected(Exception):
    """Internal: this file cannot be read at all; carries the Vietnamese reason."""

    def __init__(self, message: str, code: Code):
        super().__init__(message)
        self.message, self.code = message, code


@dataclass
class Intake:
    """Every file read, each submission that counts, and what did not."""
    files: list[FileResult]

    @property
    def accepted(self) -> list[AcceptedFile]:
        return [f for f in self.files if isinstance(f, AcceptedFile) and f.superseded_by is None]

    @property
    def submissions(self) -> list[Submission]:
        return [f.submission for f in self.accepted]

    @property
    def rejected(self) -> list[RejectedFile]:
        return [f for f in self.files if isinstance(f, RejectedFile)]

    @property
    def superseded(self) -> list[AcceptedFile]:
        return [f for f in self.files if isinstance(f, AcceptedFile) and f.superseded_by is not None]

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    def files_with_errors(self) -> dict[str, list[FileResult]]:
        """Unit code -> its files (not superseded) that have errors: who must send again."""
        out: dict[str, list[FileResult]] = {}
        for f in self.files:
            if f.unit and f.errors and not (isinstance(f, AcceptedFile) and f.superseded_by is not None):
                out.setdefault(f.unit, []).append(f)
        return out
