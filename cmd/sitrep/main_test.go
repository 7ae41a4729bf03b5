package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/internal/pdftest"
	"github.com/sitrep/sitrep/internal/querytable"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/search"
	"github.com/sitrep/sitrep/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sitrep runs the CLI in-process and returns its exit code and output.
func sitrep(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"sitrep"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// sitrepIn runs the CLI in-process with stdin as its standard input.
func sitrepIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"sitrep"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

var examplesOut string

// TestMain annotates the example corpus once for the tests that read it.
func TestMain(m *testing.M) {
	// The test binary stands in for sitrep when a script runs it (the
	// completion test's bash).
	if os.Getenv("SITREP_TEST_RUN_CLI") != "" {
		os.Exit(run(context.Background(), append([]string{"sitrep"}, os.Args[1:]...), os.Stdin, os.Stdout, os.Stderr))
	}
	flag.Parse()
	dir, err := os.MkdirTemp("", "sitrep-test-")
	if err != nil {
		panic(err)
	}
	examplesOut = filepath.Join(dir, "out")
	var out, errb bytes.Buffer
	// Flags after the positional argument, as people type them.
	if code := run(context.Background(), []string{"sitrep", "annotate", "../../corpus/examples", "-o", examplesOut, "-j", "2"}, strings.NewReader(""), &out, &errb); code != 0 {
		os.Stderr.WriteString(errb.String())
		os.Exit(code)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestAnnotateExamples(t *testing.T) {
	m, err := output.ReadManifest(examplesOut)
	if err != nil {
		t.Fatal(err)
	}
	if m.Totals.Files != 7 || m.Totals.OK != 7 || m.Totals.Records != 7 || m.Totals.Errors != 0 {
		t.Errorf("totals = %+v, want 7 files, all ok", m.Totals)
	}
	for _, f := range m.Files {
		if len(f.SHA256) != 64 || f.Bytes == 0 {
			t.Errorf("%s: sha256 %q, %d bytes", f.ID, f.SHA256, f.Bytes)
		}
	}
	for _, stage := range []string{"load", "structure", "tokenize", "entities", "estimative", "takeaways"} {
		if _, ok := m.Timings.StageSeconds[stage]; !ok {
			t.Errorf("manifest has no timing for stage %s", stage)
		}
	}
	code, out, _ := sitrep(t, "validate", examplesOut)
	if code != 0 || !strings.Contains(out, "7 records checked, 0 problems") {
		t.Errorf("validate: exit %d, %s", code, out)
	}
}

func TestSearchCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/search_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Query   string   `json:"query"`
		WantIDs []string `json:"want_ids"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Query, func(t *testing.T) {
			code, out, errs := sitrep(t, "search", "--json", "--limit", "50", examplesOut, c.Query)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var res search.Result
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if diff := cmp.Diff(c.WantIDs, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSearchText(t *testing.T) {
	code, out, _ := sitrep(t, "search", examplesOut, "Kherson")
	if code != 0 || !strings.Contains(out, "daily/kherson-daily-assessment.html") || !strings.Contains(out, "«Kherson»") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// emptyDir is a corpus folder holding no report (only a subfolder).
func emptyDir(t *testing.T) string {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	return dir
}

func TestExitCodes(t *testing.T) {
	tmp := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", []string{}, 0, ""},
		{"unknown command", []string{"serch"}, exitUsage, "unknown command"},
		{"annotate without -o", []string{"annotate", "../../corpus/examples"}, exitUsage, "--out"},
		{"annotate two folders", []string{"annotate", "a", "b", "-o", tmp}, exitUsage, "exactly one"},
		{"unknown flag", []string{"annotate", "--frobnicate", "x"}, exitUsage, "frobnicate"},
		{"bad scale", []string{"annotate", "x", "-o", tmp, "--scale", "nato"}, exitUsage, "--scale"},
		{"missing corpus", []string{"annotate", filepath.Join(tmp, "nope"), "-o", filepath.Join(tmp, "o")}, exitFailure, "no such file"},
		{"empty corpus", []string{"annotate", emptyDir(t), "-o", filepath.Join(tmp, "o2")}, exitFailure, "no reports"},
		{"search a missing index", []string{"search", filepath.Join(tmp, "nope"), "x"}, exitFailure, "open index"},
		{"bad query", []string{"search", examplesOut, `entity:"unclosed`}, exitUsage, "invalid query"},
		{"bad regexp", []string{"search", examplesOut, "text:/[/"}, exitUsage, "invalid query"},
		{"validate a missing folder", []string{"validate", filepath.Join(tmp, "nope")}, exitFailure, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := sitrep(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tt.wantCode, tt.wantErr)
			}
			if strings.Contains(errs, "goroutine ") {
				t.Errorf("stack trace on stderr: %s", errs)
			}
		})
	}
}

func TestSomeInputsFail(t *testing.T) {
	corpus := t.TempDir()
	must(t, os.WriteFile(filepath.Join(corpus, "good.txt"), []byte("A report on ISKP."), 0o644))
	must(t, os.WriteFile(filepath.Join(corpus, "blob.txt"), []byte("MZ\x00\x00binary"), 0o644))
	must(t, os.Symlink(filepath.Join(corpus, "gone.txt"), filepath.Join(corpus, "broken.txt")))
	out := filepath.Join(t.TempDir(), "out")
	code, _, errs := sitrep(t, "annotate", corpus, "-o", out)
	if code != exitSomeFailed {
		t.Fatalf("exit %d, want %d (stderr %s)", code, exitSomeFailed, errs)
	}
	if !strings.Contains(errs, "broken.txt") || !strings.Contains(errs, "broken symlink") {
		t.Errorf("stderr does not name the failed file and reason: %s", errs)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range m.Files {
		got[f.ID] = f.Status + " " + f.Reason
	}
	want := map[string]string{"good.txt": "ok ", "blob.txt": "skipped binary file (NUL bytes)"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %q, want %q", id, got[id], w)
		}
	}
	if !strings.HasPrefix(got["broken.txt"], "error load: broken symlink") {
		t.Errorf("broken.txt: %q", got["broken.txt"])
	}
}

func TestHelpShowsExamples(t *testing.T) {
	for _, cmd := range []string{"annotate", "search", "validate", "export", "completion"} {
		code, out, _ := sitrep(t, cmd, "--help")
		// The exit codes are in sitrep --help alone, not repeated by every command.
		if code != 0 || !strings.Contains(out, "EXAMPLE") || strings.Contains(out, "EXIT CODES") {
			t.Errorf("%s --help: exit %d, an example %v, the exit codes repeated %v:\n%s", cmd, code,
				strings.Contains(out, "EXAMPLE"), strings.Contains(out, "EXIT CODES"), out)
		}
	}
	if code, out, _ := sitrep(t, "--help"); code != 0 || !strings.Contains(out, "EXIT CODES") {
		t.Errorf("sitrep --help: exit %d, no exit codes:\n%s", code, out)
	}
}

// TestCLIConventions: version and completion commands, "did you mean"
// for mistyped commands and flags, exit 2 for every usage error.
func TestCLIConventions(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := sitrep(t, args...)
		if code != 0 || !strings.HasPrefix(out, "sitrep "+annotate.Version+" (commit ") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	for shell, want := range map[string]string{"bash": "complete -o default -F _sitrep sitrep", "zsh": "compdef _sitrep sitrep", "fish": "complete -c sitrep"} {
		if code, out, _ := sitrep(t, "completion", shell); code != 0 || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, lacks %q", shell, code, want)
		}
	}
	for _, tc := range []struct {
		args []string
		want string // in the output
	}{
		{[]string{"--generate-bash-completion"}, "annotate\nsearch\n"},
		{[]string{"annotate", "--wor", "--generate-bash-completion"}, "--workers\n"},
		{[]string{"search", "out", "--generate-bash-completion"}, ""},
	} {
		code, out, _ := sitrep(t, tc.args...)
		if code != 0 || !strings.Contains(out, tc.want) || tc.want == "" && out != "" {
			t.Errorf("%v: exit %d, %q; want %q", tc.args, code, out, tc.want)
		}
	}
	// The bash script, as bash runs it, completes a flag.
	if bash, err := exec.LookPath("bash"); err == nil {
		exe, err := os.Executable() // this test binary runs the CLI when asked to (TestMain)
		must(t, err)
		script := `source <("$SITREP" completion bash); COMP_WORDS=("$SITREP" annotate --wo); COMP_CWORD=2; _sitrep; echo "${COMPREPLY[@]}"`
		cmd := exec.Command(bash, "-c", script)
		cmd.Env = append(os.Environ(), "SITREP="+exe, "SITREP_TEST_RUN_CLI=1")
		if out, err := cmd.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "--workers" {
			t.Errorf("bash completion of 'sitrep annotate --wo': %q, %v", out, err)
		}
	}
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"annotate", "corpus", "-o", "out", "--worker", "2"}, "did you mean --workers?"},
		{[]string{"serch", "out", "x"}, `unknown command "serch" (did you mean search?)`},
		{[]string{"export", "out"}, "--format/-f is required"},
		{[]string{"completion", "tcsh"}, `no script for "tcsh"`},
		{[]string{"version", "x"}, "takes no arguments"},
		{[]string{"search", "--limt", "3", "out", "x"}, "did you mean --limit?"},
	} {
		code, _, errs := sitrep(t, tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.says) {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", tc.args, code, errs, tc.says)
		}
	}
}

// TestGoldenRecord annotates a small report and compares the whole record
// with testdata/small-report.golden.json (go test -update rewrites it).
func TestGoldenRecord(t *testing.T) {
	corpus := t.TempDir()
	src, err := os.ReadFile("testdata/small-report.txt")
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(corpus, "small-report.txt"), src, 0o644))
	saved := time.Date(2021, 11, 3, 8, 0, 0, 0, time.UTC) // file_modified: the file's time, fixed
	must(t, os.Chtimes(filepath.Join(corpus, "small-report.txt"), saved, saved))
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := sitrep(t, "annotate", "-q", "--no-index", corpus, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got, err := os.ReadFile(filepath.Join(out, "reports", "small-report.txt.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/small-report.golden.json"
	if *update {
		must(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	var w, g any
	must(t, json.Unmarshal(want, &w))
	must(t, json.Unmarshal(got, &g))
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	var rec struct {
		Text string `json:"text"`
	}
	must(t, json.Unmarshal(got, &rec))
	if rec.Text != string(src) {
		t.Error("text is not byte-identical to the clean UTF-8 input")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestLintCommand(t *testing.T) {
	corpus := t.TempDir()
	must(t, os.WriteFile(filepath.Join(corpus, "r.txt"), []byte("Title\n\nWe assess with high confidence that ISKP will likely attack.\nIt may also strike Kabul.\n"), 0o644))
	// Findings make the exit code 1, as linters do.
	code, out, errs := sitrep(t, "lint", corpus)
	if code != exitFailure || !strings.Contains(errs, "lint: 2 findings") {
		t.Fatalf("exit %d (want 1): %s", code, errs)
	}
	for _, want := range []string{"r.txt:3:1: likelihood-with-confidence:", "r.txt:4:1: hedge-without-band:", "2 findings in 1 of 1 reports"} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	for _, tc := range []struct {
		args  []string
		code  int
		shows string
		hides string
	}{
		{[]string{"--ignore", "hedge-without-band"}, exitFailure, "likelihood-with-confidence", "hedge-without-band:"},
		{[]string{"--select", "hedge-without-band"}, exitFailure, "hedge-without-band", "likelihood-with-confidence:"},
		{[]string{"--ignore", "hedge-without-band,likelihood-with-confidence"}, exitOK, "0 findings in 0 of 1 reports", "r.txt"},
		{[]string{"--select", "mixed-scales"}, exitOK, "0 findings", "r.txt"},
	} {
		code, out, errs := sitrep(t, append([]string{"lint", corpus}, tc.args...)...)
		if code != tc.code || !strings.Contains(out, tc.shows) || strings.Contains(out, tc.hides) {
			t.Errorf("lint %v: exit %d (want %d), %s%s", tc.args, code, tc.code, out, errs)
		}
	}
	if code, _, errs := sitrep(t, "lint", corpus, "--select", "hedge-without-bands"); code != exitUsage || !strings.Contains(errs, "did you mean hedge-without-band?") {
		t.Errorf("an unknown rule: exit %d, %s", code, errs)
	}
	// The same findings come from an OUT_DIR's records.
	code, out, _ = sitrep(t, "lint", examplesOut)
	if code != exitFailure || !strings.Contains(out, "findings in") || !strings.Contains(out, "of 7 reports") {
		t.Errorf("lint OUT_DIR: exit %d:\n%s", code, out)
	}
}

// TestLintHTMLPositions: a finding in an HTML page is placed at the line
// and column of the page's source, from a corpus folder and from an
// OUT_DIR; a page changed since annotation falls back to the text's
// positions and says so.
func TestLintHTMLPositions(t *testing.T) {
	corpus := t.TempDir()
	page := "<!doctype html>\n<html><head><title>Brief | Site</title></head>\n<body>\n<article>\n<h1>Brief</h1>\n" +
		"<p>Kabul was quiet.\n   Some &amp; more.</p>\n<ul>\n  <li><strong>ISKP</strong> may\n attack Kabul.</li>\n</ul>\n</article></body></html>\n"
	path := filepath.Join(corpus, "brief.html")
	must(t, os.WriteFile(path, []byte(page), 0o644))
	must(t, os.WriteFile(filepath.Join(corpus, "notes.md"), []byte("# Notes\n\nQuiet day. **ISKP** may attack Kabul.\n"), 0o644))
	// "ISKP may attack Kabul." starts at line 9, column 15 of the page
	// (after "  <li><strong>"), and at line 3, column 14 of the Markdown
	// file (after "Quiet day. **"; column 12 of the record's text).
	const want, wantMD = "brief.html:9:15: hedge-without-band:", "notes.md:3:14: hedge-without-band:"
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := sitrep(t, "annotate", corpus, "-o", out, "--no-index"); code != exitOK {
		t.Fatalf("annotate: exit %d: %s", code, errs)
	}
	for _, dir := range []string{corpus, out} {
		code, stdout, errs := sitrep(t, "lint", dir)
		if code != exitFailure || !strings.Contains(stdout, want) || !strings.Contains(stdout, wantMD) || errs != "sitrep: lint: 2 findings\n" {
			t.Errorf("lint %s: exit %d, want %q in:\n%s%s", dir, code, want, stdout, errs)
		}
		if _, stdout, _ := sitrep(t, "lint", "--json", dir); !strings.Contains(stdout, `"line":9,"column":15,"position_of":"file"`) {
			t.Errorf("lint --json %s: %s", dir, stdout)
		}
	}
	must(t, os.WriteFile(path, []byte(strings.Replace(page, "<body>", "<body>\n\n", 1)), 0o644))
	code, stdout, errs := sitrep(t, "lint", "--json", out)
	if code != exitFailure || !strings.Contains(stdout, `"line":3,"column":14,"position_of":"file"`) || !strings.Contains(stdout, `"position_of":"text"`) || !strings.Contains(errs, "brief.html changed since it was annotated") {
		t.Errorf("lint of a changed page: exit %d:\n%s%s", code, stdout, errs)
	}
}

func TestSearchFacets(t *testing.T) {
	code, out, errs := sitrep(t, "search", "--json", "--facet", "category", "--facet", "label", "--facet", "entity", examplesOut, "label:GROUP")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res search.Result
	must(t, json.Unmarshal([]byte(out), &res))
	count := func(facet, term string) int {
		for _, ft := range res.Facets[facet] {
			if ft.Term == term {
				return ft.Count
			}
		}
		return 0
	}
	// The Wagner Group makes the Donbas assessment the fifth report with a group.
	if res.Total != 5 || count("label", "GROUP") != 5 || count("category", "likely") != 4 || count("entity", "Taliban") != 2 ||
		count("entity", "Wagner Group") != 1 {
		t.Errorf("facets of label:GROUP = %+v (total %d)", res.Facets, res.Total)
	}
}

// TestAnnotatePDF runs annotate over generated PDFs: the report becomes a
// record with pages and its Key Findings as takeaways; the image-only PDF
// is in the manifest as skipped, with the reason.
func TestAnnotatePDF(t *testing.T) {
	corpus := t.TempDir()
	must(t, os.WriteFile(filepath.Join(corpus, "report.pdf"), pdftest.Make("Sandworm Targets Energy Grids", pdftest.Report()), 0o644))
	must(t, os.WriteFile(filepath.Join(corpus, "scan.pdf"), pdftest.Make("Scan", []pdftest.Page{{Image: true}}), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := sitrep(t, "annotate", corpus, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := manifestOf(t, out)
	got := map[string]string{}
	for _, f := range m.Files {
		got[f.ID] = f.Status + " " + f.Reason
	}
	if got["report.pdf"] != "ok " || !strings.HasPrefix(got["scan.pdf"], "skipped PDF has no text layer") {
		t.Errorf("manifest: %q", got)
	}
	docs := records(t, out)
	if len(docs) != 1 {
		t.Fatalf("%d records", len(docs))
	}
	d := docs[0]
	if len(d.Pages) != 4 || d.Source.Format != "pdf" {
		t.Errorf("pages %v format %s", d.Pages, d.Source.Format)
	}
	var takeaways []string
	for _, tk := range d.Takeaways {
		takeaways = append(takeaways, tk.Heading+": "+tk.Text)
	}
	want := []string{
		"Key Findings: Sandworm will likely target Ukrainian energy firms in 2026.",
		"Key Findings: We assess with moderate confidence that Industroyer2 is reused.",
	}
	if diff := cmp.Diff(want, takeaways); diff != "" {
		t.Errorf("takeaways (-want +got):\n%s", diff)
	}
	if code, _, errs := sitrep(t, "validate", out); code != 0 {
		t.Errorf("validate: %s", errs)
	}
}

// TestBoilerplateLeftOut: by default, a call to action yields no entity or
// judgment and is listed in the record; --keep-boilerplate annotates it, and
// switching the flag re-annotates (it is part of the fingerprint).
func TestBoilerplateLeftOut(t *testing.T) {
	corpus := t.TempDir()
	must(t, os.WriteFile(filepath.Join(corpus, "r.txt"), []byte("ISKP will likely attack Jalalabad.\n\nSign up for our newsletter: we assess ISKP will probably strike Kabul next.\n"), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	run := func(args ...string) pipeline.Document {
		t.Helper()
		if code, _, errs := sitrep(t, append([]string{"annotate", corpus, "-o", out, "-q"}, args...)...); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		return records(t, out)[0]
	}
	names := func(d pipeline.Document) (ents []string, est []string) {
		for _, e := range d.Entities {
			ents = append(ents, e.Text)
		}
		for _, e := range d.Estimative {
			est = append(est, e.Text)
		}
		return
	}
	d := run()
	ents, est := names(d)
	if diff := cmp.Diff([]string{"ISKP", "Jalalabad"}, ents); diff != "" {
		t.Errorf("default entities (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"likely"}, est); diff != "" {
		t.Errorf("default judgments (-want +got):\n%s", diff)
	}
	if len(d.Boilerplate) != 1 || !strings.HasPrefix(d.Text[d.Boilerplate[0].Start:d.Boilerplate[0].End], "Sign up") || d.Boilerplate[0].Reason == "" {
		t.Errorf("boilerplate %+v", d.Boilerplate)
	}
	d = run("--keep-boilerplate")
	ents, est = names(d)
	if diff := cmp.Diff([]string{"ISKP", "Jalalabad", "ISKP", "Kabul"}, ents); diff != "" {
		t.Errorf("--keep-boilerplate entities (-want +got):\n%s", diff)
	}
	if len(est) < 2 || len(d.Boilerplate) != 0 {
		t.Errorf("--keep-boilerplate: judgments %v, boilerplate %+v", est, d.Boilerplate)
	}
}

// TestQueryTableCLI: every query of the committed table finds its reports
// and lists their copies through `sitrep search`.
func TestQueryTableCLI(t *testing.T) {
	cases, err := querytable.Load()
	if err != nil {
		t.Fatal(err)
	}
	out := querytable.Fixture(t)
	for _, c := range cases {
		code, stdout, stderr := sitrep(t, "search", "--json", "-n", "100", out, "--", c.Query)
		if code != 0 {
			t.Errorf("%q: exit %d: %s", c.Query, code, stderr)
			continue
		}
		var res search.Result
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatalf("%q: %v", c.Query, err)
		}
		if err := c.CheckHits(res.Hits); err != nil {
			t.Error(err)
		}
	}
}

// TestAnnotateOneFileStdinEmpty: one file or standard input can be
// annotated (its record id the file's name, or --name); an empty corpus is
// an error that says so, and writes nothing.
func TestAnnotateOneFileStdinEmpty(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, errs := sitrep(t, "annotate", "-q", "../../corpus/examples/threat/iskp-jalalabad-campaign.txt", "-o", out)
	if code != 0 {
		t.Fatalf("one file: exit %d: %s", code, errs)
	}
	ids := func() []string {
		var ids []string
		must(t, output.Each(out, func(d *pipeline.Document) error {
			ids = append(ids, d.ID+" "+d.Source.Format+" "+d.FileModified)
			return nil
		}))
		return ids
	}
	if got := ids(); len(got) != 1 || !strings.HasPrefix(got[0], "iskp-jalalabad-campaign.txt txt 20") {
		t.Errorf("one file: records %v", got)
	}
	page := "<!DOCTYPE html><html><head><title>Brief</title></head><body><p>ISKP will likely strike Kabul.</p></body></html>"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "stdin.html html "}, // sniffed; no file time
		{[]string{"--name", "brief.htm"}, "brief.htm html "},
	} {
		if code, _, errs := sitrepIn(t, page, append([]string{"annotate", "-q", "-", "-o", out}, tc.args...)...); code != 0 {
			t.Fatalf("stdin %v: exit %d: %s", tc.args, code, errs)
		}
		if got := ids(); len(got) != 1 || got[0] != tc.want {
			t.Errorf("stdin %v: records %v, want [%s]", tc.args, got, tc.want)
		}
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		code  int
		says  string
	}{
		{"", []string{"annotate", "-", "-o", out}, exitFailure, "stdin: empty"},
		{"x", []string{"annotate", "-", "--name", "x.docx", "-o", out}, exitFailure, "names no report format"},
		{"x", []string{"annotate", "../../corpus/examples", "--name", "x.txt", "-o", out}, exitUsage, "standard input"},
		{"", []string{"annotate", t.TempDir(), "-o", out}, exitFailure, "no reports found"},
	} {
		code, _, errs := sitrepIn(t, tc.stdin, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.says) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, errs, tc.code, tc.says)
		}
	}
	if got := ids(); len(got) != 1 || got[0] != "brief.htm html " {
		t.Errorf("a failed run changed the output: %v", got)
	}
}

// TestFuzzScript: make fuzz passes a target that Go's fuzz coordinator
// ends with a bare "context deadline exceeded" and no input (golang/go#75804)
// once its seed corpus replays clean, and fails on a written failing input
// or on any other error.
func TestFuzzScript(t *testing.T) {
	for _, tc := range []struct {
		name, fuzz string // what the fake go prints for a fuzz run (exit 1 when set)
		fail       bool
	}{
		{"all pass", "", false},
		{"deadline race", "--- FAIL: FuzzX (60.07s)\n    context deadline exceeded\nFAIL", false},
		{"finding", "--- FAIL: FuzzX (3.1s)\n    fuzz_test.go:9: bad\n    Failing input written to testdata/fuzz/FuzzX/abc\nFAIL", true},
		{"other error", "--- FAIL: FuzzX (1s)\n    panic: boom\nFAIL", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := filepath.Join(t.TempDir(), "go")
			script := "#!/bin/sh\ncase \"$*\" in *-fuzz*) if [ -n \"$FAKE_OUT\" ]; then printf '%b\\n' \"$FAKE_OUT\"; exit 1; fi;; esac\nexit 0\n"
			must(t, os.WriteFile(fake, []byte(script), 0o755))
			root, err := filepath.Abs(filepath.Join("..", ".."))
			must(t, err)
			cmd := exec.Command(filepath.Join(root, "scripts", "fuzz.sh"))
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "GO="+fake, "FAKE_OUT="+tc.fuzz)
			out, err := cmd.CombinedOutput()
			if failed := err != nil; failed != tc.fail {
				t.Errorf("fuzz.sh failed=%v, want %v:\n%s", failed, tc.fail, out)
			}
			if tc.name == "deadline race" && !strings.Contains(string(out), "golang/go#75804") {
				t.Errorf("the race is not named:\n%s", out)
			}
		})
	}
}

// TestNeedsScript: make test stops with what to install when Chromium or
// tesseract is missing, rather than their tests being skipped without a
// word.
func TestNeedsScript(t *testing.T) {
	bin := func(tools ...string) string {
		dir := t.TempDir()
		for _, tool := range tools {
			p, err := exec.LookPath(tool)
			if err != nil {
				t.Fatalf("%s: %v", tool, err)
			}
			must(t, os.Symlink(p, filepath.Join(dir, tool)))
		}
		return dir
	}
	all := bin("bash", "env", "python3", "tesseract", "pdftoppm")
	noOCR := bin("bash", "env", "python3", "pdftoppm")
	for _, tc := range []struct {
		path, skip string
		fail       bool
		says       string
	}{
		{all, "", true, "apt-get install chromium"},
		{all, "1", false, ""},
		{noOCR, "1", true, "tesseract-ocr (the OCR tests read a scanned PDF)"},
	} {
		cmd := exec.Command(filepath.Join("..", "..", "scripts", "needs.sh"))
		cmd.Env = []string{"PATH=" + tc.path, "SITREP_SKIP_BROWSER=" + tc.skip}
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != tc.fail || !strings.Contains(string(out), tc.says) {
			t.Errorf("needs.sh (PATH %s, SITREP_SKIP_BROWSER=%q): %v, want it to say %q\n%s", tc.path, tc.skip, err, tc.says, out)
		}
	}
}
