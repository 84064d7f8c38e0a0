"""One base for every failure a user can act on: its text is the Vietnamese message to print.

The library raises these; only the command line turns them into a printed line and an exit
code (`exit_code`: 2 for a wrong command, option or file the command was given, 1 for a
state of the inputs or outputs the clerk must deal with). Data problems in a unit's return
are not exceptions: they are `Problem` values.
"""
from __future__ import annotations


class PcmdError(Exception):
    """A failure the user can fix; `str(e)` says what and how, in Vietnamese."""

    exit_code = 2
