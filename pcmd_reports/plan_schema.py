"""The plan file's format, as data: every table, every key, its type, whether it is required.

`check(raw, text, path)` refuses what the loader would otherwise pass over in silence: an
unknown key (`targte = 100`), a wrong type, a missing required key, a `schema` other than the
one this version reads. Each message names the key and its line in the file. docs/KE_HOACH.md
documents every key with an example; a test keeps the two in step.
"""
from __future__ import annotations

import re
from datetime import date

from . import messages as msg

SCHEMA_VERSION = 1

# type names: str, int, num (int or float), bool, date, list[str], list[int], table (a dict of
# the keys given), map[str] (any key -> text), map[table], map[list], list[table] (rows of the keys given)
SENTENCE = {"figures": ("list[str]", True), "lead": ("str", False), "join": ("str", False), "leaders": ("str", False)}
CHOICE = {"code": ("str", True), "label": ("str", True)}

TABLES: dict[str, dict] = {
    "plan": {"id": ("str", True), "year": ("int", True), "title": ("str", True), "issuer": ("str", False),
             "subject": ("str", False), "number": ("str", False), "date": ("date", False),
             "issuer_ref": ("str", False), "place": ("str", False),
             "tasks_part": ("str", False)},
    "report": {"subject": ("str", False), "recipient": ("str", False), "addressee": ("str", False), "reported_to": ("str", False),
               "signer_authority": ("str", False), "signer_title": ("str", False), "signer_name": ("str", False),
               "recipients": ("list[str]", False), "situation": ("list[table]", False),
               "leadership": ("table", False), "areas": ("list[table]", False)},
    "report.situation": SENTENCE,
    "report.leadership": SENTENCE,
    "report.areas": {"section": ("str", True), "heading": ("str", True), "sentences": ("list[table]", False)},
    "report.areas.sentences": SENTENCE,
    "consolidator": {"unit": ("str", False), "agency": ("str", True), "letterhead_parent": ("list[str]", False),
                     "letterhead_agency": ("list[str]", False), "aliases": ("list[str]", False),
                     "agency_upper_body": ("str", False), "office": ("str", False), "address": ("str", False),
                     "email": ("str", False), "report_code": ("str", False), "letter_code": ("str", False)},
    "judging": {"ahead_margin": ("num", False), "min_coverage": ("num", False)},
    "hotspot_statuses": {"appendix_II": ("list[str]", False), "appendix_III": ("list[str]", False),
                         "eliminated": ("str", False), "reemerged": ("str", False), "new_levels": ("list[str]", False),
                         "new_rows": ("int", False)},
    "narratives": {"task_statuses": ("list[table]", True), "addressees": ("list[table]", True),
                   "default_addressee": ("str", True), "recommendation_rows": ("int", True),
                   "difficulty_rows": ("int", True)},
    "narratives.task_statuses": CHOICE,
    "narratives.addressees": CHOICE,
    "levels": {"code": ("str", True), "name": ("str", True), "local": ("bool", False), "parent": ("str", False),
               "column": ("str", False)},
    "units": {"code": ("str", True), "name": ("str", True), "level": ("str", True), "short": ("str", False),
              "body": ("str", False), "group": ("str", False), "section": ("str", False), "kind": ("str", False),
              "communes": ("int", False), "frequent": ("bool", False), "note": ("str", False)},
    "appendix1": {"key": ("str", True), "stt": ("str", True), "text": ("str", True), "lead": ("str", False),
                  "partners": ("str", False)},
    "indicators": {"id": ("str", True), "label": ("str", True), "kind": ("str", True), "reporters": ("list[str]", False),
                   "leads": ("list[str]", False), "row": ("str", False), "target": ("int", False),
                   "target_text": ("str", False), "measure": ("str", False), "compare": ("str", False),
                   "rule": ("str", False), "section": ("str", False), "source": ("str", False),
                   "numerator_label": ("str", False), "denominator_label": ("str", False),
                   "denominator_default": ("str", False), "hotspot_rule": ("str", False), "judge": ("str", False),
                   "phrase": ("str", False), "over_time": ("str", False), "commune_kind": ("str", False), "base": ("int", False),
                   "money": ("bool", False), "appendix": ("str", False)},
    "hotspots": {"appendix": ("str", True), "number": ("int", True), "group": ("str", True), "stt": ("int", True),
                 "name": ("str", True), "district": ("str", True), "level": ("str", False), "note": ("str", False)},
    "periods": {"code": ("str", True), "name": ("str", True), "kind": ("str", True), "start": ("date", True),
                "end": ("date", True), "due": ("date", True), "reporters": ("str", False)},
    "sections": {"no": ("str", True), "title": ("str", True), "units": ("list[str]", True), "tasks": ("list[str]", True),
                 "intro": ("str", False), "task_units": ("map[list]", False)},
}
TOP = {"schema": ("int", True), "plan": ("table", True), "report": ("table", False), "consolidator": ("table", False),
       "judging": ("table", False), "hotspot_statuses": ("table", False), "narratives": ("table", True),
       "unit_groups": ("map[str]", False), "levels": ("list[table]", True), "units": ("list[table]", True), "appendix1": ("list[table]", False),
       "indicators": ("list[table]", True), "sections_ii": ("map[str]", False), "hotspots": ("list[table]", False),
       "appendices": ("map[table]", False), "periods": ("list[table]", True), "sections": ("list[table]", False),
       "communes": ("map[list]", False)}
APPENDIX = {"title": ("str", False), "group_I": ("str", False), "group_II": ("str", False)}
# keys whose value is one of a few words
ENUMS = {
    ("indicators", "kind"): ("count", "ratio", "yesno", "qualitative", "hotspot"),
    ("indicators", "compare"): ("at_least", "at_most"),
    ("indicators", "judge"): ("pace", "as_is"),
    ("indicators", "over_time"): ("sum", "latest"),
    ("indicators", "commune_kind"): ("yesno", "count"),
    ("indicators", "hotspot_rule"): ("eliminated", "maintained", "new"),
    ("indicators", "rule"): ("sum", "lead_only"),
    ("periods", "kind"): ("half", "year", "quarter", "month"),
    ("periods", "reporters"): ("all", "frequent"),
}

TYPE_NAMES = {"str": "chữ trong ngoặc kép", "int": "số nguyên", "num": "số", "bool": "true hoặc false",
              "date": "ngày dạng 2024-06-17", "list[str]": "danh sách chữ [\"…\", \"…\"]",
              "list[int]": "danh sách số", "table": "bảng [tên]", "list[table]": "danh sách bảng [[tên]]",
              "map[str]": "bảng tên = \"chữ\"", "map[table]": "bảng các bảng", "map[list]": "bảng tên = [danh sách]"}


class _Lines:
    """Where a key is written in the file: the nth [[table]] (or [table]) header, then the key."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def of(self, table: str, index: int | None, key: str) -> int:
        header = re.compile(r"^\s*\[\[?\s*" + re.escape(table) + r"\s*\]\]?\s*(#.*)?$") if table else None
        start, seen = 0, -1
        if header is not None:
            for n, line in enumerate(self.lines):
                if header.match(line):
                    seen += 1
                    if index is None or seen == index:
                        start = n
                        break
        pattern = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
        inline = re.compile(r"[{,]\s*" + re.escape(key) + r"\s*=")
        for n in range(start, len(self.lines)):
            if pattern.match(self.lines[n]) or inline.search(self.lines[n]):
                return n + 1
        return start + 1 if header is not None else 0


def _type_ok(kind: str, value) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "num":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, date)
    if kind == "list[str]":
        return isinstance(value, list) and all(isinstance(x, str) for x in value)
    if kind == "list[int]":
        return isinstance(value, list) and all(isinstance(x, int) for x in value)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "list[table]":
        return isinstance(value, list) and all(isinstance(x, dict) for x in value)
    if kind == "map[str]":
        return isinstance(value, dict) and all(isinstance(x, str) for x in value.values())
    if kind == "map[table]":
        return isinstance(value, dict) and all(isinstance(x, dict) for x in value.values())
    if kind == "map[list]":
        return isinstance(value, dict) and all(isinstance(x, list) for x in value.values())
    raise AssertionError(kind)


def check(raw: dict, text: str, path) -> list[str]:
    """Every problem of the file's shape, in Vietnamese, each naming the key and its line."""
    lines = _Lines(text)
    problems: list[str] = []

    def where(table, index, key):
        return lines.of(table, index, key)

    def table(name: str, data: dict, spec: dict, header: str, index: int | None, shown: str):
        for key, value in data.items():
            if key not in spec:
                known = ", ".join(spec)
                problems.append(msg.PLAN_UNKNOWN_KEY.format(path=path, line=where(header, index, key), key=key,
                                                            where=shown, known=known))
                continue
            kind, _ = spec[key]
            if not _type_ok(kind, value):
                problems.append(msg.PLAN_WRONG_TYPE.format(path=path, line=where(header, index, key), key=key,
                                                           where=shown, want=TYPE_NAMES[kind]))
                continue
            choices = ENUMS.get((name, key))
            if choices and value not in choices:
                problems.append(msg.PLAN_BAD_CHOICE.format(path=path, line=where(header, index, key), key=key,
                                                           where=shown, value=value, choices=", ".join(choices)))
            sub = f"{name}.{key}"
            if kind == "list[table]" and sub in TABLES:
                for k, row in enumerate(value):
                    table(sub, row, TABLES[sub], header, index, f"{shown} > {key} #{k + 1}")
            elif kind == "table" and sub in TABLES:
                table(sub, value, TABLES[sub], header, index, f"{shown} > {key}")
        for key, (_, required) in spec.items():
            if required and key not in data:
                problems.append(msg.PLAN_MISSING_KEY_AT.format(path=path, line=where(header, index, "") if header else 0,
                                                               key=key, where=shown))

    if raw.get("schema") != SCHEMA_VERSION:
        problems.append(msg.PLAN_SCHEMA.format(path=path, line=where("", None, "schema"), got=raw.get("schema"),
                                               want=SCHEMA_VERSION))
    for key, value in raw.items():
        if key not in TOP:
            problems.append(msg.PLAN_UNKNOWN_KEY.format(path=path, line=where("", None, key) or where(key, 0, key),
                                                        key=key, where="tệp kế hoạch", known=", ".join(TOP)))
            continue
        kind, _ = TOP[key]
        if not _type_ok(kind, value):
            problems.append(msg.PLAN_WRONG_TYPE.format(path=path, line=where(key, 0, key), key=key,
                                                       where="tệp kế hoạch", want=TYPE_NAMES[kind]))
            continue
        if kind == "table" and key in TABLES:
            table(key, value, TABLES[key], key, 0, f"[{key}]")
        elif kind == "list[table]" and key in TABLES:
            for k, row in enumerate(value):
                table(key, row, TABLES[key], key, k, f"[[{key}]] #{k + 1}")
        elif key == "appendices":
            for name, sub in value.items():
                table("appendices", sub, APPENDIX, f"appendices.{name}", 0, f"[appendices.{name}]")
    rows = {r.get("key") for r in raw.get("appendix1", []) if isinstance(r, dict)}
    for k, ind in enumerate(raw.get("indicators", []) if isinstance(raw.get("indicators"), list) else []):
        row = ind.get("row", "") if isinstance(ind, dict) else ""
        if isinstance(row, str) and row and "." in row and row.rsplit(".", 1)[0] not in rows:
            problems.append(msg.PLAN_NO_PARENT.format(path=path, line=where("indicators", k, "row"), row=row,
                                                      parent=row.rsplit(".", 1)[0]))
    for key, (_, required) in TOP.items():
        if required and key not in raw:
            problems.append(msg.PLAN_MISSING_KEY_AT.format(path=path, line=0, key=key, where="tệp kế hoạch"))
    return problems


# --- JSON Schema for editors ------------------------------------------------------------
# Editors (VS Code's Even Better TOML / taplo, JetBrains) validate and complete a TOML file
# against a JSON Schema: pcmd_reports/plans/ke-hoach.schema.json, written from the tables
# above by scripts/make_plan_schema.py. taplo hands TOML dates to the validator as strings
# ("2024-06-17"), so a date is a string of format "date". JSON cannot tell a TOML date from a
# quoted string, nor 2024 from 2024.0: `pcmd check-plan` still refuses those.

_JSON_TYPES: dict[str, dict] = {
    "str": {"type": "string"}, "int": {"type": "integer"}, "num": {"type": "number"}, "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "list[str]": {"type": "array", "items": {"type": "string"}},
    "list[int]": {"type": "array", "items": {"type": "integer"}},
    "table": {"type": "object"}, "list[table]": {"type": "array", "items": {"type": "object"}},
    "map[str]": {"type": "object", "additionalProperties": {"type": "string"}},
    "map[table]": {"type": "object", "additionalProperties": {"type": "object"}},
    "map[list]": {"type": "object", "additionalProperties": {"type": "array"}},
}
# map[table] keys whose tables have keys of their own (check() walks the same one)
_MAP_TABLES = {"appendices": APPENDIX}


def json_schema(doc: str | None = None) -> dict:
    """The plan format as a JSON Schema (draft-07), derived from TOP, TABLES, APPENDIX and ENUMS.

    `doc` is the text of docs/KE_HOACH.md: given, each key gets the doc's line about it as its
    description (hover text in the editor)."""
    said = doc_descriptions(doc) if doc is not None else {}

    def value(kind: str, sub: str) -> dict:
        spec = TABLES.get(sub)
        if kind == "table" and spec is not None:
            return obj(sub, spec)
        if kind == "list[table]" and spec is not None:
            return {"type": "array", "items": obj(sub, spec)}
        if kind == "map[table]" and sub in _MAP_TABLES:
            return {"type": "object", "additionalProperties": obj(sub, _MAP_TABLES[sub])}
        return dict(_JSON_TYPES[kind])

    def obj(name: str, spec: dict) -> dict:
        props = {}
        for key, (kind, _) in spec.items():
            path = f"{name}.{key}" if name else key
            prop = value(kind, path)
            choices = ENUMS.get((name, key))
            if choices:
                prop["enum"] = list(choices)
            if path in said:
                prop["description"] = said[path]
            props[key] = prop
        out: dict = {"type": "object", "properties": props, "additionalProperties": False}
        required = [key for key, (_, need) in spec.items() if need]
        if required:
            out["required"] = required
        return out

    schema = obj("", TOP)
    schema["properties"]["schema"]["const"] = SCHEMA_VERSION
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["$comment"] = ("Generated by scripts/make_plan_schema.py from pcmd_reports/plan_schema.py "
                          "(and the descriptions from docs/KE_HOACH.md): do not edit by hand.")
    if "" in said:
        schema["title"] = said[""]
    return schema


def doc_descriptions(doc: str) -> dict[str, str]:
    """Each key's description in docs/KE_HOACH.md, by path ("plan.id", "report.areas.section").

    The doc has a `## ` section per table (one `[name]` or `[[name]]` in the heading; none or
    several: top-level keys) and a bullet per key or keys, led by their names or naming them
    as `name`: or `a`, `b` (bắt buộc): - the bullet is their description. A key of a nested
    table takes its parent's bullet if that names it, else the first bullet of the section
    that names it in backquotes. A table named in a heading takes the heading (and the first
    paragraph when the heading says no more). "" is the doc's title."""
    sections: list[tuple[str, str, list[str]]] = []  # (table or "", heading, bullets and paragraphs)
    title = ""
    for block in re.split(r"\n\s*\n", doc):
        lines = block.strip("\n").splitlines()
        if lines and lines[0].startswith("# "):
            title = lines[0][2:].strip()
            continue
        if lines and lines[0].startswith("## "):
            heading = lines[0][3:].strip()
            names = re.findall(r"`\[\[?([\w.]+)\]\]?`", heading)
            sections.append((names[0] if len(names) == 1 else "", heading, []))
            lines = lines[1:]
        if not sections or not lines or lines[0].startswith("```"):
            continue
        items = sections[-1][2]
        for k, line in enumerate(lines):
            if k == 0 or line.startswith("- "):
                items.append(line.removeprefix("- ").strip())
            else:
                items[-1] += " " + line.strip()
    said: dict[str, str] = {}
    for table, heading, items in sections:
        for item in items:
            # `a`, `b` (…): wherever in the bullet ("`short`: …; `body`: …"), and the names leading it
            lead = re.match(r"(?:`[^`]+`(?:, )?)+", item)
            runs = re.findall(r"((?:`[^`]+`, )*`[^`]+`)(?: \([^)]*\))?:", item) + ([lead.group(0)] if lead else [])
            for run in runs:
                for name in re.findall(r"`\[{0,2}([^`\[\]]+)\]{0,2}`", run):
                    said.setdefault(f"{table}.{name}" if table else name, item)
        if table:
            said.setdefault(table, heading if ": " in heading or not items else f"{heading}: {items[0]}")

    def nested(parent: str, spec: dict) -> None:
        top = parent.split(".")[0]
        items = next((i for t, _, i in sections if t == top), [])
        for key, (kind, _) in spec.items():
            path = f"{parent}.{key}"
            above = said.get(parent, "")
            text = (above if re.search(rf"\b{re.escape(key)}\b", above) else
                    next((i for i in items if f"`{key}`" in i), ""))
            if text:
                said.setdefault(path, text)
            sub = TABLES.get(path)
            if kind in ("table", "list[table]") and sub is not None:
                nested(path, sub)

    for name, spec in TABLES.items():
        if name.count(".") == 1:
            nested(name, spec)
    for name, spec in _MAP_TABLES.items():
        nested(name, spec)
    known = _paths()
    out = {k: v for k, v in said.items() if k in known and v}
    if title:
        out[""] = title
    return out


def _paths() -> set[str]:
    """Every key's path: "schema", "plan", "plan.id", "report.areas.sentences.figures", "appendices.title"."""
    paths = set(TOP)
    for name, spec in list(TABLES.items()) + list(_MAP_TABLES.items()):
        paths |= {f"{name}.{key}" for key in spec}
    return paths
