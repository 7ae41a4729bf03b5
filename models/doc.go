// Package models owns what the pipeline knows, shipped inside the binary:
// the estimative lexicons and probability scales (ICD 203, UK PHIA), the
// gazetteers compiled by `make models`, and their loaders. Every data file
// cites its source; licences and attributions are in models/NOTICE.md.
package models
