// Package queue owns the queue-worker mode: reports to annotate are messages
// on a NATS JetStream work queue (a message names a report by its path in a
// corpus folder every worker can read), and any number of identical,
// stateless workers take batches of them, annotate them into an output
// folder of their own with annotate.Run, and acknowledge a batch only once
// its records are durable there. A worker killed mid-batch leaves its
// messages unacknowledged; JetStream redelivers them after AckWait. Records
// are keyed by report and content, so a redelivery never duplicates one.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/corpus"
)

// Defaults of the stream and consumer names.
const (
	DefaultStream  = "SITREP"
	DefaultSubject = "sitrep.reports"
	DefaultDurable = "sitrep-workers"
)

// Message is the body of one queued report.
type Message struct {
	ID string `json:"id"` // corpus-relative path, as records name reports
}

// Config names the stream and how long a batch may stay unacknowledged.
type Config struct {
	Stream, Subject, Durable string
	AckWait                  time.Duration // redelivery after a worker stops answering (default 5 min)
}

func (c *Config) defaults() {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Durable == "" {
		c.Durable = DefaultDurable
	}
	if c.AckWait <= 0 {
		c.AckWait = 5 * time.Minute
	}
}

// Connect opens a JetStream context on url and makes sure the work-queue
// stream exists (file storage, each message kept until a worker acks it,
// duplicates of a message id dropped for a day).
func Connect(ctx context.Context, url string, c Config) (*nats.Conn, jetstream.Stream, error) {
	c.defaults()
	nc, err := nats.Connect(url, nats.Name("sitrep"))
	if err != nil {
		return nil, nil, fmt.Errorf("connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	st, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: c.Stream, Subjects: []string{c.Subject},
		Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage, Duplicates: 24 * time.Hour})
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("stream %s: %w", c.Stream, err)
	}
	return nc, st, nil
}

// Enqueue publishes a message for every report of the corpus folder. The
// message id is the report's path, size and modification time, so enqueueing
// an unchanged corpus again within a day adds nothing.
func Enqueue(ctx context.Context, nc *nats.Conn, c Config, corpusDir string) (int, error) {
	c.defaults()
	js, err := jetstream.New(nc)
	if err != nil {
		return 0, err
	}
	entries, err := corpus.Walk(corpusDir, corpus.WalkOptions{})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		body, _ := json.Marshal(Message{ID: e.ID})
		id := e.ID + "@" + strconv.FormatInt(e.Bytes, 10) + "@" + strconv.FormatInt(e.ModTime.UnixNano(), 10)
		if _, err := js.Publish(ctx, c.Subject, body, jetstream.WithMsgID(id)); err != nil {
			return n, fmt.Errorf("enqueue %s: %w", e.ID, err)
		}
		n++
	}
	return n, nil
}

// Worker takes batches from the queue and annotates them into Options.Out.
type Worker struct {
	Stream  jetstream.Stream
	Config  Config
	Options annotate.Options // Corpus (the folder the message paths are in), Out and the rest
	Batch   int              // reports per batch (default 32)
	// Idle, when set, makes Run return once a fetch has waited this long
	// and found nothing (tests and batch jobs); otherwise Run waits for work
	// until ctx ends.
	Idle   time.Duration
	Stderr io.Writer
	// Retries bounds how many fetches in a row may fail with a transient
	// error (no responders while the server elects a stream leader or
	// restarts, a reconnecting connection, a missed heartbeat) before Run
	// gives up (default 8: about 25 s of backoff).
	Retries int
	// Backoff is the wait after the first transient failure; it doubles
	// after each further one, up to 5 s (default 100 ms).
	Backoff time.Duration
}

// transient reports whether a fetch error is one a healthy cluster recovers
// from by itself, so a worker should wait and fetch again rather than stop.
func transient(err error) bool {
	for _, e := range []error{nats.ErrNoResponders, nats.ErrConnectionReconnecting, nats.ErrTimeout,
		jetstream.ErrNoHeartbeat, jetstream.ErrServerShutdown, context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// Run works until ctx ends (or the queue stays empty for Idle). It returns
// the number of messages acknowledged.
func (w *Worker) Run(ctx context.Context) (int, error) {
	w.Config.defaults()
	cons, err := w.Stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{Durable: w.Config.Durable,
		AckPolicy: jetstream.AckExplicitPolicy, AckWait: w.Config.AckWait, MaxDeliver: -1})
	if err != nil {
		return 0, fmt.Errorf("consumer %s: %w", w.Config.Durable, err)
	}
	return w.work(ctx, cons)
}

// work is Run's loop over a consumer (a fake one in tests).
func (w *Worker) work(ctx context.Context, cons jetstream.Consumer) (int, error) {
	if w.Batch <= 0 {
		w.Batch = 32
	}
	if w.Retries <= 0 {
		w.Retries = 8
	}
	if w.Backoff <= 0 {
		w.Backoff = 100 * time.Millisecond
	}
	failures := 0
	// retry waits out a transient fetch error and says whether to go on.
	retry := func(err error) error {
		failures++
		if !transient(err) || failures > w.Retries {
			if failures > 1 {
				return fmt.Errorf("fetch (after %d tries): %w", failures, err)
			}
			return fmt.Errorf("fetch: %w", err)
		}
		d := min(w.Backoff<<(failures-1), 5*time.Second)
		fmt.Fprintf(w.Stderr, "sitrep worker: fetch: %v; trying again in %v\n", err, d)
		select {
		case <-ctx.Done():
		case <-time.After(d):
		}
		return nil
	}
	wait := 2 * time.Second
	if w.Idle > 0 && w.Idle < wait {
		wait = w.Idle
	}
	acked := 0
	var idleSince time.Time
	for ctx.Err() == nil {
		batch, err := cons.Fetch(w.Batch, jetstream.FetchMaxWait(wait))
		if err != nil {
			if err := retry(err); err != nil {
				return acked, err
			}
			continue
		}
		var msgs []jetstream.Msg
		ids := map[string]bool{}
		for m := range batch.Messages() {
			var body Message
			if err := json.Unmarshal(m.Data(), &body); err != nil || body.ID == "" {
				fmt.Fprintf(w.Stderr, "sitrep worker: dropping a message that names no report: %.100q\n", m.Data())
				_ = m.Term()
				continue
			}
			msgs = append(msgs, m)
			ids[body.ID] = true
		}
		// A batch that ends on its wait time is the normal empty fetch.
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
			if len(msgs) == 0 {
				if err := retry(err); err != nil {
					return acked, err
				}
				continue
			}
			// Messages arrived before the error: annotate them; the
			// next fetch meets the error again if it lasts.
		} else {
			failures = 0
		}
		if len(msgs) == 0 {
			if idleSince.IsZero() {
				idleSince = time.Now()
			}
			if w.Idle > 0 && time.Since(idleSince) >= w.Idle {
				return acked, nil
			}
			continue
		}
		idleSince = time.Time{}
		o := w.Options
		o.IDs, o.Quiet = ids, true
		if _, err := annotate.Run(ctx, o, w.Stderr); err != nil {
			for _, m := range msgs {
				_ = m.Nak() // another worker, or this one, tries again
			}
			return acked, err
		}
		// The records are durable (Run commits and syncs before it returns):
		// only now may the queue forget the messages.
		for _, m := range msgs {
			if err := m.DoubleAck(ctx); err != nil {
				return acked, fmt.Errorf("ack: %w", err)
			}
			acked++
		}
	}
	return acked, nil
}
