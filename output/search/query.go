package search

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"
	vellumre "github.com/blevesearch/vellum/regexp"

	"github.com/sitrep/sitrep/internal/didyoumean"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/output/index"
)

// The query language, one parser for the CLI, the API and the page:
//
//	query   = or
//	or      = and { ("OR" | "||") and }
//	and     = unary { ["AND" | "&&"] unary }      bare terms side by side: AND
//	unary   = ("NOT" | "!" | "-") unary | "+" unary | primary
//	primary = "(" or ")" | [field ":"] value
//	value   = word[~N][^B] | "phrase"[~N][^B] | /regexp/ | [a TO b] | {a TO b} | (>=|<=|>|<) word
//
// AND binds tighter than OR ("a OR b c" is "a OR (b AND c)"), as in SQL and
// in most search boxes; "+" marks a term required, which every term already
// is. The operators are upper case: "and", "or" and "not" are words.

// fieldKind says how a field's values are matched.
type fieldKind int

const (
	textField    fieldKind = iota // analysed English text: stems, phrases
	keywordField                  // one lower-cased value per term
	labelField                    // entity labels: upper case (GROUP, GPE...)
	asIsField                     // one value as written (month)
	dateField                     // datetime: ranges, comparisons, YYYY[-MM[-DD]]
	numberField                   // number: ranges, comparisons
	geoField                      // near:"LAT,LON,DIST" and bbox:"S,W,N,E" on the places' points (geo.go)
)

// Fields are the fields a query can name, and how each is matched.
var Fields = map[string]fieldKind{
	index.FieldText: textField, index.FieldTitle: textField, index.FieldTakeaway: textField,
	index.FieldEntity: keywordField, index.FieldEntityName: keywordField, index.FieldEntityID: keywordField,
	index.FieldCategory: keywordField, index.FieldFormat: keywordField, index.FieldPath: keywordField,
	index.FieldSite: keywordField, index.FieldAdmin1: keywordField, index.FieldCountry: keywordField,
	index.FieldLabel: labelField, index.FieldMonth: asIsField,
	index.FieldPublished: dateField, index.FieldWhen: dateField, index.FieldProb: numberField,
	FieldNear: geoField, FieldBBox: geoField,
}

// FieldNames lists the fields a query can name, sorted.
func FieldNames() []string {
	out := make([]string, 0, len(Fields))
	for f := range Fields {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// SyntaxError is a query that cannot be parsed, with the byte offset of the
// spot; its message shows the query with a caret under that spot.
type SyntaxError struct {
	Query string
	Pos   int
	Msg   string
}

// Column is the 1-based column (in characters) of the spot.
func (e *SyntaxError) Column() int {
	return utf8.RuneCountInString(e.Query[:min(e.Pos, len(e.Query))]) + 1
}

func (e *SyntaxError) Error() string {
	q := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, e.Query)
	return fmt.Sprintf("%v: %s at column %d:\n  %s\n  %s^", ErrBadQuery, e.Msg, e.Column(), q, strings.Repeat(" ", e.Column()-1))
}

// Unwrap makes every syntax error an ErrBadQuery.
func (e *SyntaxError) Unwrap() error { return ErrBadQuery }

type nodeKind int

const (
	nClause nodeKind = iota
	nAnd
	nOr
	nNot
)

type node struct {
	kind nodeKind
	kids []*node
	c    clause
}

type valueKind int

const (
	vWord valueKind = iota
	vPhrase
	vWildcard
	vRegexp
	vRange
	vCompare
)

// clause is one field:value of a query.
type clause struct {
	pos, end     int // the clause's bytes in the query
	field        string
	kind         valueKind
	value        string
	fuzzy        int // edit distance; 0 is none
	boost        float64
	lo, hi       string // range bounds; "*" is open
	incLo, incHi bool
	op           string // compare: >=, <=, >, <
}

type parser struct {
	q   string
	pos int
}

func (p *parser) fail(pos int, format string, args ...any) error {
	return &SyntaxError{Query: p.q, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.q) {
		r, n := utf8.DecodeRuneInString(p.q[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

// operator reports the boolean operator at the cursor, if any.
func (p *parser) operator() (string, int) {
	rest := p.q[p.pos:]
	for _, op := range []string{"&&", "||"} {
		if strings.HasPrefix(rest, op) {
			return op, len(op)
		}
	}
	for _, op := range []string{"AND", "OR", "NOT"} {
		if strings.HasPrefix(rest, op) && (len(rest) == len(op) || strings.ContainsRune(" \t\r\n()\"", rune(rest[len(op)]))) {
			return op, len(op)
		}
	}
	return "", 0
}

func isOr(op string) bool  { return op == "OR" || op == "||" }
func isAnd(op string) bool { return op == "AND" || op == "&&" }

func parse(q string) (*node, error) {
	p := &parser{q: q}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(q) {
		if q[p.pos] == ')' {
			return nil, p.fail(p.pos, `")" without its "("`)
		}
		return nil, p.fail(p.pos, "unexpected %q", q[p.pos:p.pos+1])
	}
	return n, nil
}

func (p *parser) or() (*node, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	kids := []*node{first}
	for {
		p.skipSpace()
		op, n := p.operator()
		if !isOr(op) {
			break
		}
		p.pos += n
		k, err := p.and()
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &node{kind: nOr, kids: kids}, nil
}

func (p *parser) and() (*node, error) {
	var kids []*node
	for {
		p.skipSpace()
		if p.pos >= len(p.q) || p.q[p.pos] == ')' {
			break
		}
		op, n := p.operator()
		if isOr(op) {
			break
		}
		if isAnd(op) {
			if len(kids) == 0 {
				return nil, p.fail(p.pos, "%s needs a term before it", op)
			}
			p.pos += n
			p.skipSpace()
			if next, _ := p.operator(); p.pos >= len(p.q) || p.q[p.pos] == ')' || isOr(next) || isAnd(next) {
				return nil, p.fail(p.pos, "%s needs a term after it", op)
			}
		}
		k, err := p.unary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	switch len(kids) {
	case 0:
		if p.pos < len(p.q) && p.q[p.pos] != ')' {
			op, _ := p.operator()
			return nil, p.fail(p.pos, "%s needs a term before it", op)
		}
		return nil, p.fail(p.pos, "a term is missing")
	case 1:
		return kids[0], nil
	}
	return &node{kind: nAnd, kids: kids}, nil
}

func (p *parser) unary() (*node, error) {
	p.skipSpace()
	at := p.pos
	op, n := p.operator()
	switch {
	case op == "NOT":
		p.pos += n
	case p.pos < len(p.q) && (p.q[p.pos] == '!' || p.q[p.pos] == '-'):
		p.pos++
	case p.pos < len(p.q) && p.q[p.pos] == '+':
		p.pos++
		if r, _ := utf8.DecodeRuneInString(p.q[p.pos:]); p.pos >= len(p.q) || unicode.IsSpace(r) {
			return nil, p.fail(at, `"+" needs a term right after it`)
		}
		return p.unary()
	default:
		return p.primary()
	}
	p.skipSpace()
	if p.pos >= len(p.q) || p.q[p.pos] == ')' {
		return nil, p.fail(at, "%s needs a term after it", p.q[at:p.pos])
	}
	k, err := p.unary()
	if err != nil {
		return nil, err
	}
	return &node{kind: nNot, kids: []*node{k}}, nil
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

func (p *parser) primary() (*node, error) {
	if p.pos >= len(p.q) {
		return nil, p.fail(p.pos, "a term is missing")
	}
	if p.q[p.pos] == '(' {
		open := p.pos
		p.pos++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.q) || p.q[p.pos] != ')' {
			return nil, p.fail(open, `"(" without its ")"`)
		}
		p.pos++
		return n, nil
	}
	c, err := p.clause()
	if err != nil {
		return nil, err
	}
	return &node{kind: nClause, c: c}, nil
}

// clause reads [field:]value.
func (p *parser) clause() (clause, error) {
	c := clause{pos: p.pos}
	// A field name: a letter, then letters, digits and underscores, before
	// a colon (not "http://").
	i := p.pos
	for i < len(p.q) && (p.q[i] == '_' || p.q[i] >= 'a' && p.q[i] <= 'z' || p.q[i] >= 'A' && p.q[i] <= 'Z' || i > p.pos && p.q[i] >= '0' && p.q[i] <= '9') {
		i++
	}
	if i > p.pos && i < len(p.q) && p.q[i] == ':' && !strings.HasPrefix(p.q[i:], "://") {
		name := p.q[p.pos:i]
		if _, ok := Fields[name]; !ok {
			msg := fmt.Sprintf("unknown field %q (fields: %s; quote a value that holds a colon)", name, strings.Join(FieldNames(), ", "))
			if s := didyoumean.Suggest(name, FieldNames()); s != "" {
				msg = fmt.Sprintf("unknown field %q (did you mean %s?)", name, s)
			}
			return c, p.fail(p.pos, "%s", msg)
		}
		c.field = name
		p.pos = i + 1
		if p.pos >= len(p.q) || isSpace(p.q[p.pos]) || p.q[p.pos] == ')' {
			return c, p.fail(p.pos, "%s: needs a value", name)
		}
	}
	var err error
	switch b := p.q[p.pos]; {
	case b == '"':
		c.kind = vPhrase
		c.value, err = p.delimited('"', "quote")
	case b == '/':
		c.kind = vRegexp
		c.value, err = p.delimited('/', "regexp")
	case b == '[' || b == '{':
		err = p.rangeValue(&c)
	case b == '>' || b == '<':
		c.kind, c.op = vCompare, p.q[p.pos:p.pos+1]
		p.pos++
		if p.pos < len(p.q) && p.q[p.pos] == '=' {
			c.op += "="
			p.pos++
		}
		start := p.pos
		if p.pos < len(p.q) && p.q[p.pos] == '"' {
			if c.value, err = p.delimited('"', "quote"); err != nil {
				return c, err
			}
		} else {
			c.value, _ = p.word()
		}
		if c.value == "" {
			return c, p.fail(start, "%s needs a value", c.op)
		}
	default:
		var wild bool
		c.value, wild = p.word()
		if c.value == "" {
			return c, p.fail(p.pos, "unexpected %q", p.q[p.pos:p.pos+1])
		}
		if wild {
			c.kind = vWildcard
		}
	}
	if err != nil {
		return c, err
	}
	if c.kind == vWord || c.kind == vPhrase || c.kind == vWildcard {
		if err := p.modifiers(&c); err != nil {
			return c, err
		}
	}
	c.end = p.pos
	return c, nil
}

// word reads a bare value up to white space or ")", with backslash escapes;
// wild says it holds an unescaped * or ?. A trailing ~N or ^B is left for
// modifiers.
func (p *parser) word() (string, bool) {
	var b strings.Builder
	wild := false
	for p.pos < len(p.q) {
		ch := p.q[p.pos]
		if isSpace(ch) || ch == ')' || ch == '(' && b.Len() == 0 {
			break
		}
		if (ch == '~' || ch == '^') && b.Len() > 0 {
			break
		}
		if ch == '\\' && p.pos+1 < len(p.q) {
			_, n := utf8.DecodeRuneInString(p.q[p.pos+1:])
			if c := p.q[p.pos+1]; c == '*' || c == '?' {
				b.WriteByte('\\') // stays a literal in the wildcard pattern
			}
			b.WriteString(p.q[p.pos+1 : p.pos+1+n])
			p.pos += 1 + n
			continue
		}
		if ch == '*' || ch == '?' {
			wild = true
		}
		b.WriteByte(ch)
		p.pos++
	}
	return b.String(), wild
}

// delimited reads a quoted phrase or a /regexp/, with backslash escapes.
func (p *parser) delimited(end byte, what string) (string, error) {
	open := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.q) {
		ch := p.q[p.pos]
		if ch == '\\' && p.pos+1 < len(p.q) {
			if end == '/' && p.q[p.pos+1] != '/' {
				b.WriteByte('\\') // a regexp keeps its escapes
			}
			b.WriteByte(p.q[p.pos+1])
			p.pos += 2
			continue
		}
		if ch == end {
			p.pos++
			return b.String(), nil
		}
		b.WriteByte(ch)
		p.pos++
	}
	return "", p.fail(open, "%s not closed", what)
}

// rangeValue reads [lo TO hi] or {lo TO hi} (or a mix of the brackets).
func (p *parser) rangeValue(c *clause) error {
	open := p.pos
	c.kind, c.incLo = vRange, p.q[p.pos] == '['
	p.pos++
	fields := []string{}
	for len(fields) < 4 {
		p.skipSpace()
		start := p.pos
		for p.pos < len(p.q) && !isSpace(p.q[p.pos]) && p.q[p.pos] != ']' && p.q[p.pos] != '}' {
			p.pos++
		}
		if p.pos == start {
			break
		}
		fields = append(fields, strings.Trim(p.q[start:p.pos], `"`))
	}
	if p.pos >= len(p.q) || (p.q[p.pos] != ']' && p.q[p.pos] != '}') {
		return p.fail(open, "range not closed: write [a TO b] or {a TO b}")
	}
	if len(fields) != 3 || fields[1] != "TO" {
		return p.fail(open, "a range is [a TO b] (or {a TO b} for exclusive bounds, * for an open one)")
	}
	c.lo, c.hi, c.incHi = fields[0], fields[2], p.q[p.pos] == ']'
	p.pos++
	return nil
}

// modifiers reads ~N (edit distance; ~ alone is 1) and ^B (boost).
func (p *parser) modifiers(c *clause) error {
	for p.pos < len(p.q) && (p.q[p.pos] == '~' || p.q[p.pos] == '^') {
		at, mod := p.pos, p.q[p.pos]
		p.pos++
		start := p.pos
		for p.pos < len(p.q) && (p.q[p.pos] >= '0' && p.q[p.pos] <= '9' || p.q[p.pos] == '.') {
			p.pos++
		}
		num := p.q[start:p.pos]
		if mod == '~' {
			c.fuzzy = 1
			if num != "" {
				n, err := strconv.Atoi(num)
				if err != nil || n > maxFuzziness {
					return p.fail(at, "an edit distance is ~1 or ~2")
				}
				c.fuzzy = n
			}
			continue
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || f <= 0 || math.IsInf(f, 0) {
			return p.fail(at, "a boost is ^ and a positive number")
		}
		c.boost = f
	}
	return nil
}

// Needle is a keyword value a query asks for (not under NOT): the snippet
// of a hit found through it is the sentence of a mention that has it.
type Needle struct {
	Field string
	Value string // as indexed: lower case, or upper case for labels
}

// Compiled is a parsed query ready for Bleve.
type Compiled struct {
	Query query.Query
	// Labels are the entity labels every hit must have (label:X clauses
	// that are required, not under OR or NOT): facets over entities then
	// count only entities with those labels.
	Labels  []string
	Needles []Needle
}

// Compile parses a query and compiles it to a Bleve query. An empty query
// or "*" matches every report.
func Compile(q string) (*Compiled, error) {
	if strings.TrimSpace(q) == "" || strings.TrimSpace(q) == "*" {
		return &Compiled{Query: bleve.NewMatchAllQuery()}, nil
	}
	n, err := parse(q)
	if err != nil {
		return nil, err
	}
	c := &compiler{q: q}
	out := &Compiled{}
	if out.Query, err = c.node(n, false); err != nil {
		return nil, err
	}
	if out.Query == nil {
		return nil, &SyntaxError{Query: q, Pos: 0, Msg: "the query holds only words the index leaves out (the, of, and...)"}
	}
	out.Needles = c.needles
	for _, k := range requiredClauses(n) {
		if k.field == index.FieldLabel && (k.kind == vWord || k.kind == vPhrase) && !slices.Contains(out.Labels, strings.ToUpper(k.value)) {
			out.Labels = append(out.Labels, strings.ToUpper(k.value))
		}
	}
	return out, nil
}

// ParseQuery parses a query, reporting any error as ErrBadQuery.
func ParseQuery(q string) (query.Query, error) {
	c, err := Compile(q)
	if err != nil {
		return nil, err
	}
	return c.Query, nil
}

// requiredClauses are the clauses every hit must satisfy: the query's own,
// or those of its top-level AND.
func requiredClauses(n *node) []clause {
	switch n.kind {
	case nClause:
		return []clause{n.c}
	case nAnd:
		var out []clause
		for _, k := range n.kids {
			out = append(out, requiredClauses(k)...)
		}
		return out
	}
	return nil
}

type compiler struct {
	q       string
	needles []Needle
}

func (c *compiler) fail(cl clause, format string, args ...any) error {
	return &SyntaxError{Query: c.q, Pos: cl.pos, Msg: fmt.Sprintf(format, args...)}
}

// node compiles n; negated says it is under a NOT (its keyword values
// are then no needles).
func (c *compiler) node(n *node, negated bool) (query.Query, error) {
	switch n.kind {
	case nClause:
		return c.clause(n.c, negated)
	case nNot:
		k, err := c.node(n.kids[0], !negated)
		if err != nil {
			return nil, err
		}
		if k == nil {
			return nil, nil
		}
		return query.NewBooleanQuery([]query.Query{bleve.NewMatchAllQuery()}, nil, []query.Query{k}), nil
	case nOr:
		var ks []query.Query
		for _, kid := range n.kids {
			k, err := c.node(kid, negated)
			if err != nil {
				return nil, err
			}
			if k == nil { // "a OR the": every report has "the"
				return nil, nil
			}
			ks = append(ks, k)
		}
		return query.NewDisjunctionQuery(ks), nil
	}
	var must, mustNot []query.Query
	for _, kid := range n.kids {
		if kid.kind == nNot { // a NOT inside an AND excludes from the rest
			k, err := c.node(kid.kids[0], !negated)
			if err != nil {
				return nil, err
			}
			if k != nil {
				mustNot = append(mustNot, k)
			}
			continue
		}
		k, err := c.node(kid, negated)
		if err != nil {
			return nil, err
		}
		if k != nil {
			must = append(must, k)
		}
	}
	switch {
	case len(must) == 0 && len(mustNot) == 0:
		return nil, nil
	case len(mustNot) == 0 && len(must) == 1:
		return must[0], nil
	case len(mustNot) == 0:
		return query.NewConjunctionQuery(must), nil
	}
	if len(must) == 0 {
		must = []query.Query{bleve.NewMatchAllQuery()}
	}
	return query.NewBooleanQuery(must, nil, mustNot), nil
}

// value normalises a keyword value as the field indexes it.
func value(kind fieldKind, field, v string) string {
	switch kind {
	case labelField:
		return strings.ToUpper(v)
	case keywordField:
		v = strings.ToLower(v)
		if field == index.FieldAdmin1 && !strings.HasPrefix(v, "geonames:") {
			v = models.AdminKey(v) // "Donetsk Oblast" is indexed as "donetsk"
		}
		return v
	}
	return v
}

func (c *compiler) clause(cl clause, negated bool) (query.Query, error) {
	field := cl.field
	if field == "" {
		field = index.FieldText
	}
	kind := Fields[field]
	var q query.Query
	var err error
	if cl.fuzzy > 0 {
		for _, w := range strings.Fields(cl.value) {
			if len(w) > maxPatternBytes {
				return nil, c.fail(cl, "fuzzy word of %d bytes is over the maximum %d", len(w), maxPatternBytes)
			}
		}
	}
	switch {
	case kind == geoField && cl.kind != vWord && cl.kind != vPhrase:
		return nil, c.fail(cl, "%s: takes one value, e.g. %s", field, geoExample[field])
	case kind == geoField:
		q, err = c.geoQuery(cl, field)
	case cl.kind == vRange, cl.kind == vCompare:
		q, err = c.rangeQuery(cl, field, kind)
	case cl.kind == vRegexp:
		if len(cl.value) > maxPatternBytes {
			return nil, c.fail(cl, "regexp of %d bytes is over the maximum %d", len(cl.value), maxPatternBytes)
		}
		// Bleve compiles regexps with vellum, which is stricter than Go's regexp.
		if _, err := vellumre.New(cl.value); err != nil {
			return nil, c.fail(cl, "regexp: %v", err)
		}
		r := query.NewRegexpQuery(cl.value)
		r.SetField(field)
		q = r
	case cl.kind == vWildcard:
		if len(cl.value) > maxPatternBytes {
			return nil, c.fail(cl, "wildcard of %d bytes is over the maximum %d", len(cl.value), maxPatternBytes)
		}
		v := cl.value
		if kind == textField {
			v = strings.ToLower(v)
		} else {
			v = value(kind, "", v) // no admin key: that would drop the * and ?
		}
		// Validate the regexp Bleve will build, with the compiler it will
		// use: "Kh??son" and "*stan" are good wildcards but bad Perl.
		if _, err := vellumre.New(wildcardRegexp.Replace(v)); err != nil {
			return nil, c.fail(cl, "wildcard: %v", err)
		}
		w := query.NewWildcardQuery(v)
		w.SetField(field)
		q = w
	default: // a word or a phrase
		q, err = c.match(cl, field, kind, negated)
	}
	if err != nil {
		return nil, err
	}
	if b, ok := q.(query.BoostableQuery); ok && cl.boost > 0 {
		b.SetBoost(cl.boost)
	}
	return q, nil
}

func (c *compiler) match(cl clause, field string, kind fieldKind, negated bool) (query.Query, error) {
	switch kind {
	case textField:
		if cl.kind == vWord && cl.fuzzy == 0 && stopWord(cl.value) {
			return nil, nil // "the" is not in the index: it asks for nothing
		}
		if cl.kind == vPhrase {
			m := query.NewMatchPhraseQuery(cl.value)
			m.SetField(field)
			m.Fuzziness = cl.fuzzy
			return m, nil
		}
		m := query.NewMatchQuery(cl.value)
		m.SetField(field)
		m.SetFuzziness(cl.fuzzy)
		m.SetOperator(query.MatchQueryOperatorAnd) // "al-Assad" needs both of its words
		return m, nil
	case dateField, numberField:
		cl.kind, cl.op = vCompare, "="
		return c.rangeQuery(cl, field, kind)
	}
	v := value(kind, field, cl.value)
	if !negated {
		c.needles = append(c.needles, Needle{Field: field, Value: v})
	}
	if cl.fuzzy > 0 {
		f := query.NewFuzzyQuery(v)
		f.SetField(field)
		f.SetFuzziness(cl.fuzzy)
		return f, nil
	}
	t := query.NewTermQuery(v)
	t.SetField(field)
	return t, nil
}

// rangeQuery compiles [lo TO hi] and comparisons on dates, numbers and
// keywords (month:[2022-06 TO 2022-08]); "=" is a date's whole period.
func (c *compiler) rangeQuery(cl clause, field string, kind fieldKind) (query.Query, error) {
	lo, hi, incLo, incHi := cl.lo, cl.hi, cl.incLo, cl.incHi
	switch cl.op {
	case ">=":
		lo, hi, incLo = cl.value, "*", true
	case ">":
		lo, hi, incLo = cl.value, "*", false
	case "<=":
		lo, hi, incHi = "*", cl.value, true
	case "<":
		lo, hi, incHi = "*", cl.value, false
	case "=":
		lo, hi, incLo, incHi = cl.value, cl.value, true, true
	}
	if lo == "*" && hi == "*" {
		return nil, c.fail(cl, "a range needs at least one bound")
	}
	switch kind {
	case dateField:
		// A bound names a day, a month or a year: an inclusive lower bound
		// is its first day, an exclusive one the day after its last, and
		// the other way round for the upper bound.
		bound := func(v string, lower, inc bool) (time.Time, error) {
			if v == "*" {
				return time.Time{}, nil
			}
			first, last, err := parseDate(v)
			switch {
			case err != nil:
				return first, c.fail(cl, "%s: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", field, v)
			case lower && inc, !lower && !inc:
				return first, nil
			case lower:
				return last.AddDate(0, 0, 1), nil
			}
			return last, nil
		}
		from, err := bound(lo, true, incLo)
		if err != nil {
			return nil, err
		}
		to, err := bound(hi, false, incHi)
		if err != nil {
			return nil, err
		}
		if lo != "*" {
			incLo = true // an exclusive lower bound is now the day after the period
		}
		for _, t := range []time.Time{from, to} {
			if !t.IsZero() && (t.Before(query.MinRFC3339CompatibleTime) || t.After(query.MaxRFC3339CompatibleTime)) {
				return nil, c.fail(cl, "%s: dates run from %d to %d", field, query.MinRFC3339CompatibleTime.Year()+1, query.MaxRFC3339CompatibleTime.Year()-1)
			}
		}
		if !from.IsZero() && !to.IsZero() && (to.Before(from) || to.Equal(from) && !incHi) {
			return nil, c.fail(cl, "%s: the range ends before it starts", field)
		}
		r := query.NewDateRangeInclusiveQuery(from, to, &incLo, &incHi)
		r.SetField(field)
		return r, nil
	case numberField:
		var bounds [2]*float64
		for i, v := range []string{lo, hi} {
			if v == "*" {
				continue
			}
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, c.fail(cl, "%s: %q is not a number", field, v)
			}
			bounds[i] = &f
		}
		r := query.NewNumericRangeInclusiveQuery(bounds[0], bounds[1], &incLo, &incHi)
		r.SetField(field)
		return r, nil
	case textField:
		return nil, c.fail(cl, "%s: ranges work on dates (published, when), numbers (probability) and keywords", field)
	}
	if cl.op == "=" {
		t := query.NewTermQuery(value(kind, field, lo))
		t.SetField(field)
		return t, nil
	}
	var from, to string
	if lo != "*" {
		from = value(kind, field, lo)
	}
	if hi != "*" {
		to = value(kind, field, hi)
	}
	r := query.NewTermRangeInclusiveQuery(from, to, &incLo, &incHi)
	r.SetField(field)
	return r, nil
}

// textAnalyzer is the text fields' analyser, to find stop words.
var textAnalyzer = sync.OnceValue(func() analysis.Analyzer {
	im, err := index.NewMapping()
	if err != nil {
		return nil // the mapping is static: TestStopWords fails first
	}
	return im.AnalyzerNamed(en.AnalyzerName)
})

// stopWord says the text analyser leaves nothing of w.
func stopWord(w string) bool {
	a := textAnalyzer()
	return a != nil && len(a.Analyze([]byte(w))) == 0
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD as its first and last day.
func parseDate(s string) (first, last time.Time, err error) {
	for _, l := range []struct {
		layout string
		years  int
		months int
	}{{"2006-01-02", 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		if len(s) != len(l.layout) {
			continue
		}
		t, err := time.Parse(l.layout, s)
		if err != nil {
			return t, t, err
		}
		if l.years == 0 && l.months == 0 {
			return t, t, nil
		}
		return t, t.AddDate(l.years, l.months, -1), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("not a date: %q", s)
}

// wildcardRegexp is the rewrite Bleve's WildcardQuery makes before it
// compiles a wildcard (its replacer is unexported): regexp syntax quoted,
// * and ? made .* and ..
var wildcardRegexp = strings.NewReplacer(
	"+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`, ".", `\.`,
	"{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, `|`, `\|`, `\`, `\\`,
	"*", ".*", "?", ".")
