"""Data problems as values: a Problem names the file, sheet and cell, and says what to do."""
from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
SEVERITY_VI = {ERROR: "Lỗi", WARNING: "Cảnh báo"}


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    message: str
    severity: str = ERROR
    sheet: str = ""
    cell: str = ""
    name: str = ""  # the defined name of the cell, where there is one
    code: str = ""  # a ProblemCode of the catalogue (problem_codes), e.g. "not_a_number"
    unit: str = ""

    def __post_init__(self):
        # Every code is one of the catalogue's: a code missing from it fails where it is made.
        from .problem_codes import ProblemCode
        if not isinstance(self.code, ProblemCode):
            object.__setattr__(self, "code", ProblemCode(self.code))

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def where(self) -> str:
        """'Chỉ tiêu'!E12 (CT_3_2), as a clerk would look for it."""
        out = f"'{self.sheet}'!{self.cell}" if self.sheet and self.cell else self.sheet
        if self.name:
            out = f"{out} ({self.name})" if out else self.name
        return out

    def to_dict(self) -> dict:
        return asdict(self)
