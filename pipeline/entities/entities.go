// Package entities owns named-entity mentions. It runs layers in order of
// precedence and keeps one entity per span, recording in Entity.Source the
// layer that produced it:
//
//	pattern   indicators (IPs, domains, URLs, e-mails, hashes), CVE ids, ATT&CK
//	          technique ids, and dates
//	alias     in-document aliases: "Islamic State's Khurasan Province (ISKP)"
//	          links later "ISKP"; a surname links to the full name
//	gazetteer the shipped knowledge base (and user files), linked to canonical ids
//	rule      a title followed by a capitalised name is a PERSON (the title is
//	          not part of the span)
//
// A later layer never overrides an earlier one on overlapping text.
package entities

import (
	"context"
	"sort"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// Stage is the entity stage; its automaton is built once by New and shared.
type Stage struct {
	gaz    *matcher
	titles *matcher
}

// New builds the gazetteer automaton and the title list.
func New(g *models.Gazetteer) *Stage {
	return &Stage{gaz: newMatcher(g), titles: newTitleMatcher(g.Titles)}
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "entities" }

// claims records which bytes are taken by a higher-precedence layer.
type claims struct {
	ents []pipeline.Entity
}

func (c *claims) free(s, e int) bool {
	for i := len(c.ents) - 1; i >= 0; i-- {
		x := c.ents[i]
		if x.Start < e && s < x.End {
			return false
		}
	}
	return true
}

func (c *claims) add(e pipeline.Entity) bool {
	if e.Start >= e.End || !c.free(e.Start, e.End) {
		return false
	}
	c.ents = append(c.ents, e)
	return true
}

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *pipeline.Document) error {
	c := &claims{}
	text := doc.Text
	for _, e := range findIndicators(text) {
		c.add(e)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var words [][]word
	for _, st := range doc.Sentences {
		words = append(words, splitWords(text, st.Start, st.End))
	}
	for _, ws := range words {
		for _, e := range findDates(text, ws) {
			c.add(e)
		}
	}
	var gaz []pipeline.Entity
	for _, ws := range words {
		gaz = append(gaz, s.gaz.find(text, ws)...)
	}
	persons := s.findTitled(text, words)
	// In-document aliases come before the gazetteer in precedence, but they
	// are learnt from it: collect definitions first, then claim.
	aliases := acronymDefinitions(text, append(append([]pipeline.Entity{}, gaz...), persons...))
	for _, ws := range words {
		for _, e := range aliases.find(text, ws) {
			c.add(e)
		}
	}
	for _, e := range gaz {
		c.add(e)
	}
	for _, e := range persons {
		c.add(e)
	}
	for _, ws := range words {
		for _, e := range surnames(text, ws, c.ents) {
			c.add(e)
		}
	}
	sort.SliceStable(c.ents, func(i, j int) bool { return c.ents[i].Start < c.ents[j].Start })
	doc.Entities = c.ents
	return ctx.Err()
}
