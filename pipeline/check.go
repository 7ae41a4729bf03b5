package pipeline

import (
	"fmt"
	"unicode/utf8"
)

// Check verifies the offset invariants of a record: every span lies inside
// Text, starts and ends on rune boundaries, and every annotation that carries
// a Text field equals the text it points at. It returns every violation found.
func Check(d *Document) []error {
	var errs []error
	n := len(d.Text)
	span := func(what string, i, s, e int) bool {
		if s < 0 || e < s || e > n {
			errs = append(errs, fmt.Errorf("%s[%d]: span [%d,%d) outside text of %d bytes", what, i, s, e, n))
			return false
		}
		if (s < n && !utf8.RuneStart(d.Text[s])) || (e < n && !utf8.RuneStart(d.Text[e])) {
			errs = append(errs, fmt.Errorf("%s[%d]: span [%d,%d) splits a UTF-8 character", what, i, s, e))
			return false
		}
		return true
	}
	text := func(what string, i, s, e int, t string) {
		if span(what, i, s, e) && d.Text[s:e] != t {
			errs = append(errs, fmt.Errorf("%s[%d]: text %q != text[%d:%d] %q", what, i, t, s, e, d.Text[s:e]))
		}
	}
	for i, s := range d.Sentences {
		span("sentences", i, s.Start, s.End)
		if s.TokenStart < 0 || s.TokenEnd < s.TokenStart || s.TokenEnd > len(d.Tokens) {
			errs = append(errs, fmt.Errorf("sentences[%d]: token range [%d,%d) outside %d tokens", i, s.TokenStart, s.TokenEnd, len(d.Tokens)))
		}
		if i > 0 && s.Start < d.Sentences[i-1].End {
			errs = append(errs, fmt.Errorf("sentences[%d]: overlaps the previous sentence", i))
		}
	}
	for i, t := range d.Tokens {
		span("tokens", i, t.Start, t.End)
		if t.End == t.Start {
			errs = append(errs, fmt.Errorf("tokens[%d]: empty token at %d", i, t.Start))
		}
		if i > 0 && t.Start < d.Tokens[i-1].End {
			errs = append(errs, fmt.Errorf("tokens[%d]: overlaps the previous token", i))
		}
	}
	for i, b := range d.Blocks {
		span("blocks", i, b.Start, b.End)
		if b.Marker != nil {
			span("blocks.marker", i, b.Marker.Start, b.Marker.End)
		}
	}
	for i, s := range d.Sections {
		span("sections", i, s.Start, s.End)
		text("sections.heading", i, s.HeadingStart, s.HeadingEnd, s.Heading)
	}
	for i, p := range d.Pages {
		span("pages", i, p.Start, p.End)
		if i > 0 && (p.Start < d.Pages[i-1].End || p.Number <= d.Pages[i-1].Number) {
			errs = append(errs, fmt.Errorf("pages[%d]: out of order or overlapping the previous page", i))
		}
	}
	for i, l := range d.Links {
		span("links", i, l.Start, l.End)
	}
	for i, r := range d.References {
		span("references", i, r.Start, r.End)
		if r.URL == "" {
			errs = append(errs, fmt.Errorf("references[%d]: empty url", i))
		}
	}
	for i, r := range d.Boilerplate {
		span("boilerplate", i, r.Start, r.End)
		if i > 0 && r.Start < d.Boilerplate[i-1].End {
			errs = append(errs, fmt.Errorf("boilerplate[%d]: overlaps the previous span", i))
		}
	}
	for i, e := range d.Entities {
		text("entities", i, e.Start, e.End, e.Text)
		if !validLabel[e.Label] {
			errs = append(errs, fmt.Errorf("entities[%d]: unknown label %q", i, e.Label))
		}
	}
	for i, x := range d.Timexes {
		text("timexes", i, x.Start, x.End, x.Text)
		if !validTimexType[x.Type] {
			errs = append(errs, fmt.Errorf("timexes[%d]: unknown type %q", i, x.Type))
		}
		if x.Value != nil && *x.Value == "" {
			errs = append(errs, fmt.Errorf("timexes[%d]: empty value (null is written as null)", i))
		}
		if x.AnchorStart != nil && (*x.AnchorStart < 0 || *x.AnchorStart >= len(d.Text)) {
			errs = append(errs, fmt.Errorf("timexes[%d]: anchor_start %d outside text", i, *x.AnchorStart))
		}
	}
	for i, e := range d.Estimative {
		text("estimative", i, e.Start, e.End, e.Text)
	}
	for i, l := range d.Lint {
		span("lint", i, l.Start, l.End)
	}
	for i, t := range d.Takeaways {
		text("takeaways", i, t.Start, t.End, t.Text)
		for _, j := range t.Entities {
			if j < 0 || j >= len(d.Entities) {
				errs = append(errs, fmt.Errorf("takeaways[%d]: entity index %d out of range", i, j))
			}
		}
		for _, j := range t.Estimative {
			if j < 0 || j >= len(d.Estimative) {
				errs = append(errs, fmt.Errorf("takeaways[%d]: estimative index %d out of range", i, j))
			}
		}
	}
	return errs
}

var validTimexType = map[string]bool{"DATE": true, "TIME": true, "DURATION": true, "SET": true}

var validLabel = func() map[string]bool {
	m := make(map[string]bool, len(Labels))
	for _, l := range Labels {
		m[l] = true
	}
	return m
}()
