"""The library gives what the command gives: README's notebook example, run as written."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

import pcmd_reports
from pcmd_reports.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def notebook_example() -> str:
    """The Python block under README's 'Dùng như thư viện' heading."""
    text = README.read_text(encoding="utf-8")
    part = text.split("## Dùng như thư viện", 1)[1]
    return re.search(r"```python\n(.*?)```", part, re.S).group(1)


@pytest.fixture
def sample(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert CliRunner().invoke(main, ["demo"]).exit_code == 0
        yield tmp_path
    finally:
        os.chdir(old)


def test_the_readme_notebook_example_writes_what_pcmd_consolidate_writes(sample):
    code = notebook_example()
    assert len([line for line in code.splitlines() if line.strip()]) <= 6
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the documented example, as a user runs it
    library = sample / "outputs" / "2024-H1"
    r = CliRunner().invoke(main, ["consolidate", "--out", "outputs/cli"])
    assert r.exit_code == 0, r.output
    command = sample / "outputs" / "cli"
    assert sorted(p.name for p in library.iterdir()) == sorted(p.name for p in command.iterdir())

    def comparable(folder):
        data = json.loads((folder / "TongHop_2024-H1.json").read_text(encoding="utf-8"))
        data["files"] = [{k: v for k, v in f.items() if k != "read_at"} for f in data["files"]]
        return data
    assert comparable(library) == comparable(command)
    text = [p.text for p in Document(library / "BaoCao_2024-H1.docx").paragraphs]
    assert text == [p.text for p in Document(command / "BaoCao_2024-H1.docx").paragraphs]
    assert load_workbook(library / "TongHop_2024-H1.xlsx", read_only=True).sheetnames == \
        load_workbook(command / "TongHop_2024-H1.xlsx", read_only=True).sheetnames


def test_the_library_raises_one_kind_of_error_with_the_message_to_print(tmp_path):
    plan = pcmd_reports.load_plan()
    with pytest.raises(pcmd_reports.PcmdError) as e:
        pcmd_reports.read_returns(tmp_path, plan, plan.period("2024-H1"))
    assert isinstance(e.value, pcmd_reports.NoReturns) and e.value.exit_code == 1
    assert str(tmp_path) in str(e.value)
    from pcmd_reports.plan import PlanError
    from pcmd_reports.report_docx import TemplateProblem
    assert issubclass(PlanError, pcmd_reports.PcmdError) and issubclass(TemplateProblem, pcmd_reports.PcmdError)


def test_output_names_have_one_owner():
    names = pcmd_reports.output_names("2024-H1")
    assert names.folder == Path("outputs/2024-H1")
    assert [p.name for p in names.set] == ["TongHop_2024-H1.json", "TongHop_2024-H1.xlsx", "BaoCao_2024-H1.docx",
                                           "BaoCao_2024-H1.pdf"]
    assert names.lock.name == "KhoaSo_2024-H1.json" and names.reminder.parent.name == "don-doc"


def test_closing_and_rendering_again_are_library_calls(tmp_path, plan):
    """What `pcmd close` and `pcmd report` do, without the command line."""
    from datetime import date

    import pcmd_reports as pcmd
    from filling import make_filled
    h1 = plan.period("2024-H1")
    make_filled(plan, h1, "CATP", tmp_path / "in", {"CT_2": 3})
    with pytest.raises(pcmd.PcmdError):
        pcmd.close_period(h1, tmp_path / "out")  # nothing consolidated yet
    out = pcmd.write_outputs(pcmd.consolidate(plan, h1, pcmd.read_returns(tmp_path / "in", plan, h1),
                                              as_of=date(2024, 6, 18)), tmp_path / "out")
    data, period = pcmd.load_saved(out.names.json, plan)
    assert period is h1 and data["period"] == "2024-H1"
    first = pcmd.close_period(h1, tmp_path / "out")
    again = pcmd.close_period(h1, tmp_path / "out")
    assert first.new and not again.new and first.lock == again.lock and first.path.exists()
    other = pcmd.load_plan(Path(pcmd.__file__).parent / "plans" / "ha-noi-2026-vi-du.toml")
    with pytest.raises(pcmd.PcmdError) as e:
        pcmd.load_saved(out.names.json, other)
    assert "ha-noi-2024" in str(e.value) and "ha-noi-2024.toml" in str(e.value)
