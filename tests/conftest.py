from __future__ import annotations

from pathlib import Path

import pytest

from pcmd_reports.forms import write_forms
from pcmd_reports.plan import load_plan

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_6a13624348711955.txt"


@pytest.fixture(scope="session")
def plan():
    return load_plan()


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.exists():
        pytest.skip("the plan's text (shared/seeds) is not beside this checkout")
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
