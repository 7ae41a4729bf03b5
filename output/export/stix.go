package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

// STIX 2.1 export.
//
// Ids are UUIDv5 in sitrep's own namespace, named by the object type and the
// canonical entity id (or, for an entity no knowledge base links, its label
// and case-folded text), so the same actor exported from two reports, or
// twice, has one id and platforms merge it. Objects that stand for knowledge
// (actors, malware, places...) carry a fixed created/modified time (the Unix
// epoch), so re-exports are byte-identical; report-specific objects (the
// report, its notes) carry the report's publication date.
//
// Estimative judgments become notes, not opinions: a STIX opinion is the
// producer's agreement with the correctness of other objects
// (strongly-disagree..strongly-agree), while an ICD 203 judgment is the
// author's probability that something is or will be true. A note carries the
// sentence (content), the phrase (abstract), the objects the sentence names
// (object_refs) and the band and probability range as x_sitrep_* properties.
// Hedges are not exported one by one (they are counted on the report).

var stixNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/sitrep/sitrep/stix"))

const stixTime = "2006-01-02T15:04:05.000Z"

var stixEpoch = time.Unix(0, 0).UTC().Format(stixTime)

// stixID returns type--UUIDv5(type|key).
func stixID(typ, key string) string {
	return typ + "--" + uuid.NewSHA1(stixNamespace, []byte(typ+"|"+key)).String()
}

// STIXExporter builds STIX objects from records.
type STIXExporter struct {
	geo map[string]models.Place
	// TLP is the Traffic Light Protocol level every object is marked with
	// (clear, green, amber, amber+strict, red); "" means clear.
	TLP string
	// IncludeWarned keeps indicators whose value is on a MISP warning list
	// (a top site, a reserved range...); by default they are left out, so a
	// bundle never tells a platform that a news site is malicious.
	IncludeWarned bool
}

// tlpMarkings are the OASIS TLP 2.0 marking definitions (the STIX 2.1 TLP 2.0
// extension): platforms recognise them by id.
var tlpMarkings = map[string]string{
	"clear":        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	"green":        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	"amber":        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
	"amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	"red":          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

const tlpExtension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

// ParseTLP checks a TLP level as a user writes it ("TLP:AMBER", "amber").
func ParseTLP(s string) (string, error) {
	l := strings.ToLower(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "TLP:"))
	if l == "" {
		l = "clear"
	}
	if _, ok := tlpMarkings[l]; !ok {
		return "", fmt.Errorf("unknown TLP level %q (want clear, green, amber, amber+strict or red)", s)
	}
	return l, nil
}

// marking returns the TLP marking definition object the exporter applies.
func (x *STIXExporter) marking() Object {
	l, err := ParseTLP(x.TLP)
	if err != nil {
		l = "clear"
	}
	return Object{"type": "marking-definition", "spec_version": "2.1", "id": tlpMarkings[l],
		"created": "2022-10-01T00:00:00.000Z", "name": "TLP:" + strings.ToUpper(l),
		"extensions": Object{tlpExtension: Object{"extension_type": "property-extension", "tlp_2_0": l}}}
}

// NewSTIXExporter loads the place table that locations need.
func NewSTIXExporter() (*STIXExporter, error) {
	geo, err := models.LoadGeo()
	if err != nil {
		return nil, err
	}
	return &STIXExporter{geo: geo}, nil
}

// Object is one STIX object (encoding/json sorts its keys, so output is stable).
type Object map[string]any

// Bundle returns the STIX 2.1 bundle of one record.
func (x *STIXExporter) Bundle(d *pipeline.Document) Object {
	objs := x.Objects(d)
	return Object{"type": "bundle", "id": stixID("bundle", d.ID), "objects": objs}
}

// Objects returns the objects of one record: the report first, then the
// objects it refers to, then its notes.
func (x *STIXExporter) Objects(d *pipeline.Document) []Object {
	published := stixEpoch
	if t, err := time.Parse("2006-01-02", d.Published); err == nil {
		published = t.Format(stixTime)
	}
	reportID := stixID("report", d.ID)
	var objs []Object
	var refs []string
	byEntity := make([]string, len(d.Entities)) // entity index -> object id ("" when not exported)
	seen := map[string]bool{}
	for i, e := range d.Entities {
		if e.Warning != "" && !x.IncludeWarned {
			continue
		}
		o := x.entityObject(e, published)
		if o == nil {
			continue
		}
		if o["type"] == "indicator" {
			if c, ok := sentenceConfidence(d, e.Start); ok {
				o["confidence"] = c
			}
		}
		id := o["id"].(string)
		byEntity[i] = id
		if !seen[id] {
			seen[id] = true
			objs = append(objs, o)
			refs = append(refs, id)
		}
	}
	report := Object{"type": "report", "spec_version": "2.1", "id": reportID, "created": published,
		"modified": published, "published": published, "name": reportName(d), "report_types": []string{"threat-report"},
		"external_references": reportRefs(d), "x_sitrep_format": d.Source.Format}
	if d.Site != "" {
		site := Object{"type": "identity", "spec_version": "2.1", "id": stixID("identity", "site|"+d.Site),
			"created": stixEpoch, "modified": stixEpoch, "name": d.Site, "identity_class": "organization"}
		report["created_by_ref"] = site["id"]
		objs = append(objs, site)
	}
	if len(d.Takeaways) > 0 {
		var b strings.Builder
		for _, t := range d.Takeaways {
			b.WriteString("- " + t.Text + "\n")
		}
		report["description"] = strings.TrimSpace(b.String())
	}
	if j := d.Judgments; j != nil {
		if j.Mean != nil {
			report["x_sitrep_mean_probability"] = *j.Mean
			report["x_sitrep_category"] = j.Category
		}
		report["x_sitrep_judgments"] = j.Judgments
		report["x_sitrep_hedges"] = j.Hedges
	}
	// Notes for likelihood and confidence phrases, naming what their sentence names.
	sentRefs := make([][]string, len(d.Sentences))
	for i, e := range d.Entities {
		if byEntity[i] == "" {
			continue
		}
		if s := d.SentenceAt(e.Start); s >= 0 && !slices.Contains(sentRefs[s], byEntity[i]) {
			sentRefs[s] = append(sentRefs[s], byEntity[i])
		}
	}
	var notes []Object
	for i, e := range d.Estimative {
		if e.Kind == pipeline.KindHedge {
			continue
		}
		about := []string{reportID}
		if e.Sentence >= 0 && e.Sentence < len(sentRefs) {
			about = append(about, sentRefs[e.Sentence]...)
		}
		n := Object{"type": "note", "spec_version": "2.1", "id": stixID("note", fmt.Sprintf("%s|%d|%d", d.ID, e.Start, e.End)),
			"created": published, "modified": published, "abstract": e.Text, "content": sentenceText(d, e.Sentence),
			"object_refs": about, "x_sitrep_kind": e.Kind, "x_sitrep_category": e.Category,
			"x_sitrep_start": e.Start, "x_sitrep_end": e.End, "x_sitrep_estimate": i}
		if e.Low != nil && e.High != nil {
			n["x_sitrep_probability_low"], n["x_sitrep_probability_high"] = *e.Low, *e.High
		}
		if c, ok := estimateConfidence(e); ok {
			n["confidence"] = c
		}
		if e.Negated {
			n["x_sitrep_negated"] = true
		}
		if e.Scale != "" {
			n["x_sitrep_scale"] = e.Scale
		}
		if e.Source != "" {
			n["x_sitrep_attribution"] = e.Source
		}
		if created, ok := report["created_by_ref"]; ok {
			n["created_by_ref"] = created
		}
		notes = append(notes, n)
	}
	if len(refs) == 0 {
		// object_refs must not be empty: a report that names nothing refers
		// to its author, or failing that to itself through a note.
		if site, ok := report["created_by_ref"]; ok {
			refs = append(refs, site.(string))
		} else {
			n := Object{"type": "note", "spec_version": "2.1", "id": stixID("note", d.ID+"|empty"), "created": published,
				"modified": published, "content": "sitrep found no entities in this report.", "object_refs": []string{reportID}}
			notes = append(notes, n)
			refs = append(refs, n["id"].(string))
		}
	}
	report["object_refs"] = refs
	marking := x.marking()
	all := append(append([]Object{report}, objs...), notes...)
	for _, o := range all {
		o["object_marking_refs"] = []string{marking["id"].(string)}
	}
	return append([]Object{marking}, all...)
}

// reportRefs are the report's external references: sitrep's record id, then
// every distinct citation of the text (its references, then the targets of
// its hyperlinks outside page furniture), by host.
func reportRefs(d *pipeline.Document) []Object {
	refs := []Object{{"source_name": "sitrep", "external_id": d.ID}}
	seen := map[string]bool{}
	add := func(u, host string) {
		if u == "" || seen[u] {
			return
		}
		seen[u] = true
		if host == "" {
			host = "citation"
		}
		ref := Object{"source_name": host, "url": u}
		if !strings.Contains(u, "://") {
			ref = Object{"source_name": host, "description": u}
		}
		refs = append(refs, ref)
	}
	for _, r := range d.References {
		add(r.URL, r.Domain)
	}
	for _, l := range d.Links {
		if d.InBoilerplate(l.Start, l.End) || !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
			continue
		}
		host := ""
		if u, err := url.Parse(l.URL); err == nil {
			host = strings.ToLower(u.Hostname())
		}
		add(l.URL, host)
	}
	return refs
}

// Confidence on the STIX 0-100 scale. A likelihood judgment gives the
// midpoint of its probability band; a stated confidence level maps as the
// STIX 2.1 "Low/Med/High" scale does (Appendix A): 15, 50, 85.
var confidenceLevels = map[string]int{"low": 15, "moderate": 50, "high": 85}

func estimateConfidence(e pipeline.Estimate) (int, bool) {
	if e.Kind == pipeline.KindConfidence {
		c, ok := confidenceLevels[e.Category]
		return c, ok
	}
	if e.Low != nil && e.High != nil && !e.Negated {
		return int((*e.Low+*e.High)/2*100 + 0.5), true
	}
	return 0, false
}

// sentenceConfidence is the confidence of the strongest likelihood judgment
// in the sentence holding off: an indicator stated as "likely" C2 is less
// certain than one listed plainly (which carries no confidence).
func sentenceConfidence(d *pipeline.Document, off int) (int, bool) {
	s := d.SentenceAt(off)
	if s < 0 {
		return 0, false
	}
	best, ok := 0, false
	for _, e := range d.Estimative {
		if e.Sentence != s || e.Kind != pipeline.KindLikelihood {
			continue
		}
		if c, has := estimateConfidence(e); has && (!ok || c > best) {
			best, ok = c, true
		}
	}
	return best, ok
}

func reportName(d *pipeline.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.ID
}

// entityObject returns the STIX object an entity stands for, or nil for
// labels STIX has no object for (dates, nationalities, facilities) and places
// that cannot be located (a STIX location needs a region, country or
// coordinates).
func (x *STIXExporter) entityObject(e pipeline.Entity, published string) Object {
	key := e.ID
	if key == "" {
		key = strings.ToLower(e.Label + "|" + e.Text)
	}
	name := e.Name
	if name == "" {
		name = e.Text
	}
	sdo := func(typ string) Object {
		o := Object{"type": typ, "spec_version": "2.1", "id": stixID(typ, key), "created": stixEpoch,
			"modified": stixEpoch, "name": name}
		if refs := externalRefs(e); refs != nil {
			o["external_references"] = refs
		}
		return o
	}
	switch e.Label {
	case pipeline.LabelGroup:
		// ATT&CK and MISP "groups" are intrusion sets (activity clusters);
		// armed and listed terrorist groups are threat actors.
		if strings.HasPrefix(e.ID, "attack:G") || e.Kind == "intrusion_set" || e.Kind == "threat_actor" {
			return sdo("intrusion-set")
		}
		o := sdo("threat-actor")
		o["threat_actor_types"] = []string{"terrorist"}
		if e.Kind == "" {
			delete(o, "threat_actor_types")
		}
		return o
	case pipeline.LabelMalware:
		o := sdo("malware")
		o["is_family"] = true
		if e.Kind == "ransomware" || e.Kind == "backdoor" || e.Kind == "wiper" || e.Kind == "rat" || e.Kind == "botnet" {
			t := map[string]string{"rat": "remote-access-trojan", "botnet": "bot"}[e.Kind]
			if t == "" {
				t = e.Kind
			}
			o["malware_types"] = []string{t}
		}
		return o
	case pipeline.LabelTool:
		return sdo("tool")
	case pipeline.LabelTechnique:
		return sdo("attack-pattern")
	case pipeline.LabelVulnerability:
		if key == strings.ToLower(e.Label+"|"+e.Text) {
			key = "cve|" + strings.ToUpper(e.Text)
		}
		o := sdo("vulnerability")
		o["id"] = stixID("vulnerability", key)
		o["name"] = strings.ToUpper(e.Text)
		o["external_references"] = []Object{{"source_name": "cve", "external_id": strings.ToUpper(e.Text)}}
		return o
	case pipeline.LabelPerson, pipeline.LabelOrg, pipeline.LabelSector:
		o := sdo("identity")
		switch e.Label {
		case pipeline.LabelPerson:
			o["identity_class"] = "individual"
		case pipeline.LabelOrg:
			o["identity_class"] = "organization"
		default:
			o["identity_class"] = "class"
			o["sectors"] = []string{strings.ReplaceAll(strings.ToLower(name), " ", "-")}
		}
		return o
	case pipeline.LabelGPE, pipeline.LabelLoc:
		p, ok := x.geo[e.ID]
		if !ok {
			return nil
		}
		o := sdo("location")
		o["country"] = p.Country
		if p.HasCoord {
			o["latitude"], o["longitude"] = p.Lat, p.Lon
		}
		return o
	case pipeline.LabelIndicator:
		pat := stixPattern(e.Type, e.Value)
		if pat == "" {
			return nil
		}
		return Object{"type": "indicator", "spec_version": "2.1", "id": stixID("indicator", pat), "created": stixEpoch,
			"modified": stixEpoch, "name": e.Value, "pattern": pat, "pattern_type": "stix", "valid_from": published}
	}
	return nil
}

// externalRefs points at the knowledge base an entity is linked to.
func externalRefs(e pipeline.Entity) []Object {
	src, id, ok := strings.Cut(e.ID, ":")
	if !ok {
		return nil
	}
	switch src {
	case "attack":
		r := Object{"source_name": "mitre-attack", "external_id": id}
		if strings.HasPrefix(id, "T") {
			r["url"] = "https://attack.mitre.org/techniques/" + strings.ReplaceAll(id, ".", "/")
		}
		return []Object{r}
	case "misp":
		return []Object{{"source_name": "misp-galaxy", "external_id": id}}
	case "geonames":
		return []Object{{"source_name": "geonames", "external_id": id, "url": "https://www.geonames.org/" + id}}
	}
	return []Object{{"source_name": src, "external_id": id}}
}

// stixPattern returns the STIX pattern matching an indicator's refanged value.
func stixPattern(typ, value string) string {
	if value == "" {
		return ""
	}
	obj, ok := stixPatternObject[typ]
	if !ok {
		return ""
	}
	return "[" + obj + " = '" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(value) + "']"
}

// stixPatternObject maps indicator types to the STIX object path they match.
var stixPatternObject = map[string]string{"ipv4": "ipv4-addr:value", "ipv6": "ipv6-addr:value",
	"domain": "domain-name:value", "url": "url:value", "email": "email-addr:value", "md5": "file:hashes.MD5",
	"sha1": "file:hashes.'SHA-1'", "sha256": "file:hashes.'SHA-256'"}

// STIXOptions are the export's choices: the TLP level and whether warned
// indicators are kept.
type STIXOptions struct {
	TLP           string
	IncludeWarned bool
}

// STIX writes one bundle per record under dir (dir/<record id>.json), or,
// with one set, a single bundle for the whole of OUT in dir/bundle.json
// (each knowledge object once). It returns the number of reports.
func STIX(out, dir string, one bool, opt STIXOptions) (int, error) {
	x, err := NewSTIXExporter()
	if err != nil {
		return 0, err
	}
	if x.TLP, err = ParseTLP(opt.TLP); err != nil {
		return 0, err
	}
	x.IncludeWarned = opt.IncludeWarned
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("export stix: %w", err)
	}
	if one {
		return x.writeCorpusBundle(out, filepath.Join(dir, "bundle.json"))
	}
	n := 0
	err = output.Each(out, func(d *pipeline.Document) error {
		n++
		path, err := recordPath(dir, d.ID, ".json")
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("export stix: %w", err)
		}
		b, err := json.MarshalIndent(x.Bundle(d), "", " ")
		if err != nil {
			return fmt.Errorf("export stix %s: %w", d.ID, err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("export stix: %w", err)
		}
		return nil
	})
	return n, err
}

// writeCorpusBundle streams one bundle: objects are written as records are
// read, and only the ids already written are kept in memory.
func (x *STIXExporter) writeCorpusBundle(out, path string) (int, error) {
	head := fmt.Sprintf("{\"type\":\"bundle\",\"id\":%q,\"objects\":[\n", stixID("bundle", "corpus|"+filepath.Base(out)))
	seen := map[string]bool{}
	return streamArray(out, path, head, func(d *pipeline.Document, emit func(Object) error) error {
		for _, o := range x.Objects(d) {
			// Knowledge objects (epoch-dated) recur across reports; reports
			// and notes are unique, so only the former are remembered.
			if id := o["id"].(string); o["created"] == stixEpoch || o["type"] == "marking-definition" {
				if seen[id] {
					continue
				}
				seen[id] = true
			}
			if err := emit(o); err != nil {
				return fmt.Errorf("export stix %s: %w", d.ID, err)
			}
		}
		return nil
	})
}

// streamArray writes one JSON object whose last member is an array, as
// records are read: head (ending in "[\n"), the elements each record gives
// (separated by ",\n"), then "\n]}\n". Memory does not grow with OUT.
func streamArray(out, path, head string, each func(d *pipeline.Document, emit func(Object) error) error) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(head)
	first := true
	emit := func(o Object) error {
		b, err := json.Marshal(o)
		if err != nil {
			return err
		}
		if !first {
			w.WriteString(",\n")
		}
		first = false
		_, err = w.Write(b)
		return err
	}
	n := 0
	err = output.Each(out, func(d *pipeline.Document) error {
		n++
		return each(d, emit)
	})
	if err != nil {
		return n, err
	}
	w.WriteString("\n]}\n")
	if err := w.Flush(); err != nil {
		return n, fmt.Errorf("write %s: %w", path, err)
	}
	return n, f.Close()
}

// recordPath maps a record id (a corpus-relative path) to a file under dir,
// refusing ids that would leave it.
func recordPath(dir, id, ext string) (string, error) {
	rel := filepath.FromSlash(id)
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("record id %q is not a relative path", id)
	}
	return filepath.Join(dir, rel+ext), nil
}
