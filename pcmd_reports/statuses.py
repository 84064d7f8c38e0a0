"""How an indicator stands against its target: stable codes with Vietnamese labels.

The JSON carries the code (`behind`), the report and the workbook show the label
("Chậm tiến độ"). Which rule applies when:

- A count target is annual. In the year report it is "Đạt" / "Vượt" / "Chưa đạt"; in a
  6-month, quarterly or monthly report it is judged against the share of the year the
  period covers (6 months: 50%): behind, on pace or ahead of pace, never "Chưa đạt".
- A percentage target (100% of communes …) and a state (hotspots kept from re-emerging,
  no new hotspot) are judged as they stand, in every period; before the year ends a
  shortfall is "Chưa đạt" only in the year report and "Chậm tiến độ" before it.
- A figure that rests on the returns of fewer than half the units expected to report it
  is "Chưa đủ cơ sở đánh giá", whatever it shows.
"""
from __future__ import annotations

from enum import Enum


class IndicatorStatus(str, Enum):
    MET = "met"
    EXCEEDED = "exceeded"
    ON_PACE = "on_pace"
    AHEAD = "ahead"
    BEHIND = "behind"
    NOT_MET = "not_met"
    INSUFFICIENT = "insufficient"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def favourable(self) -> bool:
        """Met, exceeded, on pace or ahead: a strength of the period."""
        return self in (IndicatorStatus.MET, IndicatorStatus.EXCEEDED, IndicatorStatus.ON_PACE, IndicatorStatus.AHEAD)

    @property
    def shortfall(self) -> bool:
        return self in (IndicatorStatus.BEHIND, IndicatorStatus.NOT_MET)


LABELS = {
    IndicatorStatus.MET: "Đạt",
    IndicatorStatus.EXCEEDED: "Vượt",
    IndicatorStatus.ON_PACE: "Đúng tiến độ",
    IndicatorStatus.AHEAD: "Vượt tiến độ",
    IndicatorStatus.BEHIND: "Chậm tiến độ",
    IndicatorStatus.NOT_MET: "Chưa đạt",
    IndicatorStatus.INSUFFICIENT: "Chưa đủ cơ sở đánh giá",
    IndicatorStatus.NO_DATA: "Chưa có số liệu",
}


class UnitState(str, Enum):
    """Where a unit stands with its report for the period (a str: compares equal to its code)."""
    SUBMITTED = "submitted"
    MISSING = "missing"
    REJECTED = "rejected"  # its files could not be read (the JSON says "wrong_format" when none was a form)

    @property
    def label(self) -> str:
        from . import messages as msg
        return msg.UNIT_STATUS[self.value]


def label(code: str | None) -> str:
    """The Vietnamese label of a status code as the JSON carries it ('' for none)."""
    return IndicatorStatus(code).label if code else ""
