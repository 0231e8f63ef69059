#!/usr/bin/env bash
# bench/run.sh -- time closc and the peer Scheme implementations on bench/programs.
#
#   bash bench/run.sh            build, check, time every (program, implementation), write summary.md
#   bash bench/run.sh report     rewrite summary.md from the data of an earlier run in RESULTS
#   bash bench/run.sh expected   regenerate programs/NAME.out with Chez Scheme (scheme --script)
#
# Knobs (environment variables):
#   PROGRAMS="fib matrix"   programs to run (default: $OLD_PROGRAMS $NEW_PROGRAMS $MICRO_PROGRAMS below);
#                           a program with a NAME.params file stands for the rows that file lists
#                           (PROGRAMS=callcc-depth runs three rows); a single row may be named too
#   IMPLS="closc-build chez" implementations (default: $DEFAULT_IMPLS below; chez-o3 is optional)
#   RUNS=5 WARMUP=1         hyperfine runs and warm-up runs per cell
#   STARTUP_RUNS=20         hyperfine runs for the hello-world start-up row (3 warm-ups)
#   CLOSC=path/to/closc     the closc to measure (default: target/release/closc of this repository)
#   RESULTS=dir             output directory (default: bench-results at the repository's top);
#                           it is cleared at the start of a run
#   TIMEOUT=300             seconds before one checking run counts as failed
#
# Needs: hyperfine, jq, GNU time (/usr/bin/time), python3 (the summary), gcc, and the
# peers: scheme (Chez), guile, csc (CHICKEN 5), gsc (Gambit).  `make bench-deps`
# installs them on Debian.  A missing peer is reported as "missing" in its cells.
#
# Every cell is built, then run once under `/usr/bin/time -f %M` with its output
# compared to programs/NAME.out (peak RSS comes from that run; a wrong output or a
# crash is reported in the cell and not timed), then timed with `hyperfine -N`.
set -uo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
PROGS_DIR=$BENCH/programs

# The programs the project has always been measured on, then the newer program classes.
OLD_PROGRAMS="fib tak ack closures nqueens sieve deriv destruct strings mandel hof deeprec tailcall"
NEW_PROGRAMS="cpsinterp generators bigstring matrix lattice simplify graph bintrees churn bigvectors hashtable dispatch life optargs"
# Micro-benchmarks (the "other programs" table): call/cc capture at three stack depths
# (one program, three rows: programs/callcc-depth.params); 10^7 calls of a C function
# through the FFI.
MICRO_PROGRAMS="callcc-depth ffi-calls"
# The Scheme configurations that compete for "best peer" (each at its best safe setting).
PEERS="chez chez-prog guile chicken gambit"
DEFAULT_IMPLS="closc-run closc-build chez chez-prog guile chicken gambit c"

PROGRAMS=${PROGRAMS:-$OLD_PROGRAMS $NEW_PROGRAMS $MICRO_PROGRAMS}
IMPLS=${IMPLS:-$DEFAULT_IMPLS}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
STARTUP_RUNS=${STARTUP_RUNS:-20}
TIMEOUT=${TIMEOUT:-300}
RESULTS=${RESULTS:-$REPO/bench-results}
CLOSC=${CLOSC:-$REPO/target/release/closc}
GAMBIT_PRELUDE='(declare (standard-bindings) (extended-bindings) (block))'

say() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }

# ---------------------------------------------------------------- one cell
# needs IMPL -> the command the implementation needs, for the "missing" check
needs() {
    case $1 in
        closc-run|closc-build) echo "$CLOSC" ;;
        chez|chez-prog|chez-o3) echo scheme ;;
        guile) echo guile ;;
        chicken) echo csc ;;
        gambit) echo gsc ;;
        c) echo gcc ;;
        *) echo "unknown-implementation-$1" ;;
    esac
}

# record FILE NAME IMPL VALUE: one line of a .tsv data file
record() { printf '%s\t%s\t%s\n' "$2" "$3" "$4" >> "$RESULTS/$1"; }

# prepare NAME IMPL SRC -> prints the command line that runs the program (words quoted
# for eval); builds it first where the implementation compiles ahead of time and
# records the build time in compile.tsv.  Returns 1 when the build failed.
prepare() {
    local name=$1 impl=$2 src=$3 dir=$RESULTS/work/$2 t0 rc=0 q
    mkdir -p "$dir"
    t0=$(now)
    case $impl in
        closc-run) printf '%q run %q\n' "$CLOSC" "$src"; return 0 ;;
        chez)      printf 'scheme --script %q\n' "$src"; return 0 ;;
        chez-o3)   printf 'scheme --optimize-level 3 --script %q\n' "$src"; return 0 ;;
        chez-prog) { echo '(import (chezscheme))'; cat "$src"; } > "$dir/$name.ss"
                   printf 'scheme --program %q\n' "$dir/$name.ss"; return 0 ;;
        closc-build) "$CLOSC" build "$src" -o "$dir/$name" > "$dir/$name.log" 2>&1 || rc=$? ;;
        guile) guile --no-auto-compile -c "(use-modules (system base compile))
                   (compile-file \"$src\" #:output-file \"$dir/$name.go\" #:optimization-level 2)" \
                   > "$dir/$name.log" 2>&1 || rc=$? ;;
        chicken) cp "$src" "$dir/$name.scm" &&
                 (cd "$dir" && csc -O3 "$name.scm" -o "$name") > "$dir/$name.log" 2>&1 || rc=$? ;;
        gambit) cp "$src" "$dir/$name.scm" &&
                (cd "$dir" && gsc -exe -prelude "$GAMBIT_PRELUDE" -o "$name" "$name.scm") \
                    > "$dir/$name.log" 2>&1 || rc=$? ;;
        c) gcc -O2 -o "$dir/$name" "$src" > "$dir/$name.log" 2>&1 || rc=$? ;;
        *) say "  unknown implementation $impl"; return 1 ;;
    esac
    if (( rc != 0 )); then
        say "  $impl: BUILD FAILED (see $dir/$name.log)"
        return 1
    fi
    record compile.tsv "$name" "$impl" "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
    case $impl in
        guile) q=$(printf '(load-compiled "%s")' "$dir/$name.go"); printf 'guile --no-auto-compile -c %q\n' "$q" ;;
        *) printf '%q\n' "$dir/$name" ;;
    esac
}

# cell NAME IMPL SRC EXPECTED WARMUP RUNS: build, check (with peak RSS), time.
cell() {
    local name=$1 impl=$2 src=$3 expected=$4 warm=$5 runs=$6
    local dir=$RESULTS/work/$impl cmd rc json
    if ! command -v "$(needs "$impl")" > /dev/null 2>&1; then
        record status.tsv "$name" "$impl" missing; say "  $impl: missing"; return
    fi
    cmd=$(prepare "$name" "$impl" "$src") || { record status.tsv "$name" "$impl" build-failed; return; }
    mkdir -p "$dir"
    eval "timeout $TIMEOUT /usr/bin/time -f %M -o $(printf '%q' "$dir/$name.rss") $cmd" \
        > "$dir/$name.out" 2> "$dir/$name.err"
    rc=$?
    if (( rc == 124 )); then
        record status.tsv "$name" "$impl" timeout; say "  $impl: TIMEOUT after ${TIMEOUT}s"; return
    elif (( rc != 0 )); then
        record status.tsv "$name" "$impl" "exit-$rc"
        say "  $impl: FAILED, exit status $rc: $(head -c 200 "$dir/$name.err")"; return
    elif ! cmp -s "$dir/$name.out" "$expected"; then
        record status.tsv "$name" "$impl" wrong-output
        say "  $impl: WRONG OUTPUT: $(head -c 200 "$dir/$name.out")"; return
    fi
    record rss.tsv "$name" "$impl" "$(tail -n 1 "$dir/$name.rss")"
    json=$RESULTS/json/$name.$impl.json
    # hyperfine -N splits the command line itself, with the shell's quoting rules
    if ! hyperfine -N --style none --warmup "$warm" --runs "$runs" --export-json "$json.part" "$cmd" \
           >> "$RESULTS/hyperfine.log" 2>&1 || ! jq -e '.results[0].median' "$json.part" > /dev/null 2>&1; then
        rm -f "$json.part"
        record status.tsv "$name" "$impl" timing-failed; say "  $impl: TIMING FAILED (see hyperfine.log)"; return
    fi
    mv "$json.part" "$json"
    record status.tsv "$name" "$impl" ok
    say "  $impl: $(jq -r '.results[0].median * 1000 | round / 1000' "$json") s, $(( $(tail -n 1 "$dir/$name.rss") / 1024 )) MiB"
}

# ---------------------------------------------------------------- the run
versions() {
    local closc_v
    closc_v=$("$CLOSC" --version 2>/dev/null | head -n 1)
    echo "- closc: ${closc_v:-not found}, commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    command -v scheme > /dev/null && echo "- Chez Scheme $(scheme --version 2>&1)"
    command -v guile > /dev/null && echo "- $(guile --version | head -n 1)"
    command -v csi > /dev/null && echo "- CHICKEN $(csi -release)"
    command -v gsi > /dev/null && echo "- Gambit $(gsi -v | cut -d' ' -f1)"
    command -v gcc > /dev/null && echo "- $(gcc --version | head -n 1)"
    echo "- $(hyperfine --version)"
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- settings: RUNS=$RUNS WARMUP=$WARMUP STARTUP_RUNS=$STARTUP_RUNS"
}

# ---------------------------------------------------------------- parameter rows
# A program NAME.scm with a file NAME.params is run once per line `ROW VARIABLE VALUE`
# of that file (blank lines and # comments aside), as the row ROW: a copy of the
# program whose line `(define VARIABLE ...)` says VALUE, checked against ROW.out.

# rows_of NAME -> the rows NAME stands for: the ROWs of NAME.params, else NAME itself
rows_of() {
    local params=$PROGS_DIR/$1.params
    if [[ -f $params ]]; then
        awk '$1 !~ /^#/ && NF { print $1 }' "$params"
    else
        echo "$1"
    fi
}

# param_row ROW -> "BASE VARIABLE VALUE" when ROW is a row of BASE.params; fails otherwise
param_row() {
    local params
    for params in "$PROGS_DIR"/*.params; do
        [[ -f $params ]] || continue
        awk -v row="$1" -v base="$(basename "$params" .params)" \
            '$1 !~ /^#/ && $1 == row { print base, $2, $3; found = 1; exit } END { exit !found }' \
            "$params" && return 0
    done
    return 1
}

# with_param SRC VARIABLE VALUE OUT: writes SRC to OUT with its one line
# `(define VARIABLE ...)` set to VALUE
with_param() {
    local n
    n=$(grep -c "^(define $2 [^()]*)\$" "$1")
    if [[ $n != 1 ]]; then
        say "$1: needs exactly one line (define $2 ...) for its .params rows, has $n"; return 1
    fi
    sed "s|^(define $2 [^()]*)\$|(define $2 $3)|" "$1" > "$4"
}

# expand_rows NAME... -> the rows the names stand for, one per line
expand_rows() {
    local name
    for name in "$@"; do rows_of "$name"; done
}

# program_for NAME IMPL -> the source IMPL runs for NAME: NAME.FAMILY.scm when the
# program has per-implementation variants (written against each one's native library,
# e.g. hash tables), FAMILY being the implementation's name up to its first `-`
# (chez-prog uses NAME.chez.scm); NAME.scm otherwise, and for closc. `none` when the
# program has variants but none for IMPL's family. For a row of a .params file, the
# copy of its program with the row's value, written below GEN_DIR.
program_for() {
    local name=$1 family=${2%%-*} spec base var value src out
    if spec=$(param_row "$name"); then
        read -r base var value <<< "$spec"
        src=$(program_for "$base" "$2")
        if [[ $src == none ]]; then echo none; return 0; fi
        out=$GEN_DIR/$family/$name.scm
        mkdir -p "$GEN_DIR/$family"
        with_param "$src" "$var" "$value" "$out" || return 1
        echo "$out"
    elif [[ -f $PROGS_DIR/$name.$family.scm ]]; then
        echo "$PROGS_DIR/$name.$family.scm"
    elif [[ $family != closc ]] && compgen -G "$PROGS_DIR/$name.*.scm" > /dev/null; then
        echo none
    else
        echo "$PROGS_DIR/$name.scm"
    fi
}

run_all() {
    local name impl src t0
    for tool in hyperfine jq python3; do
        command -v $tool > /dev/null || { say "run.sh needs $tool (make bench-deps installs it)"; exit 1; }
    done
    [[ -x /usr/bin/time ]] || { say "run.sh needs GNU time at /usr/bin/time (apt-get install time)"; exit 1; }
    PROGRAMS=$(expand_rows $PROGRAMS)
    for name in $PROGRAMS; do
        local spec base=$name
        spec=$(param_row "$name") && base=${spec%% *}
        [[ -f $PROGS_DIR/$base.scm && -f $PROGS_DIR/$name.out ]] \
            || { say "no program $PROGS_DIR/$base.scm with its $name.out"; exit 1; }
    done
    if [[ -e $RESULTS && ! -f $RESULTS/impls.txt ]]; then
        say "refusing to clear $RESULTS: it is not the results directory of an earlier run"; exit 1
    fi
    rm -rf "$RESULTS"
    mkdir -p "$RESULTS/json" "$RESULTS/work"
    GEN_DIR=$RESULTS/src
    : > "$RESULTS/status.tsv"; : > "$RESULTS/rss.tsv"; : > "$RESULTS/compile.tsv"; : > "$RESULTS/load.tsv"
    echo "$IMPLS" | tr -s ' ' '\n' | sed '/^$/d' > "$RESULTS/impls.txt"
    echo "$PROGRAMS" | tr -s ' ' '\n' | sed '/^$/d' > "$RESULTS/programs.txt"
    versions > "$RESULTS/versions.md"
    t0=$(now)

    say "== hello (start-up)"
    record load.tsv hello - "$(cut -d' ' -f1 /proc/loadavg)"
    for impl in $IMPLS; do
        src=$BENCH/startup/hello.scm
        [[ $impl == c ]] && src=$BENCH/startup/hello.c
        cell hello "$impl" "$src" "$BENCH/startup/hello.out" 3 "$STARTUP_RUNS"
    done
    # program-major: all the columns of a row are timed within a few minutes of each other
    for name in $PROGRAMS; do
        say "== $name"
        record load.tsv "$name" - "$(cut -d' ' -f1 /proc/loadavg)"
        for impl in $IMPLS; do
            if ! src=$(program_for "$name" "$impl"); then
                record status.tsv "$name" "$impl" build-failed; continue
            fi
            if [[ $impl == c ]]; then
                src=$BENCH/c/$name.c
                [[ -f $src ]] || continue
            fi
            if [[ $src == none ]]; then
                record status.tsv "$name" "$impl" missing; say "  $impl: no variant of $name"; continue
            fi
            cell "$name" "$impl" "$src" "$PROGS_DIR/$name.out" "$WARMUP" "$RUNS"
        done
    done
    echo "- total time of the run: $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s" >> "$RESULTS/versions.md"
    report
}

report() {
    [[ -f $RESULTS/impls.txt ]] || { say "no run to report in $RESULTS"; exit 1; }
    OLD_PROGRAMS=$OLD_PROGRAMS NEW_PROGRAMS=$NEW_PROGRAMS PEERS=$PEERS \
        python3 "$BENCH/summary.py" "$RESULTS" > "$RESULTS/summary.md" || exit 1
    say "summary: $RESULTS/summary.md"
}

# Expected outputs come from Chez Scheme.
expected() {
    local name src
    GEN_DIR=$(mktemp -d)
    trap 'rm -rf "$GEN_DIR"' EXIT
    for name in $(expand_rows $PROGRAMS); do
        src=$(program_for "$name" chez) || exit 1
        scheme --script "$src" > "$PROGS_DIR/$name.out" || { say "chez failed on $name"; exit 1; }
        say "$name: $(head -c 120 "$PROGS_DIR/$name.out")"
    done
}

case ${1:-run} in
    run) run_all ;;
    report) report ;;
    expected) expected ;;
    *) say "usage: bash bench/run.sh [run|report|expected]"; exit 2 ;;
esac
