package queue_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/annotate/queue"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

// natsServer starts an embedded NATS server with JetStream on loopback.
func natsServer(t *testing.T) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server did not start")
	}
	t.Cleanup(s.Shutdown)
	return s.ClientURL()
}

// smallCorpus writes n dated reports.
func smallCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	places := []string{"Kabul", "Kherson", "Kharkiv", "Izyum", "Bakhmut", "Kandahar", "Herat", "Mariupol", "Odesa", "Kunar"}
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Report %d\n\nISKP will likely attack %s on March %d. The Taliban may respond.", i, places[i%len(places)], i%28+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%02d_2026-03-29.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func opts(corpus, out string) annotate.Options {
	return annotate.Options{Corpus: corpus, Out: out, Scale: "icd203", Derive: 5, Workers: 1, Quiet: true,
		Clock: func() time.Time { return time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC) }}
}

// TestWorkersMatchOneProcess: three workers drain the queue into three
// outputs; merged, their records are byte for byte those of one annotate
// run. Enqueueing the same corpus again adds nothing.
func TestWorkersMatchOneProcess(t *testing.T) {
	url := natsServer(t)
	corpus := smallCorpus(t, 12)
	ctx := context.Background()
	cfg := queue.Config{AckWait: 30 * time.Second}
	nc, st, err := queue.Connect(ctx, url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if n, err := queue.Enqueue(ctx, nc, cfg, corpus); err != nil || n != 12 {
		t.Fatalf("enqueue: %d, %v", n, err)
	}
	if _, err := queue.Enqueue(ctx, nc, cfg, corpus); err != nil {
		t.Fatal(err)
	}
	if info, err := st.Info(ctx); err != nil || info.State.Msgs != 12 {
		t.Fatalf("queue holds %v messages (%v), want 12: a second enqueue must add nothing", info.State.Msgs, err)
	}
	base := t.TempDir()
	var outs []string
	var wg sync.WaitGroup
	acked := make([]int, 3)
	errs := make([]error, 3)
	for i := 0; i < 3; i++ {
		out := filepath.Join(base, fmt.Sprintf("worker%d", i))
		outs = append(outs, out)
		w := &queue.Worker{Stream: st, Config: cfg, Options: opts(corpus, out), Batch: 2, Idle: 2 * time.Second, Stderr: io.Discard}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			acked[i], errs[i] = w.Run(ctx)
		}(i)
	}
	wg.Wait()
	total := 0
	for i := range errs {
		if errs[i] != nil {
			t.Fatalf("worker %d: %v", i, errs[i])
		}
		total += acked[i]
	}
	if total != 12 {
		t.Errorf("workers acknowledged %d messages, want 12", total)
	}
	var used []string
	for _, out := range outs {
		if _, err := os.Stat(filepath.Join(out, output.ManifestName)); err == nil {
			used = append(used, out)
		}
	}
	merged := filepath.Join(base, "merged")
	if _, err := output.Merge(merged, used, output.RunOptions{}, time.Now); err != nil {
		t.Fatal(err)
	}
	one := filepath.Join(base, "one")
	if _, err := annotate.Run(ctx, opts(corpus, one), io.Discard); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(one, output.JSONLName))
	b, _ := os.ReadFile(filepath.Join(merged, output.JSONLName))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("merged worker records differ from one run's (%d and %d bytes; %d outputs)", len(a), len(b), len(used))
	}
}

// The worker subprocess of TestKilledWorker: the test binary re-run with
// SITREP_TEST_WORKER set, annotating slowly so that it can be killed mid-batch.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_TEST_WORKER") != "" {
		os.Exit(workerProcess())
	}
	os.Exit(m.Run())
}

type slowStage struct{}

func (slowStage) Name() string { return "slow" }
func (slowStage) Process(context.Context, *pipeline.Document) error {
	time.Sleep(150 * time.Millisecond)
	return nil
}

func workerProcess() int {
	ctx := context.Background()
	cfg := queue.Config{AckWait: 2 * time.Second}
	nc, st, err := queue.Connect(ctx, os.Getenv("SITREP_TEST_NATS"), cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer nc.Close()
	o := opts(os.Getenv("SITREP_TEST_CORPUS"), os.Getenv("SITREP_TEST_OUT"))
	o.Extend = func(chain []pipeline.Stage) []pipeline.Stage { return append(chain, slowStage{}) }
	w := &queue.Worker{Stream: st, Config: cfg, Options: o, Batch: 2, Idle: time.Minute, Stderr: os.Stderr}
	if _, err := w.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestKilledWorker: a worker killed with SIGKILL in the middle of the queue
// loses no report and duplicates none: its unacknowledged batch is
// redelivered to the other workers after AckWait.
func TestKilledWorker(t *testing.T) {
	url := natsServer(t)
	corpus := smallCorpus(t, 12)
	ctx := context.Background()
	cfg := queue.Config{AckWait: 2 * time.Second}
	nc, st, err := queue.Connect(ctx, url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if _, err := queue.Enqueue(ctx, nc, cfg, corpus); err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	killed := filepath.Join(base, "killed")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SITREP_TEST_WORKER=1", "SITREP_TEST_NATS="+url, "SITREP_TEST_CORPUS="+corpus, "SITREP_TEST_OUT="+killed)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has committed a batch and is into the next.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(killed, output.ManifestName)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the worker committed nothing in 60 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	outs := []string{killed}
	for i := 0; i < 2; i++ {
		out := filepath.Join(base, fmt.Sprintf("worker%d", i))
		w := &queue.Worker{Stream: st, Config: cfg, Options: opts(corpus, out), Batch: 3, Idle: 5 * time.Second, Stderr: io.Discard}
		if _, err := w.Run(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(out, output.ManifestName)); err == nil {
			outs = append(outs, out)
		}
	}
	if info, err := st.Info(ctx); err != nil || info.State.Msgs != 0 {
		t.Fatalf("queue still holds %v messages (%v)", info.State.Msgs, err)
	}
	merged := filepath.Join(base, "merged")
	if _, err := output.Merge(merged, outs, output.RunOptions{NoIndex: true}, time.Now); err != nil {
		t.Fatal(err)
	}
	one := filepath.Join(base, "one")
	o := opts(corpus, one)
	o.NoIndex = true
	if _, err := annotate.Run(ctx, o, io.Discard); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(one, output.JSONLName))
	b, _ := os.ReadFile(filepath.Join(merged, output.JSONLName))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("after the kill, the merged records differ from one run's: %d and %d bytes", len(a), len(b))
	}
}
