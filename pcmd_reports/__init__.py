"""pcmd_reports: forms, intake and consolidation for the Hanoi prostitution-prevention plan reports.

The library (see `pcmd_reports.api`): load_plan, read_returns, consolidate, roll_up, write_outputs.
"""

__version__ = "0.1.0"

# Bumped whenever the layout of the generated forms changes; recorded in each form's
# `_meta` sheet so intake knows which layout it reads.
TEMPLATE_VERSION = "2024.2"

_API = ("load_plan", "read_returns", "consolidate", "roll_up", "write_outputs", "write_report", "load_saved",
        "close_period", "diff_files", "output_names", "helpers", "Outputs",
        "OutputNames", "PcmdError", "NoReturns", "PeriodClosed")


def __getattr__(name):
    """The library's functions, imported when first used: `pcmd --help` stays quick."""
    if name in _API:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'pcmd_reports' has no attribute {name!r}")
