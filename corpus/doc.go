// Package corpus owns input: walking a corpus folder, deciding for every file
// whether it is a report (and in which format) or why it is skipped, reading
// and decoding it, and extracting the text, title, layout blocks and metadata
// that become a pipeline.Document. Record ids are corpus-relative paths with
// forward slashes. The example corpus lives under corpus/examples/.
package corpus
