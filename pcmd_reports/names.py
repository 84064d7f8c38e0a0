"""The defined names of a form's input cells: the contract between `forms` and `intake`."""
from __future__ import annotations

UNIT_NAME = "TT_DON_VI"
CONTACT = "TT_NGUOI_LAP"
PHONE = "TT_DIEN_THOAI"
REPORT_DATE = "TT_NGAY_BAO_CAO"
DIFFICULTIES = "KHO_KHAN"  # forms before 2024.2: all difficulties in one cell
RECOMMENDATIONS = "DE_XUAT"  # forms before 2024.2: all recommendations in one cell

CELL_PREFIX = "cell:"  # _meta rows recording the template's layout: cell:CT_3_2 -> 'Chỉ tiêu'!$E$7

LIST_YESNO = "DS_CO_KHONG"
LIST_LEVELS = "DS_MUC_DO"
LIST_TASK_STATUS = "DS_TINH_TRANG_NV"
LIST_ADDRESSEES = "DS_NOI_NHAN_KN"


def value(ind) -> str:
    """A count, a yes/no, or the item count of a qualitative indicator: CT_3_2."""
    return f"CT_{ind.name_id}"


def numerator(ind) -> str:
    return f"CT_{ind.name_id}_TS"


def denominator(ind) -> str:
    return f"CT_{ind.name_id}_MS"


def note(ind) -> str:
    return f"GC_{ind.name_id}"


def hotspot_statuses(appendix: str) -> str:
    """The dropdown list of an appendix's hotspot statuses: DS_TINH_TRANG_II."""
    return f"DS_TINH_TRANG_{appendix}"


def hotspot_status(h) -> str:
    return h.name_id


def hotspot_note(h) -> str:
    return f"{h.name_id}_GC"


def new_hotspot(k: int, field: str) -> str:
    """field: TEN (name), DIACHI (address), MUCDO (level), GC (note)."""
    return f"DIEM_MOI_{k}_{field}"


def task(t) -> str:
    return f"NV_{t.section}_{t.number}"


def task_status(t) -> str:
    """The status dropdown beside a task's result: NV_23_1_TT."""
    return f"NV_{t.section}_{t.number}_TT"


def recommendation_addressee(n: int) -> str:
    return f"KN_{n}_NOI"


def recommendation_text(n: int) -> str:
    return f"KN_{n}_ND"


def difficulty(n: int) -> str:
    return f"KK_{n}"
