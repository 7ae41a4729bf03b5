// Package pipeline owns the record that flows through sitrep (Document and its
// annotations), the Stage interface and the parallel Runner.
//
// Invariants every stage keeps: Document.Text is fixed before the first stage
// and never changed; every span is a half-open [Start, End) range of UTF-8
// byte offsets into Text; an annotation with a Text field satisfies
// Text == doc.Text[Start:End]. The package holds no NLP code and imports no
// stage.
package pipeline
