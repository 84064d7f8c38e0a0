"""Benchmark: reading and consolidating N returned forms, against the zip floor.

    python bench/run.py                 # 52, 631 and 5000 forms, 5 repeats
    python bench/run.py --sizes 52 631 --repeats 3

For each size it builds N filled forms from the real templates (every unit's 6-month form,
filled the way `pcmd demo` fills it, then copied under other names until there are N; the
copies are later returns of the same units, so consolidation also supersedes them). Then,
in one run and interleaved, it times:

- floor: `zipfile` reading the raw bytes of each workbook's sheet XML, shared strings and
  workbook.xml (what any reader must at least do);
- openpyxl: a plain openpyxl reader (`load_workbook`, then every defined name's cell);
- read: pcmd's reading alone (`intake.read_folder`, in this process, in parallel from 64
  returns): every return read and checked, without starting Python or writing outputs;
- pcmd: `pcmd consolidate` end to end in a fresh process (read, check, consolidate, write
  the summary workbook, JSON and Word report), with the peak memory of its main process
  and of its largest helper process (helpers read returns and render the report);

and `pcmd --help`. It prints medians, the ratios the targets are stated in, and peak memory.

    python bench/run.py --baseline /tmp/before   # also time another source tree, interleaved

`--baseline DIR` times `pcmd consolidate` from another copy of the source (for example
`git archive HEAD~3 | tar -x -C /tmp/before`) right after each run of this one, on the same
files, so that a change can be judged within one run: the machine varies more than that
between runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pcmd_reports.demo import make_demo  # noqa: E402
from pcmd_reports.plan import load_plan  # noqa: E402

PEAK = """
import resource, sys
from pcmd_reports.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest helper process
print(f"PEAK_KIB={kib} HELPER_KIB={helper}", file=sys.stderr)
"""


def build(n: int, folder: Path, seed_dir: Path) -> list[Path]:
    """N filled forms: the sample returns, then copies of them under other names."""
    originals = sorted(p for p in seed_dir.glob("*.xlsx") if "gui-lai" not in p.name)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(n):
        src = originals[k % len(originals)]
        dst = folder / f"{k:05d}_{src.name}"
        shutil.copyfile(src, dst)
        files.append(dst)
    return files


def floor(files):
    for f in files:
        with zipfile.ZipFile(f) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") or name in ("xl/workbook.xml", "xl/sharedStrings.xml"):
                    z.read(name)


def plain_openpyxl(files):
    from openpyxl import load_workbook
    for f in files:
        wb = load_workbook(f, data_only=True)
        for name, dn in wb.defined_names.items():
            for sheet, ref in dn.destinations:
                if sheet in wb.sheetnames and ":" not in ref:
                    _ = wb[sheet][ref.replace("$", "")].value


def pcmd_read(folder: Path, plan, period):
    """pcmd's reading alone, in this process: every return read and checked, in parallel."""
    from pcmd_reports.intake import read_folder
    read_folder([folder], plan, period)


def pcmd(folder: Path, out: Path, source: Path = ROOT) -> tuple[int, int]:
    """One end-to-end consolidation in a fresh interpreter; returns the peak RSS in KiB of
    the main process and of its largest helper process. `source`: the tree pcmd_reports is
    imported from (the working directory comes first on the path of `python -c`)."""
    cmd = [sys.executable, "-c", PEAK, "--quiet", "consolidate", str(folder), "--out", str(out),
           "--as-of", "2024-06-18"]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=source, check=False)
    if res.returncode != 0:
        raise SystemExit(f"pcmd consolidate failed:\n{res.stderr}")
    tail = res.stderr.rsplit("PEAK_KIB=", 1)[1].split()
    return int(tail[0]), int(tail[1].split("=")[1])


def timed(fn, *args):
    t = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t, result


def help_time(repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pcmd_reports", "--help"], capture_output=True, check=True, cwd=ROOT)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[52, 631, 5000])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--openpyxl-max", type=int, default=631, help="skip the slow openpyxl reader above this size")
    ap.add_argument("--baseline", type=Path, help="another source tree whose pcmd consolidate is timed, interleaved")
    args = ap.parse_args()
    plan = load_plan()
    period = plan.period("2024-H1")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_demo(plan, period, tmp / "sample", seed=2024)
        for n in args.sizes:
            files = build(n, tmp / f"n{n}", tmp / "sample")
            t_floor, t_openpyxl, t_read, t_pcmd, peaks, helper_peaks, t_base = [], [], [], [], [], [], []
            for _ in range(args.repeats):
                t_floor.append(timed(floor, files)[0])
                if n <= args.openpyxl_max:
                    t_openpyxl.append(timed(plain_openpyxl, files)[0])
                t_read.append(timed(pcmd_read, tmp / f"n{n}", plan, period)[0])
                dt, (peak, helper_peak) = timed(pcmd, tmp / f"n{n}", tmp / f"out{n}")
                t_pcmd.append(dt)
                if args.baseline:
                    t_base.append(timed(pcmd, tmp / f"n{n}", tmp / f"base{n}", args.baseline.resolve())[0])
                peaks.append(peak)
                helper_peaks.append(helper_peak)
            row = {"n": n, "floor": statistics.median(t_floor), "pcmd": statistics.median(t_pcmd),
                   "read": statistics.median(t_read),
                   "openpyxl": statistics.median(t_openpyxl) if t_openpyxl else None,
                   "peak_mib": max(peaks) / 1024, "helper_mib": max(helper_peaks) / 1024,
                   "baseline": statistics.median(t_base) if t_base else None}
            rows.append(row)
            shutil.rmtree(tmp / f"n{n}")
            print_row(row)
    print()
    print(f"{'forms':>6} | {'floor s':>8} | {'openpyxl s':>10} | {'read s':>7} | {'read/floor':>10} | "
          f"{'pcmd s':>7} | {'pcmd/floor':>10} | "
          f"{'openpyxl/pcmd':>13} | {'peak MiB':>8} | {'helper MiB':>10}")
    for r in rows:
        print_row(r, table=True)
    if args.baseline:
        print(f"baseline {args.baseline}: " + ", ".join(
            f"n={r['n']}: {r['baseline']:.2f} s, this tree {r['pcmd']:.2f} s ({r['pcmd'] / r['baseline'] - 1:+.0%})"
            for r in rows))
    by_n = {r["n"]: r for r in rows}
    if 631 in by_n and 5000 in by_n:
        print(f"5000 / 631 time: {by_n[5000]['pcmd'] / by_n[631]['pcmd']:.2f}x (linear would be {5000 / 631:.2f}x)")
    print(f"pcmd --help: {help_time(args.repeats):.3f} s (median of {args.repeats})")


def print_row(r, table=False):
    op = f"{r['openpyxl']:.2f}" if r["openpyxl"] else "-"
    speedup = f"{r['openpyxl'] / r['pcmd']:.1f}x" if r["openpyxl"] else "-"
    if table:
        print(f"{r['n']:>6} | {r['floor']:>8.2f} | {op:>10} | {r['read']:>7.2f} | {r['read'] / r['floor']:>9.1f}x | "
              f"{r['pcmd']:>7.2f} | {r['pcmd'] / r['floor']:>9.1f}x | "
              f"{speedup:>13} | {r['peak_mib']:>8.0f} | {r['helper_mib']:>10.0f}")
    else:
        print(f"n={r['n']}: floor {r['floor']:.2f}s, openpyxl {op}s, read {r['read']:.2f}s, pcmd {r['pcmd']:.2f}s, "
              f"peak {r['peak_mib']:.0f} MiB "
              f"(largest helper {r['helper_mib']:.0f} MiB)", flush=True)


if __name__ == "__main__":
    main()
