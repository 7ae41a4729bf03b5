#!/usr/bin/env bash
# Scores sitrep on the shared dev data with the independent scorer
# (../shared/eval/sitrep_eval.py). Development only: tests never read ../shared.
# Usage: scripts/eval.sh [SHARED_DIR] [WORK_DIR]
set -euo pipefail
shared=${1:-../shared}
work=${2:-/tmp/sitrep-eval}
bin=${SITREP:-bin/sitrep}
score=$shared/eval/sitrep_eval.py
rm -rf "$work" && mkdir -p "$work/html"
cp "$shared"/corpus/reports/isw/*.html "$work/html/"
"$bin" annotate -q "$shared/corpus/reports" -o "$work/reports"
"$bin" annotate -q "$work/html" -o "$work/isw-html"
"$bin" annotate -q "$shared/corpus/seed" -o "$work/seed"
"$bin" annotate -q "$shared/corpus/ner/annoctr/docs/dev" -o "$work/annoctr-dev"
cat "$work/reports/annotations.jsonl" "$work/seed/annotations.jsonl" > "$work/estimative.jsonl"
python3 "$score" bio2gold "$shared/corpus/ner/annoctr/docs/dev" "$shared/corpus/ner/annoctr/docs/dev" "$work/annoctr-dev.gold.jsonl" >/dev/null
run() { printf '%-40s ' "$1"; shift; "$@" | tail -n 1; }
run "takeaways ISW .txt+CTI (reports)" python3 "$score" takeaways "$shared/corpus/reports/isw" "$work/reports"
run "takeaways CTI" python3 "$score" takeaways "$shared/corpus/reports/cti" "$work/reports"
run "takeaways ISW .html" python3 "$score" takeaways "$shared/corpus/reports/isw" "$work/isw-html"
run "takeaways seed" python3 "$score" takeaways "$shared/corpus/seed" "$work/seed"
run "ISW .html reader checks" python3 scripts/htmlcheck.py "$shared/corpus/reports/isw" "$work/isw-html" "$work/reports"
run "PDF text vs pdftotext (words)" go run ./scripts/pdfeval "$shared/corpus/pdf"
run "lint source positions (.html, .md words)" go run ./scripts/sourcemapcheck "$shared/corpus" "$shared/gazetteer"
for k in likelihood hedge confidence likelihood,hedge,confidence; do
  run "estimative $k" python3 "$score" estimative "$shared/corpus/gold/estimative.dev.jsonl" "$work/estimative.jsonl" --kinds "$k"
done
mkdir -p "$work/isw-txt" "$work/re3d"
cp "$shared"/corpus/reports/isw/*.txt "$work/isw-txt/"
cp "$shared"/corpus/ner/re3d/docs/*.txt "$work/re3d/"
"$bin" annotate -q --no-index "$work/isw-txt" -o "$work/isw-out"
"$bin" annotate -q --no-index "$work/re3d" -o "$work/re3d-out"
# Dev sets split in two: ISW dev by alternate documents, re3d by source
# (CENTCOM, UK, Australia train the model; State Department and Wikipedia do not).
python3 - "$shared" "$work" <<'PY'
import json, sys
shared, work = sys.argv[1], sys.argv[2]
gold = [l for l in open(shared + "/corpus/gold/entities.isw-dev.jsonl", encoding="utf-8")]
open(work + "/isw-a.jsonl", "w").writelines(gold[0::2])
open(work + "/isw-b.jsonl", "w").writelines(gold[1::2])
held = {"US State Department", "Wikipedia"}
docs = [l for l in open(shared + "/corpus/ner/re3d/gold.jsonl", encoding="utf-8")]
open(work + "/re3d-train.jsonl", "w").writelines(d for d in docs if json.loads(d)["source"] not in held)
open(work + "/re3d-held.jsonl", "w").writelines(d for d in docs if json.loads(d)["source"] in held)
PY
# Timexes (TIMEX3, TempEval-3 scoring by ../shared/eval/timex_eval.py). MEANTIME is split by
# subcorpus: airbus+apple (A, looked at while writing the rules) and gm+stock (B, not looked at
# for tuning); ISW dev by alternate documents as for entities.
"$bin" annotate -q --no-index "$shared/corpus/timex/meantime" -o "$work/meantime-out"
python3 - "$shared" "$work" <<'PY'
import sys
shared, work = sys.argv[1], sys.argv[2]
gold = open(shared + "/corpus/timex/meantime/timex.meantime.jsonl", encoding="utf-8").readlines()
a = [l for l in gold if "corpus_airbus/" in l or "corpus_apple/" in l]
open(work + "/meantime-a.jsonl", "w").writelines(a)
open(work + "/meantime-b.jsonl", "w").writelines(l for l in gold if l not in a)
isw = open(shared + "/corpus/gold/timex.isw-dev.jsonl", encoding="utf-8").readlines()
open(work + "/timex-isw-a.jsonl", "w").writelines(isw[0::2])
open(work + "/timex-isw-b.jsonl", "w").writelines(isw[1::2])
PY
timex() { python3 "$shared/eval/timex_eval.py" "$1" "$2" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("value F1 %.4f strict F1 %.4f relaxed R %.4f value acc %.4f (gold %d pred %d)" % (d["value"]["f1"],
      d["strict"]["f1"], d["relaxed"]["r"], d["value"]["accuracy"], d["gold"], d["pred"]))'; }
run "timex MEANTIME" timex "$shared/corpus/timex/meantime/timex.meantime.jsonl" "$work/meantime-out"
run "timex MEANTIME half A (airbus, apple)" timex "$work/meantime-a.jsonl" "$work/meantime-out"
run "timex MEANTIME half B (gm, stock)" timex "$work/meantime-b.jsonl" "$work/meantime-out"
run "timex ISW dev" timex "$shared/corpus/gold/timex.isw-dev.jsonl" "$work/isw-out"
run "timex ISW dev half A" timex "$work/timex-isw-a.jsonl" "$work/isw-out"
run "timex ISW dev half B" timex "$work/timex-isw-b.jsonl" "$work/isw-out"
run "ner ISW dev (intel)" python3 "$score" ner "$shared/corpus/gold/entities.isw-dev.jsonl" "$work/isw-out" --map intel
run "ner ISW dev half A (intel)" python3 "$score" ner "$work/isw-a.jsonl" "$work/isw-out" --map intel
run "ner ISW dev half B (intel)" python3 "$score" ner "$work/isw-b.jsonl" "$work/isw-out" --map intel
run "ner re3d dev (overlap)" python3 "$score" re3d "$shared/corpus/ner/re3d/gold.jsonl" "$work/re3d-out"
run "ner re3d trained-on sources" python3 "$score" re3d "$work/re3d-train.jsonl" "$work/re3d-out"
run "ner re3d held-out sources" python3 "$score" re3d "$work/re3d-held.jsonl" "$work/re3d-out"
run "ner seed (intel)" python3 "$score" ner "$shared/corpus/gold/entities.dev.jsonl" "$work/seed" --map intel
run "ner AnnoCTR dev (annoctr)" python3 "$score" ner "$work/annoctr-dev.gold.jsonl" "$work/annoctr-dev" --map annoctr

# Derived takeaways: hide the Key Takeaways list of each ISW .txt report and
# compare what sitrep derives with the hidden list.
mkdir -p "$work/hidden"
for f in "$shared"/corpus/reports/isw/*.txt; do
  python3 - "$f" "$work/hidden/$(basename "$f")" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out, skipping = [], False
for l in lines:
    if l.strip() == "Key Takeaways":
        skipping = True
        continue
    if skipping and (l.startswith("- ") or not l.strip()):
        continue
    skipping = False
    out.append(l)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
PY
done
"$bin" annotate -q "$work/hidden" -o "$work/derived"
run "derived takeaways ISW (Dice >= 0.8)" python3 "$score" takeaways "$shared/corpus/reports/isw" "$work/derived"
run "derived takeaways ISW (Dice >= 0.5)" python3 "$score" takeaways "$shared/corpus/reports/isw" "$work/derived" --threshold 0.5

# Cross-domain sanity: sentence-level speculation detection on BioScope abstracts.
python3 scripts/bioscope.py build "$shared/corpus/hedge/bioscope/abstracts.jsonl" "$work/bioscope" >/dev/null
"$bin" annotate -q --no-index "$work/bioscope" -o "$work/bioscope-out"
run "speculation BioScope (sentences)" python3 scripts/bioscope.py score "$shared/corpus/hedge/bioscope/abstracts.jsonl" "$work/bioscope-out"

# Indicators: value F1 on APTNER dev and train (40-sentence documents), the
# INDICATOR entities of the ISW reports (all citations: the target is 0), and
# the STIX bundles of the shared reports (valid, marked, no warned value).
aptner="$shared/corpus/ner/aptner"
for split in dev train; do
  python3 "$shared/eval/ioc_eval.py" docs "$aptner/APTNER$split.bio" "$work/aptner-$split" >/dev/null
  "$bin" annotate -q --no-index "$work/aptner-$split" -o "$work/aptner-$split-out"
  run "indicators APTNER $split (ioc_eval value F1)" python3 "$shared/eval/ioc_eval.py" score "$aptner/APTNER$split.bio" "$work/aptner-$split-out/annotations.jsonl"
done
"$bin" annotate -q --no-index "$shared/corpus/reports" -o "$work/reports-ioc"
run "indicators in ISW reports (want 0) / references" python3 -c '
import json, sys
n = refs = 0
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)
    if d["id"].startswith("isw/"):
        n += sum(e["label"] == "INDICATOR" for e in d["entities"])
        refs += len(d.get("references") or [])
print(json.dumps({"isw_indicators": n, "isw_references": refs}))' "$work/reports-ioc/annotations.jsonl"
"$bin" export "$work/reports-ioc" --format stix -o "$work/reports-stix" >/dev/null
run "STIX bundles of the shared reports" go run ./scripts/stixcheck "$work/reports-stix"
# Places (GeoNames resolution, ../shared/eval/geo_eval.py). GeoVirus split by alternate documents:
# half A (odd numbers) was looked at while tuning, half B not.
"$bin" annotate -q --no-index "$shared/corpus/geo/geovirus" -o "$work/geovirus-out"
python3 - "$shared" "$work" <<'PY'
import sys
shared, work = sys.argv[1], sys.argv[2]
gold = open(shared + "/corpus/geo/geovirus/gold.jsonl", encoding="utf-8").readlines()
open(work + "/geovirus-a.jsonl", "w").writelines(gold[0::2])
open(work + "/geovirus-b.jsonl", "w").writelines(gold[1::2])
PY
geo() { python3 "$shared/eval/geo_eval.py" "$1" "$2" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("acc@161 all %.3f resolved %.3f auc %.3f recall %.3f coverage %.3f" % (d["acc161_all"], d["acc161_resolved"],
      d["auc"], d["recognition_recall"], d["resolution_coverage"]))'; }
run "geo GeoVirus" geo "$shared/corpus/geo/geovirus/gold.jsonl" "$work/geovirus-out"
run "geo GeoVirus half A (odd)" geo "$work/geovirus-a.jsonl" "$work/geovirus-out"
run "geo GeoVirus half B (even)" geo "$work/geovirus-b.jsonl" "$work/geovirus-out"
run "geo ISW places outside UA/RU/BY" python3 -c '
import json, sys, collections
out = collections.Counter()
n = 0
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)
    if not d["id"].startswith("isw/") or not d["id"].endswith(".txt"):
        continue
    for e in d["entities"]:
        g = e.get("geo")
        if g:
            n += 1
            if g.get("country") not in ("UA", "RU", "BY", None):
                out["%s=%s" % (e["text"], g["country"])] += 1
print(json.dumps({"resolved": n, "outside": sum(out.values()), "top": out.most_common(25)}))' "$work/reports-ioc/annotations.jsonl"
