#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/TARGET, not committed) from the
# project's test programs: every .scm, .sch and .sld under tests/cases is
# copied (flattened: tests/cases/GROUP/NAME.scm -> GROUP_NAME.scm) into the
# corpus of each text target. The `run` target's inputs are progen decision
# bytes, not text: it gets a few fixed random inputs. Files already there
# (found by earlier runs) are kept.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
cases=../tests/cases
for target in read expand check compile; do
  dir=corpus/$target
  mkdir -p "$dir"
  find "$cases" -type f \( -name '*.scm' -o -name '*.sch' -o -name '*.sld' \) -print0 |
    while IFS= read -r -d '' f; do
      rel=${f#"$cases"/}
      cp -n "$f" "$dir/${rel//\//_}"
    done
done
mkdir -p corpus/run
python3 - <<'PY'
import random
rng = random.Random(21)
for i in range(16):
    with open(f"corpus/run/seed-{i}", "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(rng.randrange(16, 512))))
PY
echo "corpus: $(ls corpus/check | wc -l) files per text target, $(ls corpus/run | wc -l) for run"
