from __future__ import annotations

from pathlib import Path

import pytest

from pcmd_reports.forms import write_forms
from pcmd_reports.plan import load_plan

ROOT = Path(__file__).resolve().parent.parent
# The plan's own text, kept in the repository so that the tests comparing the plan file with it
# run everywhere (CI included).
SEED = ROOT / "docs" / "ke-hoach" / "ke-hoach-46-KH-UBND-2024.txt"


@pytest.fixture(scope="session")
def plan():
    return load_plan()


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def h1(plan):
    return plan.period("2024-H1")


@pytest.fixture(scope="session")
def forms_dir(plan, h1, tmp_path_factory):
    """Every unit's 6-month form, generated once for the session."""
    out = tmp_path_factory.mktemp("forms")
    write_forms(plan, h1, out)
    return out
