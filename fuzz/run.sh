#!/usr/bin/env bash
# `make fuzz`: builds the fuzz targets (nightly, cargo-fuzz), seeds the
# corpora from tests/cases, and runs each target in turn for FUZZ_SECONDS
# (default 60) with one job, niced. Knobs (environment):
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_TARGETS  which targets (default: read expand check compile run)
#   FUZZ_FLAGS    more libFuzzer flags
# A crash stops that target; its input is kept in fuzz/artifacts/TARGET/
# (replay it with `cargo +nightly fuzz run -s none -a TARGET FILE`). The
# exit status is 1 when any target crashed.
#
# The `run` target keeps every module it compiled (see its doc), so it runs
# in rounds of at most RUN_ROUND_SECONDS (default 1800), each a fresh process.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-read expand check compile run}
round=${RUN_ROUND_SECONDS:-1800}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "error: make fuzz needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz)" >&2
  exit 3
fi
# -s none: the targets are safe Rust over the compiler (panics are the
# bugs to find); -a: debug assertions (the IR's form checks between stages).
build_flags=(-s none -a)
nice -n 10 cargo +nightly fuzz build "${build_flags[@]}" || exit 1
./seed-corpus.sh
status=0
for t in $targets; do
  mkdir -p "artifacts/$t"
  flags=(-max_len=4096 -timeout=60 -rss_limit_mb=4096 "-artifact_prefix=artifacts/$t/" -print_final_stats=1)
  left=$seconds
  while [ "$left" -gt 0 ]; do
    this=$left
    if [ "$t" = run ] && [ "$this" -gt "$round" ]; then this=$round; fi
    echo "== fuzz $t: ${this} s"
    extra=()
    if [ "$t" = run ]; then extra=(-close_fd_mask=1); fi
    # shellcheck disable=SC2086
    nice -n 10 cargo +nightly fuzz run "${build_flags[@]}" "$t" "corpus/$t" -- \
      "${flags[@]}" "${extra[@]}" -max_total_time="$this" ${FUZZ_FLAGS:-}
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "fuzz $t: crashed (status $rc); inputs in fuzz/artifacts/$t/" >&2
      status=1
      break
    fi
    left=$((left - this))
  done
done
exit $status
