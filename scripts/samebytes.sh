#!/usr/bin/env bash
# scripts/samebytes.sh OLD_BIN NEW_BIN CORPUS...: annotate each corpus with both
# binaries and show that the outputs are the same bytes: annotations.jsonl,
# every report file, the manifest less its timings, dates and fingerprint
# (which names the build), and the hits of a fixed query set (ties in
# score ordered by id: the parallel index writer leaves their order open). For
# refactorings that must change nothing (issue 21).
set -euo pipefail
old=$1 new=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for corpus in "$@"; do
  name=$(basename "$corpus")
  for v in old new; do
    bin=${!v}
    "$bin" annotate -q --workers 2 "$corpus" -o "$work/$v-$name" || true
    python3 - "$work/$v-$name/manifest.json" > "$work/$v-$name.manifest" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
for k in ("timings", "started", "finished", "fingerprint"):
    m.pop(k, None)
print(json.dumps(m, indent=1, sort_keys=True))
PY
    for q in Kherson '+entity:ISKP +category:likely' 'label:GROUP' '+text:russian +text:forces' 'TA505'; do
      "$bin" search "$work/$v-$name" "$q" --json --limit 1000 2>/dev/null | python3 -c '
import json, sys
def strip(v):  # timings differ run to run
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("took", "took_ms")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
r = strip(json.load(sys.stdin))
# Hits of equal score come in index order, which the parallel index writer
# does not fix: compare them ordered by score, then id.
if isinstance(r, dict) and isinstance(r.get("hits"), list):
    r["hits"].sort(key=lambda h: (-h.get("score", 0), h.get("id", "")))
print(json.dumps(r, sort_keys=True))' >> "$work/$v-$name.search" || echo "search failed: $q" >> "$work/$v-$name.search"
    done
  done
  for f in annotations.jsonl; do
    cmp -s "$work/old-$name/$f" "$work/new-$name/$f" && echo "$name: $f same" || { echo "$name: $f DIFFERS"; status=1; }
  done
  diff -r -q "$work/old-$name/reports" "$work/new-$name/reports" >/dev/null && echo "$name: reports/ same" || { echo "$name: reports/ DIFFER"; status=1; }
  cmp -s "$work/old-$name.manifest" "$work/new-$name.manifest" && echo "$name: manifest (less timings) same" || { echo "$name: manifest DIFFERS"; diff "$work/old-$name.manifest" "$work/new-$name.manifest" | head; status=1; }
  cmp -s "$work/old-$name.search" "$work/new-$name.search" && echo "$name: search results same ($(wc -l < "$work/new-$name.search") queries)" || { echo "$name: search results DIFFER"; status=1; }
done
exit $status
