package output

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/sitrep/sitrep/pipeline"
)

// Merge writes the records of several output folders (the shards of one
// corpus, from annotate --shard) into dst as one complete output: one JSON
// Lines file, the report files, one index and a manifest that accounts for
// every file the sources account for. The sources must come from the same
// pipeline (equal fingerprints) and hold disjoint reports (or the same
// record of a report twice, as a queue may deliver it); dst is rebuilt,
// with the crash safety of any run. now stamps the manifest's finish time.
func Merge(dst string, srcs []string, opts RunOptions, now func() time.Time) (*Manifest, error) {
	if len(srcs) == 0 {
		return nil, fmt.Errorf("merge: no output folder to merge")
	}
	absDst, _ := filepath.Abs(dst)
	ms := make([]*Manifest, len(srcs))
	for i, src := range srcs {
		if abs, _ := filepath.Abs(src); abs == absDst {
			return nil, fmt.Errorf("merge: %s is both a source and the destination", src)
		}
		m, err := ReadManifest(src)
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		if i > 0 && m.Fingerprint != ms[0].Fingerprint {
			return nil, fmt.Errorf("merge: %s was made by another pipeline than %s (fingerprint %.12s, not %.12s): re-annotate it with the same sitrep and options",
				src, srcs[0], m.Fingerprint, ms[0].Fingerprint)
		}
		ms[i] = m
	}
	// Records are written in id order, as annotate writes them: the ids
	// first, then each record from its source's report file.
	from := map[string]string{}
	var ids []string
	for _, src := range srcs {
		err := eachID(src, func(id string) error {
			if prev, dup := from[id]; dup {
				// A queue can deliver a report twice (a worker stopped after
				// writing and before acknowledging): the same record twice is
				// one record; two different ones are an error.
				same, err := sameReport(prev, src, id)
				if err != nil {
					return err
				}
				if !same {
					return fmt.Errorf("merge: report %s is in both %s and %s with different records (shards must be disjoint)", id, prev, src)
				}
				return nil
			}
			from[id] = src
			ids = append(ids, id)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(ids)
	run, err := Begin(dst, opts)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := copyRecord(run, from[id], id); err != nil {
			run.Abort()
			return nil, err
		}
	}
	m := mergeManifests(ms, srcs, now)
	if err := run.Commit(m); err != nil {
		return nil, fmt.Errorf("write %s: %w", dst, err)
	}
	return m, nil
}

// eachID calls fn with the id of every record of an output folder.
func eachID(dir string, fn func(string) error) error {
	path := filepath.Join(dir, JSONLName)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	defer f.Close()
	rr := newRecordReader(f)
	for rr.readLine() {
		if rr.id == "" {
			return fmt.Errorf("merge: %s: a record without an id at byte %d", path, rr.lineStart)
		}
		if err := fn(rr.id); err != nil {
			return err
		}
	}
	return nil
}

// sameReport reports whether two output folders hold the same record of id.
func sameReport(a, b, id string) (bool, error) {
	var data [2][]byte
	for i, dir := range []string{a, b} {
		p, err := ReportPath(filepath.Join(dir, ReportsDir), id)
		if err != nil {
			return false, err
		}
		if data[i], err = os.ReadFile(p); err != nil {
			return false, fmt.Errorf("merge: %w", err)
		}
	}
	return bytes.Equal(data[0], data[1]), nil
}

// copyRecord writes the record of id, read from src's report file, into run.
func copyRecord(run *Run, src, id string) error {
	path, err := ReportPath(filepath.Join(src, ReportsDir), id)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	defer f.Close()
	n := 0
	err = pipeline.DecodeRecords(path, f, func(d *pipeline.Document) error {
		n++
		if d.ID != id {
			return fmt.Errorf("merge: %s holds the record of %s, not %s", path, d.ID, id)
		}
		p, err := run.Prepare(d)
		if err != nil {
			return err
		}
		return run.Write(d, p)
	})
	if err == nil && n != 1 {
		err = fmt.Errorf("merge: %s holds %d records, want 1", path, n)
	}
	return err
}

func mergeManifests(ms []*Manifest, srcs []string, now func() time.Time) *Manifest {
	out := &Manifest{Tool: ms[0].Tool, Versions: ms[0].Versions, Fingerprint: ms[0].Fingerprint, Corpus: ms[0].Corpus,
		Started: ms[0].Started, Finished: now().UTC(), Options: map[string]any{"merged_from": srcs},
		Timings: Timings{StageSeconds: map[string]float64{}}}
	for _, m := range ms {
		if m.Started.Before(out.Started) {
			out.Started = m.Started
		}
		t, s := &out.Totals, m.Totals
		t.Files += s.Files
		t.OK += s.OK
		t.Skipped += s.Skipped
		t.Errors += s.Errors
		t.Annotated += s.Annotated
		t.TextBytes += s.TextBytes
		t.InputBytes += s.InputBytes
		t.Entities += s.Entities
		t.Takeaways += s.Takeaways
		t.Estimative += s.Estimative
		out.Timings.TotalSeconds += m.Timings.TotalSeconds
		out.Timings.PeakRSSBytes = max(out.Timings.PeakRSSBytes, m.Timings.PeakRSSBytes)
		for k, v := range m.Timings.StageSeconds {
			out.Timings.StageSeconds[k] += v
		}
		out.Files = append(out.Files, m.Files...)
	}
	slices.SortFunc(out.Files, func(a, b FileEntry) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
