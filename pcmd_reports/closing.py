"""Closing a period: once the report is issued, its figures must not move.

`close` freezes the saved consolidation (its SHA-256, and the SHA-256 of every input it
was built from, and of every output of the set) in a lock file beside it, under the
folder's run lock; `consolidate` refuses to overwrite a closed period until it is reopened,
and says which inputs changed since. Reopening first keeps the closed set as issued
(`archive_closed`: a copy in `da-khoa_<closing time>/`), so the issued report and its PDF
survive the new consolidation.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import messages as msg
from .errors import PcmdError


class ArchiveFailed(PcmdError):
    """The closed set could not be kept aside: the period is not reopened, nothing is overwritten."""
    exit_code = 1


def lock_path(out_dir: Path, period_code: str) -> Path:
    from .api import OutputNames
    return OutputNames(Path(out_dir), period_code).lock


def read_lock(out_dir: Path, period_code: str) -> dict | None:
    path = lock_path(out_dir, period_code)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def close(out_dir: Path, period_code: str, now: datetime | None = None) -> dict:
    """Freeze outputs/<period>/TongHop_<period>.json; raise FileNotFoundError when there is none.
    Under the folder's run lock: a set being swapped in by another run is never sealed half-way."""
    from .api import OutputNames
    from .outputs import OutputSet
    names = OutputNames(Path(out_dir), period_code)
    saved = names.json
    if not saved.is_file():
        raise FileNotFoundError(saved)
    with OutputSet(names.folder) as staged:
        data = saved.read_bytes()
        consolidation = json.loads(data)
        lock = {
            "period": period_code,
            "closed_at": (now or datetime.now()).replace(microsecond=0).isoformat(),
            "consolidation": saved.name,
            "consolidation_sha256": hashlib.sha256(data).hexdigest(),
            "inputs": [{"file": f["file"], "sha256": f["sha256"]} for f in consolidation["files"]],
            "outputs": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _outputs(out_dir, period_code)},
        }
        target = staged.path(names.lock)
        target.write_text(json.dumps(lock, ensure_ascii=False, indent=2), encoding="utf-8")
        staged.commit([target])
    return lock


def _outputs(out_dir: Path, period_code: str) -> list[Path]:
    """The output set of a period as it stands: the consolidation, the summary, the report and its PDF."""
    from .api import OutputNames
    return [p for p in OutputNames(Path(out_dir), period_code).set if p.exists()]


def verify(out_dir: Path, period_code: str) -> list[str] | None:
    """None when the period is not closed; else Vietnamese phrases naming each output changed,
    added or removed since it was closed ([] when the closed set is whole)."""
    lock = read_lock(out_dir, period_code)
    if lock is None:
        return None
    recorded = dict(lock.get("outputs") or {lock["consolidation"]: lock["consolidation_sha256"]})
    now = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _outputs(out_dir, period_code)}
    out = [msg.OUTPUT_CHANGED.format(name=n) for n in sorted(recorded) if n in now and now[n] != recorded[n]]
    out += [msg.OUTPUT_GONE.format(name=n) for n in sorted(recorded) if n not in now]
    out += [msg.OUTPUT_ADDED.format(name=n) for n in sorted(set(now) - set(recorded))]
    return out


@dataclass
class Archived:
    """Where reopening kept a closed set, what it kept, and what had changed since the closing."""
    folder: Path
    files: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)  # Vietnamese phrases, as `verify` gives them


def archive_closed(out_dir: Path, period_code: str, lock: dict) -> Archived:
    """Copy the closed set (the outputs the lock lists, as they stand) and the lock itself into
    `da-khoa_<closing time>/` beside them, whole or not at all: the copy is made in a staging
    folder and moved in by one rename. The files stay where they are until a new set replaces
    them. Raises ArchiveFailed (nothing kept, nothing changed) when the copy cannot be made."""
    from .api import OutputNames
    from .outputs import STAGING_PREFIX, os_error_text
    names = OutputNames(Path(out_dir), period_code)
    recorded = dict(lock.get("outputs") or {lock["consolidation"]: lock["consolidation_sha256"]})
    present = [names.folder / n for n in recorded if (names.folder / n).is_file()]
    base = target = names.archive(lock["closed_at"])
    k = 1
    while target.exists():  # the same closing kept before (a reopen that went no further): keep both
        k += 1
        target = base.with_name(f"{base.name}-{k}")
    staging = names.folder / f"{STAGING_PREFIX}{os.getpid()}-da-khoa"  # cleared as a leftover if the run is killed
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for p in [*present, names.lock]:
            shutil.copy2(p, staging / p.name)
        os.replace(staging, target)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise ArchiveFailed(msg.REOPEN_ARCHIVE_FAILED.format(archive=target, error=os_error_text(e))) from None
    return Archived(folder=target, files=[p.name for p in present], altered=verify(out_dir, period_code) or [])


def closed_lock_of(folder: Path) -> Path | None:
    """The lock of a closed period in this folder, if any (a reopened period's old lock does not count)."""
    import re
    folder = Path(folder)
    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.glob("KhoaSo_*.json")) if re.fullmatch(r"KhoaSo_[^.]+\.json", p.name)), None)


def reopen(out_dir: Path, period_code: str, now: datetime | None = None) -> Path:
    """Keep the old lock for the record, under a name that no longer locks the period."""
    path = lock_path(out_dir, period_code)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"KhoaSo_{period_code}.mo-lai-{stamp}.json")
    path.replace(kept)
    return kept


def input_changes(lock: dict, current: list[tuple[str, str]]) -> list[str]:
    """Vietnamese phrases naming each input added, removed or modified since the lock."""
    before = {f["file"]: f["sha256"] for f in lock["inputs"]}
    now = dict(current)
    out = [msg.INPUT_ADDED.format(name=Path(f).name) for f in sorted(set(now) - set(before))]
    out += [msg.INPUT_REMOVED.format(name=Path(f).name) for f in sorted(set(before) - set(now))]
    out += [msg.INPUT_MODIFIED.format(name=Path(f).name) for f in sorted(set(now) & set(before)) if now[f] != before[f]]
    return out
