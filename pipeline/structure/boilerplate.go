package structure

import (
	"regexp"
	"strings"

	"github.com/sitrep/sitrep/pipeline"
)

var (
	// Lines that are web-page furniture wherever they stand.
	boilerLineRE = regexp.MustCompile(`(?i)^(?:related (?:reading|posts?|articles?|content|stories)|read more|see also|further reading|recommended(?: reading)?|you may also like|more from|share this|share on|follow us|tags?|categories|filed under)\b\s*[:\-–—]?`)
	// Calls to action, newsletter and cookie notices.
	ctaRE = regexp.MustCompile(`(?i)\b(?:sign up (?:for|to)|request a demo|book a demo|schedule a demo|get a demo|free (?:\d+-day )?trial|subscribe (?:to|for|now)|newsletter|contact us|get started|learn more about our|talk to (?:an|our) (?:expert|team)|download (?:the|our) (?:full )?(?:report|whitepaper|e-?book)|we use cookies|cookie (?:policy|settings|preferences)|accept (?:all )?cookies|privacy policy)\b`)
	// The start of a comment form: everything after it is page furniture.
	commentRE = regexp.MustCompile(`(?i)^(?:leave a (?:reply|comment)|post a comment|add a comment|\d+ comments?|comments?|your email address will not be published)\b`)
)

// Reasons a block is furniture, as listed in Document.Boilerplate.
const (
	ReasonComments = "comment section (and all that follows it)"
	ReasonLine     = "related-reading, sharing or tag line"
	ReasonCTA      = "call to action, newsletter or cookie notice"
	ReasonLeadIn   = "lead-in to a call to action"
)

// markBoilerplate turns furniture blocks into BlockBoilerplate so that they
// never become headings, takeaways, entities or judgments, and returns the
// spans with their reasons. A heading directly followed by a call to action
// is part of it; after a comment form, the rest of the page (related-article
// titles) is furniture too.
func markBoilerplate(text string, blocks []pipeline.Block) []pipeline.Removed {
	reasons := make([]string, len(blocks))
	mark := func(i int, why string) {
		blocks[i].Kind = pipeline.BlockBoilerplate
		reasons[i] = why
	}
scan:
	for i := range blocks {
		b := &blocks[i]
		if b.Kind == pipeline.BlockTitle {
			continue
		}
		s := strings.TrimSpace(text[b.Start:b.End])
		switch {
		case commentRE.MatchString(s):
			for j := i; j < len(blocks); j++ {
				mark(j, ReasonComments)
			}
			break scan
		case boilerLineRE.MatchString(s):
			mark(i, ReasonLine)
		case b.Kind != pipeline.BlockBullet && len(s) < 600 && mayBeCTA(s) && ctaRE.MatchString(s):
			mark(i, ReasonCTA)
		default:
			continue
		}
		if i > 0 && blocks[i-1].Kind != pipeline.BlockBoilerplate && leadsIn(text, blocks[i-1]) {
			mark(i-1, ReasonLeadIn)
		}
	}
	var out []pipeline.Removed
	for i, b := range blocks {
		if reasons[i] == "" {
			continue
		}
		start := b.Start
		if b.Marker != nil {
			start = b.Marker.Start
		}
		out = append(out, pipeline.Removed{Start: start, End: b.End, Reason: reasons[i]})
	}
	return out
}

// leadsIn reports whether a block is the short line that introduces a call to
// action ("Protect your people and assets with Acme"): a heading, or a short
// paragraph with no sentence-final punctuation.
func leadsIn(text string, b pipeline.Block) bool {
	switch b.Kind {
	case pipeline.BlockHeading:
		return b.Level >= 2
	case pipeline.BlockParagraph:
		s := strings.TrimSpace(text[b.Start:b.End])
		return len(s) < 100 && !strings.ContainsAny(s, "\n") && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!")
	}
	return false
}

// ctaWords are lower-case pieces one of which every ctaRE match holds: a
// block without any skips the (case-insensitive, unanchored) pattern.
var ctaWords = []string{"sign up", "demo", "trial", "subscribe", "newsletter", "contact us", "get started",
	"learn more", "talk to", "download", "cookie", "privacy policy"}

func mayBeCTA(s string) bool {
	l := strings.ToLower(s)
	for _, w := range ctaWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
