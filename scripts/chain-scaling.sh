#!/usr/bin/env bash
# How far the annotating chain itself scales from one core to all of them,
# with no runner, sink or disk: BenchmarkStagesParallel at GOMAXPROCS 1 and N,
# interleaved (1,N,1,N...) so that the machine's drift falls on both sides of
# each pair. Prints every pair's ratio and their median.
# Usage: scripts/chain-scaling.sh   (PAIRS=5, BENCHTIME=40x)
set -euo pipefail
n=$(nproc)
cpus=$(for _ in $(seq "${PAIRS:-5}"); do printf '1,%d,' "$n"; done)
# Not tee /dev/stderr: with stderr sent to a file, that reopens and truncates it.
out=$(go test ./pipeline/ -run '^$' -bench 'StagesParallel$' -cpu "${cpus%,}" -benchtime "${BENCHTIME:-40x}")
printf '%s\n' "$out"
printf '%s\n' "$out" | python3 -c '
import statistics, sys
ns = [float(l.split()[2]) for l in sys.stdin if l.startswith("BenchmarkStagesParallel")]
r = [ns[i] / ns[i + 1] for i in range(0, len(ns) - 1, 2)]
if not r:
    sys.exit("chain scaling: no benchmark results")
print("- annotating chain alone, %s cores / 1 core: %.2fx (median of the pairs%s ratios %s)"
      % (sys.argv[1], statistics.median(r), chr(39), " ".join("%.2f" % x for x in r)))
' "$n"
