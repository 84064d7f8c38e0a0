"""What pcmd itself writes, as reading must know it: a run over a folder that also holds the
tool's outputs (`pcmd consolidate .`) must not read its own workbooks, reports, feedback files
or blank forms as units' returns. `api.OutputNames` names every output; a test keeps the two
in step."""
from __future__ import annotations

OUTPUT_ROOT = "outputs"  # the folder every output goes under by default (forms, sets, reminders)
PREFIXES = ("TongHop_", "BaoCao_", "PhanHoi_", "CongVan_DonDoc_", "KhoaSo_")  # the names of the files pcmd writes


def made_by_pcmd(name: str) -> bool:
    """A file name pcmd gives its own outputs ("TongHop_2024-H1.xlsx", "PhanHoi_005_2024-H1.xlsx")."""
    return name.startswith(PREFIXES)


def under_outputs(parts: tuple[str, ...]) -> bool:
    """A path, relative to a folder being read, inside that folder's own `outputs` folder."""
    return OUTPUT_ROOT in parts[:-1]
