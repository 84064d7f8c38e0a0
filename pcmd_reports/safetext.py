"""Text that every output can hold: one rule for the workbook, the JSON, the report and the screen.

A unit's text can carry what no output accepts: a lone surrogate (Excel's `_xD83D_`
escape of half an emoji), control characters, a file name that is not valid UTF-8 (as
unzipped from a Windows archive), more than the 32,767 characters an Excel cell holds.
`safe_text` replaces a lone surrogate with U+FFFD (�) and drops control characters other
than tab, line feed and carriage return, the same way wherever text is written.
"""
from __future__ import annotations

import os
import re

REPLACEMENT = "\ufffd"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
EXCEL_CELL_LIMIT = 32767
CUT_MARK = " […]"  # what a cell cut at Excel's limit ends with


def safe_text(text: str) -> str:
    """`text` with surrogate pairs joined, lone surrogates replaced by U+FFFD, control characters dropped."""
    if text.isascii():
        return CONTROL.sub("", text) if not text.isprintable() else text
    if SURROGATE.search(text):
        # a pair written as two escapes (_xD83D__xDE00_) is one character; a lone half is not
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        text = SURROGATE.sub(REPLACEMENT, text)
    return CONTROL.sub("", text)


def safe_path(path) -> str:
    """A file path as text every output can hold: bytes that are not UTF-8 shown as U+FFFD."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text.decode("utf-8", "replace")
    if SURROGATE.search(text):
        # os.fsdecode keeps undecodable bytes as lone surrogates (surrogateescape)
        try:
            return os.fsencode(text).decode("utf-8", "replace")
        except UnicodeError:
            return SURROGATE.sub(REPLACEMENT, text)
    return text


def safe_data(value):
    """A JSON-like structure (dicts, lists, strings, numbers) with every string made safe."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {safe_data(k) if isinstance(k, str) else k: safe_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [safe_data(v) for v in value]
    return value


def cut_for_cell(text: str) -> tuple[str, bool]:
    """(text, False), or text cut to Excel's cell limit ending with CUT_MARK and True."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text, False
    return text[:EXCEL_CELL_LIMIT - len(CUT_MARK)] + CUT_MARK, True


def text_cell(value):
    """A value for a workbook cell: text made safe and cut to Excel's limit; other values as they are.
    The caller sets the cell's data type to "s" for text, so that no text is taken for a formula."""
    return cut_for_cell(safe_text(value))[0] if isinstance(value, str) else value
