"""Write the JSON Schema of the plan file: pcmd_reports/plans/ke-hoach.schema.json.

Editors validate and complete a plan against it (VS Code's Even Better TOML reads the
`#:schema ./ke-hoach.schema.json` line at the top of the plan). It is derived from
pcmd_reports/plan_schema.py, the descriptions from docs/KE_HOACH.md: run this script after
changing either; tests/test_plan_json_schema.py fails until the shipped file is the output.

Usage: python scripts/make_plan_schema.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pcmd_reports import plan_schema  # noqa: E402

OUT = ROOT / "pcmd_reports" / "plans" / "ke-hoach.schema.json"
DOC = ROOT / "docs" / "KE_HOACH.md"


def render() -> str:
    """The file's text: sorted keys, two-space indent, Vietnamese as is, a final newline."""
    schema = plan_schema.json_schema(DOC.read_text(encoding="utf-8"))
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8", newline="\n")
    print(OUT)
