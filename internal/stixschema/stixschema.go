// Package stixschema validates STIX 2.1 bundles against the official STIX 2.1
// JSON Schemas (kept as test data in output/export/testdata/stix2.1). Only
// tests use it.
//
// The official bundle.json lists the object schemas a bundle item may match,
// but the snapshot lacks location, note, opinion, grouping and incident; such
// objects then fall through to its custom-object branch, whose oneOf(core,
// cyber-observable-core) no SDO can satisfy (the same class of omission as
// oasis-open/cti-stix2-json-schemas#133, infrastructure). So a bundle is
// checked twice: the envelope and every object bundle.json knows against
// bundle.json, and every object against the schema of its own type.
package stixschema

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// BundleID is the $id of the bundle schema.
const BundleID = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json"

// commonTypes are the STIX object types whose schema lives in common/.
var commonTypes = map[string]bool{"marking-definition": true, "extension-definition": true, "language-content": true}

// Validator holds the compiled bundle schema and one schema per object type.
type Validator struct {
	bundle *jsonschema.Schema
	types  map[string]*jsonschema.Schema
	listed map[string]bool // object types bundle.json lists
}

// Compile loads every schema under dir, each registered under its $id as
// their $refs expect.
func Compile(dir string) (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	typeIDs := map[string]string{}
	listed := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		m, _ := doc.(map[string]any)
		id, _ := m["$id"].(string)
		if id == "" {
			return fmt.Errorf("%s: no $id", p)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		if kind := filepath.Base(filepath.Dir(p)); kind == "sdos" || kind == "sros" || kind == "observables" || commonTypes[name] {
			typeIDs[name] = id
		}
		if filepath.Base(p) == "bundle.json" {
			for _, l := range strings.Split(string(raw), "\n") {
				if i := strings.Index(l, `"$ref": "../`); i >= 0 {
					ref := strings.Trim(l[i+len(`"$ref": "../`):], `", `)
					listed[strings.TrimSuffix(filepath.Base(ref), ".json")] = true
				}
			}
		}
		return c.AddResource(id, doc)
	})
	if err != nil {
		return nil, err
	}
	v := &Validator{types: map[string]*jsonschema.Schema{}, listed: listed}
	if v.bundle, err = c.Compile(BundleID); err != nil {
		return nil, err
	}
	for typ, id := range typeIDs {
		if v.types[typ], err = c.Compile(id); err != nil {
			return nil, fmt.Errorf("compile %s: %w", typ, err)
		}
	}
	return v, nil
}

// ValidateFile validates one bundle file.
func (v *Validator) ValidateFile(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := v.Validate(raw); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Validate checks one bundle.
func (v *Validator) Validate(raw []byte) error {
	var b struct {
		Objects []json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
	if err != nil {
		return err
	}
	bundle, ok := inst.(map[string]any)
	if !ok {
		return fmt.Errorf("not an object")
	}
	objs, _ := bundle["objects"].([]any)
	var known []any
	for i, o := range objs {
		m, _ := o.(map[string]any)
		typ, _ := m["type"].(string)
		s := v.types[typ]
		if s == nil {
			return fmt.Errorf("object %d: no schema for type %q", i, typ)
		}
		if err := s.Validate(o); err != nil {
			return fmt.Errorf("object %d (%s): %v", i, typ, err)
		}
		if v.listed[typ] {
			known = append(known, o)
		}
	}
	if len(known) > 0 {
		bundle["objects"] = known
	} else {
		delete(bundle, "objects")
	}
	if err := v.bundle.Validate(bundle); err != nil {
		return fmt.Errorf("bundle: %v", err)
	}
	return nil
}
