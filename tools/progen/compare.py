#!/usr/bin/env python3
"""Differential testing of closc with progen's random programs.

For seeds START .. START+SEEDS-1, in batches of BATCH programs per file (one
`closc build` per batch: linking dominates otherwise), runs each file with

  * `closc run`                        (JIT)
  * `closc build` and the executable   (AOT)
  * `closc run` with CLOSC_GC_STRESS=1 (a collection at every allocation)
  * `scheme --script`                  (Chez Scheme, when installed)

and compares stdout and exit status (0 expected). A batch that differs is
split: each of its seeds runs alone, and every seed that differs is kept in
OUT (its program and each implementation's output) and named on stderr.
Exit status: 0 when nothing differs, 1 otherwise.

usage: compare.py [--seeds N] [--start S] [--batch B] [--jobs J]
                  [--closc PATH] [--progen PATH] [--out DIR] [--no-chez]
                  [--timeout SECONDS] [-v]
"""

import argparse
import concurrent.futures
import os
import re
import resource
import signal
import shutil
import subprocess
import sys
import tempfile
import time


def run(cmd, env_extra=None, timeout=60):
    """(status, stdout, stderr) of `cmd`; status 'timeout' past `timeout`
    seconds of CPU time (RLIMIT_CPU: a loaded machine does not make a slow
    run look like a runaway), or 20 times that of wall-clock time."""
    env = dict(os.environ)
    env.update(env_extra or {})

    def limit_cpu():
        resource.setrlimit(resource.RLIMIT_CPU, (timeout, timeout))

    try:
        p = subprocess.run(
            cmd, capture_output=True, timeout=timeout * 20, env=env, preexec_fn=limit_cpu
        )
    except subprocess.TimeoutExpired:
        return ("timeout", b"", b"")
    if p.returncode == -signal.SIGXCPU:
        return ("timeout", p.stdout, p.stderr)
    return (p.returncode, p.stdout, p.stderr)


def outcomes(args, src, workdir):
    """Each implementation's (status, stdout, stderr) for the file `src`."""
    t = args.timeout
    results = {}
    results["run"] = run([args.closc, "run", "-W", "none", src], timeout=t)
    exe = os.path.join(workdir, "prog")
    built = run([args.closc, "build", "-W", "none", src, "-o", exe], timeout=t)
    if built[0] != 0:
        results["build"] = built
    else:
        results["build"] = run([exe], timeout=t)
    results["gc-stress"] = run(
        [args.closc, "run", "-W", "none", src], env_extra={"CLOSC_GC_STRESS": "1"}, timeout=t * 5
    )
    if args.chez:
        status, out, err = run(["scheme", "--script", src], timeout=t)
        results["chez"] = (status, r6rs_to_r7rs(out), err)
    return results


def r6rs_to_r7rs(out):
    """Chez's output in R7RS spelling: Chez writes a subnormal flonum with an
    R6RS mantissa width (`2.2768e-319|16`), which R7RS lacks. (progen's
    strings and symbols never contain `|`.)"""
    return re.sub(rb"(\d)\|\d+", rb"\1", out)


def agree(results):
    """Whether every implementation exited 0 with the same stdout."""
    reference = results["run"]
    return all(r[0] == 0 and r[1] == reference[1] for r in results.values())


def generate(args, seed, count, path):
    with open(path, "wb") as f:
        subprocess.run([args.progen, str(seed), str(count)], stdout=f, check=True)


def keep_failure(args, seed, src, results):
    os.makedirs(args.out, exist_ok=True)
    base = os.path.join(args.out, f"seed-{seed}")
    shutil.copy(src, base + ".scm")
    for name, (status, out, err) in results.items():
        with open(f"{base}.{name}.out", "wb") as f:
            f.write(out)
        with open(f"{base}.{name}.err", "wb") as f:
            f.write(f"status: {status}\n".encode() + err)
    statuses = ", ".join(f"{n}: {r[0]}" for n, r in results.items())
    print(f"MISMATCH seed {seed} ({statuses}): {base}.scm", file=sys.stderr)


def check_batch(args, first, count):
    """The seeds of `first` .. `first+count-1` whose outputs differ."""
    failed = []
    workdir = tempfile.mkdtemp(prefix="closc-progen-")
    try:
        src = os.path.join(workdir, "batch.scm")
        generate(args, first, count, src)
        if agree(outcomes(args, src, workdir)):
            if args.verbose:
                print(f"seeds {first}-{first + count - 1}: same", file=sys.stderr, flush=True)
            return failed
        for seed in range(first, first + count):
            one = os.path.join(workdir, f"seed-{seed}.scm")
            generate(args, seed, 1, one)
            results = outcomes(args, one, workdir)
            if not agree(results):
                failed.append(seed)
                keep_failure(args, seed, one, results)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=200)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--jobs", type=int, default=1, help="batches checked at once")
    ap.add_argument("--closc", default="target/debug/closc")
    ap.add_argument("--progen", default="target/debug/progen")
    ap.add_argument("--out", default="random-program-failures")
    ap.add_argument("--no-chez", dest="chez", action="store_false")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("-v", "--verbose", action="store_true", help="a line per batch")
    args = ap.parse_args()
    if args.chez and shutil.which("scheme") is None:
        print("compare.py: no `scheme` (Chez) on PATH: comparing closc with itself", file=sys.stderr)
        args.chez = False

    started = time.time()
    end = args.start + args.seeds
    firsts = range(args.start, end, args.batch)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        batches = pool.map(lambda first: check_batch(args, first, min(args.batch, end - first)), firsts)
        failed = sorted(seed for batch in batches for seed in batch)
    elapsed = time.time() - started
    peers = "run, build, gc-stress" + (", chez" if args.chez else "")
    print(
        f"random programs: {args.seeds} seeds from {args.start} ({peers}): "
        f"{len(failed)} mismatches in {elapsed:.0f} s"
    )
    if failed:
        print("mismatching seeds: " + " ".join(map(str, failed)))
        sys.exit(1)


if __name__ == "__main__":
    main()
