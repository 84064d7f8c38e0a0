"""The JSON Schema editors validate the plan file against (pcmd_reports/plans/ke-hoach.schema.json)
is derived from plan_schema, shipped up to date, and refuses what plan_schema.check refuses."""
from __future__ import annotations

import json
import runpy
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

import pcmd_reports as pcmd
from pcmd_reports import plan_schema

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PLANS = Path(pcmd.__file__).parent / "plans"
SHIPPED = PLANS / "ke-hoach.schema.json"
DOC = ROOT / "docs" / "KE_HOACH.md"
PLAN_FILES = ["ha-noi-2024.toml", "ha-noi-2026-vi-du.toml"]
DIRECTIVE = "#:schema ./ke-hoach.schema.json"


def as_editor_sees(value):
    """The plan as taplo hands it to the validator: TOML dates and times become ISO strings."""
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def test_the_shipped_schema_is_what_plan_schema_says():
    made = runpy.run_path(str(ROOT / "scripts" / "make_plan_schema.py"))["render"]()
    assert json.loads(made) == plan_schema.json_schema(DOC.read_text(encoding="utf-8"))
    assert SHIPPED.read_text(encoding="utf-8") == made, (
        "pcmd_reports/plans/ke-hoach.schema.json is out of date with plan_schema.py or docs/KE_HOACH.md: "
        "run python scripts/make_plan_schema.py")


def test_every_key_has_a_closed_table_and_a_description_from_the_doc():
    schema = plan_schema.json_schema(DOC.read_text(encoding="utf-8"))
    assert schema["properties"]["schema"]["const"] == plan_schema.SCHEMA_VERSION
    assert schema["required"] == [k for k, (_, need) in plan_schema.TOP.items() if need]
    kinds = schema["properties"]["indicators"]["items"]["properties"]["kind"]
    assert kinds["enum"] == list(plan_schema.ENUMS[("indicators", "kind")])
    start = schema["properties"]["periods"]["items"]["properties"]["start"]
    assert (start["type"], start["format"]) == ("string", "date")
    missing, open_tables = [], []

    def walk(node: dict, path: str) -> None:
        if node.get("type") == "object" and "properties" in node:
            if node.get("additionalProperties") is not False:
                open_tables.append(path)
            for key, sub in node["properties"].items():
                if "description" not in sub:
                    missing.append(f"{path}.{key}".lstrip("."))
                walk(sub, f"{path}.{key}")
        for child in ("items", "additionalProperties"):
            if isinstance(node.get(child), dict):
                walk(node[child], path)

    walk(schema, "")
    assert not open_tables, open_tables
    # plan_schema.doc_descriptions reads each key's bullet of docs/KE_HOACH.md; a key left out
    # means the doc's layout changed under it (a bullet per key, `name`: …).
    assert not missing, missing


@pytest.mark.parametrize("plan_file", PLAN_FILES)
def test_both_shipped_plans_name_the_schema_and_validate(plan_file, validator):
    text = (PLANS / plan_file).read_text(encoding="utf-8")
    assert text.splitlines()[0] == DIRECTIVE
    raw = tomllib.loads(text)
    assert plan_schema.check(raw, text, plan_file) == []
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(as_editor_sees(raw))]
    assert not errors, errors[:5]


def test_the_example_plan_generator_writes_the_directive():
    head = runpy.run_path(str(ROOT / "scripts" / "gen_plan_2026_example.py"))["HEAD"]
    assert head.splitlines()[0] == DIRECTIVE


# (what is changed in the 2024 plan, the schema keyword that refuses it, the key it names)
MUTANTS = [
    pytest.param(("target = 2460\n", "targte = 2460\n"), "additionalProperties", "targte", id="misspelt-key"),
    pytest.param(("year = 2024\n", 'year = "2024"\n'), "type", "year", id="wrong-type"),
    pytest.param(('kind = "count"\n', 'kind = "cout"\n'), "enum", "kind", id="unknown-kind"),
    pytest.param(('kind = "half"\n', 'kind = "nua_nam"\n'), "enum", "kind", id="unknown-period-kind"),
    pytest.param(('figures = ["9"], leaders = "9"', 'figures = ["9"], leader = "9"'), "additionalProperties",
                 "leader", id="misspelt-key-in-a-sentence"),
    pytest.param(("ahead_margin = ", "ahead_margin = true #"), "type", "ahead_margin", id="bool-for-a-number"),
    pytest.param(("schema = 1\n", "schema = 2\n"), "const", "schema", id="other-schema-version"),
    pytest.param(('agency = "', 'agenzy = "'), "required", "agency", id="missing-required-key"),
]


@pytest.mark.parametrize("change,keyword,key", MUTANTS)
def test_a_broken_plan_is_refused_by_the_schema_and_by_check(change, keyword, key, validator):
    text = (PLANS / "ha-noi-2024.toml").read_text(encoding="utf-8")
    assert change[0] in text
    text = text.replace(*change, 1)
    raw = tomllib.loads(text)
    errors = list(validator.iter_errors(as_editor_sees(raw)))
    assert any(e.validator == keyword and key in (e.message + " " + " ".join(map(str, e.absolute_path)))
               for e in errors), [e.message for e in errors]
    problems = plan_schema.check(raw, text, "ha-noi-2024.toml")
    assert any(f"'{key}'" in p or f" {key} = " in p for p in problems), problems
