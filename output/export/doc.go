// Package export owns sitrep's exports for downstream tools: CSV tables for
// notebooks, STIX 2.1 bundles for threat-intelligence platforms, OpenSearch
// bulk files with an index template, and CoNLL files for annotation tools and
// for training. Every exporter streams the records of OUT/annotations.jsonl
// one at a time, so memory does not grow with the size of OUT.
package export
