# closc — common tasks. `make help` lists them.
CARGO ?= cargo
PREFIX ?= /usr/local
# Which build `make install` installs: release (default) or debug.
PROFILE ?= release
CLOSC_RELEASE := target/release/closc


.PHONY: help build debug release test test-gc-stress random-programs fuzz examples run bench bench-compile bench-deps bench-quick install fmt clippy clean

help:
	@echo "make build        debug build of closc and its runtime"
	@echo "make release      release build"
	@echo "make test         every test case in JIT and AOT mode, plus unit tests"
	@echo "make test-gc-stress  every test case with CLOSC_GC_STRESS=1"
	@echo "make random-programs SEEDS=N  N random programs (tools/progen): closc run, build,"
	@echo "                  GC stress and Chez must print the same (default 200)"
	@echo "make fuzz         each cargo-fuzz target for FUZZ_SECONDS (default 60; nightly)"
	@echo "make examples     run every program in examples/"
	@echo "make run          build and run examples/closures.scm"
	@echo "make bench        every program of bench/programs: closc against Chez, Guile, CHICKEN,"
	@echo "                  Gambit (and C); times and peak RSS in bench-results/summary.md"
	@echo "make bench-quick  one run of fib, tak and ack: closc against Chez"
	@echo "make bench-deps   install the peers, hyperfine, jq and GNU time (Debian)"
	@echo "make bench-compile  closc run of a generated 10,000-line program (compile speed)"
	@echo "make install      install closc and its runtime under PREFIX (default /usr/local;"
	@echo "                  PROFILE=debug installs the debug build)"

build:
	$(CARGO) build

debug: build

release:
	$(CARGO) build --release

test:
	$(CARGO) test

# Every test case, JIT and AOT, with a collection at every allocation.
test-gc-stress:
	CLOSC_TEST_GC_STRESS=1 $(CARGO) test --test cases

# Random programs (tools/progen) compared between closc run, closc build,
# closc run under GC stress and Chez (when installed); mismatches are kept in
# random-program-failures/.
SEEDS ?= 200
START ?= 1
random-programs:
	$(CARGO) build
	python3 tools/progen/compare.py --seeds $(SEEDS) --start $(START)

# Each fuzz target (fuzz/fuzz_targets) for FUZZ_SECONDS; needs nightly and
# cargo-fuzz. Crashing inputs land in fuzz/artifacts/TARGET/.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run.sh

run: release
	$(CLOSC_RELEASE) run examples/closures.scm

examples: release
	@for f in examples/*.scm; do \
	  echo "== $$f"; \
	  $(CLOSC_RELEASE) run $$f || exit 1; \
	done
	@# A program of several files, run (JIT) and built (AOT) from another directory.
	@echo "== examples/project (run, from /)"; \
	(cd / && $(abspath $(CLOSC_RELEASE)) run $(abspath examples/project/main.scm)) || exit 1
	@echo "== examples/project (build, from /tmp)"; \
	exe=$$(mktemp) && (cd /tmp && $(abspath $(CLOSC_RELEASE)) build $(abspath examples/project/main.scm) -o $$exe) \
	  && $$exe && rm -f $$exe
	@# A command-line tool (SRFI 37 options, hash tables, sorting, files, exit codes), built.
	@echo "== examples/wordfreq (build, then run on its sample)"; \
	exe=$$(mktemp) && $(CLOSC_RELEASE) build examples/wordfreq/wordfreq.scm -o $$exe \
	  && $$exe -n 5 -i examples/wordfreq/sample.txt && rm -f $$exe

# The peer Schemes, hyperfine, jq and GNU time, from Debian packages, when missing.
bench-deps:
	@missing=""; \
	for p in scheme:chezscheme guile:guile-3.0 csc:chicken-bin gsc:gambc hyperfine:hyperfine jq:jq \
	         /usr/bin/time:time python3:python3 gcc:gcc; do \
	  command -v $${p%%:*} >/dev/null 2>&1 || missing="$$missing $${p#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# bench/run.sh: knobs PROGRAMS, IMPLS, RUNS, WARMUP, CLOSC, RESULTS (see bench/README.md).
bench: release bench-deps
	CLOSC=$${CLOSC:-$(abspath $(CLOSC_RELEASE))} RESULTS=$${RESULTS:-$(abspath bench-results)} bash bench/run.sh
	@$(MAKE) --no-print-directory bench-compile
	@echo "summary: bench-results/summary.md, bench-results/compile-speed.md"

# Compile speed: `closc run` of a generated 10,000-line program (compile,
# start and run; the program itself runs in milliseconds).
bench-compile: release bench-deps
	@mkdir -p bench-results
	python3 bench/gen-large.py 10000 > bench-results/large-10000.scm
	hyperfine -N --warmup 1 --runs 10 --export-markdown bench-results/compile-speed.md \
	  '$(abspath $(CLOSC_RELEASE)) run bench-results/large-10000.scm'

bench-quick: release bench-deps
	CLOSC=$${CLOSC:-$(abspath $(CLOSC_RELEASE))} RESULTS=$${RESULTS:-$(abspath bench-results)} \
	  PROGRAMS="fib tak ack" IMPLS="closc-run closc-build chez chez-prog" RUNS=1 WARMUP=0 \
	  STARTUP_RUNS=5 bash bench/run.sh

# closc finds the runtime library in ../lib/closc beside its own directory.
install: $(PROFILE)
	install -d $(PREFIX)/bin $(PREFIX)/lib/closc
	install -m 755 target/$(PROFILE)/closc $(PREFIX)/bin/closc
	install -m 644 target/$(PROFILE)/libcloscrt.a $(PREFIX)/lib/closc/libcloscrt.a
	install -m 644 target/$(PROFILE)/libclosceval.a $(PREFIX)/lib/closc/libclosceval.a

fmt:
	$(CARGO) fmt --all

clippy:
	$(CARGO) clippy --all-targets

clean:
	$(CARGO) clean
