"""Closing a period: once the report is issued, its figures must not move.

`close` freezes the saved consolidation (its SHA-256, and the SHA-256 of every input it
was built from) in a lock file beside it; `consolidate` refuses to overwrite a closed
period until it is reopened, and says which inputs changed since.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from . import messages as msg
from .atomic import atomic_path


def lock_path(out_dir: Path, period_code: str) -> Path:
    from .api import OutputNames
    return OutputNames(Path(out_dir), period_code).lock


def read_lock(out_dir: Path, period_code: str) -> dict | None:
    path = lock_path(out_dir, period_code)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def close(out_dir: Path, period_code: str, now: datetime | None = None) -> dict:
    """Freeze outputs/<period>/TongHop_<period>.json; raise FileNotFoundError when there is none."""
    from .api import OutputNames
    saved = OutputNames(Path(out_dir), period_code).json
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
    with atomic_path(lock_path(out_dir, period_code)) as tmp:
        tmp.write_text(json.dumps(lock, ensure_ascii=False, indent=2), encoding="utf-8")
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
