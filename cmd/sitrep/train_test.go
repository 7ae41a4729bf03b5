package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/pipeline/entities"
)

// conllFixture writes a small CoNLL file of invented names in a few frames.
func conllFixture(t *testing.T, n, seed int) string {
	t.Helper()
	syl := []string{"zor", "vat", "qui", "lem", "dra", "nix", "tal", "brup", "kez", "mov"}
	name := func(i int) string {
		x := syl[(i*7+seed)%len(syl)] + syl[(i*3+seed*5+1)%len(syl)]
		return strings.ToUpper(x[:1]) + x[1:]
	}
	var b strings.Builder
	b.WriteString("-DOCSTART- -X- -X- O\n\n")
	for i := 0; i < n; i++ {
		p1, p2, o, l := name(i), name(i+1), name(i+2), name(i+3)
		fmt.Fprintf(&b, "%s B-PER\n%s I-PER\nmet O\n%s B-ORG\nHoldings I-ORG\nofficials O\nin O\n%s B-LOC\n. O\n\n", p1, p2, o, l)
	}
	p := filepath.Join(t.TempDir(), fmt.Sprintf("fixture%d.conll", seed))
	must(t, os.WriteFile(p, []byte(b.String()), 0o644))
	return p
}

func TestTrainEvalAnnotateWithModel(t *testing.T) {
	train, dev := conllFixture(t, 300, 1), conllFixture(t, 50, 2)
	model := filepath.Join(t.TempDir(), "model")
	code, _, errs := sitrep(t, "train", "--train", train, "--dev", dev, "-o", model, "--epochs", "3", "--bits", "16")
	if code != 0 || !strings.Contains(errs, "model written to") {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	// The merge mode that scored best on dev is recorded, with the scores.
	var meta entities.ModelMeta
	raw0, err := os.ReadFile(filepath.Join(model, "model.json"))
	must(t, err)
	must(t, json.Unmarshal(raw0, &meta))
	if !slices.Contains(entities.MergeNames, meta.Merge) || !strings.Contains(errs, "merge arbiter  dev F1") || meta.Restarts != 3 || !meta.History {
		t.Errorf("model.json merge %q, restarts %d, history %v; log:\n%s", meta.Merge, meta.Restarts, meta.History, errs)
	}
	code, out, errs := sitrep(t, "eval", "--gold", dev, "--model", model, "--map", "conll")
	if code != 0 {
		t.Fatalf("eval: %s", errs)
	}
	for _, label := range []string{"PER", "ORG", "LOC", "micro"} {
		if !strings.Contains(out, label) {
			t.Errorf("eval table lacks %s:\n%s", label, out)
		}
	}
	micro := strings.Fields(out[strings.LastIndex(out, "micro"):])
	if len(micro) < 6 || micro[5] < "0.9" {
		t.Errorf("eval micro row %v (want F1 >= 0.9 on the fixture)", micro)
	}
	// annotate --model uses it; the records then train a model of their own.
	corpus := t.TempDir()
	must(t, os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("Vatqui Dralem met Zornix Holdings officials in Brupkez.\n"), 0o644))
	out2 := filepath.Join(t.TempDir(), "out")
	if code, _, errs := sitrep(t, "annotate", "-q", corpus, "-o", out2, "--model", model); code != 0 {
		t.Fatal(errs)
	}
	raw, err := os.ReadFile(filepath.Join(out2, "annotations.jsonl"))
	must(t, err)
	var rec struct {
		Entities []struct{ Text, Label, Source string }
	}
	must(t, json.Unmarshal(raw, &rec))
	got := map[string]string{}
	for _, e := range rec.Entities {
		got[e.Text] = e.Label + "/" + e.Source
	}
	if got["Vatqui Dralem"] != "PERSON/model" || got["Zornix Holdings"] != "ORG/model" {
		t.Errorf("annotate --model entities: %v", got)
	}
	if code, _, errs := sitrep(t, "train", "--train", filepath.Join(out2, "annotations.jsonl"), "-o", filepath.Join(t.TempDir(), "m2"), "--epochs", "1", "--bits", "14"); code != 0 {
		t.Errorf("train on records: %s", errs)
	}
	for _, args := range [][]string{
		{"train", "--train", "/nonexistent.conll", "-o", t.TempDir()},
		{"annotate", corpus, "-o", t.TempDir(), "--model", "/nonexistent"},
	} {
		if code, _, errs := sitrep(t, args...); code != exitFailure || !strings.Contains(errs, "nonexistent") {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
	if code, _, _ := sitrep(t, "eval", "--gold", dev, "--merge", "sideways"); code != exitUsage {
		t.Errorf("bad --merge: exit %d", code)
	}
}

func TestUserGazetteer(t *testing.T) {
	gz := filepath.Join(t.TempDir(), "mine.tsv")
	must(t, os.WriteFile(gz, []byte("id\tcanonical_name\ttype\taliases\tsource\tlabel\n"+
		"acme:1\tZorblax Collective\tthreat_actor\tZBX|Zorblax\tin-house\tGROUP\n"), 0o644))
	corpus := t.TempDir()
	must(t, os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("The Zorblax Collective struck again. ZBX denied it.\n"), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := sitrep(t, "annotate", "-q", corpus, "-o", out, "--gazetteer", gz); code != 0 {
		t.Fatal(errs)
	}
	raw, err := os.ReadFile(filepath.Join(out, "annotations.jsonl"))
	must(t, err)
	var rec struct {
		Entities []struct{ Text, Label, ID, Name string }
	}
	must(t, json.Unmarshal(raw, &rec))
	n := 0
	for _, e := range rec.Entities {
		if e.ID == "acme:1" && e.Label == "GROUP" && e.Name == "Zorblax Collective" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("user gazetteer entities: %+v", rec.Entities)
	}
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	must(t, os.WriteFile(bad, []byte("only one column\n"), 0o644))
	if code, _, errs := sitrep(t, "annotate", "-q", corpus, "-o", filepath.Join(t.TempDir(), "o"), "--gazetteer", bad); code != exitFailure || !strings.Contains(errs, "bad.tsv") {
		t.Errorf("bad gazetteer: exit %d, %s", code, errs)
	}
}

func TestMergeMode(t *testing.T) {
	arbiter := &entities.Model{Meta: entities.ModelMeta{Merge: "arbiter"}}
	for _, c := range []struct {
		flag  string
		model *entities.Model
		want  entities.MergeMode
		err   bool
	}{
		{"", nil, entities.MergeOverride, false},
		{"", &entities.Model{}, entities.MergeOverride, false},
		{"", arbiter, entities.MergeArbiter, false},
		{"fill", arbiter, entities.MergeFill, false},
		{"sideways", nil, 0, true},
	} {
		got, err := annotate.MergeMode(c.flag, c.model)
		if (err != nil) != c.err || err == nil && got != c.want {
			t.Errorf("mergeMode(%q, %+v) = %v, %v; want %v", c.flag, c.model, got, err, c.want)
		}
	}
}
