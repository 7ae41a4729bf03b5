// Package output owns the output folder: its names (annotations.jsonl,
// reports/, index.bleve, manifest.json), the lock that admits one writer,
// the crash-safe and incremental run (Begin, Write, Keep, Commit: a run
// writes into temporary names inside OUT and swaps them in when it
// finishes, so readers never see half-written output), the record encoder
// and the one reader of records (Each) that export, stats, the web page,
// lint and eval use.
//
// Its sub-packages own the rest, and none imports back up into a sibling
// that imports it: index (the Bleve mapping and the sharded index writer),
// search (queries, facets, snippets), validate (the record schema and the
// folder checks), export, stats and web.
package output
