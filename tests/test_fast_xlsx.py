"""The fast .xlsx reader against python-calamine: the same Submissions and Problems for every
fixture, the demo returns and files built to hit the fast reader's rarer branches
(booleans, ISO dates, error cells, the 1904 date system). PCMD_NO_FAST_XLSX=1 turns it off."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from filling import make_filled
from pcmd_reports.demo import make_demo
from pcmd_reports.intake import find_files, read_file
from pcmd_reports.intake.readers import NO_FAST_XLSX, fast_xlsx

DATA = Path(__file__).parent / "data"


def contents(result) -> dict:
    """What reading gave, without the time it was read at."""
    out = dataclasses.asdict(result)
    out.pop("read_at")
    return out


def both_ways(path, plan, period, monkeypatch):
    monkeypatch.delenv(NO_FAST_XLSX, raising=False)
    assert fast_xlsx()
    fast = read_file(path, plan, period)
    monkeypatch.setenv(NO_FAST_XLSX, "1")
    assert not fast_xlsx()
    slow = read_file(path, plan, period)
    monkeypatch.delenv(NO_FAST_XLSX)
    return contents(fast), contents(slow)


def assert_same(paths, plan, period, monkeypatch):
    for path in paths:
        fast, slow = both_ways(path, plan, period, monkeypatch)
        assert fast == slow, (path, diff(fast, slow))


def diff(a, b, where=""):
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in a.keys() | b.keys() for d in diff(a.get(k), b.get(k), f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for k, (x, y) in enumerate(zip(a, b)) for d in diff(x, y, f"{where}[{k}]")]
    return [] if a == b and type(a) is type(b) else [(where, a, b)]


def test_fixtures_read_alike_fast_and_through_calamine(plan, monkeypatch):
    files = sorted(DATA.glob("*.xls*")) + sorted(DATA.glob("*.ods"))
    assert len(files) >= 4
    assert_same(files, plan, None, monkeypatch)


def test_demo_returns_read_alike_fast_and_through_calamine(tmp_path, plan, h1, monkeypatch):
    make_demo(plan, h1, tmp_path / "inputs")
    files = find_files([tmp_path / "inputs"])
    assert len(files) > 40
    assert_same(files, plan, h1, monkeypatch)


def task_name(wb) -> str:
    return next(n for n in wb.defined_names if n.startswith("NV_") and not n.endswith("_TT"))


def odd_cells(wb):
    from filling import cell_of
    cell_of(wb, task_name(wb)).value = True  # a boolean where text is expected
    wb["_meta"]["C1"].value = False  # a boolean no one reads


CASES = {
    "booleans": ({"CT_2": True, "CT_7_1": False, "CT_11_1": 12.0}, odd_cells),
    "iso_dates": ({"CT_2": datetime(2024, 3, 5), "TT_NGAY_BAO_CAO": date(2024, 6, 10)},
                  lambda wb: setattr(wb, "iso_dates", True)),
    "error_cells": ({"CT_2": "#DIV/0!", "CT_7_1": "#REF!", "CT_11_1": "#N/A", "CT_6_TS": "#VALUE!"}, None),
    "date_1904": ({"CT_2": 7, "CT_7_1": datetime(2024, 1, 2, 12, 0), "TT_NGAY_BAO_CAO": date(2024, 6, 12)},
                  lambda wb: setattr(wb, "epoch", CALENDAR_MAC_1904)),
    "numbers": ({"CT_2": 2.5, "CT_7_1": 1e308, "CT_11_1": "2.460", "CT_6_TS": 3, "CT_6_MS": 2}, None),
    # Found by this test: the fast reader gave a datetime for every serial shown as a date, where
    # calamine gives a time of day, a duration or a date, and it missed Excel's 29 February 1900.
    "times": ({"CT_2": time(12, 30), "CT_7_1": timedelta(days=1, hours=2), "CT_11_1": 12,
               "TT_NGAY_BAO_CAO": date(1900, 2, 1)}, lambda wb: styled(wb, "CT_11_1", "h:mm")),
    "date_and_time": ({"CT_2": datetime(2024, 6, 10, 8, 15), "CT_7_1": 12345678901234567890,
                       "TT_NGAY_BAO_CAO": datetime(2024, 6, 10, 23, 59, 59)}, None),
}


def styled(wb, name, number_format):
    from filling import cell_of
    cell_of(wb, name).number_format = number_format


@pytest.mark.parametrize("case", sorted(CASES))
def test_rare_cells_read_alike_fast_and_through_calamine(tmp_path, plan, h1, monkeypatch, case):
    values, edit = CASES[case]
    path = make_filled(plan, h1, "CATP", tmp_path, values, edit=edit, filename=f"CATP_{case}.xlsx")
    fast, slow = both_ways(path, plan, h1, monkeypatch)
    assert fast == slow, diff(fast, slow)
    assert fast["submission"] is not None
    if case == "date_1904":
        assert fast["submission"]["report_date"] == date(2024, 6, 12)
        assert fast["submission"]["figures"]["CT_2"]["value"] == 7
    if case == "iso_dates":
        assert fast["submission"]["report_date"] == date(2024, 6, 10)
    if case == "times":
        assert fast["submission"]["report_date"] == date(1900, 2, 1)
        assert "'12:30:00'" in str(fast["problems"]) and "'1 day, 2:00:00'" in str(fast["problems"])
    if case == "error_cells":
        assert {p["code"] for p in fast["problems"]} >= {"formula_error"}
