"""A TOML file a clerk edits in Notepad (the plan, the office settings, the wording): read with or
without Notepad's UTF-8 byte-order mark; what is wrong with it is the caller's PcmdError."""
from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from . import messages as msg
from .errors import PcmdError


def read_toml(path: Path, problem: type[PcmdError], unreadable: str) -> tuple[str, dict]:
    """(text, table) of the file; `problem` with TOML_NOT_UTF8 for a file saved as ANSI, with
    `unreadable` (formatted with path and error) for a TOML mistake. FileNotFoundError passes."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        return text, tomllib.loads(text)
    except UnicodeDecodeError:
        raise problem(msg.TOML_NOT_UTF8.format(path=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise problem(unreadable.format(path=path, error=e)) from None
