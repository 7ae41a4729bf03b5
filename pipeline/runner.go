package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

// Stage is one annotation step. Process is synchronous and must be safe to
// call from several goroutines at once on different documents: a stage is
// built once (expensive state in its constructor) and shared by all workers.
type Stage interface {
	Name() string
	Process(ctx context.Context, doc *Document) error
}

// Item is one unit of work for the Runner. Load reads the input and returns
// the document with its Text fixed; it runs on a worker, so reading and text
// extraction are parallel too.
type Item struct {
	ID   string
	Load func(ctx context.Context) (*Document, error)
}

// Result is what the Runner hands to the sink for each Item, in input order.
type Result struct {
	Seq  int
	ID   string
	Doc  *Document // nil when Load failed
	Err  error     // Load error, or the first stage error (the document then skipped the remaining stages)
	Step string    // "load" or the name of the stage that failed
	// Timings holds the wall time spent in load and in each stage for this document.
	Timings map[string]time.Duration
	// Output is what Runner.Finish returned for the document.
	Output any
}

// Runner runs every stage on every item with a pool of workers and delivers
// results to a single sink in input order. Only the Runner starts goroutines.
type Runner struct {
	Stages []Stage
	// Setup, when set, builds Stages on the first document that needs them,
	// so a run whose reports are all unchanged never loads the models. An
	// error from it ends the run.
	Setup     func() ([]Stage, error)
	setupOnce sync.Once
	setupErr  error

	Workers int // <= 0 means runtime.NumCPU()
	// Window bounds the documents in flight (being processed or waiting for
	// their turn at the sink), so memory does not grow with the corpus.
	// <= 0 means 4 per worker.
	Window int
	// DocTimeout bounds the time spent on one document (0: no bound). A
	// document over it fails with context.DeadlineExceeded; the run goes on.
	DocTimeout time.Duration
	// Finish, when set, runs on the worker after the stages (for example to
	// encode the record), so the single sink has less to do; its value is
	// Result.Output. It must be safe for concurrent use.
	Finish func(*Document) (any, error)
}

// Run processes items and calls sink once per item, in order, from the
// calling goroutine. A failing document is data: its error is in its Result
// and the run goes on. Run stops early only when ctx is cancelled (it then
// returns ctx.Err()) or when sink returns an error (returned as is).
func (r *Runner) Run(ctx context.Context, items []Item, sink func(Result) error) error {
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	window := r.Window
	if window <= 0 {
		window = 4 * workers
	}
	if window < workers {
		window = workers
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq  int
		item Item
	}
	jobs := make(chan job)
	results := make(chan Result, workers)
	slots := make(chan struct{}, window)

	go func() {
		defer close(jobs)
		for i, it := range items {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{i, it}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				res := r.process(ctx, j.seq, j.item)
				select {
				case results <- res:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := make(map[int]Result)
	next := 0
	var sinkErr error
	for res := range results {
		if sinkErr != nil || ctx.Err() != nil {
			continue // drain so the workers can exit
		}
		if res.Step == stepSetup {
			sinkErr = res.Err
			cancel()
			continue
		}
		pending[res.Seq] = res
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			err := sink(p)
			<-slots // the document leaves memory only once the sink is done with it
			if err != nil {
				sinkErr = err
				cancel()
				break
			}
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	if next < len(items) {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fmt.Errorf("runner: %d of %d items were not delivered", len(items)-next, len(items))
	}
	return nil
}

// stepSetup marks the Result of a failed Setup.
const stepSetup = "setup"

// process loads one item and runs the stages on it, turning errors and panics
// into the Result.
func (r *Runner) process(ctx context.Context, seq int, it Item) Result {
	res := Result{Seq: seq, ID: it.ID, Timings: make(map[string]time.Duration, 8)}
	t0 := time.Now()
	doc, err := safeLoad(ctx, it)
	res.Timings["load"] = time.Since(t0)
	if err != nil {
		res.Err, res.Step = err, "load"
		return res
	}
	if r.Setup != nil {
		r.setupOnce.Do(func() { r.Stages, r.setupErr = r.Setup() })
		if r.setupErr != nil {
			res.Err, res.Step = r.setupErr, stepSetup
			return res
		}
	}
	res.Doc = doc
	docCtx := ctx
	if r.DocTimeout > 0 {
		var cancel context.CancelFunc
		docCtx, cancel = context.WithTimeout(ctx, r.DocTimeout)
		defer cancel()
	}
	for _, st := range r.Stages {
		if err := docCtx.Err(); err != nil {
			res.Err, res.Step = fmt.Errorf("gave up after %v: %w", r.DocTimeout, err), st.Name()
			doc.Diagnostics = append(doc.Diagnostics, Diagnostic{Stage: st.Name(), Severity: "error", Message: res.Err.Error()})
			break
		}
		t := time.Now()
		err := safeProcess(docCtx, st, doc)
		res.Timings[st.Name()] += time.Since(t)
		if err != nil {
			res.Err, res.Step = err, st.Name()
			doc.Diagnostics = append(doc.Diagnostics, Diagnostic{Stage: st.Name(), Severity: "error", Message: err.Error()})
			break
		}
	}
	doc.Normalize()
	doc.SortAnnotations()
	if r.Finish != nil {
		t := time.Now()
		out, err := safeFinish(r.Finish, doc)
		res.Timings["finish"] = time.Since(t)
		if err != nil && res.Err == nil {
			res.Err, res.Step = err, "finish"
		}
		res.Output = out
	}
	return res
}

func safeFinish(f func(*Document) (any, error), doc *Document) (out any, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, &PanicError{Value: v, Stack: string(debug.Stack())}
		}
	}()
	return f(doc)
}

// PanicError is a panic inside a stage or a reader, caught at the document boundary.
type PanicError struct {
	Value any
	Stack string
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

func safeLoad(ctx context.Context, it Item) (doc *Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, &PanicError{Value: v, Stack: string(debug.Stack())}
		}
	}()
	return it.Load(ctx)
}

func safeProcess(ctx context.Context, st Stage, doc *Document) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: string(debug.Stack())}
		}
	}()
	return st.Process(ctx, doc)
}
