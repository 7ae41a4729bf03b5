package entities

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	mbits "math/bits"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
	"github.com/sitrep/sitrep/internal/bigtable"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// The statistical layer: an averaged-perceptron sequence labeller over the
// stage's words (the same units the gazetteer matches, so training and
// annotation see one segmentation). Features are hashed into a fixed table of
// 2^Bits rows with one weight per tag; decoding is greedy left to right with
// the two previous tags as features and the IOB2 constraint enforced.
//
// prose's trainer was measured at 81 s for 1,000 sentences and 214 s for
// 2,000 (superlinear), so it cannot train on CoNLL's 14,000 in minutes; this
// one trains an epoch of CoNLL in seconds.

// ModelMeta is model.json: what the weights mean.
type ModelMeta struct {
	Version   int               `json:"version"` // feature set version; a mismatch refuses to load
	Bits      uint              `json:"bits"`
	Tags      []string          `json:"tags"`               // "O", "B-ORG", "I-ORG"...
	LabelMap  map[string]string `json:"label_map"`          // model label -> record label ("" drops it)
	TrainedOn []string          `json:"trained_on"`         // training files
	Epochs    int               `json:"epochs"`             // the best epoch (the largest, over restarts)
	Restarts  int               `json:"restarts,omitempty"` // runs averaged
	DevF1     float64           `json:"dev_f1,omitempty"`
	Licence   string            `json:"licence,omitempty"` // the training data's licence, for shipped models
	// History turns on the document-level prediction history: a capitalised
	// word carries the labels the model gave it earlier in the document
	// (Ratinov and Roth 2009), so "Leeds" tagged ORG in a results table
	// stays ORG where its own context says little.
	History bool `json:"history,omitempty"`
	// Merge is the merge mode that scored best on dev when the model was
	// trained (annotate's default for it): a model trained on CoNLL's three
	// labels disagrees with the gazetteer's conventions more than one
	// trained on CTI text.
	Merge string `json:"merge,omitempty"`
	// Plain lists lower-case words seen often in the fully annotated
	// training documents and never inside an entity there: after an O,
	// decoding tags them O without scoring them, like function words.
	Plain []string `json:"plain_words,omitempty"`
	// Features lists the optional feature groups the model was trained with.
	Features Features `json:"features"`
}

// featureVersion changes whenever feature extraction changes.
const featureVersion = 7

// Model is a trained labeller.
type Model struct {
	Meta  ModelMeta
	nTags int
	// stride is nTags rounded up to 16: a bucket's row of float32 weights
	// then fills whole 64-byte cache lines instead of straddling two.
	// Files keep the dense nTags layout.
	stride int
	// w is the full table, row-major (feature bucket * stride + tag), while
	// training; a trained or loaded model keeps only its used rows in rows.
	w    []float32
	rows *rowStore
	mask uint64
	// tagLabel[t] is the model label of tag t; tagBegin[t] says B-.
	tagLabel []string
	tagBegin []bool
	allowed  [][]bool // allowed[prev][t]: the IOB2 constraint
	// col[t] is tag t's column in a row of rows: O first, then every B-
	// tag, then the I- tags. After an O (most words) no I- tag is allowed,
	// so scoring reads only the first nOB columns, one cache line of a row
	// instead of two.
	col      []int
	nOB      int
	plain    map[string]bool
	clusters map[string]string // word clusters, for a model with Features.Clusters
}

func newModel(meta ModelMeta) (*Model, error) {
	if meta.Version != featureVersion {
		return nil, fmt.Errorf("model feature version %d, this sitrep reads %d (retrain it)", meta.Version, featureVersion)
	}
	if meta.Bits < 10 || meta.Bits > 26 || len(meta.Tags) < 2 || len(meta.Tags) > 255 || meta.Tags[0] != "O" {
		return nil, fmt.Errorf("bad model header (bits %d, %d tags)", meta.Bits, len(meta.Tags))
	}
	m := &Model{Meta: meta, nTags: len(meta.Tags), mask: 1<<meta.Bits - 1, stride: (len(meta.Tags) + 15) / 16 * 16}
	if meta.Features.Clusters {
		c, err := models.LoadClusters()
		if err != nil {
			return nil, fmt.Errorf("word clusters: %w", err)
		}
		m.clusters = c
	}
	m.setPlain(meta.Plain)
	for _, t := range meta.Tags {
		pre, label, _ := strings.Cut(t, "-")
		m.tagLabel = append(m.tagLabel, label)
		m.tagBegin = append(m.tagBegin, pre == "B")
	}
	m.col = make([]int, len(meta.Tags))
	for t := range meta.Tags {
		if t == 0 || m.tagBegin[t] {
			m.nOB++
		}
	}
	ob, in := 0, m.nOB
	for t := range meta.Tags {
		if t == 0 || m.tagBegin[t] {
			m.col[t], ob = ob, ob+1
		} else {
			m.col[t], in = in, in+1
		}
	}
	m.allowed = make([][]bool, len(meta.Tags)+1) // row len(Tags): sentence start
	for p := range m.allowed {
		m.allowed[p] = make([]bool, len(meta.Tags))
		for t, tag := range meta.Tags {
			if strings.HasPrefix(tag, "I-") {
				m.allowed[p][t] = p < len(meta.Tags) && m.tagLabel[p] == m.tagLabel[t]
			} else {
				m.allowed[p][t] = true
			}
		}
	}
	return m, nil
}

// Files of a model directory.
const (
	modelMetaFile    = "model.json"
	modelWeightsFile = "weights.bin.gz"
)

// LoadModel reads a model directory written by Save.
func LoadModel(dir string) (*Model, error) {
	meta, err := os.ReadFile(filepath.Join(dir, modelMetaFile))
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	f, err := os.Open(filepath.Join(dir, modelWeightsFile))
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	m, err := ReadModel(meta, f)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", dir, err)
	}
	return m, nil
}

// ReadModel builds a model from model.json and the gzipped weights.
func ReadModel(metaJSON []byte, weights io.ReadSeeker) (*Model, error) {
	var meta ModelMeta
	if err := json.Unmarshal(metaJSON, &meta); err != nil {
		return nil, fmt.Errorf("%s: %w", modelMetaFile, err)
	}
	m, err := newModel(meta)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := models.Gunzip(weights, &buf); err != nil {
		return nil, fmt.Errorf("%s: %w", modelWeightsFile, err)
	}
	raw := buf.Bytes()
	// Sparse entries: uvarint gap to the previous index, then float32 bits.
	// The first pass checks them and counts the rows, the second fills them.
	b := newRowBuilder(m)
	for pass := range 2 {
		idx, last, rows := -1, -1, 0
		for in := raw; len(in) > 0; {
			gap, n := binary.Uvarint(in)
			if n <= 0 || len(in) < n+4 {
				return nil, fmt.Errorf("%s: truncated entry", modelWeightsFile)
			}
			idx += int(gap)
			if gap == 0 || idx < 0 || idx >= (1<<meta.Bits)*m.nTags {
				return nil, fmt.Errorf("%s: weight index %d out of range or out of order", modelWeightsFile, idx)
			}
			if pass == 1 {
				b.add(idx/m.nTags, idx%m.nTags, math.Float32frombits(binary.LittleEndian.Uint32(in[n:])))
			} else if r := idx / m.nTags; r != last {
				last, rows = r, rows+1
			}
			in = in[n+4:]
		}
		if pass == 0 {
			// 32 MB for the shipped model, in huge pages: see bigtable.
			b.s.rows = bigtable.Floats(b.s, rows*m.stride)[:0]
		}
	}
	m.rows = b.done()
	return m, nil
}

// rowStore holds the rows of the weight table that have a non-zero weight,
// densely, with a bitset saying which rows those are. A model trained on a
// few hundred documents uses about a tenth of its 2^19 rows: the full table
// is 32 MB of mostly zeros, read at random, while the used rows fill 3 MB
// and the bitset 64 KB. A feature whose row is unused costs one bit test.
type rowStore struct {
	bits []uint64 // bit r: row r is used
	rank []uint32 // rank[k]: used rows before row 64k
	rows []float32
}

// row returns the offset of row r in rows, or false when it is unused.
func (s *rowStore) row(r int, stride int) (int, bool) {
	k, b := r>>6, uint64(1)<<(r&63)
	w := s.bits[k]
	if w&b == 0 {
		return 0, false
	}
	return (int(s.rank[k]) + mbits.OnesCount64(w&(b-1))) * stride, true
}

// rowBuilder builds a rowStore from weights given in increasing row order.
type rowBuilder struct {
	m    *Model
	s    *rowStore
	last int
}

func newRowBuilder(m *Model) *rowBuilder {
	n := 1 << m.Meta.Bits
	return &rowBuilder{m: m, s: &rowStore{bits: make([]uint64, (n+63)/64), rank: make([]uint32, (n+63)/64)}, last: -1}
}

func (b *rowBuilder) add(r, t int, v float32) {
	if r != b.last {
		b.s.bits[r>>6] |= 1 << (r & 63)
		b.s.rows = append(b.s.rows, make([]float32, b.m.stride)...)
		b.last = r
	}
	b.s.rows[len(b.s.rows)-b.m.stride+b.m.col[t]] = v
}

func (b *rowBuilder) done() *rowStore {
	n := uint32(0)
	for k, w := range b.s.bits {
		b.s.rank[k] = n
		n += uint32(mbits.OnesCount64(w))
	}
	b.s.rows = slices.Clip(b.s.rows)
	return b.s
}

// tableLen is the length of the full weight table.
func (m *Model) tableLen() int { return (1 << m.Meta.Bits) * m.stride }

// freeze replaces the full training table with the used rows.
func (m *Model) freeze() {
	if m.w == nil {
		return
	}
	b := newRowBuilder(m)
	for r := 0; r < len(m.w)/m.stride; r++ {
		for t, v := range m.w[r*m.stride : r*m.stride+m.nTags] {
			if v != 0 {
				b.add(r, t, v)
			}
		}
	}
	m.rows, m.w = b.done(), nil
}

// frozen reports whether m's weights are final (read or trained), not being learned.
func (m *Model) frozen() bool { return m.rows != nil }

// weight returns the weight of tag t in row r.
func (m *Model) weight(r, t int) float32 {
	if m.w != nil {
		return m.w[r*m.stride+t]
	}
	off, ok := m.rows.row(r, m.stride)
	if !ok {
		return 0
	}
	return m.rows.rows[off+m.col[t]]
}

// Save writes model.json and the non-zero weights to dir.
func (m *Model) Save(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	meta, err := json.MarshalIndent(m.Meta, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, modelMetaFile), append(meta, '\n'), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, modelWeightsFile))
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	prev := -1
	var vb [binary.MaxVarintLen64]byte
	var fb [4]byte
	for k := 0; k < (1<<m.Meta.Bits)*m.nTags; k++ {
		v := m.weight(k/m.nTags, k%m.nTags)
		if v == 0 {
			continue
		}
		i := k // the file's dense layout
		n := binary.PutUvarint(vb[:], uint64(i-prev))
		bw.Write(vb[:n])
		binary.LittleEndian.PutUint32(fb[:], math.Float32bits(v))
		bw.Write(fb[:])
		prev = i
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Feature extraction ---------------------------------------------------------

// Feature templates: each hashed feature is (template, value).
const (
	fBias = iota
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fShape0
	fShapem1
	fShapep1
	fPre2
	fPre3
	fSuf2
	fSuf3
	fSuf4
	fBigramL
	fBigramR
	fGaz
	fGazm1
	fGazp1
	fFirst
	fCapCommon
	fAfterTitle
	fExact
	fShapeFirst
	fDocCap
	fShape0Wm1
	fDocLower
	fCommon
	fShape3
	fCapsSentW0
	fPrevTag
	fPrev2Tags
	fPrevTagW0
	fPrevTagShape
	fHist
	fName     // the word is a known given name / surname (G, S, GS)
	fNamePrev // the word before is a capitalised given name
	fNameNext // the word after is a capitalised surname
	fClus4    // word cluster path prefixes of the word as written (4, 6, 10 bits)
	fClus6
	fClus10
	fClusm1 // word cluster of the words before and after (6 bits)
	fClusp1
)

// fnv hashes a template and a string (FNV-1a, 64-bit).
func fnv(t int, s string) uint64 { return fnvAdd(fnvStart(t), s) }

// fnvStart and fnvAdd hash a feature kind and then its value in pieces:
// fnvAdd(fnvAdd(fnvStart(t), a), b) == fnv(t, a+b), without building a+b.
func fnvStart(t int) uint64 {
	return (uint64(14695981039346656037) ^ uint64(t)) * 1099511628211
}

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// fnv2 is fnv(t, a+"|"+b) and fnv3 is fnv(t, a+"|"+b+"|"+c).
func fnv2(t int, a, b string) uint64 {
	return fnvAdd(fnvAdd(fnvAdd(fnvStart(t), a), "|"), b)
}

func fnv3(t int, a, b, c string) uint64 {
	return fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvStart(t), a), "|"), b), "|"), c)
}

func fnvInt(t int, a, b int) uint64 {
	h := uint64(14695981039346656037) ^ uint64(t)
	h *= 1099511628211
	h ^= uint64(a) + 1
	h *= 1099511628211
	h ^= uint64(b) + 7
	h *= 1099511628211
	return h
}

// shape maps letters to X/x and digits to d, collapsing runs: "APT28" -> "Xd",
// "Kabul" -> "Xx", "U.S." -> "X.X.". It is computed for every word the
// model sees, so it builds the shape on the stack and returns an interned
// string for the common shapes instead of allocating one per word.
func shape(s string) string {
	var buf [16]byte // at most 8 bytes and one rune more
	b := buf[:0]
	last := rune(0)
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c != last {
			b = utf8.AppendRune(b, c)
			last = c
		}
		if len(b) > 8 {
			break
		}
	}
	if sh, ok := commonShapes[string(b)]; ok {
		return sh
	}
	return string(b)
}

// commonShapes interns the shapes of most words: runs of X, x and d up to
// six long, and one ASCII punctuation mark or symbol.
var commonShapes = func() map[string]string {
	out := map[string]string{}
	var add func(p string)
	add = func(p string) {
		if p != "" {
			out[p] = p
		}
		if len(p) == 6 {
			return
		}
		for _, c := range "Xxd" {
			if p == "" || rune(p[len(p)-1]) != c {
				add(p + string(c))
			}
		}
	}
	add("")
	for c := byte('!'); c <= '~'; c++ {
		if !unicode.IsLetter(rune(c)) && !unicode.IsDigit(rune(c)) {
			out[string(c)] = string(c)
		}
	}
	return out
}()

// sentenceInput is one sentence prepared for the model.
type sentenceInput struct {
	static [][]uint64 // per word: hashed static features (nil until needed when lazy)
	nGaz   []int      // per word: how many of them (at the end) are gazetteer clues
	lower  []string
	shapes []string
	upper  []bool
	// plain marks lower-case function words, and words the model lists as
	// never part of a name, with no gazetteer clue: after an O they are O,
	// and decoding does not score them.
	plain []bool
	lazy  *featureContext // computes static features on demand; nil when all are computed
}

// scratch holds buffers that one document's sentences reuse in turn, so
// tagging a sentence allocates almost nothing (allocation drove a sixth of
// the run time into the garbage collector), and that the next document
// reuses through scratchPool. Training keeps every sentence's input and
// passes no scratch.
type scratch struct {
	feats  []uint64
	static [][]uint64
	nGaz   []int
	lower  []string
	shapes []string
	upper  []bool
	plain  []bool
	surf   []string
	gaz    [][]gazTag
	ctx    featureContext
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release drops what refers to the document (its text, through the words'
// strings and the feature context) and returns the buffers to the pool.
func (scr *scratch) release() {
	clear(scr.lower[:cap(scr.lower)])
	clear(scr.surf[:cap(scr.surf)])
	clear(scr.shapes[:cap(scr.shapes)])
	scr.ctx = featureContext{}
	scratchPool.Put(scr)
}

// isUpperCase reports whether s == strings.ToUpper(s), without building
// the upper-case copy.
func isUpperCase(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError {
			return s == strings.ToUpper(s) // invalid UTF-8 is rewritten
		}
		if unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

// grow returns s resized to n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/2)
	}
	return s[:n]
}

// gazTags are per-word gazetteer clues: for each label, whether a gazetteer
// alias (case-folded) begins or continues at the word, and whether one
// matches with the source's exact case.
type gazTag struct {
	label string
	begin bool
	exact bool
}

// functionWords are English closed-class words: determiners, pronouns,
// prepositions, conjunctions, auxiliaries. Written in lower case after a
// word outside any name, they never start one.
var functionWords = set("a an the this that these those some any each every no all both either neither " +
	"i you he she it we they me him her us them my your his its our their mine yours ours theirs who whom whose which what " +
	"of in on at to for from by with without within into onto upon over under above below between among through throughout " +
	"during before after since until till about against along around across behind beyond near toward towards via per " +
	"and or but nor so yet if then than because while whereas although though unless whether as also not " +
	"is are was were be been being am has have had having do does did doing will would shall should can could may might must " +
	"there here where when how why very more most less least such only just even still already again too")

// personlessHeads end the names of bodies and are nobody's surname.
var personlessHeads = set("congress senate railroad railway company corporation university ministry department parliament " +
	"assembly committee commission directorate agency administration institute organization organisation association bureau")

// functionWordSpan reports whether the model's span ws[a:b] is one function
// word, which names nothing ("Although we are unable", "52 The domain", "Most
// of the time"); in capitals it may be an acronym ("IT", "US"), and a listed
// name is a person's ("May came in to pitch", "Will said").
func (s *Stage) functionWordSpan(text string, ws []word, a, b int) bool {
	return b-a == 1 && functionWords[ws[a].lower] && !isUpperCase(text[ws[a].start:ws[a].end]) && s.gaz.names[ws[a].lower] == 0
}

// featureContext is what a word's static features are computed from.
type featureContext struct {
	s        *Stage
	text     string
	ws       []word
	doc      docWords
	in       *sentenceInput
	surf     []string
	gaz      [][]gazTag
	capsSent bool
	feat     Features
	clusters map[string]string // word -> cluster path, when feat.Clusters
	feats    []uint64          // backing array: perWord slots per word
}

// lexOf returns what the large tables say of word k: the document's
// vocabulary entry when annotating, the tables themselves when training
// (which builds no vocabulary).
func (c *featureContext) lexOf(k int) lexEntry {
	w := c.ws[k]
	if e := c.doc.vocab.entry(w); e != nil {
		return *e
	}
	e := lexEntry{cls: c.s.classes(w.lower)}
	if w.upper {
		e.name = c.s.gaz.featNames[w.lower]
	}
	if c.feat.Clusters {
		e.cluster = c.clusters[c.surf[k]]
	}
	return e
}

// perWord is each word's share of the sentence's feature array; a word
// that needs more grows its own slice (the three-index slice caps it).
const perWord = 64

// prepare computes what the model needs of a sentence. With lazy set (when
// tagging), a word's static features are computed only when decoding
// scores it; training computes them all. docCaps holds the folded words the
// document writes capitalised mid-sentence.
func (s *Stage) prepare(text string, ws []word, doc docWords, scr *scratch, lazy bool) sentenceInput {
	n := len(ws)
	if scr == nil {
		scr = &scratch{}
	}
	scr.static, scr.nGaz, scr.lower, scr.shapes, scr.surf = grow(scr.static, n), grow(scr.nGaz, n), grow(scr.lower, n), grow(scr.shapes, n), grow(scr.surf, n)
	scr.upper, scr.plain = grow(scr.upper, n), grow(scr.plain, n)
	in := sentenceInput{static: scr.static, nGaz: scr.nGaz, lower: scr.lower, shapes: scr.shapes, upper: scr.upper, plain: scr.plain}
	surf := scr.surf
	for i, w := range ws {
		surf[i] = text[w.start:w.end]
		in.lower[i] = w.lower
		in.upper[i] = w.upper
		if e := doc.vocab.entry(w); e != nil {
			in.shapes[i] = e.shape
		} else {
			in.shapes[i] = shape(surf[i])
		}
	}
	scr.gaz = s.gazClues(text, ws, scr.gaz)
	gaz := scr.gaz
	// A headline in capitals ("SOCCER - JAPAN GET LUCKY WIN"): case says nothing there.
	letters, caps := 0, 0
	for i := range ws {
		if r, _ := utf8.DecodeRuneInString(surf[i]); unicode.IsLetter(r) {
			letters++
			if len(surf[i]) > 1 && isUpperCase(surf[i]) {
				caps++
			}
		}
		if e := doc.vocab.entry(ws[i]); e != nil {
			in.plain[i] = !ws[i].upper && len(gaz[i]) == 0 && e.plain
		} else {
			in.plain[i] = !ws[i].upper && len(gaz[i]) == 0 && s.isPlain(ws[i].lower)
		}
	}
	scr.feats = grow(scr.feats, n*perWord)
	c := &scr.ctx
	*c = featureContext{s: s, text: text, ws: ws, doc: doc, surf: surf, gaz: gaz, feats: scr.feats,
		capsSent: letters >= 2 && caps*10 >= letters*8}
	if s.model != nil { // (while training, the model being trained)
		c.feat, c.clusters = s.model.Meta.Features, s.model.clusters
	}
	for i := range ws {
		in.static[i] = nil
	}
	if lazy {
		in.lazy = c
		return in
	}
	c.in = &in
	for i := range ws {
		c.compute(i)
	}
	in.lazy = nil
	return in
}

// features returns word i's static features, computing them if need be.
func (in *sentenceInput) features(i int) []uint64 {
	if in.static[i] == nil && in.lazy != nil {
		in.lazy.in = in
		in.lazy.compute(i)
	}
	return in.static[i]
}

// compute fills in.static[i] and in.nGaz[i].
func (c *featureContext) compute(i int) {
	in, ws, s, n := c.in, c.ws, c.s, len(c.ws)
	at := func(k int) string {
		switch {
		case k < 0:
			return "<s>"
		case k >= n:
			return "</s>"
		}
		return in.lower[k]
	}
	shapeAt := func(k int) string {
		if k < 0 || k >= n {
			return "_"
		}
		return in.shapes[k]
	}
	l := in.lower[i]
	f := c.feats[i*perWord : i*perWord : (i+1)*perWord]
	f = append(f, fnv(fBias, ""), fnv(fW0, l), fnv(fWm1, at(i-1)), fnv(fWp1, at(i+1)), fnv(fWm2, at(i-2)), fnv(fWp2, at(i+2)),
		fnv(fShape0, in.shapes[i]), fnv(fShapem1, shapeAt(i-1)), fnv(fShapep1, shapeAt(i+1)),
		fnv2(fBigramL, at(i-1), l), fnv2(fBigramR, l, at(i+1)), fnv(fExact, c.surf[i]),
		fnv2(fShape0Wm1, in.shapes[i], at(i-1)))
	f = append(f, fnv(fPre2, prefix(l, 2)), fnv(fPre3, prefix(l, 3)), fnv(fSuf2, suffix(l, 2)), fnv(fSuf3, suffix(l, 3)),
		fnv3(fShape3, shapeAt(i-1), in.shapes[i], shapeAt(i+1)))
	if utf8.RuneCountInString(l) > 5 {
		f = append(f, fnv(fSuf4, suffix(l, 4)))
	}
	lex := c.lexOf(i)
	common := lex.cls&clsCommon != 0
	if common {
		f = append(f, fnv(fCommon, ""))
	}
	if c.capsSent {
		f = append(f, fnv(fCapsSentW0, l))
	}
	if i == 0 {
		f = append(f, fnv(fFirst, ""), fnv(fShapeFirst, in.shapes[i]))
	}
	if ws[i].upper && common {
		f = append(f, fnv(fCapCommon, ""))
	}
	if i > 0 && s.clues.titleEnd(c.text, ws, i-1) == i {
		f = append(f, fnv(fAfterTitle, ""))
	}
	if ws[i].upper {
		if c.doc.caps[l] {
			f = append(f, fnv(fDocCap, "y"))
		} else {
			f = append(f, fnv(fDocCap, "n"))
		}
		if c.doc.lower[l] {
			f = append(f, fnv(fDocLower, ""))
		}
	}
	// Word clusters from unlabeled text: words used alike share a path
	// prefix, so an unseen town or malware name inherits its neighbours'.
	if c.feat.Clusters {
		if p := lex.cluster; p != "" {
			f = append(f, fnv(fClus4, prefix(p, 4)), fnv(fClus6, prefix(p, 6)), fnv(fClus10, p))
		}
		if i > 0 {
			if p := c.lexOf(i - 1).cluster; p != "" {
				f = append(f, fnv(fClusm1, prefix(p, 6)))
			}
		}
		if i+1 < n {
			if p := c.lexOf(i + 1).cluster; p != "" {
				f = append(f, fnv(fClusp1, prefix(p, 6)))
			}
		}
	}
	// Person-name evidence ("Mason Clark": a given name before a capitalised
	// word is a person, not the town of Mason).
	if ws[i].upper {
		if k := lex.name; k != 0 {
			f = append(f, fnvInt(fName, int(k), 0))
		}
		if i > 0 && ws[i-1].upper && c.lexOf(i-1).name&models.NameGiven != 0 {
			f = append(f, fnv(fNamePrev, ""))
		}
		if i+1 < n && ws[i+1].upper && c.lexOf(i+1).name&models.NameSurname != 0 {
			f = append(f, fnv(fNameNext, ""))
		}
	}
	cti := c.feat.Domain && c.doc.cti
	if cti {
		f = augment(f, len(f))
	}
	// Gazetteer clues last, so training can leave them out (see Train).
	k := len(f)
	for _, g := range c.gaz[i] {
		f = append(f, gazHash(fGaz, g))
	}
	if i > 0 {
		for _, g := range c.gaz[i-1] {
			f = append(f, gazHash(fGazm1, g))
		}
	}
	if i+1 < n {
		for _, g := range c.gaz[i+1] {
			f = append(f, gazHash(fGazp1, g))
		}
	}
	if cti {
		f = augment(f, len(f)-k)
	}
	in.static[i], in.nGaz[i] = f, len(f)-k
}

// augment appends a CTI copy of the last n features of f.
func augment(f []uint64, n int) []uint64 {
	for _, h := range f[len(f)-n:] {
		f = append(f, (h^0x9e3779b97f4a7c15)*1099511628211)
	}
	return f
}

// gazHash is fnv(t, label+"|B" or "|I", then "|exact" for an exact-case match).
func gazHash(t int, g gazTag) uint64 {
	h := fnvAdd(fnvStart(t), g.label)
	if g.begin {
		h = fnvAdd(h, "|B")
	} else {
		h = fnvAdd(h, "|I")
	}
	if g.exact {
		h = fnvAdd(h, "|exact")
	}
	return h
}

func prefix(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

func suffix(s string, n int) string {
	i := len(s)
	for c := 0; c < n && i > 0; c++ {
		_, sz := utf8.DecodeLastRuneInString(s[:i])
		i -= sz
	}
	return s[i:]
}

// gazClues marks, for every word, the labels of gazetteer aliases that cover
// it (any case), with whether the alias starts there and matches exactly.
func (s *Stage) gazClues(text string, ws []word, buf [][]gazTag) [][]gazTag {
	out := grow(buf, len(ws))
	for i := range out {
		out[i] = out[i][:0]
	}
	add := func(k int, g gazTag) {
		for _, x := range out[k] {
			if x == g {
				return
			}
		}
		out[k] = append(out[k], g)
	}
	for i := range ws {
		n := root
		for j := i; j < len(ws) && j < i+10; j++ {
			var ok bool
			if j == i {
				n, ok = first(ws, i)
			} else {
				n, ok = s.gaz.step(n, ws[j].lower)
			}
			if !ok {
				break
			}
			if len(s.gaz.hitsAt(n)) == 0 {
				continue
			}
			surface := text[ws[i].start:ws[j].end]
			for _, h := range s.gaz.hitsAt(n) {
				if s.gaz.noClue[h.entry] {
					continue
				}
				e := s.gaz.entries[h.entry]
				exact := surface == h.form
				if !exact && j == i && s.gaz.common[ws[i].lower] {
					continue // "will", "reading": no clue unless written as listed
				}
				for k := i; k <= j; k++ {
					add(k, gazTag{label: e.Label, begin: k == i, exact: exact})
				}
			}
		}
	}
	return out
}

// docWords are document-level clues: the folded words a document writes
// capitalised other than at a sentence start (a clue that a word is a name),
// and those it also writes in lower case (a clue that it is not).
type docWords struct {
	caps, lower map[string]bool
	// cti says the document reads as cyber threat intelligence: the model
	// then adds a CTI copy of each feature (Daume's feature augmentation),
	// so CTI conventions ("Russian government" an ORG, a ransomware name a
	// GROUP) are learnt apart from those of news and assessments.
	cti bool
	// capsSurnames says the document writes surnames in capitals
	// ("Robert F. GODEC", findCapsSurnames): a word in capitals may be a
	// surname there ("BONGO"), no acronym.
	capsSurnames bool
	// vocab, when set, holds the table lookups of the document's words.
	vocab *vocab
}

// ctiWords mark cyber threat intelligence; ctiDensity is how many of them
// per 1,000 words make a document CTI. Measured densities (sitrep words):
// AnnoCTR documents median 23-29 (a tenth under 3-11), ISW assessments 0-0.5,
// re3d 0 (one of 88 at 21), Re-DocRED and wikigold Wikipedia 0 (at most 9.5).
var ctiWords = set("malware ransomware phishing spearphishing payload payloads exploit exploits exploited " +
	"vulnerability vulnerabilities backdoor trojan botnet c2 loader dropper malicious infection infected " +
	"credentials apt rat stealer downloader shellcode obfuscated obfuscation cve decrypt encrypted sample " +
	"samples hash hashes domain domains ioc iocs")

const ctiDensity = 5

func docCapitals(sentences [][]word) docWords {
	d := docWords{caps: map[string]bool{}, lower: map[string]bool{}}
	words, cti := 0, 0
	// A word interned by the document's vocab is set in lower once per
	// distinct written form, not at every occurrence.
	var inLower []bool
	for _, ws := range sentences {
		for i, w := range ws {
			if r, _ := utf8.DecodeRuneInString(w.lower); isWordRune(r) {
				words++
				if w.is(clsCTIWord) {
					cti++
				}
			}
			if i > 0 && w.upper && ws[i-1].lower != "." && ws[i-1].lower != ":" {
				d.caps[w.lower] = true
			}
			if r, _ := utf8.DecodeRuneInString(w.lower); !w.upper && unicode.IsLower(r) {
				if w.lex > 0 {
					if int(w.lex) >= len(inLower) {
						inLower = slices.Grow(inLower, int(w.lex)+1-len(inLower))[:int(w.lex)+1]
					}
					if inLower[w.lex] {
						continue
					}
					inLower[w.lex] = true
				}
				d.lower[w.lower] = true
			}
		}
	}
	d.cti = words > 0 && cti*1000 >= ctiDensity*words
	return d
}

// Decoding ---------------------------------------------------------------------

// dynamic returns the hashed features that depend on the previous tags.
func dynamic(in *sentenceInput, i, p1, p2 int, out []uint64) []uint64 {
	tag := tagLetters[min(p1, len(tagLetters)-1)] // string(rune('A'+p1)), without allocating
	if p1 >= len(tagLetters)-1 {
		tag = string(rune('A' + p1))
	}
	return append(out[:0], fnvInt(fPrevTag, p1, 0), fnvInt(fPrev2Tags, p1, p2),
		fnvAdd(fnvAdd(fnvStart(fPrevTagW0), tag), in.lower[i]), fnvAdd(fnvAdd(fnvStart(fPrevTagShape), tag), in.shapes[i]))
}

// tagLetters[p] is string(rune('A'+p)) for the tag ids of every model up to 62 tags.
var tagLetters = func() []string {
	out := make([]string, 63)
	for i := range out {
		out[i] = string(rune('A' + i))
	}
	return out
}()

// scores fills sc with the score of every tag for word i.
func (m *Model) scores(static, dyn []uint64, sc []float32, n int) {
	clear(sc)
	if s := m.rows; s != nil {
		// sc is indexed by column (m.col); only the first n are summed.
		if len(sc) >= (n+7)/8*8 && len(static)+len(dyn) <= maxRowFeatures {
			m.sumRows(s, static, dyn, sc, n)
			return
		}
		for _, fs := range [2][]uint64{static, dyn} {
			for _, h := range fs {
				if off, ok := s.row(int(h&m.mask), m.stride); ok {
					for c, v := range s.rows[off : off+n] {
						sc[c] += v
					}
				}
			}
		}
		return
	}
	for _, fs := range [2][]uint64{static, dyn} {
		for _, h := range fs {
			row := m.w[int(h&m.mask)*m.stride:][:m.nTags]
			for t, v := range row {
				sc[t] += v
			}
		}
	}
}

// maxRowFeatures bounds the features sumRows takes (a word has about 40).
const maxRowFeatures = 128

// sumRows is scores for a frozen model, the hot loop of annotation. The
// sums stay in registers, eight columns at a time, instead of going through
// sc for every feature (a load, an add and a store per weight). Each column
// adds the same weights in the same order, so the sums are bit for bit
// those of the plain loop. Rows are padded to a multiple of 16 columns and
// sc is as long as a row, so whole blocks of 8 can be read and written;
// columns from n on hold padding or weights that are never compared.
func (m *Model) sumRows(s *rowStore, static, dyn []uint64, sc []float32, n int) {
	var offs [maxRowFeatures]int
	k := 0
	for _, fs := range [2][]uint64{static, dyn} {
		for _, h := range fs {
			if off, ok := s.row(int(h&m.mask), m.stride); ok {
				offs[k] = off
				k++
			}
		}
	}
	rows := s.rows
	for blk := 0; blk < n; blk += 8 {
		var a0, a1, a2, a3, a4, a5, a6, a7 float32
		for _, off := range offs[:k] {
			v := (*[8]float32)(rows[off+blk : off+blk+8])
			a0 += v[0]
			a1 += v[1]
			a2 += v[2]
			a3 += v[3]
			a4 += v[4]
			a5 += v[5]
			a6 += v[6]
			a7 += v[7]
		}
		o := (*[8]float32)(sc[blk : blk+8])
		o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7] = a0, a1, a2, a3, a4, a5, a6, a7
	}
	runtime.KeepAlive(s) // rows may live outside the heap, as long as s
}

// history is the document-level prediction history: per folded capitalised
// word, how often the model gave it each label (index: tag+1)/2, 0 for O)
// earlier in the document. nil when the model does not use it.
type history map[string][]uint16

// newHistory returns an empty history for m, or nil when m has none.
func (m *Model) newHistory() history {
	if !m.Meta.History {
		return nil
	}
	return history{}
}

// features appends word i's history features: each label the word had
// before, marked as its majority or not.
func (h history) features(in *sentenceInput, i int, out []uint64) []uint64 {
	if h == nil || !in.upper[i] {
		return out
	}
	counts := h[in.lower[i]]
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	for l, c := range counts {
		if c > 0 {
			majority := 0
			if int(c)*2 > total {
				majority = 1
			}
			out = append(out, fnvInt(fHist, l, majority))
		}
	}
	return out
}

// record notes that word i was given tag t.
func (h history) record(m *Model, in *sentenceInput, i, t int) {
	if h == nil || !in.upper[i] {
		return
	}
	counts := h[in.lower[i]]
	if counts == nil {
		counts = make([]uint16, (m.nTags+1)/2)
		h[in.lower[i]] = counts
	}
	if l := (t + 1) / 2; counts[l] < math.MaxUint16 {
		counts[l]++
	}
}

// decode tags a sentence greedily under the IOB2 constraint; hist (nil for
// none) is read and updated.
func (m *Model) decode(in *sentenceInput, hist history) []int {
	tags := make([]int, len(in.static))
	sc := make([]float32, m.stride) // whole blocks of 8 for sumRows
	var dyn []uint64
	p1, p2 := m.nTags, m.nTags // "start" tag ids
	for i := range in.static {
		if p1 == 0 && in.plain[i] {
			// A lower-case function word after an O begins no name
			// (names that hold one, "Bank of America", continue an
			// entity): it is O without scoring, which spares a third or
			// more of the words.
			tags[i] = 0
			p2, p1 = p1, 0
			continue
		}
		dyn = hist.features(in, i, dynamic(in, i, p1, p2, dyn))
		// A frozen model's rows are in column order: after O or at the
		// start only O and B- columns are needed.
		n, col := m.nTags, identity[:m.nTags]
		if m.rows != nil {
			col = m.col
			if p1 == 0 || p1 == m.nTags {
				n = m.nOB
			}
		}
		m.scores(in.features(i), dyn, sc, n)
		best, bestV := -1, float32(0)
		for t := range m.nTags {
			if c := col[t]; c < n && m.allowed[p1][t] && (best < 0 || sc[c] > bestV) {
				best, bestV = t, sc[c]
			}
		}
		tags[i] = best
		hist.record(m, in, i, best)
		p2, p1 = p1, best
	}
	return tags
}

// identity maps tags to themselves: the columns of the training table.
var identity = func() []int {
	id := make([]int, 256)
	for i := range id {
		id[i] = i
	}
	return id
}()

// spans turns tags into (first word, last word + 1, model label) triples.
func (m *Model) spans(tags []int) [][3]int {
	var out [][3]int
	for i := 0; i < len(tags); {
		t := tags[i]
		if t == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] != 0 && !m.tagBegin[tags[j]] && m.tagLabel[tags[j]] == m.tagLabel[t] {
			j++
		}
		out = append(out, [3]int{i, j, t})
		i = j
	}
	return out
}

// findModel returns the model's entities in one sentence, with record labels.
func (s *Stage) findModel(text string, ws []word, doc docWords, hist history, scr *scratch) []pipeline.Entity {
	if len(ws) == 0 {
		return nil
	}
	in := s.prepare(text, ws, doc, scr, true)
	var out []pipeline.Entity
	for _, sp := range s.model.spans(s.model.decode(&in, hist)) {
		label := s.model.Meta.LabelMap[s.model.tagLabel[sp[2]]]
		if label == "" {
			continue
		}
		if properLabels[label] {
			if sp = trimName(text, ws, sp, label); sp[0] >= sp[1] {
				continue
			}
			// A headline's verb of saying after a person's name is no part of
			// it ("Leon Panetta Warns", "Putin Says").
			if label == pipeline.LabelPerson && sp[1]-sp[0] > 1 && sayingVerbs[ws[sp[1]-1].lower] && s.gaz.names[ws[sp[1]-1].lower] == 0 {
				sp[1]--
			}
			// A kunya is never a name alone: "Abu" of "in Abu Shok refugee
			// camp" takes the capitalised names after it.
			if sp[1]-sp[0] == 1 && kunyas[ws[sp[0]].lower] {
				for sp[1] < len(ws) && sp[1]-sp[0] < 4 && spaced(text, ws, sp[1]-1, sp[1]) && isNameWord(text, ws[sp[1]]) {
					sp[1]++
				}
			}
		}
		if properLabels[label] && label != pipeline.LabelPerson {
			if k := s.holderAfterPlace(ws, sp[0], sp[1]); k > 0 {
				sp[0], label = k, pipeline.LabelPerson
			}
		}
		if label == pipeline.LabelPerson && sp[0] == 0 && sp[1] > 1 && s.model.plain[ws[0].lower] && s.gaz.names[ws[0].lower] == 0 && ws[0].gaz == 0 {
			// "Citing McAfee company policy", "Whilst Bird flu": a
			// sentence's first word that the training text writes in lower
			// case and never in a name opens no person's name ("Hotel",
			// "Journal" may open an organisation's).
			sp[0] = 1
		}
		if properLabels[label] && sp[1]-sp[0] == 1 && parkName(ws[max(sp[0]-2, 0):sp[1]]) && spaced(text, ws, sp[0]-1, sp[0]) {
			// "Park" of "Grand Canyon National Park": the park's name runs
			// back over the capitalised words before its kind.
			for sp[0]--; sp[0] > 0 && ws[sp[0]-1].upper && !determiners[ws[sp[0]-1].lower] && spaced(text, ws, sp[0]-1, sp[0]); sp[0]-- {
			}
		}
		st, en := ws[sp[0]].start, ws[sp[1]-1].end
		if r, _ := utf8.DecodeRuneInString(text[st:en]); !isWordRune(r) {
			continue // "-TELECOM" of "FINK-TELECOM-SERVICES": a name starts with a letter or digit
		}
		if r, _ := utf8.DecodeLastRuneInString(text[st:en]); r == '-' || r == '‑' || r == '–' || r == '—' {
			continue // "al-" of "Haider al-Abadi", "Main Effort—": a name does not end in a hyphen or dash
		}
		if sp[0] == 0 && sp[1] == 1 && s.gaz.common[ws[0].lower] && ws[0].gaz == 0 {
			continue // "Sectarian violence...": a capital at the start of a sentence says nothing
		}
		if label == pipeline.LabelPerson && en-st <= 2 && isUpperCase(text[st:en]) && isLetters(text[st:en]) {
			continue // "NA" (not available), "MI" (a state's code): nobody's name
		}
		if s.compassBeforePlace(text, ws, sp[0], sp[1]) {
			continue // "Eastern" of "Counteroffensives—Eastern Ukraine": a part of the country, no body
		}
		if diseaseNames[ws[sp[0]].lower] && !slices.ContainsFunc(ws[sp[0]+1:sp[1]], func(w word) bool { return !diseaseHeads[w.lower] }) ||
			labelClass(label) == "place" && sp[1] < len(ws) && diseaseHeads[ws[sp[1]].lower] && spaced(text, ws, sp[1]-1, sp[1]) {
			continue // "Ebola", "Ebola Haemorrhagic", "Marburg virus": a disease, no person, body or place
		}
		if !slices.ContainsFunc(ws[sp[0]:sp[1]], func(w word) bool { return !honorifics[w.lower] }) {
			continue // "Her late Majesty", "His Excellency": a form of address, no name
		}
		if ws[sp[1]-1].lower == "new" && sp[1] < len(ws) && strings.HasPrefix(ws[sp[1]].lower, "year") {
			continue // "New" of "New Year's Eve": a holiday (timex), no place or body
		}
		if sp[1]-sp[0] == 1 && en-st <= 3 && label != pipeline.LabelGroup && label != pipeline.LabelMalware && label != pipeline.LabelTool && strings.HasPrefix(text[en:], "-") && len(text) > en+1 && text[en+1] >= '0' && text[en+1] <= '9' {
			continue // "Il" of "Il-76", "Su" of "Su-25": an aircraft's or a weapon's designation
		}
		if label == pipeline.LabelNORP && sp[1]-sp[0] == 1 && ws[sp[0]].gaz == 0 && s.plainOrPlural(ws[sp[0]].lower) {
			continue // "Counteroffensives" of "Ukrainian Counteroffensives": a plain word names no people
		}
		if labelClass(label) == "place" && sp[1]-sp[0] == 2 && s.isDemonym(ws[sp[0]]) && ws[sp[1]-1].gaz == 0 && s.pluralNoun(ws[sp[1]-1].lower) {
			continue // "Ukrainian Counteroffensives" (a heading): a people and a plain plural, no place ("Ukrainian" stays the lists')
		}
		if s.functionWordSpan(text, ws, sp[0], sp[1]) {
			continue
		}
		if sp[1]-sp[0] == 1 && stampWeekday(ws, sp[0]) {
			continue // "Tue" of "Tue Jun 19 12:41:21 2007 UTC": a timestamp's weekday
		}
		if label == pipeline.LabelPerson && sp[0] == 0 && sp[1] == 1 && ws[0].gaz == 0 && s.gaz.names[ws[0].lower] == 0 && s.plainOrPlural(ws[0].lower) {
			continue // "Ceasefires also take time": a plain word or its plural opening a sentence is nobody
		}
		if (labelClass(label) == "org" || labelClass(label) == "place") && sp[1]-sp[0] >= 2 && ws[sp[1]-1].is(clsRoleNoun) &&
			!slices.ContainsFunc(ws[sp[0]:sp[1]-1], func(w word) bool { return w.lower == "of" || w.is(clsOrgHead) }) {
			// "Ukrainian Advisor", "US Energy Secretary": a person's title, no
			// body ("Office of the President" is one; trimTitles cuts the title
			// off "Ukrainian Presidential Office Deputy Head").
			continue
		}
		if label == pipeline.LabelPerson && doc.cti && sp[1]-sp[0] == 1 && sp[1] < len(ws) && familyNouns[ws[sp[1]].lower] && spaced(text, ws, sp[1]-1, sp[1]) &&
			!genericThreatWords[ws[sp[0]].lower] {
			label = familyLabel(ws[sp[1]].lower) // "the Bunny malware", "the Winnti group": a threat report's family or actor, nobody
		}
		if label == pipeline.LabelPerson && companyRunAfter(text, ws, sp[1]) {
			continue // "Fidelis" of "General Dynamics Fidelis Cybersecurity Solutions": a company's name goes on
		}
		if label == pipeline.LabelPerson && sp[1]-sp[0] >= 2 {
			first, last := ws[sp[0]], ws[sp[1]-1]
			if last.upper && (companyWords[last.lower] || companyHeads[last.lower] || endsCompany(last.lower)) {
				label = pipeline.LabelOrg // "Thomas Y. Crowell Company", "Cornell University": a body named after a person
			} else if s.pluralNoun(last.lower) && s.gaz.names[last.lower]&models.NameSurname == 0 && s.gaz.names[first.lower]&models.NameGiven == 0 {
				label = pipeline.LabelOrg // "Airborne Troops", "Pirelli Cables": a plural noun heads no person's name (a surname may: "Brooks")
			}
		}
		if (label == pipeline.LabelGPE || label == pipeline.LabelLoc || label == pipeline.LabelGroup) &&
			sp[1]-sp[0] == 1 && ws[sp[0]].gaz == 0 && s.model.plain[ws[sp[0]].lower] && !isUpperCase(text[st:en]) &&
			(label == pipeline.LabelGroup || !geoNamesPlace(text[st:en])) {
			// "Cessation of Hostilities", "the Department of Health", "World
			// Music": a word the training data writes in lower case and
			// never as a name's start, that no list knows (as a place, for
			// a place), names none (an acronym may: "PRC"). Not so for
			// organisations: vendors the training data does not mark
			// ("Proofpoint", "Zscaler") would go.
			continue
		}
		if (label == pipeline.LabelMalware || label == pipeline.LabelTool || label == pipeline.LabelGroup) &&
			(strings.IndexFunc(text[st:en], func(r rune) bool { return unicode.Is(unicode.Latin, r) }) < 0 || randomToken(text[st:en]) ||
				shortRandomToken(text[st:en]) || (label != pipeline.LabelGroup || doc.cti) && nonASCIILetter(text[st:en])) {
			// Threat names are written in Latin letters, ASCII in threat
			// reporting: Arabic presentation forms from a PDF ("ﻋﻠﻰ"),
			// encoded strings ("mFckBLJufWErs9VtCXlDo", "eYwJ6QX0i") and
			// hex dumps read as Latin-1 ("ºþÊï") name none.
			continue
		}
		if (label == pipeline.LabelMalware || label == pipeline.LabelTool || label == pipeline.LabelGroup || label == pipeline.LabelPerson && sp[1]-sp[0] >= 2) &&
			!slices.ContainsFunc(ws[sp[0]:sp[1]], func(w word) bool { return !platformWords[w.lower] }) {
			continue // "Python", "Redis", "Hadoop", "Azure", "Mac OS X": the software attacked or used, no threat (AnnoCTR marks them O), no one
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:max(st-1, 0)]); st > 1 && text[st-1] == '&' && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue // "Cs" of "C&Cs", "D" of "R&D": the rest of a word the ampersand is inside
		}
		if (label == pipeline.LabelMalware || label == pipeline.LabelTool) && !doc.cti {
			continue // "District" is no malware: a report not about cyber threats names malware through the lists only
		}
		if labelClass(label) == "place" && sp[1] < len(ws) && ws[sp[1]].upper && documentHeads[ws[sp[1]].lower] && ws[sp[1]].start-en == 1 {
			continue // "the Paris Agreement", "the Minsk Agreements": a document's name, no place (as for listed places)
		}
		if !doc.cti && weaponSystem(text[st:en]) {
			continue // "40 Grad rockets", "a Buk air defense missile system", "Geran-2": no nationality, place or organisation
		}
		if label == pipeline.LabelSector && !doc.cti && strings.ToLower(text[st:en]) == text[st:en] {
			continue // "Ukrainian military officials", "air defense forces": outside threat reporting a lower-case word is no targeted sector
		}
		if sp[0] > 0 && (vendors[ws[sp[0]-1].lower] && ws[sp[0]-1].upper || text[ws[sp[0]-1].start:ws[sp[0]-1].end] == "MS") ||
			vendors[ws[sp[0]].lower] && sp[1]-sp[0] > 1 && label != pipeline.LabelOrg {
			continue // "Fink" of "Apache Fink", "Word" of "MS Word", or all of it: the vendor's product, no group or person ("Ms Smith" is a person)
		}
		if te := s.titles.titleEnd(text, ws, sp[0]); te > sp[0] && te >= sp[1] {
			continue // a title or part of one ("Mawlawi", "Brig" of "Brig. Gen.") names nobody
		}
		if label == pipeline.LabelPerson && sp[1]-sp[0] > 1 && ws[sp[1]-1].upper && personlessHeads[ws[sp[1]-1].lower] &&
			s.titles.titleEnd(text, ws, sp[0]) == sp[0] {
			// "the Mohawk and Hudson Railroad": a name that ends in a
			// body's head no one bears ("Kenneth Fund", "Margaret Court"
			// do) and opens with no title is the body's; it takes the
			// capitalised words before it ("General National Congress").
			label = pipeline.LabelOrg
			for sp[0] > 1 && ws[sp[0]-1].upper && !determiners[ws[sp[0]-1].lower] && spaced(text, ws, sp[0]-1, sp[0]) {
				sp[0]--
			}
			st = ws[sp[0]].start
		}
		if utf8.RuneCountInString(text[st:en]) == 1 || pluralAcronym(text[st:en]) || hexLiteral.MatchString(text[st:en]) || hexWord(text[st:en]) ||
			en-st == 2 && strings.IndexFunc(text[st:en], unicode.IsDigit) >= 0 {
			continue // "v", "CPUs", "IPs", "x0x0", "2F", "02E203E2": no names
		}
		if sp[1] < len(ws) && spaced(text, ws, sp[1]-1, sp[1]) && (ws[sp[1]].upper && (ws[sp[1]].lower == "effort" || ws[sp[1]].lower == "efforts") ||
			(ws[sp[1]].lower == "axis" || ws[sp[1]].lower == "axes") && sp[1]-sp[0] == 1 && directionWord(ws[sp[0]].lower)) ||
			sp[1]-sp[0] > 1 && (ws[sp[1]-1].lower == "axis" || ws[sp[1]-1].lower == "axes") && compassPrefix(ws[sp[0]:sp[1]-1]) {
			// "Russian Subordinate Main" of "Russian Subordinate Main Effort",
			// "Southern" of "Southern Axis": a line of effort or a direction's
			// axis of advance (the headings of every ISW assessment) is no
			// name; a town's axis is the town ("Izyum axis"), and a name
			// before a lower-case "effort" is a name ("the Wagner effort").
			continue
		}
		if opensLongerQuote(text, st, en) && quotedModifier(text, en) {
			continue // "Kuzma" of "”Kuzma Minin” Volunteer Tank Battalion": part of a quoted name of what follows
		}
		if w := trailingLetters(text[:max(st-1, 0)]); label == pipeline.LabelPerson && st > 1 && text[st-1] == '-' && w != "" && !nameParticles[strings.ToLower(w)] {
			// "Lyman Line" of "Vovchansk-Kupyansk-Izyum-Lyman Line",
			// "Jakob" of "Creutzfeldt-Jakob disease": no person starts
			// inside a hyphenated word, except after an article ("al-Zarqawi").
			continue
		}
		if sp[1]-sp[0] == 1 && techAcronyms[text[st:en]] && !bodyAcronyms[text[st:en]] {
			continue // "MITM", "VPN", "RDP": a technical term, no organisation or tool (the lists' "UN", "NATO" are bodies)
		}
		if sp[1]-sp[0] == 1 && st > 0 && text[st-1] == '.' && en < len(text) && text[en] == '.' && s.model.plain[ws[sp[0]].lower] {
			continue // "Agent" of "Trojan-Spy.Win32.Agent.ctda": a detection name's generic word
		}
		if sp[1]-sp[0] == 1 && sp[0] > 0 && codeTypes[text[ws[sp[0]-1].start:ws[sp[0]-1].end]] {
			continue // "DWORD dwPacketSize;": a variable of code, no malware or tool
		}
		if st > 0 && text[st-1] == '_' || en < len(text) && text[en] == '_' {
			continue // "Undead" of "FK_Undead": part of an identifier
		}
		if st > 0 && (text[st-1] == '+' || text[st-1] == '=') || en < len(text) && text[en] == '+' {
			continue // "Granite" of "?keyword=backhoes+for+sale+Granite+Counter+Tops": a URL's query words
		}
		if st > 1 && text[st-1] == '.' && (text[st-2] == ' ' || text[st-2] == '\n') {
			continue // "PIF" of "the .LNK and .PIF issues": a file extension
		}
		if !hasLetter(text[st:en]) {
			continue // a name has a letter ("46" is no group); dates come from patterns
		}
		if allSuffixes(ws[sp[0]:sp[1]]) {
			continue // "Ltd" of "Co., Ltd." alone names no malware or tool
		}
		if longestWord(ws[sp[0]:sp[1]]) > 32 || inBlob(text, st, en) {
			continue // base64 and hashes are no names
		}
		if strings.HasPrefix(text[en:], "\uFFFD") || strings.HasSuffix(text[:st], "\uFFFD") {
			continue // "speci" of "speci\uFFFDc": a PDF's lost ligature (fi, fl) cut the word; a piece of it names nothing
		}
		if en-st >= blobRun {
			// A model name of 48 bytes or more has run on past a name
			// ("Vietnamese Vice Minister of Natural Resources and
			// Environment Nguyen Cong"); inBlob dropped these until it
			// learnt that words are no encoded data.
			continue
		}
		if label != pipeline.LabelSector && label != pipeline.LabelDate && s.lowerCommon(text, ws[sp[0]:sp[1]]) {
			continue // "year-on-year" names no tool: a name needs a capital or an unusual word
		}
		if properLabels[label] && sp[1]-sp[0] > 1 && !ws[sp[1]-1].upper && isLowerWord(ws[sp[1]-1].lower) {
			continue // "Russian forces", "US intelligence": a description, not a name (the demonym stays NORP)
		}
		if properLabels[label] && sp[1]-sp[0] > 1 && pluralAcronym(text[ws[sp[1]-1].start:ws[sp[1]-1].end]) {
			continue // "Russian BTGs", "Western NGOs": a plural is a description too
		}
		if properLabels[label] && (label != pipeline.LabelGroup || !doc.cti) && strings.IndexFunc(text[st:en], unicode.IsUpper) < 0 {
			continue // "northeast", "west", "tat" of "tit-for-tat": a proper name has a capital (a CTI group may not)
		}
		if properLabels[label] && sp[1]-sp[0] > 2 && slices.ContainsFunc(ws[sp[0]+1:sp[1]-1], func(w word) bool {
			return !w.upper && s.model.plain[w.lower] && !linkingWords[w.lower] && !nameParticles[w.lower] && !possessive(w.lower)
		}) {
			continue // "Erdogan met Abadi": a word the training data never saw inside a name joins two names, not one
		}
		if properLabels[label] && documentName(ws[sp[0]:sp[1]]) {
			continue // "Geneva Conventions", "Minsk Agreements", "the Millennium Declaration": a named document is no entity
		}
		if (labelClass(label) == "place" || label == pipeline.LabelPerson) && sp[1]-sp[0] == 1 && conceptWord(ws[sp[0]].lower) {
			continue // "Islamophobia is an alternate name for racism": a notion is no place or person
		}
		if (label == pipeline.LabelOrg || label == pipeline.LabelPerson) && sp[1]-sp[0] == 2 && compassNouns[ws[sp[0]].lower] && ws[sp[0]].upper &&
			s.isPlace(ws[sp[0]+1]) {
			label = pipeline.LabelGPE // "East Jerusalem as its capital", "West Berlin": a part of a city or country
		}
		if label == pipeline.LabelPerson && sp[0] > 0 && !possessiveAfter(text, en) &&
			(placePreps[ws[sp[0]-1].lower] || sp[0] > 1 && ws[sp[0]-1].lower == "and" && (placeBefore(out, ws[sp[0]-2].end) ||
				sp[0] > 2 && ws[sp[0]-2].lower == "," && placeBefore(out, ws[sp[0]-3].end))) {
			// "near Toshkivka", "in Velyki Prokhody": people are not near
			// or in; nor are they in a list of places ("near Nova
			// Dmytrivka and Dibrovne", "toward Yakovlivka, Bakhmut, and
			// Zaitseve").
			label = pipeline.LabelGPE
		}
		if label != pipeline.LabelDate && sp[1]-sp[0] == 1 && calendarNames[ws[sp[0]].lower] {
			continue // "on Monday", "during Ramadan": a day, no place
		}
		if label == pipeline.LabelDate && sp[1]-sp[0] == 1 && ws[sp[0]].is(clsMonth) && namedMonth(text, ws, sp[0]) {
			continue // "Red October": a name
		}
		if label == pipeline.LabelDate && sp[1]-sp[0] == 1 && modalMonths[text[st:en]] && !dateContext(ws, sp[0]) {
			continue // "May we?", "March on": a month name needs a date around it
		}
		if properLabels[label] && sp[1]-sp[0] == 1 && regionHeads[ws[sp[0]].lower] {
			// A region's head alone ("Chechen Republic Head" tagged
			// "Republic") takes the capitalised name before it; alone it
			// names nothing (Republic, Missouri is no reading of it).
			if sp[0] == 0 || !ws[sp[0]-1].upper || !spaced(text, ws, sp[0]-1, sp[0]) {
				continue
			}
			st = ws[sp[0]-1].start
		}
		if last := ws[sp[1]-1].lower; properLabels[label] && (regionHeads[last] || peoplesRepublic.MatchString(text[st:en]) || stateName.MatchString(text[st:en])) {
			label = pipeline.LabelGPE // "Luhansk Oblast", "Kherson People's Republic" (ENTITY_GUIDELINES: GPE)
		}
		// A name's capitalised head word decides its kind whatever the
		// model says: "Maxar Technologies satellite imagery" is a company;
		// "the Adriatic Sea", "the Jordan Valley" are no organisation or
		// person, and a nationality before a feature is no part of its name
		// ("Russian Siverskyi Donets River").
		if last := ws[sp[1]-1]; sp[1]-sp[0] > 1 && last.upper && properLabels[label] {
			switch {
			case companyHeads[last.lower] && labelClass(label) != "org":
				label = pipeline.LabelOrg
			case (featureHeads[last.lower] || parkName(ws[sp[0]:sp[1]])) && labelClass(label) != "place":
				label = pipeline.LabelLoc
				for k := sp[0]; sp[1]-k > 2 && s.isDemonym(ws[k]); k++ {
					st = ws[k+1].start
				}
			}
		}
		if last := ws[sp[1]-1]; labelClass(label) == "place" && last.upper && (last.lower == "militia" || last.lower == "militias") {
			label = pipeline.LabelOrg // "the DNR Peoples Militia": an armed force, no place (peoplesMilitias joins "People's")
		}
		if last := ws[sp[1]-1]; properLabels[label] && sp[1]-sp[0] > 1 && last.lower == "city" && last.upper &&
			(label == pipeline.LabelLoc || s.isPlace(ws[sp[0]]) && regionOfSameName(text, text[st:ws[sp[1]-2].end])) {
			label = pipeline.LabelGPE // "Kherson City" beside "Kherson Oblast", "Siversk City" the model read as an area; "Kansas City" (the team) keeps the model's label
		}
		if label == pipeline.LabelPerson && (sp[1]-sp[0] > 1 && ws[sp[1]-1].upper && placeHeads[ws[sp[1]-1].lower] ||
			sp[1] < len(ws) && !ws[sp[1]].upper && placeNouns[ws[sp[1]].lower] && ws[sp[1]].start-en == 1) {
			label = pipeline.LabelGPE // "Frederick County", "Henan province", "the Mbomo districts": no person
		}
		if label == pipeline.LabelOrg && sp[1]-sp[0] == 1 && sp[1] < len(ws) && !ws[sp[1]].upper && adminNouns[ws[sp[1]].lower] &&
			ws[sp[1]].start-en == 1 && s.isPlace(ws[sp[0]]) {
			label = pipeline.LabelGPE // "the Stavropol region", "Henan province": a listed place before an area's noun is no body
		}
		if (label == pipeline.LabelPerson || label == pipeline.LabelOrg) && sp[1] < len(ws) && !ws[sp[1]].upper && featureHeads[ws[sp[1]].lower] &&
			ws[sp[1]].start-en == 1 && sp[0] > 0 && ws[sp[0]-1].lower == "the" && !lowerWordAfter(text, ws[sp[1]].end) {
			label = pipeline.LabelLoc // "the Tora Bora mountains", "the Panj river": a landform's name
		}
		if properLabels[label] && sp[1] < len(ws) && ws[sp[1]].upper && regionHeads[ws[sp[1]].lower] && ws[sp[1]].start-en == 1 {
			en = ws[sp[1]].end // "Primorsky Krai outlet": the model stopped short of the region's head
			label = pipeline.LabelGPE
		}
		if properLabels[label] && label != pipeline.LabelNORP && sp[1]-sp[0] == 2 && ws[sp[0]].upper && s.isDemonym(ws[sp[1]-1]) &&
			strings.HasSuffix(ws[sp[1]-1].lower, "s") && !s.isDemonym(ws[sp[0]]) && !s.isPlace(ws[sp[0]]) {
			label = pipeline.LabelNORP // "Native Americans": a people, whatever the model calls it
		}
		if properLabels[label] && sp[1]-sp[0] > 1 && s.isDemonym(ws[sp[1]-1]) && compassPrefix(ws[sp[0]:sp[1]-1]) {
			if ws[sp[1]-1].lower == "pole" {
				label = pipeline.LabelLoc // "the North Pole": no Pole (a Polish man), a place
			} else {
				label = pipeline.LabelNORP // "Central Asian migrants", "West African states"
			}
		}
		if label == pipeline.LabelSector && sp[1]-sp[0] == 1 && ws[sp[0]].upper && !isAcronym(text[st:en]) && !s.gaz.common[ws[sp[0]].lower] {
			continue // "two Bashkiria residents": a sector is named by a common word ("Energy", "Shipping")
		}
		if label == pipeline.LabelDate && sp[1]-sp[0] >= 2 && ws[sp[0]].lower == "may" && pronouns[ws[sp[0]+1].lower] {
			continue // "May I also take this opportunity": the modal, no month
		}
		if label == pipeline.LabelSector && !doc.cti && sp[0] > 0 && ws[sp[0]].upper {
			// Outside threat reporting a capitalised sector inside a
			// sentence is part of a name: "Register of Legal Entities",
			// "iTunes Music Store", "the Health Minister".
			continue
		}
		if last := text[ws[sp[1]-1].start:ws[sp[1]-1].end]; label == pipeline.LabelPerson && sp[1]-sp[0] > 1 && isAcronym(last) &&
			!nameSuffixes[last] && !isUpperCase(text[st:en]) && s.gaz.names[ws[sp[0]].lower]&models.NameGiven == 0 {
			// "Combat Reserve BARS", "Barclays PLC", "Ryanair CEO": a name
			// ends in capitals only after a given name ("Vladimir PUTIN")
			// or as a regnal number ("Leopold III"); a headline in
			// capitals is the model's to read.
			continue
		}
		if label == pipeline.LabelPerson && sp[1]-sp[0] == 1 && ws[sp[0]].gaz == 0 && s.model.plain[ws[sp[0]].lower] &&
			!isUpperCase(text[st:en]) && s.gaz.names[ws[sp[0]].lower]&models.NameGiven == 0 {
			// "Member States", "the Court": a word the training data
			// writes in lower case and never as a name's start, that no
			// list holds and no given name, is a person only as a surname
			// the document names in full, which the surname links find.
			continue
		}
		if label == pipeline.LabelPerson && sp[1]-sp[0] == 1 && s.bodyAcronym(text, ws, sp[0], doc) {
			label = pipeline.LabelOrg // "IOM, IPU, ISO": see bodyAcronym
		}
		if sp[1]-sp[0] == 1 && label != pipeline.LabelPerson && s.gaz.common[ws[sp[0]].lower] && s.insideTitle(text, ws, sp[0]) {
			continue // "State" of "the U.S. Secretary of State": a title's word, no place
		}
		if shipClass(text, en) {
			continue // "a Grigorovich-class frigate": a class of ships or weapons, no entity
		}
		if labelClass(label) == "place" && sp[1]-sp[0] > 1 && ws[sp[1]-1].upper && planHeads[ws[sp[1]-1].lower] {
			continue // "the Arab Peace Initiative", "the Marshall Plan": a plan is no place
		}
		switch {
		case (label == pipeline.LabelGPE || label == pipeline.LabelLoc || label == pipeline.LabelPerson || label == pipeline.LabelNORP) &&
			ws[sp[1]-1].upper && bodyHead(ws[sp[1]-1].lower):
			label = pipeline.LabelOrg // "the Senate", "the Pacific Islands Forum", "our Council": a body
		case label == pipeline.LabelPerson && sp[1]-sp[0] > 1 && ws[sp[1]-1].upper && leagueHeads[ws[sp[1]-1].lower]:
			label = pipeline.LabelOrg // "Farabundo Marti National Liberation Front", "Pacific Alliance": no person ("the Eastern Front" stays a place)
		case label == pipeline.LabelLoc && sp[1]-sp[0] > 2 && ws[sp[0]].upper && stateWords[ws[sp[0]].lower] && ws[sp[0]+1].lower == "of":
			label = pipeline.LabelGPE // "the Republic of Chuvashia": a state
		case (label == pipeline.LabelOrg || label == pipeline.LabelLoc) && sp[1]-sp[0] == 2 && ws[sp[1]-1].upper && ws[sp[1]-1].lower == "state" &&
			(s.isPlace(ws[sp[0]]) || s.listedSpan(ws, sp[0], sp[1], isGPEEntry)) && !s.isDemonym(ws[sp[0]]):
			label = pipeline.LabelGPE // "Borno State", "Yobe State": a listed place's state ("Islamic State" is none)
		case (label == pipeline.LabelGPE || label == pipeline.LabelLoc) && toldSource(ws, sp[0]) && ws[sp[0]].gaz == 0 && !geoNamesPlace(text[st:en]):
			label = pipeline.LabelOrg // "told Politico", "according to Meduza": an unlisted place told something is a source
		}
		if k := s.personAfterOffice(text, ws, sp[0], sp[1]); k > 0 && label == pipeline.LabelOrg {
			// "Minister of Health Hatem Mostafa": the office's object is the
			// title's (a placeholder claims it, dropped at the end, so that
			// no sector or place is read in it), the person is the name.
			he := ws[k-1].end
			out = append(out, pipeline.Entity{Start: st, End: he, Text: text[st:he], Source: "model"},
				pipeline.Entity{Start: ws[k].start, End: en, Text: text[ws[k].start:en], Label: pipeline.LabelPerson, Source: "model"})
			continue
		}
		if k := s.personAfterPlace(text, ws, sp[0], sp[1]); k > 0 && st == ws[sp[0]].start && en == ws[sp[1]-1].end {
			// "Head of the Chechen Republic Ramzan Kadyrov": a place and
			// the person after it, which the model read as one name.
			pe := ws[k-1].end
			out = append(out, pipeline.Entity{Start: st, End: pe, Text: text[st:pe], Label: pipeline.LabelGPE, Source: "model"},
				pipeline.Entity{Start: ws[k].start, End: en, Text: text[ws[k].start:en], Label: pipeline.LabelPerson, Source: "model"})
			continue
		}
		out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: label, Source: "model"})
	}
	return out
}

// weaponSystems name weapons and their families in war reporting (Soviet,
// Russian, Iranian, Ukrainian and Western systems): the model's training
// text has none and gives them whatever label their context suggests.
var weaponSystems = set("kalibr iskander kinzhal grad uragan smerch himars javelin nlaw bayraktar shahed geran lancet " +
	"orlan krasnopol tochka oniks pantsir buk kornet msta gvozdika akatsiya pion tyulpan zala supercam eleron forpost " +
	"mohajer krasukha zoopark solntsepyok tsirkon sarmat yars avangard burevestnik atacms nasams molotov")

// weaponSystem reports whether a name is a weapon system's, alone or with
// its variant ("Geran-2", "Orlan-10", "Tochka-U").
func weaponSystem(name string) bool {
	base, _, _ := strings.Cut(name, "-")
	return weaponSystems[strings.ToLower(base)]
}

// shortRandomToken reports whether s is one word of 7 or more characters
// with lower- and upper-case letters and digits that switches from lower
// to upper case twice or more: "eYwJ6QX0i", "iodjmGyP3" of a base64 dump
// ("njRAT", "Gh0stRAT" switch once).
func shortRandomToken(s string) bool {
	if len(s) < 7 || strings.ContainsRune(s, ' ') || strings.IndexFunc(s, unicode.IsDigit) < 0 {
		return false
	}
	switches, upper, _ := caseSwitches(s)
	return upper && switches >= 2
}

// nonASCIILetter reports whether s holds a letter outside ASCII: threat
// names are written in ASCII, and "ªªª", "ºþÊï", "lØB" are bytes of a hex
// dump read as Latin-1.
func nonASCIILetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }) >= 0
}

// randomToken reports whether s is one word of 12 or more letters and
// digits that switches from lower to upper case four times or more: an
// encoded string, not a name ("PowerRatankba", "njRAT" switch once).
func randomToken(s string) bool {
	if len(s) < 12 {
		return false
	}
	switches, _, other := caseSwitches(s)
	return !other && switches >= 4
}

// caseSwitches counts the switches from a lower- to an upper-case letter in
// s (any other rune resets), and reports whether s holds an upper-case
// letter and a rune that is no letter or digit.
func caseSwitches(s string) (switches int, upper, other bool) {
	lower := false
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
			if lower {
				switches++
			}
			lower = false
		default:
			other = other || !unicode.IsDigit(r)
			lower = false
		}
	}
	return switches, upper, other
}

// quotedModifier reports whether the quotation that goes on at text[end:]
// closes before a capitalised word: the quoted name is part of a longer one
// ("”Kuzma Minin” Volunteer Tank Battalion"), not a name quoted alone
// ("“Steve Jobs 1955-2011”").
func quotedModifier(text string, end int) bool {
	rest := text[end:min(len(text), end+40)]
	j := strings.IndexFunc(rest, isQuoteRune)
	if j < 0 {
		return false
	}
	_, n := utf8.DecodeRuneInString(rest[j:])
	after := rest[j+n:]
	if !strings.HasPrefix(after, " ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after[1:])
	return unicode.IsUpper(r)
}

// geoNamesPlace reports whether GeoNames has a place of that name (any
// kind). The table is loaded once, for the geo stage too.
func geoNamesPlace(name string) bool {
	places, err := models.LoadPlaces()
	return err == nil && len(places.Lookup(models.PlaceKey(name))) > 0
}

// placeHeads end a place's name, never a person's: "Frederick County",
// "Nyanza Province", "Jefferson Parish", "Rift Valley".
var placeHeads = map[string]bool{"oblast": true, "city": true, "province": true, "county": true, "municipality": true,
	"prefecture": true, "krai": true, "raion": true, "governorate": true, "parish": true, "district": true, "valley": true}

// placeNouns after a name in lower case make it a place: "Henan province",
// "the Etoumbi and Mbomo districts", "Dadaab camps".
var placeNouns = map[string]bool{"province": true, "provinces": true, "district": true, "districts": true, "county": true,
	"oblast": true, "region": true, "prefecture": true, "village": true, "town": true, "township": true, "camp": true, "camps": true}

// regionOfSameName reports whether text names the region of place name
// too ("Kherson Oblast"): "Kherson City" is then the city, told apart from
// the region, and a GPE.
func regionOfSameName(text, name string) bool {
	for _, head := range []string{" Oblast", " Province", " Region", " Krai", " Governorate", " Raion", " Prefecture", " oblast", " province", " region"} {
		if strings.Contains(text, name+head) {
			return true
		}
	}
	return false
}

// compassPrefix reports whether ws are all compass or region words
// ("Central", "South", "Southeast").
func compassPrefix(ws []word) bool {
	for _, w := range ws {
		if !w.upper || !directionWord(w.lower) {
			return false
		}
	}
	return len(ws) > 0
}

// stateName is a state's name by its style ("Federal Republic of
// Yugoslavia", "Kingdom of Lesotho"): whatever the model's label, a GPE.
var stateName = regexp.MustCompile(`^(?:(?:` + strings.Join(stateStyleWords, "|") + `) +)*(?:Republic|Kingdom|Principality|Sultanate|Plurinational State) +of +(?:the +)?\p{Lu}[\p{L}’'-]*(?: +(?:and +)?\p{Lu}[\p{L}’'-]*)*$`)

// peoplesRepublic ends the name of a self-declared republic.
var peoplesRepublic = regexp.MustCompile(`People['’]s Republics?$`)

// hexLiteral matches hex notation ("0x41", "x0x0", "\x90"), never a name.
var hexLiteral = regexp.MustCompile(`^(?:\\?0?x[0-9a-fA-F]+)+$`)

// hexWord reports whether s is an address or a hash written in upper-case
// hex without "0x" ("02E203E2", "DF7D9BAD"): six or more hex digits, a
// digit and a letter among them, never a name ("A320" is too short).
func hexWord(s string) bool {
	if len(s) < 6 {
		return false
	}
	digit, letter := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'F':
			letter = true
		default:
			return false
		}
	}
	return digit && letter
}

// pluralAcronym: "CPUs", "IPs", "URLs" (two or more capitals, then "s").
func pluralAcronym(s string) bool {
	if len(s) < 3 || s[len(s)-1] != 's' {
		return false
	}
	for i := 0; i < len(s)-1; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// properLabels name things by proper names, which end in a capitalised word.
var properLabels = map[string]bool{pipeline.LabelPerson: true, pipeline.LabelOrg: true, pipeline.LabelGroup: true,
	pipeline.LabelGPE: true, pipeline.LabelLoc: true, pipeline.LabelFac: true, pipeline.LabelNORP: true}

// ScoredLabels maps record labels onto the model's labels for scoring the
// whole stage against the model's own training data: each label the model
// outputs, and the labels of the same kind (GPE and FAC for a LOC model
// label, GROUP for ORG). It also returns the model labels scored.
func (m *Model) ScoredLabels() (map[string]string, []string) {
	to := map[string]string{}
	var scored []string
	for ml, rl := range m.Meta.LabelMap {
		if rl == "" {
			continue
		}
		to[rl] = ml
		scored = append(scored, ml)
	}
	for _, rl := range pipeline.Labels {
		if _, ok := to[rl]; ok {
			continue
		}
		for _, ml := range slices.Sorted(maps.Keys(m.Meta.LabelMap)) {
			if mapped := m.Meta.LabelMap[ml]; mapped != "" && labelClass(mapped) == labelClass(rl) && labelClass(rl) != rl {
				to[rl] = ml
				break
			}
		}
	}
	slices.Sort(scored)
	return to, scored
}

// lowerCommon reports whether every word is a common word written in lower case.
func (s *Stage) lowerCommon(text string, ws []word) bool {
	for _, w := range ws {
		if t := text[w.start:w.end]; t != w.lower || !s.gaz.common[w.lower] {
			return false
		}
	}
	return true
}

func longestWord(ws []word) int {
	n := 0
	for _, w := range ws {
		n = max(n, w.end-w.start)
	}
	return n
}

// companySuffixes end company names; alone they name nothing.
var companySuffixes = map[string]bool{"ltd": true, "inc": true, "corp": true, "co": true, "llc": true, "gmbh": true,
	"plc": true, "limited": true, "ag": true, "sa": true}

// allSuffixes reports whether ws are company suffixes and punctuation only.
func allSuffixes(ws []word) bool {
	for _, w := range ws {
		if !companySuffixes[w.lower] && w.lower != "." && w.lower != "," {
			return false
		}
	}
	return true
}

// trimName takes off a model span's edges what no name holds: lower-case
// words before it ("milbloggers Starshe Eddy"), an apostrophe after it
// ("Haidai’" of "Haidai’s"); and a person's name stops at a lower-case word
// that is no name particle ("Lukashenko blamed Ukraine").
func trimName(text string, ws []word, sp [3]int, label string) [3]int {
	lower := func(k int) bool {
		r, _ := utf8.DecodeRuneInString(text[ws[k].start:ws[k].end])
		return unicode.IsLower(r) && !nameParticles[ws[k].lower]
	}
	for sp[0] < sp[1]-1 && lower(sp[0]) {
		sp[0]++
	}
	for sp[1]-1 > sp[0] {
		if t := text[ws[sp[1]-1].start:ws[sp[1]-1].end]; t != "’" && t != "'" && t != "," && t != ";" && t != ":" {
			break // (no name ends in a comma: "Google," of "Google, Amazon and Zoom")
		}
		sp[1]--
	}
	// A sentence's full stop is no part of the name before it ("was not
	// conducted by Kyiv.”", "told Google."); an initial's or an
	// abbreviation's is ("Frederick W.", "Apple Inc.", "U.S.").
	for sp[1]-1 > sp[0] && ws[sp[1]-1].lower == "." {
		k := sp[1] - 2
		if ws[k].end == ws[k+1].start && (utf8.RuneCountInString(ws[k].lower) == 1 || nameAbbrevs[ws[k].lower]) {
			break
		}
		sp[1]--
	}
	if label == pipeline.LabelPerson {
		for k := sp[0] + 1; k < sp[1]; k++ {
			if lower(k) || spacedDash(text, ws, k) {
				sp[1] = k
				break
			}
		}
	}
	return sp
}

// spacedDash reports whether word k is a dash with a space on each side:
// it ends a person's name ("Bryan Hull - Analyst"); a hyphen joining words
// ("Campbell-Bannerman") does not.
func spacedDash(text string, ws []word, k int) bool {
	switch text[ws[k].start:ws[k].end] {
	case "-", "–", "—":
		return k > 0 && k+1 < len(ws) && ws[k-1].end < ws[k].start && ws[k].end < ws[k+1].start
	}
	return false
}

// documentHeads end the names of treaties, declarations, laws, books and
// other documents ("the Kyoto Protocol", "the Millennium Declaration", "the
// Taft-Hartley Act", "the Geneva Communique", "the Yazidi Black Book"),
// which name no body, person or place.
var documentHeads = set("convention conventions agreement agreements accord accords treaty treaties protocol protocols charter " +
	"declaration declarations agenda act acts pathway communique communiqué manifesto book goals strategy doctrine")

// personAfterPlace returns where a person's name starts inside the span
// [a, b) of a place's name and a person's, or 0: the words before it are a
// listed place or end in a region's head ("Chechen Republic"), and a listed
// person ("Ramzan Kadyrov") or a listed given name with a capitalised word
// after it inside the span follows ("Mariupol Oleksandr Starukh"). ("San Francisco",
// "Port Elizabeth": the given name ends the span.)
func (s *Stage) personAfterPlace(text string, ws []word, a, b int) int {
	if isUpperCase(text[ws[a].start:ws[b-1].end]) {
		return 0 // a line in capitals: "SAN DIEGO AT MONTREAL"
	}
	for k := a + 1; k+1 < b; k++ {
		if (!s.givenBeforeName(ws[:b], k) || s.isPlace(ws[k])) && !s.listedPerson(ws, k, b) {
			continue
		}
		if k-a == 1 && s.isPlace(ws[a]) && s.gaz.names[ws[a].lower] == 0 && !saintPrefixes[ws[a].lower] ||
			regionHeads[ws[k-1].lower] && ws[k-1].upper {
			return k // (no name word opens it: "Kim Jong Il", "Mary Joe Fernandez"; nor "San": "San Diego Padres")
		}
	}
	return 0
}

// personAfterOffice returns where a person's name starts inside the span
// [a, b) that a title and "of" come before ("Minister of Internal Affairs
// Rostislav Smirnov", "Governor of Belgorod Oblast Vyacheslav Gladkov"),
// or 0: a listed given name, not a place, with a capitalised word after it
// to the span's end.
func (s *Stage) personAfterOffice(text string, ws []word, a, b int) int {
	if a < 2 || ws[a-1].lower != "of" || !ws[a-2].upper || s.titles.titleEnd(text, ws, a-2) != a-1 {
		return 0
	}
	for k := a + 1; k+1 < b; k++ {
		if s.isPlace(ws[k-1]) {
			return 0 // "Governor of St. Petersburg Alexander Belov": the place stays (personAfterPlace)
		}
		if s.givenBeforeName(ws[:b], k) && !s.isPlace(ws[k]) {
			return k
		}
	}
	return 0
}

// insideTitle reports whether word k ends a title that starts up to four
// words before it ("Secretary of State").
func (s *Stage) insideTitle(text string, ws []word, k int) bool {
	for i := k - 1; i >= 0 && i >= k-4; i-- {
		if ws[i].upper && s.titles.titleEnd(text, ws, i) == k+1 {
			return true
		}
	}
	return false
}

// listedPerson reports whether the gazetteer lists ws[i:k] as a person
// ("Ramzan Kadyrov").
func (s *Stage) listedPerson(ws []word, i, k int) bool {
	return s.listedSpan(ws, i, k, func(e models.GazEntry) bool { return e.Label == pipeline.LabelPerson })
}

// holderAfterPlace returns where a person's name starts inside the model's
// name ws[i:j] that opens with a listed place ("the Mayor of Mariupol Petro
// Andryushchenko": the model ran the office's place into its holder), or
// 0: a listed given name, or any capitalised word after "<title> of
// <place>", and one or two capitalised words that are no common words or
// heads of a body ("Washington Irving Foundation" stays).
func (s *Stage) holderAfterPlace(ws []word, i, j int) int {
	titled := s.titleWord(ws[max(i-2, 0)].lower) && i >= 2 && ws[i-1].lower == "of"
	for k := i + 1; k < j && k <= i+3; k++ {
		if j-k > 3 || !(titled && ws[k].upper && k+1 < j || s.givenBeforeName(ws, k)) || !s.listedSpan(ws, i, k, isGPEEntry) ||
			s.listedSpan(ws, i, k+1, anyEntry) || compassOnly(ws[i:k]) {
			continue // "San Diego Padres", "North America CEO": the place's name goes on
		}
		if !slices.ContainsFunc(ws[k+1:j], func(w word) bool {
			return !w.upper || s.isCommon(w) || s.model.plain[w.lower] || w.is(clsOrgHead) || companyHeads[w.lower] || featureHeads[w.lower]
		}) {
			return k
		}
	}
	return 0
}

func isGPEEntry(e models.GazEntry) bool { return e.Label == pipeline.LabelGPE }

// isPlaceEntry is listedSpan's test for a place of any kind.
func isPlaceEntry(e models.GazEntry) bool { return isPlace(e.Label) }

// listedSpan reports whether an entry the gazetteer lists as the words
// ws[i:k] satisfies f.
func (s *Stage) listedSpan(ws []word, i, k int, f func(models.GazEntry) bool) bool {
	n, ok := s.spanNode(ws, i, k)
	return ok && s.listedWith(n, f)
}

// spanNode returns the gazetteer trie's node after the words ws[i:k] (the
// first as mark found it), and whether the trie holds them.
func (s *Stage) spanNode(ws []word, i, k int) (int32, bool) {
	n, ok := first(ws, i)
	for j := i + 1; ok && j < k; j++ {
		n, ok = s.gaz.step(n, ws[j].lower)
	}
	return n, ok
}

// bestEntry returns the entry of lowest rank that ends at node n and
// satisfies f.
func (s *Stage) bestEntry(n int32, f func(models.GazEntry) bool) (models.GazEntry, bool) {
	var best models.GazEntry
	found := false
	for _, h := range s.gaz.hitsAt(n) {
		if e := s.gaz.entries[h.entry]; f(e) && (!found || e.Rank < best.Rank) {
			best, found = e, true
		}
	}
	return best, found
}

// documentName reports whether a name of two or more words ends in a
// document's head or in "Plan of Action" ("the Barbados Programme of
// Action").
func documentName(ws []word) bool {
	n := len(ws)
	if n < 2 || !ws[n-1].upper {
		return false
	}
	if documentHeads[ws[n-1].lower] {
		return true
	}
	return n >= 4 && ws[n-1].lower == "action" && ws[n-2].lower == "of" && (ws[n-3].lower == "plan" || ws[n-3].lower == "programme" || ws[n-3].lower == "program")
}

// shipClass reports whether "-class" follows a name ending at end: "the
// Admiral Grigorovich-class frigates", "a Kilo-class submarine".
func shipClass(text string, end int) bool {
	rest := strings.TrimPrefix(text[end:], "-")
	return len(rest) < len(text)-end && leadingLetters(rest) == "class"
}

// bodyHead reports whether a folded word ends a body's name: a head of
// orgHeads (not the centres, which are as often buildings: "World Trade
// Center") or a legislature's, forum's or secretariat's.
func bodyHead(w string) bool {
	switch w {
	case "center", "centre", "centers", "centres":
		return false
	case "senate", "forum", "chamber", "duma", "knesset", "congress", "secretariat":
		return true
	}
	return orgHeads[w]
}

// codeTypes are C and Windows API types, which a variable's name follows in
// the code that threat reports quote.
var codeTypes = set("DWORD WORD BYTE BOOL HANDLE HMODULE HRESULT FARPROC LPVOID LPSTR LPCSTR LPWSTR LPCWSTR PVOID UINT ULONG LONG " +
	"int char void unsigned size_t uint8_t uint16_t uint32_t uint64_t wchar_t")

// leagueHeads end the names of fronts, alliances and leagues, which the
// model sometimes reads as persons.
var leagueHeads = set("front alliance league coalition union")

// sayingVerbs are the verbs of a headline's "<person> Says": "Warns",
// "Claims", "Denies".
var sayingVerbs = set("says said warns warned claims claimed urges urged denies denied vows vowed insists admits announces " +
	"confirms rejects slams calls tells told")

// bodyAcronyms are the techAcronyms that name bodies.
var bodyAcronyms = set("UN EU NATO MOD NGO")

// parkName reports whether a name ends as a protected area's does
// ("Taï National Park", "Mount Nimba Strict Nature Reserve"): land, LOC.
func parkName(ws []word) bool {
	n := len(ws)
	return n > 2 && (ws[n-1].lower == "park" || ws[n-1].lower == "reserve") && ws[n-2].upper && parkKinds[ws[n-2].lower]
}

var parkKinds = set("national nature wildlife game marine biosphere forest")

// stateWords open a state's formal name: "Republic of Chuvashia".
var stateWords = set("republic kingdom emirate principality sultanate commonwealth federation")

// speechVerbs take the one spoken to after "to": "confirmed to Politico".
var speechVerbs = set("said confirmed stated spoke told explained revealed admitted complained wrote talked claimed")

// toldSource reports whether the name at word i is told something or cited:
// "told Politico", "confirmed to Reuters", "according to Meduza".
func toldSource(ws []word, i int) bool {
	if i == 0 {
		return false
	}
	if ws[i-1].lower == "told" {
		return true
	}
	return i >= 2 && ws[i-1].lower == "to" && (speechVerbs[ws[i-2].lower] || ws[i-2].lower == "according")
}

// nameAbbrevs are the abbreviations that end a name with their full stop:
// company designators, generational suffixes, "St." and "Mt.".
var nameAbbrevs = set("inc corp co ltd llc plc bros jr sr st mt ft")

// planHeads end the names of plans and programmes: "the Arab Peace
// Initiative", "the Marshall Plan".
var planHeads = set("initiative initiatives plan doctrine")

// conceptWord reports whether a word names a notion by its ending:
// "Islamophobia", "Zionism", "Russophobia".
func conceptWord(w string) bool {
	return len(w) > 6 && (strings.HasSuffix(w, "phobia") || strings.HasSuffix(w, "ism"))
}

// placePreps put a place, never a person, after them.
var placePreps = set("near in into outside")

// placeBefore reports whether the last of out is a place ending at end.
func placeBefore(out []pipeline.Entity, end int) bool {
	return len(out) > 0 && out[len(out)-1].End == end && labelClass(out[len(out)-1].Label) == "place"
}

// possessiveAfter reports whether a possessive 's follows offset en.
func possessiveAfter(text string, en int) bool {
	return strings.HasPrefix(text[en:], "'s") || strings.HasPrefix(text[en:], "’s")
}

// pronouns follow the modal "May" at a question's or wish's start.
var pronouns = set("i we you he she it they this that there")

// modalMonths are month names that are also common words.
var modalMonths = map[string]bool{"May": true, "March": true}

// dateContext reports whether word i sits in a date: a number next to it, or
// a preposition of time before it ("in May", "since March").
func dateContext(ws []word, i int) bool {
	isNum := func(k int) bool {
		return k >= 0 && k < len(ws) && ws[k].end > ws[k].start && unicode.IsDigit(rune(ws[k].lower[0]))
	}
	if isNum(i-1) || isNum(i+1) || isNum(i+2) && ws[i+1].lower == "of" {
		return true
	}
	if i > 0 {
		switch ws[i-1].lower {
		case "in", "since", "until", "by", "of", "early", "late", "mid", "during", "from", "through", "before", "after", "last", "next", "this":
			return true
		}
	}
	return false
}

// ShippedModel loads the model embedded in the binary (models/data/ner),
// or returns nil when none is shipped.
func ShippedModel() (*Model, error) {
	meta, weights, err := models.NERModel()
	if err != nil || meta == nil {
		return nil, err
	}
	m, err := ReadModel(meta, weights)
	if err != nil {
		return nil, fmt.Errorf("shipped model: %w", err)
	}
	return m, nil
}

// possessive reports whether a folded word is the possessive ending a
// tokenizer splits off ("'s" of "Children's").
func possessive(w string) bool {
	return w == "'s" || w == "’s" || w == "s" || w == "'" || w == "’"
}

// companyRunAfter reports whether one to three capitalised words right
// after word j-1 end in a company's word ("Cybersecurity Solutions",
// "Crowell Company"), or a comma and a designator follow (", Inc.").
func companyRunAfter(text string, ws []word, j int) bool {
	if j+1 < len(ws) && ws[j].lower == "," && ws[j+1].upper && endsCompany(ws[j+1].lower) {
		return true // "Invincea, Inc."
	}
	for k := j; k < len(ws) && k < j+3 && ws[k].upper && spaced(text, ws, k-1, k); k++ {
		if w := ws[k].lower; companyWords[w] || companyHeads[w] || endsCompany(w) {
			return true
		}
	}
	return false
}

// platformWords name languages, platforms and server software that threat
// reports name as what is attacked or used, never as a threat.
var platformWords = set("python java javascript php perl ruby golang powershell bash azure aws redis hadoop saltstack docker kubernetes " +
	"apache nginx mysql postgresql postgres elasticsearch jenkins confluence exchange sharepoint outlook linux windows android ios macos " +
	"chrome firefox safari slack discord whatsapp dropbox github gitlab wordpress drupal joomla vmware citrix tomcat weblogic openssl " +
	"mac os x ipad iphone ipados")

// honorifics address a person without naming one.
var honorifics = set("majesty majesties excellency excellencies highness holiness lordship ladyship eminence")

// familyNouns follow the one-word name of a malware family, a tool or a
// threat actor ("the Bunny malware"); "variant" and "family" follow
// platforms too ("a Mac OS X variant").
var familyNouns = set("malware ransomware trojan backdoor rat loader dropper botnet worm stealer infostealer implant wiper spyware keylogger " +
	"group apt gang tool framework")

// familyLabel is the label of a name before family noun n.
func familyLabel(n string) string {
	switch n {
	case "group", "apt", "gang":
		return pipeline.LabelGroup
	case "tool", "framework":
		return pipeline.LabelTool
	}
	return pipeline.LabelMalware
}

// companyWords end the name of a company, a school or a foundation named
// after its founder, which the model may take for the founder.
var companyWords = set("company university college institute foundation association")

// plainOrPlural reports whether a lower-cased word, or the singular of a
// plural one, is a common word or one the model's training text writes in
// lower case and never in a name.
func (s *Stage) plainOrPlural(w string) bool {
	if s.plainWord(w) {
		return true
	}
	sg, ok := strings.CutSuffix(w, "s")
	if ok && len(sg) > 2 && s.plainWord(sg) {
		return true
	}
	// A prefix makes a plain word of a plain one: "counteroffensives",
	// "counterattack", which the lists and the training text lack.
	for _, p := range plainPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 5 && s.plainOrPlural(rest) {
			return true
		}
	}
	return false
}

// plainPrefixes make words of words.
var plainPrefixes = []string{"counter", "anti", "non"}

// plainWord reports whether a lower-cased word is a common word or one the
// model's training text writes in lower case and never in a name.
func (s *Stage) plainWord(w string) bool {
	return s.gaz.common[w] || s.model != nil && s.model.plain[w]
}

// pluralNoun reports whether a lower-cased word is the plural of a common
// word or of one the model's training text writes in lower case: "troops",
// "cables", "processes" (not "indigenous" or "crisis").
func (s *Stage) pluralNoun(w string) bool {
	sg, ok := strings.CutSuffix(w, "s")
	if !ok || len(w) <= 2 || strings.HasSuffix(sg, "s") || strings.HasSuffix(sg, "u") || strings.HasSuffix(sg, "i") {
		return false // "indigenous", "crisis", "class"
	}
	return s.plainOrPlural(w) || strings.HasSuffix(sg, "e") && len(sg) > 3 && s.plainWord(sg[:len(sg)-1])
}

// hasLetter reports whether s holds a letter (a word, not punctuation).
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// isLetters reports whether s is made of letters only.
func isLetters(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// compassBeforePlace reports whether words [i, j) are one compass word
// right before a listed place, or before "and" or "or" and another such
// word: "Eastern" of "Eastern Ukraine", "Southern" of "Southern and Eastern
// Ukraine". A listed name of the second compass word and the place keeps
// the first ("Central" of "Central and Eastern Europe" is elidedParts').
func (s *Stage) compassBeforePlace(text string, ws []word, i, j int) bool {
	if j-i != 1 || !directionWord(ws[i].lower) || j >= len(ws) || !spaced(text, ws, i, j) {
		return false
	}
	if (ws[j].lower == "and" || ws[j].lower == "or") && j+2 < len(ws) && ws[j+1].upper && directionWord(ws[j+1].lower) &&
		spaced(text, ws, j, j+1) && spaced(text, ws, j+1, j+2) && !s.listedSpan(ws, j+1, j+3, isPlaceEntry) {
		j += 2
	}
	return s.isPlace(ws[j])
}

// bodyAcronym reports whether the word k the model calls a person is a
// body's acronym: "IOM, IPU, ISO", "Italian Air Force (..., AMI)", an
// acronym among words in lower case or other acronyms, unless the name
// lists know it ("his son HUSSEIN"). Surnames in capitals (the Factbook's
// "President MASISI", "Ali BONGO") are longer than four letters or follow a
// title; where the document writes them so, an acronym stands in a list of
// acronyms. A name in capitals stands among capitals ("MR KIRBY:", "SILVA
// 'S LOST PASSPORT").
func (s *Stage) bodyAcronym(text string, ws []word, k int, doc docWords) bool {
	t := text[ws[k].start:ws[k].end]
	if len(t) < 3 || !isAcronym(t) || strings.ContainsAny(t, "0123456789") || s.gaz.names[ws[k].lower] != 0 {
		return false
	}
	if len(t) > 4 || doc.capsSurnames || k > 0 && s.titles.titleEnd(text, ws, k-1) == k {
		if !amongAcronyms(text, ws, k) {
			return false
		}
	}
	return !s.capitalsAround(text, ws, k)
}

// amongAcronyms reports whether the nearest words with letters before and
// after word k are written in capitals: a list of acronyms ("IOM, IPU,
// ISO"), not a surname after a given name ("Ali BONGO").
func amongAcronyms(text string, ws []word, k int) bool {
	for _, step := range []int{-1, 1} {
		j := k + step
		for j >= 0 && j < len(ws) && !hasLetter(text[ws[j].start:ws[j].end]) {
			j += step
		}
		if j < 0 || j >= len(ws) || !isAcronym(text[ws[j].start:ws[j].end]) {
			return false
		}
	}
	return true
}

// capitalsAround reports whether one of the three nearest words with
// letters on either side of word k (in its sentence) is a word of ordinary
// language written in capitals: a common word, a title or a name of the
// lists ("SECRETARY KERRY:", "MR KIRBY", "SILVA 'S LOST PASSPORT", "AND
// YAO , T."), as headlines, transcripts and reference lists in small
// capitals write them. A possessive's "'S" is passed over.
func (s *Stage) capitalsAround(text string, ws []word, k int) bool {
	capsWord := func(j int) (bool, bool) {
		w := text[ws[j].start:ws[j].end]
		if !hasLetter(w) || possessive(ws[j].lower) {
			return false, false
		}
		return isUpperCase(w) && (s.gaz.common[ws[j].lower] || s.gaz.names[ws[j].lower] != 0 || s.titles.titleEnd(text, ws, j) > j), true
	}
	for _, step := range []int{-1, 1} {
		for j, n := k+step, 0; j >= 0 && j < len(ws) && n < 3; j += step {
			caps, counted := capsWord(j)
			if caps {
				return true
			}
			if counted {
				n++
			}
		}
	}
	return false
}
