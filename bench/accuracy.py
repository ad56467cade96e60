#!/usr/bin/env python3
"""How much of `brief diff` is right on the invented study cases (tests/fixtures/drafts/
study, what is right in expect.json): correspondences (which paragraphs pair, and as
what) and word changes.

    bench/accuracy.py [BRIEF] [--study DIR ...] [-v]

BRIEF is the binary (target/debug/brief). DIR is a folder of the same shape (versions and
an expect.json) to score instead: real drafts kept aside, which this repository never
holds. -v lists every expected pair or change the output missed, and every one it added.

Correspondences: an expected pair is right when one pair of the output has exactly its
paragraphs on each side (named by words they hold; letters compared, so that a text
without spaces is still found), and, where the case says, its kind and labels; an output
pair that is no expected pair is one more wrong. A case's `moves` is one more
correspondence: right when the output has that many moved pairs.

Word changes: in each expected pair that lists its changes, a change (deleted words,
inserted words; `moved` for text moved to or from a nearby pair; or `{"any": [...]}` of
such, for alignments a careful reader takes as the same change) is right when the output
has it; each change of the output not expected is one more wrong; an expected pair the
output did not find costs its changes and one more (its paragraph deleted and inserted
whole is a wrong change of its own).
"""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUDY = os.path.join(ROOT, "tests", "fixtures", "drafts", "study")


def letters(s):
    return "".join(c.lower() for c in s if c.isalnum())


def sides(pair):
    old = "".join(c["text"] for c in pair["changes"] if c["op"] != "insert")
    new = "".join(c["text"] for c in pair["changes"] if c["op"] != "delete")
    return letters(old), letters(new)


def hunks(pair):
    moved = {m["change"] for m in pair.get("moved", [])}
    out, dele, ins = [], "", ""
    for k, c in enumerate(pair["changes"] + [{"op": "equal", "text": ""}]):
        if k in moved:
            out.append(("moved", letters(c["text"])))
            continue
        if c["op"] == "delete":
            dele += c["text"]
        elif c["op"] == "insert":
            ins += c["text"]
        elif dele or ins:
            out.append((letters(dele), letters(ins)))
            dele, ins = "", ""
    return out


def score(binary, study, case, verbose):
    out = subprocess.run(
        [binary, "diff", os.path.join(study, case["old"]), os.path.join(study, case["new"]),
         "-f", "json", "-w", "0"],
        capture_output=True, text=True, check=True).stdout
    say = print if verbose else (lambda *a: None)
    got = [json.loads(line) for line in out.splitlines()]
    used = [False] * len(got)
    pairs_right = pairs_total = words_right = words_total = 0
    for exp in case["pairs"]:
        pairs_total += 1
        eo = [letters(s) for s in exp["old"]]
        en = [letters(s) for s in exp["new"]]
        found = None
        for k, p in enumerate(got):
            if used[k] or len(p["old"]) != len(eo) or len(p["new"]) != len(en):
                continue
            o, n = sides(p)
            if all(s in o for s in eo) and all(s in n for s in en):
                found = k
                break
        # A change may be {"any": [[d, i], ...]}: alignments a careful reader takes as
        # the same change (`and its outcomes;` inserted, or `its outcomes; and`).
        expected = [
            [(letters(d), letters(i)) for d, i in c["any"]] if isinstance(c, dict)
            else [(letters(c[0]), letters(c[1]))]
            for c in exp.get("changes", [])
        ]
        if found is None:
            say(f"  missed pair {exp['old']} → {exp['new']}")
            if "changes" in exp:
                words_total += len(expected) + 1
            continue
        used[found] = True
        p = got[found]
        ok = True
        if "kinds" in exp and p["kind"] not in exp["kinds"]:
            ok = False
        if "labels" in exp and (p["old"], p["new"]) != ([exp["labels"][0]], [exp["labels"][1]]):
            ok = False
        pairs_right += ok
        if not ok:
            say(f"  wrong kind or labels {p['kind']} {p['old']}→{p['new']} for {exp['old']}")
        if "changes" in exp:
            have = hunks(p)
            for alts in expected:
                words_total += 1
                h = next((h for h in alts if h in have), None)
                if h is not None:
                    have.remove(h)
                    words_right += 1
                else:
                    say(f"  missed change {alts[0]} in {p['old']}→{p['new']}")
            words_total += len(have)
            for h in have:
                say(f"  extra change {h} in {p['old']}→{p['new']}")
    pairs_total += used.count(False)
    for k, p in enumerate(got):
        if not used[k]:
            o, n = sides(p)
            say(f"  extra pair {p['kind']} {p['old']}→{p['new']}: {o[:40]} | {n[:40]}")
    if "moves" in case:
        pairs_total += 1
        moved = sum(p["kind"] == "moved" for p in got)
        pairs_right += moved == case["moves"]
        if moved != case["moves"]:
            say(f"  {moved} moved pairs, expected {case['moves']}")
    return pairs_right, pairs_total, words_right, words_total


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    studies = []
    while "--study" in args:
        k = args.index("--study")
        studies.append(args[k + 1])
        del args[k:k + 2]
    studies = studies or [STUDY]
    binary = args[0] if args else os.path.join(ROOT, "target", "debug", "brief")
    totals = [0, 0, 0, 0]
    print(f"{'case':<28} {'pairs':>9} {'words':>9}")
    for study in studies:
        if len(studies) > 1:
            print(f"{study}:")
        for case in json.load(open(os.path.join(study, "expect.json")))["cases"]:
            name = f"{case['old']} → {case['new']}"
            if verbose:
                print(name)
            s = score(binary, study, case, verbose)
            totals = [a + b for a, b in zip(totals, s)]
            print(f"{name:<28} {s[0]:>4}/{s[1]:<4} {s[2]:>4}/{s[3]:<4}")
    pr, pt, wr, wt = totals
    print(f"{'all':<28} {pr:>4}/{pt:<4} {wr:>4}/{wt:<4}")
    print(f"correspondences right: {100 * pr / pt:.0f} %, word changes right: {100 * wr / wt:.0f} %")


if __name__ == "__main__":
    main()
