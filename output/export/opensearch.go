package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/pipeline"
)

// OpenSearch files.
const (
	BulkFile     = "bulk.ndjson"
	TemplateFile = "index-template.json"
)

// OpenSearchTemplate returns an index template whose mapping matches the
// Bleve mapping field for field (index.NewMapping), so the same field:value
// searches work on a cluster: English-analysed text, case-folded keywords,
// exact entity text for facets, a numeric probability and a date.
func OpenSearchTemplate(name string) Object {
	text := func(vectors bool) Object {
		o := Object{"type": "text", "analyzer": "english"}
		if vectors {
			o["term_vector"] = "with_positions_offsets" // highlighting, as Bleve's term vectors
		}
		return o
	}
	folded := Object{"type": "keyword", "normalizer": "sitrep_keyword"}
	exact := Object{"type": "keyword"}
	props := Object{
		"type":                 exact,
		index.FieldTitle:       text(true),
		index.FieldText:        text(true),
		index.FieldTakeaway:    text(false),
		index.FieldEntity:      Object{"type": "keyword", "normalizer": "sitrep_keyword", "copy_to": index.FieldEntityExact},
		index.FieldEntityExact: exact,
		index.FieldLabel:       exact,
		index.FieldEntityID:    folded,
		index.FieldEntityName:  folded,
		index.FieldCategory:    folded,
		index.FieldFormat:      folded,
		index.FieldPath:        folded,
		index.FieldProb:        Object{"type": "double"},
		index.FieldPublished:   Object{"type": "date", "format": "strict_date_optional_time"},
		index.FieldWhen:        Object{"type": "date", "format": "strict_date_optional_time"},
		index.FieldAdmin1:      folded,
		index.FieldCountry:     folded,
		// OpenSearch's geo_point takes "lat,lon" strings and, unlike
		// Bleve's, tests every point of a multi-valued field: the cells
		// that stand in for it in sitrep's own index are kept as keywords.
		index.FieldPlacePoint:  Object{"type": "geo_point"},
		index.FieldPlaceCell:   exact,
		index.FieldMonth:       exact,
		index.FieldSite:        Object{"type": "keyword", "normalizer": "sitrep_keyword", "copy_to": index.FieldSiteExact},
		index.FieldSiteExact:   exact,
		index.FieldCopy:        Object{"type": "boolean"},
		index.FieldDuplicateOf: exact,
		index.FieldSpots:       Object{"type": "keyword", "index": false, "doc_values": false},
	}
	names, ents := Object{}, Object{}
	for _, l := range pipeline.Labels {
		names[l], ents[l] = folded, exact
	}
	props[index.FieldLabelName] = Object{"properties": names}
	props[index.FieldLabelEntity] = Object{"properties": ents}
	return Object{
		"index_patterns": []string{name + "*"},
		"template": Object{
			"settings": Object{"analysis": Object{"normalizer": Object{
				"sitrep_keyword": Object{"type": "custom", "filter": []string{"lowercase"}}}}},
			"mappings": Object{"dynamic": "strict", "properties": props},
		},
	}
}

// OpenSearch writes dir/bulk.ndjson (an index action line and a source line
// per record, the source being the record's Bleve document) and
// dir/index-template.json. It returns the number of reports.
func OpenSearch(out, dir, name string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("export opensearch: %w", err)
	}
	tb, err := json.MarshalIndent(OpenSearchTemplate(name), "", "  ")
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, TemplateFile), append(tb, '\n'), 0o644); err != nil {
		return 0, fmt.Errorf("export opensearch: %w", err)
	}
	path := filepath.Join(dir, BulkFile)
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("export opensearch: %w", err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w) // one value per line
	n := 0
	err = output.Each(out, func(d *pipeline.Document) error {
		n++
		action := Object{"index": Object{"_index": name, "_id": d.ID}}
		if err := enc.Encode(action); err != nil {
			return err
		}
		return enc.Encode(index.NewIndexDoc(d))
	})
	if err != nil {
		return n, err
	}
	if err := w.Flush(); err != nil {
		return n, fmt.Errorf("write %s: %w", path, err)
	}
	return n, f.Close()
}
