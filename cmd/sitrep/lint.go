package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/internal/didyoumean"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/estimative"
)

func lintCommand() *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "check estimative language against ICD 203 (in a corpus folder or an OUT_DIR)",
		ArgsUsage: "CORPUS_DIR|OUT_DIR",
		Description: "Reports sentences that combine a likelihood term with a confidence level\n" +
			"(likelihood-with-confidence), hedges with no likelihood band (hedge-without-band) and reports that\n" +
			"mix the ICD 203 and UK PHIA yardsticks (mixed-scales). Given an OUT_DIR it reads the records;\n" +
			"given a corpus folder it annotates it in memory. Exits 1 when findings remain (after --select\n" +
			"and --ignore), 0 when none do.\n\n" +
			"EXAMPLE:\n   sitrep lint corpus/examples\n   sitrep lint --json out\n   sitrep lint --ignore hedge-without-band out",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "one JSON object per report with findings"},
			&cli.StringSliceFlag{Name: "select", Usage: "report only these `RULE`s (repeatable or comma-separated): " + strings.Join(lintRules, ", ")},
			&cli.StringSliceFlag{Name: "ignore", Usage: "do not report these `RULE`s (repeatable or comma-separated)"}},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("lint: want exactly one CORPUS_DIR or OUT_DIR")
			}
			p := &lintPrinter{w: c.App.Writer, errw: c.App.ErrWriter, json: c.Bool("json"), counts: map[string]int{}}
			var err error
			if p.rules, err = ruleSet(c.StringSlice("select"), c.StringSlice("ignore")); err != nil {
				return err
			}
			if _, serr := os.Stat(filepath.Join(c.Args().First(), output.JSONLName)); serr == nil {
				if m, merr := output.ReadManifest(c.Args().First()); merr == nil {
					p.corpus = m.Corpus
				}
				err = lintRecords(c.Args().First(), p)
			} else {
				p.corpus = c.Args().First()
				err = lintCorpus(c.Context, c.Args().First(), p, c.App.ErrWriter)
			}
			if err != nil {
				return err
			}
			p.summary()
			if len(p.counts) > 0 {
				return &exitError{code: exitFailure, err: fmt.Errorf("lint: %d findings", p.total())}
			}
			return nil
		},
	}
}

// lintRules are the rules sitrep lint checks.
var lintRules = []string{estimative.RuleLikelihoodWithConfidence, estimative.RuleHedgeWithoutBand, estimative.RuleMixedScales}

// ruleSet is the rules to report: those selected (all when none is), less
// those ignored; an unknown rule is a usage error.
func ruleSet(sel, ign []string) (map[string]bool, error) {
	split := func(vs []string) ([]string, error) {
		var out []string
		for _, v := range vs {
			for _, r := range strings.Split(v, ",") {
				if r = strings.TrimSpace(r); r == "" {
					continue
				}
				if !slices.Contains(lintRules, r) {
					msg := fmt.Sprintf("lint: no rule %q (rules: %s)", r, strings.Join(lintRules, ", "))
					if s := didyoumean.Suggest(r, lintRules); s != "" {
						msg = fmt.Sprintf("lint: no rule %q (did you mean %s?)", r, s)
					}
					return nil, usageErr("%s", msg)
				}
				out = append(out, r)
			}
		}
		return out, nil
	}
	selected, err := split(sel)
	if err != nil {
		return nil, err
	}
	ignored, err := split(ign)
	if err != nil {
		return nil, err
	}
	if len(selected) == 0 {
		selected = lintRules
	}
	rules := map[string]bool{}
	for _, r := range selected {
		rules[r] = !slices.Contains(ignored, r)
	}
	return rules, nil
}

// lintPrinter prints findings as "id:line:col: rule: message" and counts them.
type lintPrinter struct {
	w, errw          io.Writer
	corpus           string // where the reports' files are
	json             bool
	rules            map[string]bool // the rules to report
	counts           map[string]int
	reports, flagged int
}

func (p *lintPrinter) total() int {
	n := 0
	for _, c := range p.counts {
		n += c
	}
	return n
}

type lintJSON struct {
	ID   string        `json:"id"`
	Lint []lintFinding `json:"lint"`
}

type lintFinding struct {
	pipeline.Lint
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Of     string `json:"position_of"` // "file": line and column in the source file; "text": in the record's text
	Text   string `json:"text"`
}

func (p *lintPrinter) report(d *pipeline.Document) {
	p.reports++
	lint := slices.DeleteFunc(slices.Clone(d.Lint), func(l pipeline.Lint) bool { return !p.rules[l.Rule] })
	if len(lint) == 0 {
		return
	}
	p.flagged++
	pos, of := p.positions(d)
	var fs []lintFinding
	for _, l := range lint {
		p.counts[l.Rule]++
		line, col := pos(l.Start)
		fs = append(fs, lintFinding{Lint: l, Line: line, Column: col, Of: of, Text: d.Text[l.Start:l.End]})
	}
	if p.json {
		enc := json.NewEncoder(p.w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(lintJSON{ID: d.ID, Lint: fs})
		return
	}
	for _, f := range fs {
		excerpt := strings.Join(strings.Fields(f.Text), " ")
		if utf8.RuneCountInString(excerpt) > 160 {
			excerpt = string([]rune(excerpt)[:157]) + "..."
		}
		fmt.Fprintf(p.w, "%s:%d:%d: %s: %s\n    > %s\n", d.ID, f.Line, f.Column, f.Rule, f.Message, excerpt)
	}
}

func (p *lintPrinter) summary() {
	if p.json {
		return
	}
	rules := make([]string, 0, len(p.counts))
	total := 0
	for r, n := range p.counts {
		rules = append(rules, fmt.Sprintf("%s %d", r, n))
		total += n
	}
	sort.Strings(rules)
	fmt.Fprintf(p.w, "%d findings in %d of %d reports", total, p.flagged, p.reports)
	if len(rules) > 0 {
		fmt.Fprintf(p.w, " (%s)", strings.Join(rules, ", "))
	}
	fmt.Fprintln(p.w)
}

// lintRecords prints the findings stored in OUT_DIR/annotations.jsonl.
func lintRecords(dir string, p *lintPrinter) error {
	return output.Each(dir, func(d *pipeline.Document) error {
		p.report(d)
		return nil
	})
}

// lintCorpus annotates a corpus folder in memory and prints its findings.
func lintCorpus(ctx context.Context, dir string, p *lintPrinter, stderr io.Writer) error {
	return annotate.Documents(ctx, annotate.Options{Corpus: dir, Scale: models.ScaleICD203}, p.report, func(id string, err error) {
		fmt.Fprintf(stderr, "%s: %v\n", filepath.Join(dir, filepath.FromSlash(id)), err)
	})
}

// positions returns how to turn a text offset of d into a line and column
// of its file, and whether they are of the file or of the record's text.
// A plain-text report's text is its file's (decoding keeps lines and
// characters). An HTML page's or Markdown file's text is traced back to its
// source when the file is still the one annotated; otherwise, and for PDF,
// positions are of the record's text, and stderr says so once per report.
func (p *lintPrinter) positions(d *pipeline.Document) (func(int) (int, int), string) {
	text := newLineIndex(d.Text)
	switch d.Source.Format {
	case "txt":
		return text.position, "file"
	case "html", "md":
		src, err := p.source(d)
		var m *corpus.SourceMap
		if err == nil {
			m, err = corpus.NewSourceMap(d.Source.Format, src)
		}
		if err == nil && m.Text() != d.Text {
			err = errors.New("the file reads as another text than the record's (another sitrep?)")
		}
		if err == nil {
			file := newLineIndex(src)
			return func(off int) (int, int) { return file.position(m.Offset(off)) }, "file"
		}
		fmt.Fprintf(p.errw, "lint: %s: positions are of the extracted text: %v\n", d.ID, err)
	}
	return text.position, "text"
}

// source reads the decoded file d was made from, if it is unchanged.
func (p *lintPrinter) source(d *pipeline.Document) (string, error) {
	if p.corpus == "" || p.corpus == "-" {
		return "", fmt.Errorf("the corpus is not known")
	}
	path := p.corpus
	if fi, err := os.Stat(path); err != nil || fi.IsDir() {
		path = filepath.Join(p.corpus, filepath.FromSlash(d.Source.Path))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if corpus.Hash(data) != d.Source.SHA256 {
		return "", fmt.Errorf("%s changed since it was annotated", path)
	}
	src, _, err := corpus.Decode(data)
	return src, err
}

// lineIndex turns byte offsets into 1-based line and column (in characters).
type lineIndex struct {
	text   string
	starts []int
}

func newLineIndex(text string) *lineIndex {
	li := &lineIndex{text: text, starts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) position(off int) (int, int) {
	i := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return i + 1, utf8.RuneCountInString(li.text[li.starts[i]:off]) + 1
}
