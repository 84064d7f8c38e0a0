"""One-off helper that produced parts of pcmd_reports/plans/ha-noi-2024.toml.

It is kept for the record, not run by the toolkit:
- the 30 districts of Hanoi with their official codes and commune counts, from the
  `vietnam-provinces` package at version 0.5.0 (data of 2023-05-07, 579 communes);
- the tasks of section IV, verbatim from the plan's text (the seed);
- the reporting periods (Decree 09/2019/NĐ-CP data windows);
- the communes of each district ([communes], 579 in all, same package and version).

Usage: python scripts/gen_plan_fragments.py SEED.txt NESTED_DIVISIONS.json > fragments.toml
"""
import json
import re
import sys
from datetime import date, timedelta


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sections(seed: str):
    start = seed.index("IV. PHÂN CÔNG THỰC HIỆN")
    end = seed.index("V. TỔ CHỨC THỰC HIỆN")
    paras = [p.strip() for p in seed[start:end].split("\n\n") if p.strip()][1:]
    merged = []
    for p in paras:
        # A page break in the seed cuts a sentence in two: glue it back.
        if merged and p[0].islower():
            merged[-1] += " " + p
        else:
            merged.append(p)
    out, cur = [], None
    for p in merged:
        m = re.match(r"^(\d+)\. (.+)$", p)
        if m and len(p) < 120:
            cur = {"no": m.group(1), "title": m.group(2), "intro": "", "tasks": []}
            out.append(cur)
        elif p.startswith("- "):
            cur["tasks"].append(p[2:])
        elif not cur["tasks"] and p.endswith(":"):
            cur["intro"] = p
        else:
            cur["tasks"].append(p)
    return out


def periods():
    rows = []
    def add(code, name, kind, start, end, due, who):
        rows.append((code, name, kind, start, end, due, who))
    add("2024-H1", "6 tháng đầu năm 2024", "half", date(2023, 12, 15), date(2024, 6, 14), date(2024, 6, 17), "all")
    add("2024", "năm 2024", "year", date(2023, 12, 15), date(2024, 12, 14), date(2024, 12, 17), "all")
    qs = [(date(2023, 12, 15), date(2024, 3, 14)), (date(2024, 3, 15), date(2024, 6, 14)),
          (date(2024, 6, 15), date(2024, 9, 14)), (date(2024, 9, 15), date(2024, 12, 14))]
    roman = ["I", "II", "III", "IV"]
    for i, (s, e) in enumerate(qs):
        add(f"2024-Q{i+1}", f"quý {roman[i]} năm 2024", "quarter", s, e, e + timedelta(days=3), "frequent")
    for m in range(1, 13):
        s = date(2023, 12, 15) if m == 1 else date(2024, m - 1, 15)
        e = date(2024, m, 14)
        add(f"2024-{m:02d}", f"tháng {m} năm 2024", "month", s, e, e + timedelta(days=3), "frequent")
    for code, name, kind, s, e, due, who in rows:
        print("[[periods]]")
        print(f"code = {q(code)}\nname = {q(name)}\nkind = {q(kind)}")
        print(f"start = {s.isoformat()}\nend = {e.isoformat()}\ndue = {due.isoformat()}")
        print(f"reporters = {q(who)}\n")


def districts(nested):
    hn = [p for p in nested if p["code"] == 1][0]
    for d in hn["districts"]:
        kind = d["division_type"]
        print("[[units]]")
        name = d["name"]
        body = "Ủy ban nhân dân " + name[0].lower() + name[1:]
        print(f'code = "{d["code"]:03d}"\nname = {q(name)}\nbody = {q(body)}')
        print(f'level = "district"\nkind = {q(kind)}\ncommunes = {len(d["wards"])}\n')


def communes(nested):
    hn = [p for p in nested if p["code"] == 1][0]
    print("[communes]")
    for d in hn["districts"]:
        print(f'"{d["code"]:03d}" = [')
        for w in d["wards"]:
            print(f'  ["{w["code"]:05d}", {q(w["name"])}],')
        print("]")


if __name__ == "__main__":
    seed = open(sys.argv[1], encoding="utf-8").read()
    nested = json.load(open(sys.argv[2], encoding="utf-8"))
    periods()
    districts(nested)
    for s in sections(seed):
        print("[[sections]]")
        print(f'no = "{s["no"]}"\ntitle = {q(s["title"])}')
        if s["intro"]:
            print(f"intro = {q(s['intro'])}")
        print("tasks = [")
        for t in s["tasks"]:
            print(f"  {q(t)},")
        print("]\n")
    communes(nested)
