// Package validate owns checking an output folder: every record against the
// published JSON Schema and the offset invariants, the report files, the
// manifest and the index shards against the records.
package validate

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/pipeline"
)

//go:embed record.schema.json
var recordSchema []byte

// RecordSchema returns the published JSON Schema of a record.
func RecordSchema() []byte { return bytes.Clone(recordSchema) }

// Validator checks records against the schema and the offset invariants.
type Validator struct {
	schema *jsonschema.Schema
}

// New compiles the embedded record schema.
func New() (*Validator, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(recordSchema))
	if err != nil {
		return nil, fmt.Errorf("record schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		return nil, err
	}
	s, err := c.Compile("record.schema.json")
	if err != nil {
		return nil, fmt.Errorf("compile record schema: %w", err)
	}
	return &Validator{schema: s}, nil
}

// Record validates one JSON record and returns every problem found.
func (v *Validator) Record(raw []byte) []error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return []error{fmt.Errorf("not JSON: %w", err)}
	}
	var errs []error
	if err := v.schema.Validate(inst); err != nil {
		errs = append(errs, fmt.Errorf("schema: %v", err))
	}
	var d pipeline.Document
	if err := json.Unmarshal(raw, &d); err != nil {
		return append(errs, fmt.Errorf("decode: %w", err))
	}
	return append(errs, pipeline.Check(&d)...)
}

// Problem is one thing wrong in an output folder.
type Problem struct {
	Where string `json:"where"` // file and line, or record id
	Err   string `json:"error"`
}

// ValidateDir checks an OUT folder: every line of annotations.jsonl against
// the schema and the offset invariants, ids unique and sorted, each record's
// reports/<id>.json equal to it, and the manifest accounting for every record.
func (v *Validator) ValidateDir(dir string) (records int, problems []Problem, err error) {
	f, err := os.Open(filepath.Join(dir, output.JSONLName))
	if err != nil {
		return 0, nil, fmt.Errorf("validate %s: %w", dir, err)
	}
	defer f.Close()
	m, merr := output.ReadManifest(dir)
	okIDs := map[string]bool{}
	if merr != nil {
		problems = append(problems, Problem{Where: output.ManifestName, Err: merr.Error()})
	} else {
		for _, fe := range m.Files {
			if fe.Status == output.StatusOK || fe.Status == output.StatusError && fe.Format != "" {
				okIDs[fe.ID] = true
			}
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	prev := ""
	seen, copies := map[string]bool{}, map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		raw := sc.Bytes()
		where := fmt.Sprintf("%s:%d", output.JSONLName, line)
		records++
		for _, e := range v.Record(raw) {
			problems = append(problems, Problem{Where: where, Err: e.Error()})
		}
		var head struct {
			ID          string `json:"id"`
			DuplicateOf string `json:"duplicate_of"`
		}
		if json.Unmarshal(raw, &head) != nil {
			continue
		}
		where += " " + head.ID
		if seen[head.ID] {
			problems = append(problems, Problem{Where: where, Err: "duplicate id"})
		}
		seen[head.ID] = true
		if head.ID < prev {
			problems = append(problems, Problem{Where: where, Err: fmt.Sprintf("ids not sorted: %q after %q", head.ID, prev)})
		}
		prev = head.ID
		if head.DuplicateOf != "" {
			// Ids are sorted: the report a copy repeats came before it.
			if !seen[head.DuplicateOf] || head.DuplicateOf == head.ID {
				problems = append(problems, Problem{Where: where, Err: fmt.Sprintf("duplicate_of %q is no earlier record", head.DuplicateOf)})
			} else if copies[head.DuplicateOf] {
				problems = append(problems, Problem{Where: where, Err: fmt.Sprintf("duplicate_of %q is itself a copy", head.DuplicateOf)})
			}
			copies[head.ID] = true
		}
		if merr == nil && !okIDs[head.ID] {
			problems = append(problems, Problem{Where: where, Err: "record not accounted for in the manifest"})
		}
		p, perr := output.ReportPath(filepath.Join(dir, output.ReportsDir), head.ID)
		if perr != nil {
			problems = append(problems, Problem{Where: where, Err: perr.Error()})
			continue
		}
		rb, rerr := os.ReadFile(p)
		if rerr != nil {
			problems = append(problems, Problem{Where: where, Err: "report file: " + rerr.Error()})
			continue
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, rb); err != nil || !bytes.Equal(compact.Bytes(), bytes.TrimSpace(raw)) {
			problems = append(problems, Problem{Where: where, Err: "reports/" + head.ID + ".json differs from the JSON Lines record"})
		}
	}
	if err := sc.Err(); err != nil {
		return records, problems, fmt.Errorf("read %s: %w", output.JSONLName, err)
	}
	if merr == nil {
		for id := range okIDs {
			if !seen[id] {
				problems = append(problems, Problem{Where: output.ManifestName, Err: "file " + id + " has no record"})
			}
		}
	}
	problems = append(problems, checkIndex(dir, seen)...)
	return records, problems, nil
}

// checkIndex verifies that the index holds exactly the records (when there
// is one), each once.
func checkIndex(dir string, records map[string]bool) []Problem {
	if _, err := os.Stat(filepath.Join(dir, output.IndexDir)); os.IsNotExist(err) {
		return nil
	}
	shards, err := index.ShardIDs(filepath.Join(dir, output.IndexDir))
	if err != nil {
		return []Problem{{Where: output.IndexDir, Err: err.Error()}}
	}
	where := map[string]string{} // id -> the first shard holding it
	var out []Problem
	for _, name := range slices.Sorted(maps.Keys(shards)) {
		for _, id := range shards[name] {
			if first, ok := where[id]; ok {
				out = append(out, Problem{Where: output.IndexDir, Err: "document " + id + " is in shards " + first + " and " + name})
				continue
			}
			where[id] = name
			if !records[id] {
				out = append(out, Problem{Where: output.IndexDir, Err: "document " + id + " has no record"})
			}
		}
	}
	if len(shards) == 0 {
		out = append(out, Problem{Where: output.IndexDir, Err: "no shards"})
	}
	for _, id := range slices.Sorted(maps.Keys(records)) {
		if _, ok := where[id]; !ok {
			out = append(out, Problem{Where: output.IndexDir, Err: "record " + id + " is not indexed"})
		}
	}
	return out
}
