package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// upper is a test stage that fails on "fail", panics on "panic" and sleeps a
// little at random so that workers finish out of order.
type upper struct{ seen atomic.Int64 }

func (*upper) Name() string { return "upper" }

func (u *upper) Process(_ context.Context, d *Document) error {
	u.seen.Add(1)
	time.Sleep(time.Duration(rand.Intn(300)) * time.Microsecond)
	switch d.Text {
	case "fail":
		return errors.New("boom")
	case "panic":
		panic("stage exploded")
	}
	d.Title = strings.ToUpper(d.Text)
	return nil
}

// after records that it ran, to prove a failing document skips later stages.
type after struct{ ran atomic.Int64 }

func (*after) Name() string { return "after" }
func (a *after) Process(_ context.Context, d *Document) error {
	a.ran.Add(1)
	return nil
}

func items(texts ...string) []Item {
	out := make([]Item, len(texts))
	for i, t := range texts {
		out[i] = Item{ID: fmt.Sprintf("doc%03d", i), Load: func(context.Context) (*Document, error) {
			if t == "unreadable" {
				return nil, errors.New("permission denied")
			}
			if t == "loadpanic" {
				panic("reader exploded")
			}
			return &Document{ID: fmt.Sprintf("doc%03d", i), Text: t}, nil
		}}
	}
	return out
}

func TestRunnerDeliversInOrder(t *testing.T) {
	var texts []string
	for i := 0; i < 200; i++ {
		texts = append(texts, fmt.Sprintf("text %d", i))
	}
	r := &Runner{Stages: []Stage{&upper{}}, Workers: 4, Window: 8}
	var got []string
	err := r.Run(context.Background(), items(texts...), func(res Result) error {
		if res.Seq != len(got) {
			t.Fatalf("result %d delivered at position %d", res.Seq, len(got))
		}
		got = append(got, res.Doc.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(texts) {
		t.Fatalf("got %d results, want %d", len(got), len(texts))
	}
	for i, g := range got {
		if want := strings.ToUpper(texts[i]); g != want {
			t.Fatalf("result %d = %q, want %q", i, g, want)
		}
	}
}

func TestRunnerIsolatesFailures(t *testing.T) {
	u, a := &upper{}, &after{}
	r := &Runner{Stages: []Stage{u, a}, Workers: 3}
	give := []string{"ok one", "fail", "panic", "unreadable", "loadpanic", "ok two"}
	type outcome struct {
		step   string
		failed bool
		hasDoc bool
	}
	want := []outcome{{"", false, true}, {"upper", true, true}, {"upper", true, true}, {"load", true, false}, {"load", true, false}, {"", false, true}}
	var got []outcome
	err := r.Run(context.Background(), items(give...), func(res Result) error {
		got = append(got, outcome{res.Step, res.Err != nil, res.Doc != nil})
		if res.Doc != nil && res.Err != nil && len(res.Doc.Diagnostics) == 0 {
			t.Errorf("%s: failed document carries no diagnostic", res.ID)
		}
		if res.Step == "upper" && give[res.Seq] == "panic" {
			var pe *PanicError
			if !errors.As(res.Err, &pe) || !strings.Contains(pe.Stack, "runner_test.go") {
				t.Errorf("panic not turned into a PanicError with a stack: %v", res.Err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("a failing document stopped the run: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d (%q): got %+v, want %+v", i, give[i], got[i], want[i])
		}
	}
	if n := a.ran.Load(); n != 2 {
		t.Errorf("later stage ran on %d documents, want 2 (failed documents skip it)", n)
	}
}

func TestRunnerCancellation(t *testing.T) {
	var texts []string
	for i := 0; i < 1000; i++ {
		texts = append(texts, "x")
	}
	ctx, cancel := context.WithCancel(context.Background())
	u := &upper{}
	r := &Runner{Stages: []Stage{u}, Workers: 2, Window: 4}
	n := 0
	err := r.Run(ctx, items(texts...), func(Result) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n >= len(texts) || u.seen.Load() > int64(10+4+2) {
		t.Errorf("after cancel: %d delivered, %d processed; want the run to stop within the window", n, u.seen.Load())
	}
}

func TestRunnerSinkErrorStops(t *testing.T) {
	r := &Runner{Stages: []Stage{&upper{}}, Workers: 2}
	sinkErr := errors.New("disk full")
	n := 0
	err := r.Run(context.Background(), items("a", "b", "c", "d", "e", "f"), func(Result) error {
		n++
		if n == 3 {
			return sinkErr
		}
		return nil
	})
	if !errors.Is(err, sinkErr) || n != 3 {
		t.Fatalf("err = %v after %d results, want the sink's error after 3", err, n)
	}
}

func TestRunnerBoundsDocumentsInFlight(t *testing.T) {
	var inFlight, peak atomic.Int64
	var list []Item
	for i := 0; i < 300; i++ {
		list = append(list, Item{ID: fmt.Sprint(i), Load: func(context.Context) (*Document, error) {
			if v := inFlight.Add(1); v > peak.Load() {
				peak.Store(v)
			}
			return &Document{Text: "x"}, nil
		}})
	}
	r := &Runner{Stages: []Stage{&upper{}}, Workers: 3, Window: 6}
	err := r.Run(context.Background(), list, func(Result) error {
		time.Sleep(50 * time.Microsecond) // a slow sink
		inFlight.Add(-1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > 6 {
		t.Errorf("peak documents in flight = %d, want <= window 6", p)
	}
}

// TestRunnerLazySetup: Setup runs once, and only when a document loads; a
// Setup error ends the run with that error.
func TestRunnerLazySetup(t *testing.T) {
	for _, tt := range []struct {
		name      string
		texts     []string
		setupErr  error
		wantCalls int64
		wantErr   bool
	}{
		{"nothing loads: no setup", []string{"unreadable", "unreadable"}, nil, 0, false},
		{"documents load: one setup", []string{"a", "unreadable", "b", "c", "d"}, nil, 1, false},
		{"setup fails: the run fails", []string{"a", "b"}, errors.New("bad model"), 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int64
			u := &upper{}
			r := &Runner{Workers: 3, Setup: func() ([]Stage, error) {
				calls.Add(1)
				return []Stage{u}, tt.setupErr
			}}
			var titles []string
			err := r.Run(context.Background(), items(tt.texts...), func(res Result) error {
				if res.Doc != nil {
					titles = append(titles, res.Doc.Title)
				}
				return nil
			})
			if calls.Load() != tt.wantCalls || (err != nil) != tt.wantErr {
				t.Fatalf("setup calls %d, err %v", calls.Load(), err)
			}
			if !tt.wantErr && int(u.seen.Load()) != len(titles) {
				t.Errorf("stage saw %d documents, %d delivered", u.seen.Load(), len(titles))
			}
			for _, ti := range titles {
				if ti == "" || ti != strings.ToUpper(ti) {
					t.Errorf("a document skipped the stages: %q", ti)
				}
			}
		})
	}
}
