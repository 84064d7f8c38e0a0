"""The catalogue of problem codes: every code documented, used by name, emitted as catalogued."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from filling import make_filled
from pcmd_reports.cli import main
from pcmd_reports.intake import read_file, read_folder
from pcmd_reports.problem_codes import ProblemCode, lookup
from pcmd_reports.problems import ERROR, WARNING, Problem

ROOT = Path(__file__).resolve().parent.parent


def test_every_code_is_documented_with_its_severity_and_hint():
    doc = (ROOT / "docs" / "LOI.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| (Lỗi|Cảnh báo) \|", doc, re.M))
    assert set(rows) == {c.value for c in ProblemCode}
    for c in ProblemCode:
        assert rows[c.value] == ("Lỗi" if c.severity == ERROR else "Cảnh báo"), c
        assert c.severity in (ERROR, WARNING) and c.template and c.hint and c.hint in doc


def test_codes_are_strings_in_json_and_text():
    p = Problem(file="a.xlsx", message="…", code=ProblemCode.NOT_A_NUMBER)
    assert p.code == "not_a_number" and str(p.code) == "not_a_number" and f"{p.code}" == "not_a_number"
    assert json.dumps(p.to_dict())  # the enum member is written as its code
    assert json.loads(json.dumps(p.to_dict()))["code"] == "not_a_number"
    assert Problem(file="a", message="m", code="outlier").code is ProblemCode.OUTLIER
    with pytest.raises(ValueError):
        Problem(file="a", message="m", code="nan")  # the old name of not_a_number is not a code any more
    assert lookup("NOT_A_NUMBER") is lookup(" not_a_number ") is ProblemCode.NOT_A_NUMBER and lookup("nan") is None


def test_call_sites_name_codes_from_the_catalogue():
    """No `code="…"` string and no bare code string given to _Rejected anywhere in the package."""
    bare = []
    for path in sorted((ROOT / "pcmd_reports").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg == "code"]
            if ast.unparse(node.func).endswith("_Rejected") and len(node.args) > 1:
                values.append(node.args[1])
            if ast.unparse(node.func).endswith(("Problem", "problem", "_Rejected")):
                bare += [f"{path.name}:{node.lineno}" for v in values if isinstance(v, ast.Constant)]
    assert not bare, bare


def test_problems_emitted_by_real_files_carry_catalogued_codes_and_severities(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    make_filled(plan, h1, "CATP", inbox, {"CT_2": "abc", "CT_7_1": "120 người", "CT_11_1": "12,5"})
    make_filled(plan, h1, "001", inbox, {"CT_3_2": "5 nghìn", "CT_9": "abc"}, contact="")
    (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 cut")
    (inbox / "SYT.pdf").write_bytes(b"%PDF-1.4")
    for sample in (ROOT / "tests" / "data").glob("thanh_tri*"):
        (inbox / sample.name).write_bytes(sample.read_bytes())
    intake = read_folder([inbox], plan, h1)
    seen = {p.code for p in intake.problems}
    assert {"not_a_number", "unit_word", "fraction", "magnitude", "corrupt", "not_a_form"} <= seen, seen
    for p in intake.problems:
        assert isinstance(p.code, ProblemCode) and p.severity == p.code.severity, p


def test_check_skip_hides_codes_and_refuses_unknown_ones(tmp_path, plan, h1):
    path = make_filled(plan, h1, "CATP", tmp_path, {"CT_7_1": "120 người", "CT_2": "12 vụ"})
    shown = CliRunner().invoke(main, ["check", str(path)])
    assert shown.exit_code == 0 and "đọc là 120" in shown.output
    hidden = CliRunner().invoke(main, ["check", str(path), "--skip", "unit_word", "--skip", "no_contact"])
    assert hidden.exit_code == 0 and "đọc là 120" not in hidden.output and "unit_word" in hidden.output, hidden.output
    data = json.loads(CliRunner().invoke(main, ["check", str(path), "--json", "--skip", "unit_word"]).output)
    assert data["schema_version"] == 1
    assert all(p["code"] != "unit_word" for f in data["files"] for p in f["problems"])
    bad = CliRunner().invoke(main, ["check", str(path), "--skip", "nan"])
    assert bad.exit_code == 2 and "nan" in bad.output and "docs/LOI.md" in bad.output
    # An error that is hidden no longer fails the check; a rejected file always does.
    wrong = make_filled(plan, h1, "CATP", tmp_path, {"CT_7_1": "abc"}, filename="CATP_sai.xlsx")
    assert CliRunner().invoke(main, ["check", str(wrong)]).exit_code == 1
    assert CliRunner().invoke(main, ["check", str(wrong), "--skip", "not_a_number"]).exit_code == 0
    (tmp_path / "hong.xlsx").write_bytes(b"")
    assert CliRunner().invoke(main, ["check", str(tmp_path / "hong.xlsx"), "--skip", "empty"]).exit_code == 1


def test_consolidation_json_has_a_schema_version_and_codes(tmp_path, plan, h1):
    inbox = tmp_path / "inputs"
    inbox.mkdir()
    make_filled(plan, h1, "CATP", inbox, {"CT_2": "abc"})
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["consolidate", str(inbox), "--out", str(out), "--as-of", "2024-06-20"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    data = json.loads(next(out.rglob("TongHop_*.json")).read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert "not_a_number" in {p["code"] for p in data["problems"]}
    assert all(lookup(p["code"]) for p in data["problems"])
