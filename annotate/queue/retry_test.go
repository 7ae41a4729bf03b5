package queue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// fakeConsumer answers Fetch from a script: each step is an error Fetch
// returns, or (when fetchErr is nil) an empty batch ending with batchErr.
type fakeConsumer struct {
	jetstream.Consumer // only Fetch is called
	steps              []fetchStep
	calls              int
}

type fetchStep struct{ fetchErr, batchErr error }

func (f *fakeConsumer) Fetch(int, ...jetstream.FetchOpt) (jetstream.MessageBatch, error) {
	s := fetchStep{batchErr: nats.ErrTimeout} // past the script: an idle queue
	if f.calls < len(f.steps) {
		s = f.steps[f.calls]
	}
	f.calls++
	if s.fetchErr != nil {
		return nil, s.fetchErr
	}
	ch := make(chan jetstream.Msg)
	close(ch)
	return emptyBatch{ch, s.batchErr}, nil
}

type emptyBatch struct {
	ch  chan jetstream.Msg
	err error
}

func (b emptyBatch) Messages() <-chan jetstream.Msg { return b.ch }
func (b emptyBatch) Error() error                   { return b.err }

func TestWorkerRetriesTransientFetchErrors(t *testing.T) {
	noResp := fmt.Errorf("pull: %w", nats.ErrNoResponders)
	boom := errors.New("nats: permissions violation")
	tests := []struct {
		name      string
		steps     []fetchStep
		retries   int
		wantErr   string // "" for a clean idle return
		wantRetry int    // "trying again" lines on stderr
	}{
		{"no responders twice, then idle", []fetchStep{{fetchErr: noResp}, {fetchErr: noResp}}, 3, "", 2},
		{"no responders in the batch, then idle", []fetchStep{{batchErr: noResp}}, 3, "", 1},
		{"missed heartbeat, reconnecting", []fetchStep{{batchErr: jetstream.ErrNoHeartbeat}, {fetchErr: nats.ErrConnectionReconnecting}}, 3, "", 2},
		{"a success resets the count", []fetchStep{{fetchErr: noResp}, {fetchErr: noResp}, {batchErr: nats.ErrTimeout}, {fetchErr: noResp}, {fetchErr: noResp}}, 2, "", 4},
		{"too many in a row", []fetchStep{{fetchErr: noResp}, {fetchErr: noResp}, {fetchErr: noResp}}, 2, "fetch (after 3 tries): pull: nats: no responders", 2},
		{"not transient", []fetchStep{{fetchErr: boom}}, 3, "fetch: nats: permissions violation", 0},
		{"not transient in the batch", []fetchStep{{batchErr: boom}}, 3, "fetch: nats: permissions violation", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			w := &Worker{Idle: 20 * time.Millisecond, Stderr: &stderr, Retries: tt.retries, Backoff: time.Millisecond}
			n, err := w.work(context.Background(), &fakeConsumer{steps: tt.steps})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("work: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Fatalf("work: err %v, want %q", err, tt.wantErr)
			}
			if n != 0 {
				t.Errorf("acked %d, want 0", n)
			}
			if got := strings.Count(stderr.String(), "trying again"); got != tt.wantRetry {
				t.Errorf("%d retries logged, want %d:\n%s", got, tt.wantRetry, stderr.String())
			}
		})
	}
}

func TestWorkerRetryStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cons := &fakeConsumer{steps: []fetchStep{{fetchErr: nats.ErrNoResponders}}}
	w := &Worker{Stderr: &bytes.Buffer{}, Backoff: time.Hour}
	done := make(chan error, 1)
	go func() { _, err := w.work(ctx, cons); done <- err }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("work after cancel: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a worker waiting out a backoff did not stop with its context")
	}
}
