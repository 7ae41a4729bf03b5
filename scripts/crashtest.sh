#!/usr/bin/env bash
# Crash test: RUNS runs of `sitrep annotate --force` killed with SIGKILL at a
# random moment over a generated corpus of 560 reports, each followed by a
# normal run. Every final output must equal a clean run's: the same sorted
# annotations.jsonl, an index holding exactly the records (sitrep validate),
# and the same ids for a fixed set of searches.
# Usage: scripts/crashtest.sh [WORK_DIR]   (RUNS=20, SITREP=bin/sitrep)
set -euo pipefail
bin=${SITREP:-bin/sitrep}
work=${1:-/tmp/sitrep-crashtest}
runs=${RUNS:-20}
rm -rf "$work" && mkdir -p "$work/corpus"

# 80 copies of the example corpus, each made distinct by a closing line.
for i in $(seq -w 1 80); do
  (cd corpus/examples && find . -type f) | while read -r rel; do
    dst="$work/corpus/copy$i/${rel#./}"
    mkdir -p "$(dirname "$dst")"
    { cat "corpus/examples/$rel"; printf '\n\nCopy %s of the example report.\n' "$i"; } > "$dst"
  done
done
n=$(find "$work/corpus" -type f | wc -l)

queries=("Kherson" "entity:ISKP" "+label:MALWARE +entity:FlawedGrace" "category:roughly_even" "takeaway:Sievierodonetsk")
ids() { "$bin" search --json --limit 1000 "$1" "$2" | python3 -c 'import json,sys; print("\n".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))'; }

start=$(date +%s.%N)
"$bin" annotate -q "$work/corpus" -o "$work/ref"
full=$(python3 -c "print($(date +%s.%N) - $start)")
sort "$work/ref/annotations.jsonl" > "$work/ref.sorted"
for k in "${!queries[@]}"; do ids "$work/ref" "${queries[$k]}" > "$work/ref.q$k"; done
echo "crashtest: $n reports, clean run ${full}s; $runs killed runs follow"

fail=0
for run in $(seq 1 "$runs"); do
  if (( run % 5 == 1 )); then rm -rf "$work/out"; fi # some runs start from nothing
  delay=$(python3 -c "import random; print(round(random.uniform(0.02, 1.15 * $full), 3))")
  # Odd runs use other options, so the killed run writes records that differ from the clean ones.
  opts=(--force); (( run % 2 )) && opts=(--takeaways 2)
  "$bin" annotate -q "${opts[@]}" "$work/corpus" -o "$work/out" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$bin" annotate -q "$work/corpus" -o "$work/out"
  verdict=ok
  sort "$work/out/annotations.jsonl" | cmp -s - "$work/ref.sorted" || verdict="annotations.jsonl differs"
  "$bin" validate "$work/out" >/dev/null || verdict="validate found problems"
  for k in "${!queries[@]}"; do
    ids "$work/out" "${queries[$k]}" | cmp -s - "$work/ref.q$k" || verdict="search '${queries[$k]}' differs"
  done
  annotated=$(python3 -c "import json; print(json.load(open('$work/out/manifest.json'))['totals']['annotated'])")
  printf 'run %2d: killed after %6.3fs, recovery annotated %3d reports: %s\n' "$run" "$delay" "$annotated" "$verdict"
  [ "$verdict" = ok ] || fail=$((fail + 1))
done
echo "crashtest: $((runs - fail)) of $runs runs recovered to the clean output"

# Ctrl-C (SIGINT) during a --force run over a complete output: exit 130, the
# output valid and whole (finished reports new, the rest kept), no ".new"
# litter; a normal run then gives the clean output.
"$bin" annotate -q "$work/corpus" -o "$work/out"
"$bin" annotate -q --force "$work/corpus" -o "$work/out" >/dev/null 2>"$work/int.err" &
pid=$!
sleep "$(python3 -c "print(round(0.4 * $full, 3))")"
kill -INT "$pid"
code=0; wait "$pid" || code=$?
verdict=ok
[ "$code" -eq 130 ] || verdict="exit $code, want 130: $(cat "$work/int.err")"
litter=$(find "$work/out" -maxdepth 1 \( -name '*.new' -o -name '*.old' \) | wc -l)
[ "$litter" -eq 0 ] || verdict="$litter .new/.old left behind"
"$bin" validate "$work/out" >/dev/null || verdict="validate found problems after the interrupt"
records=$(wc -l < "$work/out/annotations.jsonl")
[ "$records" -eq "$(wc -l < "$work/ref.sorted")" ] || verdict="$records records after the interrupt"
"$bin" annotate -q "$work/corpus" -o "$work/out"
sort "$work/out/annotations.jsonl" | cmp -s - "$work/ref.sorted" || verdict="annotations.jsonl differs after the interrupted --force run"
echo "crashtest: Ctrl-C during --force: $verdict"
[ "$verdict" = ok ] || fail=$((fail + 1))
[ "$fail" -eq 0 ]
