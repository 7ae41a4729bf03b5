#!/usr/bin/env bash
# make bench: corpus-level throughput, scaling, memory, re-run cost, start-up
# and search latency, with the prose baseline measured in the same run.
# The corpora are the example corpus repeated under new ids (each copy made
# distinct by a closing line): SMALL copies (2,002 reports, about 28 MB) and
# 5x that (10,010 reports) for the memory and search figures.
# Usage: scripts/bench.sh [WORK_DIR]   (SMALL=286, PROSE_BYTES=2000000, REPS=5)
set -euo pipefail
work=${1:-/tmp/sitrep-bench}
small=${SMALL:-286}
prose_bytes=${PROSE_BYTES:-2000000}
rm -rf "$work" && mkdir -p "$work"
go build -trimpath -o "$work/sitrep" ./cmd/sitrep
go build -trimpath -o "$work/prose-baseline" ./bench/prose-baseline
go build -trimpath -o "$work/searchbench" ./bench/searchbench
bin="$work/sitrep"

make_corpus() { # copies dir
  python3 - "$1" "$2" <<'PY'
import os, sys
n, dst = int(sys.argv[1]), sys.argv[2]
src = "corpus/examples"
files = []
for root, _, names in os.walk(src):
    for name in sorted(names):
        p = os.path.join(root, name)
        files.append((os.path.relpath(p, src), open(p, "rb").read()))
for i in range(n):
    for rel, data in files:
        out = os.path.join(dst, "copy%05d" % i, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(data + b"\n\nCopy %d of this report.\n" % i)
PY
}
make_corpus "$small" "$work/small"
make_corpus $((small * 5)) "$work/large"
sync # the first timed run must not share the disk with writing back 128 MB of fresh corpus

nproc=$(nproc)
reps=${REPS:-5}
run() { # name out corpus args...
  local name=$1 out=$2 corpus=$3; shift 3
  "$bin" annotate -q "$@" "$corpus" -o "$out"
  cp "$out/manifest.json" "$work/$name.manifest.json"
}

# The prose baseline runs on the first PROSE_BYTES of the same texts (it is
# about 20x slower; the whole corpus would take many minutes), and sitrep
# once more on exactly those files.
python3 - "$work/small" "$prose_bytes" > "$work/prose-files.txt" <<'PY'
import os, sys
total, limit = 0, int(sys.argv[2])
for root, _, names in sorted(os.walk(sys.argv[1])):
    for name in sorted(names):
        if total >= limit:
            break
        p = os.path.join(root, name)
        if p.endswith((".txt", ".md")):
            total += os.path.getsize(p)
            print(p)
PY
mkdir -p "$work/prose-subset"
while read -r f; do rel=${f#"$work/small/"}; mkdir -p "$work/prose-subset/$(dirname "$rel")"; cp "$f" "$work/prose-subset/$rel"; done < "$work/prose-files.txt"
sync

# Timings on this class of machine vary by 10-30% from minute to minute, so
# every configuration runs REPS times, in rounds (each round runs each
# configuration once, so a slow minute does not fall on one of them only),
# and the report gives medians. Each run starts from an empty OUT.
for i in $(seq "$reps"); do
  xargs "$work/prose-baseline" < "$work/prose-files.txt" > "$work/prose-$i.json"
  for cfg in "subset-w1 prose-subset --workers 1 --no-index" \
             "w1-noindex small --workers 1 --no-index" "w1-index small --workers 1" \
             "wN-noindex small --workers $nproc --no-index" "wN-index small --workers $nproc" \
             "wN-large large --workers $nproc"; do
    set -- $cfg
    name=$1 corpus=$2; shift 2
    rm -rf "$work/out-$name"
    # Deleting the last run's 350 MB of output leaves the kernel work to do;
    # sync so that it does not land on the run timed next.
    sync
    run "$name-$i" "$work/out-$name" "$work/$corpus" "$@"
  done
done
# A re-run with nothing changed, on the last full run's OUT.
run wN-rerun "$work/out-wN-index" "$work/small" --workers "$nproc"

# Shard processes (annotate --shard i/n, one worker each) side by side with one process of one
# worker: what a second machine or pod adds, here sharing this machine's cores.
: > "$work/shards.txt"
for i in $(seq "$reps"); do
  rm -rf "$work"/out-sh*; sync
  t0=$(date +%s.%N)
  "$bin" annotate -q --workers 1 --no-index "$work/small" -o "$work/out-sh1"
  t1=$(date +%s.%N)
  "$bin" annotate -q --workers 1 --no-index --shard 0/2 "$work/small" -o "$work/out-sh2a" &
  "$bin" annotate -q --workers 1 --no-index --shard 1/2 "$work/small" -o "$work/out-sh2b"
  wait
  t2=$(date +%s.%N)
  echo "$t0 $t1 $t2" >> "$work/shards.txt"
done

"$work/searchbench" "$work/out-wN-large" "+text:russian +text:forces" "entity:ISKP category:likely" "Kherson" > "$work/search.json"
du -sb "$work/out-wN-large/index.bleve" | cut -f1 > "$work/index-bytes.txt"
# Search latency on real reports (ISW and CTI, with their .html/.txt copies),
# when the shared corpus is there: the figure the search issue is held to.
shared=${SHARED_REPORTS:-../shared/corpus/reports}
if [ -d "$shared" ]; then
  "$bin" annotate -q "$shared" -o "$work/out-shared"
  "$work/searchbench" "$work/out-shared" "Kherson" "+text:russian +text:forces" "Kherson AND Izyum" "label:GROUP" \
    "entity:TA505 OR category:likely" "published:[2022-06-01 TO 2022-08-31] Russian" > "$work/search-shared.json"
  du -sb "$work/out-shared/index.bleve" | cut -f1 > "$work/index-shared-bytes.txt"
fi

# Exports of the small and the 5x OUT: time and peak RSS of each format (the
# exporters stream, so RSS should not grow with the corpus).
python3 - "$bin" "$work" > "$work/export.json" <<'PY'
import json, os, resource, subprocess, sys, time
bin, w = sys.argv[1], sys.argv[2]
res = []
for out in ["out-wN-index", "out-wN-large"]:
    for fmt in ["csv", "stix", "opensearch", "conll"]:
        dest = os.path.join(w, "export-%s-%s" % (out, fmt))
        args = [bin, "export", os.path.join(w, out), "-f", fmt, "-o", dest]
        t0 = time.time()
        # Each export in its own python child, so ru_maxrss is that export's alone.
        r = subprocess.run([sys.executable, "-c", "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"] + args,
                           check=True, capture_output=True, text=True)
        res.append({"out": out, "format": fmt, "seconds": time.time() - t0, "rss_kb": int(r.stdout.split()[-1])})
print(json.dumps(res))
PY

python3 - "$work" "$nproc" "$reps" <<'PY'
import json, os, statistics, sys
w, nproc, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(name): return json.load(open(os.path.join(w, name)))
def mbs(x): return x["totals"]["text_bytes"] / 1e6 / x["timings"]["total_seconds"]
def rps(x): return x["totals"]["annotated"] / x["timings"]["total_seconds"]
def peak(x): return x["timings"]["peak_rss_bytes"] >> 20
runs = {k: [load("%s-%d.manifest.json" % (k, i)) for i in range(1, reps + 1)] for k in
        ["w1-noindex", "w1-index", "wN-noindex", "wN-index", "wN-large", "subset-w1"]}
# The median run of each configuration (by throughput); peak RSS is the median of its runs' peaks.
m = {k: sorted(v, key=mbs)[(len(v) - 1) // 2] for k, v in runs.items()}
m["wN-rerun"] = load("wN-rerun.manifest.json")
proses = sorted((load("prose-%d.json" % i) for i in range(1, reps + 1)), key=lambda x: x["mb_per_s"])
prose = proses[(len(proses) - 1) // 2]
search = load("search.json")
index_bytes = int(open(os.path.join(w, "index-bytes.txt")).read())
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
p = prose["mb_per_s"]
print("machine: %s, %d CPUs" % (cpu, nproc))
print("corpus: %d reports, %.1f MB of text (example corpus repeated); large: %d reports, %.1f MB"
      % (m["w1-noindex"]["totals"]["records"], m["w1-noindex"]["totals"]["text_bytes"] / 1e6,
         m["wN-large"]["totals"]["records"], m["wN-large"]["totals"]["text_bytes"] / 1e6))
print("each figure: the median of %d runs, in rounds; MB/s of every run in the last column" % reps)
print()
print("| run | MB/s | reports/s | x prose | peak RSS MB | runs MB/s |")
print("|---|---:|---:|---:|---:|---|")
print("| prose baseline (NewDocument per report, shared model), %.1f MB | %.3f | %.1f | 1.0 | - | %s |" % (prose["bytes"] / 1e6, p, prose["files"] / prose["seconds"], " ".join("%.3f" % x["mb_per_s"] for x in proses)))
def row(k, label):
    x = m[k]
    print("| %s | %.2f | %.1f | %.1f | %d | %s |" % (label, mbs(x), rps(x), mbs(x) / p, statistics.median(map(peak, runs[k])), " ".join("%.2f" % mbs(r) for r in runs[k])))
row("subset-w1", "sitrep --workers 1 --no-index, same %.1f MB" % (m["subset-w1"]["totals"]["text_bytes"] / 1e6))
for k, label in [("w1-noindex", "sitrep --workers 1 --no-index"), ("w1-index", "sitrep --workers 1"),
                 ("wN-noindex", "sitrep --workers %d --no-index" % nproc), ("wN-index", "sitrep --workers %d" % nproc), ("wN-large", "sitrep --workers %d, 5x corpus" % nproc)]:
    row(k, label)
print()
wn, rerun, large = m["wN-index"], m["wN-rerun"], m["wN-large"]
# Scaling pairs the runs of one round (minutes apart, not tens of minutes), so
# a slow stretch of the machine moves both sides of a ratio.
for suffix, label in [("index", "with the index"), ("noindex", "without the index")]:
    r = [mbs(n) / mbs(o) for n, o in zip(runs["wN-" + suffix], runs["w1-" + suffix])]
    print("- scaling %s: --workers %d / --workers 1 = %.2fx (median of the rounds' ratios %s); ratio of the medians %.2fx"
          % (label, nproc, statistics.median(r), " ".join("%.2f" % x for x in r), mbs(m["wN-" + suffix]) / mbs(m["w1-" + suffix])))
last = runs["wN-index"][-1]
print("- re-run with nothing changed: %.2fs = %.1f%% of the full run it follows (%.2fs); %d reports annotated"
      % (rerun["timings"]["total_seconds"], 100 * rerun["timings"]["total_seconds"] / last["timings"]["total_seconds"], last["timings"]["total_seconds"], rerun["totals"]["annotated"]))
ps, pl = sorted(map(peak, runs["wN-index"])), sorted(map(peak, runs["wN-large"]))
print("- peak RSS, --workers %d: %d reports %s MB, 5x corpus %s MB; medians %d and %d MB (%+.1f%%)"
      % (nproc, wn["totals"]["records"], "/".join(map(str, ps)), "/".join(map(str, pl)),
         statistics.median(ps), statistics.median(pl), 100 * (statistics.median(pl) / statistics.median(ps) - 1)))
ups = sorted(1000 * x["timings"]["startup_seconds"] for v in runs.values() for x in v)
print("- start-up (model and gazetteer loading): median %.0f ms over all %d runs (%.0f-%.0f)" % (statistics.median(ups), len(ups), ups[0], ups[-1]))
st = m["w1-noindex"]["timings"]["stage_seconds"]
tot = sum(st.values())
print("- time per stage (--workers 1 --no-index): " + ", ".join("%s %.0f%%" % (k, 100 * v / tot) for k, v in sorted(st.items(), key=lambda kv: -kv[1])))
print("- index of %d reports: %.1f MB for %.1f MB of text (%.2fx)" % (search["docs"], index_bytes / 1e6, large["totals"]["text_bytes"] / 1e6, index_bytes / large["totals"]["text_bytes"]))
for r in search["results"]:
    print("- search %s, facets %s: median %.1f ms, p95 %.1f ms (%d hits)" % (r["query"], ",".join(r["facets"]), r["median_ms"], r["p95_ms"], r["hits"]))
if os.path.exists(os.path.join(w, "search-shared.json")):
    sh = load("search-shared.json")
    print("- shared reports (../shared/corpus/reports): index of %d reports %.2f MB" % (sh["docs"], int(open(os.path.join(w, "index-shared-bytes.txt")).read()) / 1e6))
    for r in sh["results"]:
        print("  - search %s, facets %s: p50 %.2f ms, p95 %.2f ms (%d hits)" % (r["query"], ",".join(r["facets"]), r["median_ms"], r["p95_ms"], r["hits"]))
sh = [list(map(float, l.split())) for l in open(os.path.join(w, "shards.txt"))]
one, two = [x[1] - x[0] for x in sh], [x[2] - x[1] for x in sh]
mb = wn["totals"]["text_bytes"] / 1e6
print("- shard processes, --workers 1 each, no index: 1 process %.2f MB/s, 2 processes (--shard 0/2 and 1/2 at once) %.2f MB/s (%.2fx; medians of %d rounds)"
      % (mb / statistics.median(one), mb / statistics.median(two), statistics.median(one) / statistics.median(two), len(sh)))
ex = json.load(open(os.path.join(w, "export.json")))
n = {"out-wN-index": wn["totals"]["records"], "out-wN-large": large["totals"]["records"]}
print()
print("| export | %d reports: s, peak RSS MB | %d reports: s, peak RSS MB |" % (n["out-wN-index"], n["out-wN-large"]))
print("|---|---:|---:|")
for fmt in ["csv", "stix", "opensearch", "conll"]:
    a, b = [next(e for e in ex if e["out"] == o and e["format"] == fmt) for o in ["out-wN-index", "out-wN-large"]]
    print("| %s | %.1f s, %d MB | %.1f s, %d MB |" % (fmt, a["seconds"], a["rss_kb"] >> 10, b["seconds"], b["rss_kb"] >> 10))
PY
