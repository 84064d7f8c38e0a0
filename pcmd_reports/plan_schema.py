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
             "issuer_ref": ("str", False), "place": ("str", False)},
    "report": {"subject": ("str", False), "recipient": ("str", False), "addressee": ("str", False),
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
                   "phrase": ("str", False), "over_time": ("str", False), "commune_kind": ("str", False),
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
