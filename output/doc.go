// Package output owns everything sitrep writes and reads back: the JSON Lines
// feed (annotations.jsonl, sorted by id), one indented JSON file per report,
// the run manifest, the Bleve index with its explicit mapping, searching it,
// and validating records against the published JSON Schema.
//
// A run writes into temporary names inside OUT and swaps them in when it
// finishes, so readers never see half-written output.
package output
