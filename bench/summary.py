"""Write summary.md (to stdout) from the data files of one bench/run.sh run.

Usage: python3 bench/summary.py RESULTS   (bench/run.sh calls it; OLD_PROGRAMS,
NEW_PROGRAMS and PEERS come from the environment, as run.sh sets them)
"""
import glob
import json
import math
import os
import sys

res = sys.argv[1]
bench = os.path.dirname(os.path.abspath(__file__))
OLD = os.environ.get("OLD_PROGRAMS", "").split()
NEW = os.environ.get("NEW_PROGRAMS", "").split()
PEERS = os.environ.get("PEERS", "chez chez-prog guile chicken gambit").split()


def lines(name):
    p = os.path.join(res, name)
    return [l.rstrip("\n") for l in open(p)] if os.path.exists(p) else []


def tsv(name):
    rows = {}
    for l in lines(name):
        f = l.split("\t")
        if len(f) == 3:
            rows[(f[0], f[1])] = f[2]
    return rows


impls = [l for l in lines("impls.txt") if l]
programs = [l for l in lines("programs.txt") if l]
status, rss, build, load = tsv("status.tsv"), tsv("rss.tsv"), tsv("compile.tsv"), tsv("load.tsv")
med, spread = {}, {}
for p in glob.glob(os.path.join(res, "json", "*.json")):
    prog, impl = os.path.basename(p)[:-len(".json")].split(".", 1)
    r = json.load(open(p))["results"][0]
    med[(prog, impl)] = r["median"]
    if r.get("stddev") and r["mean"] > 0:
        spread[(prog, impl)] = r["stddev"] / r["mean"]

peers = [i for i in PEERS if i in impls]
closc = [i for i in ("closc-run", "closc-build") if i in impls]


def mib(prog, impl):
    v = rss.get((prog, impl))
    return "%.0f" % (int(v) / 1024) if v else "?"


def cell(prog, impl):
    if (prog, impl) in med:
        return "%.3f (%s)" % (med[(prog, impl)], mib(prog, impl))
    s = status.get((prog, impl))
    return "**%s**" % s if s else "-"


def best(prog):
    timed = [(med[(prog, i)], i) for i in peers if (prog, i) in med]
    return min(timed)[1] if timed else None


def ratio(prog, impl):
    b = best(prog)
    return med[(prog, impl)] / med[(prog, b)] if b and (prog, impl) in med else None


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else None


def fmt(x, f="%.2f"):
    return f % x if x is not None else "-"


def row(cells):
    return "| " + " | ".join(cells) + " |"


def param_row(prog):
    """(base, variable, value) when PROG is a row of programs/BASE.params, else None."""
    for path in sorted(glob.glob(os.path.join(bench, "programs", "*.params"))):
        for l in open(path):
            f = l.split()
            if len(f) == 3 and not f[0].startswith("#") and f[0] == prog:
                return os.path.basename(path)[:-len(".params")], f[1], f[2]
    return None


def header_line(prog):
    """The first comment line of programs/PROG.scm, without the leading 'PROG: '.
    For a row of a .params file, its program's line with the variable's name in
    capitals (DEPTH) replaced by the row's value."""
    row = param_row(prog)
    base = row[0] if row else prog
    try:
        first = open(os.path.join(bench, "programs", base + ".scm")).readline()
    except OSError:
        return ""
    text = first.lstrip(";").strip()
    text = text[len(base) + 1:].strip() if text.startswith(base + ":") else text
    return text.replace(row[1].upper(), row[2]) if row else text


def table(title, progs):
    progs = [p for p in progs if p in programs]
    if not progs:
        return
    print("## %s\n" % title)
    print("Median wall time in seconds, peak RSS in MiB in parentheses; "
          "**bold** cells did not give a timing (see Failures).\n")
    heads = ["program"] + impls + ["best peer"] + ["%s / best peer" % c for c in closc]
    print(row(heads))
    print(row(["---"] + ["---:"] * len(impls) + ["---"] + ["---:"] * len(closc)))
    for p in progs:
        print(row([p] + [cell(p, i) for i in impls] + [best(p) or "-"]
                  + [fmt(ratio(p, c)) for c in closc]))
    gms = [geomean([ratio(p, c) for p in progs]) for c in closc]
    counted = [len([p for p in progs if ratio(p, c)]) for c in closc]
    print(row(["**geomean**"] + [""] * len(impls) + [""]
              + ["**%s** (%d programs)" % (fmt(g), n) for g, n in zip(gms, counted)]))
    print()


print("# closc benchmark results\n")
print("\n".join(lines("versions.md")))
print()
print("\"best peer\" is the fastest of %s in the row; a ratio below 1 means closc was "
      "faster than every peer on that program. c (gcc -O2) exists only for fib, tak and ack "
      "and is no peer." % ", ".join(peers))
print()

print("## Start-up: hello world\n")
print(row(["impl", "median ms", "peak RSS MiB"]))
print(row(["---", "---:", "---:"]))
for i in impls:
    if ("hello", i) in med:
        print(row([i, "%.1f" % (1000 * med[("hello", i)]), mib("hello", i)]))
    else:
        print(row([i, "**%s**" % status.get(("hello", i), "-"), "-"]))
print()

table("The classic programs", OLD)
table("The newer program classes", NEW)
table("Other programs", [p for p in programs if p not in OLD and p not in NEW])

print("## What each program measures\n")
for p in programs:
    print("- **%s**: %s" % (p, header_line(p)))
print()

aot = [i for i in impls if any((p, i) in build for p in programs)]
if aot:
    print("## Build time (s) of the ahead-of-time implementations\n")
    print(row(["program"] + aot))
    print(row(["---"] + ["---:"] * len(aot)))
    for p in programs:
        print(row([p] + [build.get((p, i), "-") for i in aot]))
    print()

bad = [(p, i, s) for (p, i), s in sorted(status.items()) if s != "ok"]
if bad:
    print("## Failures\n")
    for p, i, s in bad:
        print("- %s / %s: %s" % (p, i, s))
    print()

print("## Noise\n")
print("The 1-minute load average when each row started (the machine's other work "
      "inflates timings; compare cells within a row): "
      + ", ".join("%s %s" % (p, load[(p, "-")]) for p in ["hello"] + programs if (p, "-") in load)
      + ".")
noisy = sorted(((p, i), s) for (p, i), s in spread.items() if s > 0.10 and p != "hello")
if noisy:
    print("\nhyperfine standard deviation above 10% of the mean: "
          + ", ".join("%s/%s %.0f%%" % (p, i, 100 * s) for (p, i), s in noisy) + ".")
print()

print("## Commands\n")
FLAGS = {
    "closc-run": "`closc run NAME.scm` (JIT: compilation is inside the timing)",
    "closc-build": "`closc build NAME.scm -o NAME`, time `./NAME`",
    "chez": "`scheme --script NAME.scm`",
    "chez-o3": "`scheme --optimize-level 3 --script NAME.scm` (unsafe; not a peer)",
    "chez-prog": "`scheme --program NAME.ss`, NAME.ss = `(import (chezscheme))` followed by NAME.scm "
                 "(the whole file as one top-level program, default optimize level)",
    "guile": "`(compile-file \"NAME.scm\" #:optimization-level 2)`, time "
             "`guile --no-auto-compile -c '(load-compiled \"NAME.go\")'`",
    "chicken": "`csc -O3 NAME.scm -o NAME`, time `./NAME`",
    "gambit": "`gsc -exe -prelude '(declare (standard-bindings) (extended-bindings) (block))' "
              "-o NAME NAME.scm`, time `./NAME`",
    "c": "`gcc -O2 -o NAME c/NAME.c`, time `./NAME`",
}
for i in impls:
    print("- %s: %s" % (i, FLAGS.get(i, "see bench/run.sh")))
print("\nTimes are medians of `hyperfine -N`; peak RSS is `/usr/bin/time -f %M` of the one extra "
      "run whose output was checked against programs/NAME.out.")
