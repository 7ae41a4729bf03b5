// Package bench holds the programs behind `make bench`: the prose baseline
// (what a user would write instead of sitrep) and a search-latency probe.
// scripts/bench.sh builds the corpora, runs them beside sitrep and prints
// the table.
package bench
