package takeaways_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/internal/stagetest"
	"github.com/sitrep/sitrep/pipeline/takeaways"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// view is what the golden files hold of each takeaway.
type view struct {
	Text       string   `json:"text"`
	Heading    string   `json:"heading"`
	Label      string   `json:"label,omitempty"`
	Derived    bool     `json:"derived,omitempty"`
	Entities   []string `json:"entities,omitempty"`
	Estimative []string `json:"estimative,omitempty"`
	Category   string   `json:"category,omitempty"`
}

func run(t *testing.T, text string) *pipeline.Document {
	t.Helper()
	d := stagetest.Upstream(t, text)
	lx := stagetest.Lexicon(t)
	st := takeaways.New(takeaways.Options{Derive: 5}, lx.Scales[models.ScaleICD203])
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, err := range pipeline.Check(d) {
		t.Error(err)
	}
	return d
}

// TestGolden runs every testdata/*.txt|md through the stages and compares the
// takeaways with <name>.golden.json (go test -update rewrites them).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := run(t, string(src))
			got := []view{}
			for _, tk := range d.Takeaways {
				v := view{Text: tk.Text, Heading: tk.Heading, Label: tk.Label, Derived: tk.Derived}
				for _, i := range tk.Entities {
					v.Entities = append(v.Entities, d.Entities[i].Text+"/"+d.Entities[i].Label)
				}
				for _, i := range tk.Estimative {
					v.Estimative = append(v.Estimative, d.Estimative[i].Text+"/"+d.Estimative[i].Category)
				}
				if tk.Likelihood != nil {
					v.Category = tk.Likelihood.Category
				}
				got = append(got, v)
			}
			golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".golden.json"
			if *update {
				var b bytes.Buffer
				enc := json.NewEncoder(&b)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			raw, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			var want []view
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("takeaways (-want +got):\n%s", diff)
			}
		})
	}
	if n < 6 {
		t.Fatalf("found %d golden inputs, want at least 6", n)
	}
}

func TestHeadingVariants(t *testing.T) {
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"Key Takeaways", true}, {"KEY TAKEAWAYS", true}, {"Key Takeaways and Analysis", true}, {"Key Findings", true},
		{"Key findings:", true}, {"Key Points", true}, {"Key Judgments", true}, {"Key Judgements", true},
		{"Bottom Line Up Front (BLUF)", true}, {"BLUF:", true}, {"Executive Summary", true}, {"Main Takeaways", true},
		{"Key take-aways", true}, {"Top Highlights", true},
		{"Key Terrain", false}, {"Takeover of Kabul", false}, {"Keys to the City", false}, {"Methodology", false},
	} {
		if got := takeaways.IsTakeawayHeading(tt.give); got != tt.want {
			t.Errorf("IsTakeawayHeading(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}
