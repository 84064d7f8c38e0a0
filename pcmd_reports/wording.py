"""The report's phrasing, editable without Python: a TOML file beside the Word template.

The packaged `templates/bao_cao_loi_van.toml` holds every generated sentence; a copy in
./templates/ (or given explicitly) overrides it sentence by sentence, so a clerk's old
copy keeps working when a new sentence is added. A sentence may use only the {names}
its default uses: `check` says which ones it does not know.
"""
from __future__ import annotations

import string
from pathlib import Path

from . import messages as msg
from .tomlfile import read_toml
from .errors import PcmdError

FILE_NAME = "bao_cao_loi_van.toml"
PACKAGED = Path(__file__).parent / "templates" / FILE_NAME


class WordingProblem(PcmdError):
    """The wording file cannot be used: the message says why, in Vietnamese."""


class Wording:
    """Sentences by section and key: `w("so_lieu", "ahead", share="50,0%")`."""

    def __init__(self, sentences: dict[str, dict[str, str]], path: Path | None = None):
        self.sentences = sentences
        self.path = path

    def __call__(self, section: str, key: str, /, **values) -> str:
        return self.sentences[section][key].format(**values)

    def raw(self, section: str, key: str) -> str:
        return self.sentences[section][key]


def _read(path: Path) -> dict:
    return read_toml(path, WordingProblem, msg.WORDING_UNREADABLE)[1]


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError as e:
        raise WordingProblem(msg.WORDING_BAD_BRACES.format(text=text[:80], error=e)) from None


def local_path(template: str | Path | None = None) -> Path | None:
    """The wording file beside an explicit template, else ./templates/, if it exists."""
    folder = Path(template).parent if template else Path("templates")
    candidate = folder / FILE_NAME
    return candidate if candidate.exists() else None


def load(path: str | Path | None = None) -> Wording:
    """The packaged sentences, overridden by those of `path` where it gives them."""
    sentences = {section: dict(keys) for section, keys in _read(PACKAGED).items()}
    if path is None:
        return Wording(sentences)
    path = Path(path)
    for problem in check(path):
        raise WordingProblem(problem)
    for section, keys in _read(path).items():
        sentences[section].update(keys)
    return Wording(sentences, path)


def check(path: str | Path) -> list[str]:
    """What is wrong with a wording file: unknown sections, keys or {names} (Vietnamese)."""
    defaults = _read(PACKAGED)
    problems = []
    for section, keys in _read(Path(path)).items():
        if section not in defaults or not isinstance(keys, dict):
            problems.append(msg.WORDING_UNKNOWN_KEY.format(path=path, key=section))
            continue
        for key, text in keys.items():
            if key not in defaults[section]:
                problems.append(msg.WORDING_UNKNOWN_KEY.format(path=path, key=f"{section}.{key}"))
                continue
            if not isinstance(text, str):
                problems.append(msg.WORDING_NOT_TEXT.format(path=path, key=f"{section}.{key}"))
                continue
            unknown = _fields(text) - _fields(defaults[section][key])
            if unknown:
                problems.append(msg.WORDING_UNKNOWN_FIELD.format(
                    path=path, key=f"{section}.{key}", names=", ".join("{" + n + "}" for n in sorted(unknown)),
                    allowed=", ".join("{" + n + "}" for n in sorted(_fields(defaults[section][key]))) or "không có"))
    return problems
