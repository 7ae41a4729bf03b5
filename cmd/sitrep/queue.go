package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/annotate/queue"
	"github.com/sitrep/sitrep/models"
)

func queueFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "nats", Value: "nats://127.0.0.1:4222", Usage: "NATS server `URL` (JetStream enabled)", EnvVars: []string{"SITREP_NATS"}},
		&cli.StringFlag{Name: "stream", Value: queue.DefaultStream, Usage: "JetStream stream name"},
		&cli.StringFlag{Name: "subject", Value: queue.DefaultSubject, Usage: "subject of the report messages"},
	}
}

func enqueueCommand() *cli.Command {
	return &cli.Command{
		Name:      "enqueue",
		Usage:     "queue every report of a corpus folder for sitrep workers",
		ArgsUsage: "CORPUS_DIR",
		Description: "Publishes one message per report (its path in CORPUS_DIR) to a JetStream work queue; workers\n" +
			"that see the same folder take them. Enqueueing an unchanged corpus again within a day adds nothing.\n\n" +
			"EXAMPLE:\n   sitrep enqueue --nats nats://queue:4222 /data/corpus",
		Flags: queueFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("enqueue: want exactly one CORPUS_DIR")
			}
			cfg := queue.Config{Stream: c.String("stream"), Subject: c.String("subject")}
			nc, _, err := queue.Connect(c.Context, c.String("nats"), cfg)
			if err != nil {
				return err
			}
			defer nc.Close()
			n, err := queue.Enqueue(c.Context, nc, cfg, c.Args().First())
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "sitrep: queued %d reports of %s\n", n, c.Args().First())
			return nil
		},
	}
}

func workerCommand() *cli.Command {
	return &cli.Command{
		Name:      "worker",
		Usage:     "annotate reports taken from a JetStream work queue into an output folder",
		ArgsUsage: "",
		Description: "Takes batches of queued reports (see enqueue), annotates them from --corpus into --out and\n" +
			"acknowledges a batch once its records are durable. Run any number of workers, each with its own\n" +
			"--out; a worker killed mid-batch has its reports redelivered after --ack-wait. Merge the outputs\n" +
			"with sitrep merge, or search them together.\n\n" +
			"EXAMPLE:\n   sitrep worker --nats nats://queue:4222 --corpus /data/corpus -o /data/out/worker-1",
		Flags: append(queueFlags(),
			&cli.StringFlag{Name: "corpus", Usage: "the corpus folder the queued paths are in (required)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "this worker's output folder (required)"},
			&cli.StringFlag{Name: "durable", Value: queue.DefaultDurable, Usage: "consumer name shared by the workers"},
			&cli.IntFlag{Name: "batch", Value: 32, Usage: "reports per batch"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Value: 1, Usage: "parallel annotating goroutines"},
			&cli.DurationFlag{Name: "ack-wait", Value: 5 * time.Minute, Usage: "redeliver a batch not acknowledged within this time"},
			&cli.DurationFlag{Name: "idle-exit", Usage: "exit once the queue has been empty this long (default: wait for work)"},
			&cli.BoolFlag{Name: "no-index", Usage: "do not build the Bleve index"},
		),
		Action: func(c *cli.Context) error {
			if c.String("corpus") == "" || c.String("out") == "" {
				return usageErr("worker: --corpus and --out/-o are required")
			}
			cfg := queue.Config{Stream: c.String("stream"), Subject: c.String("subject"), Durable: c.String("durable"), AckWait: c.Duration("ack-wait")}
			nc, st, err := queue.Connect(c.Context, c.String("nats"), cfg)
			if err != nil {
				return err
			}
			defer nc.Close()
			w := &queue.Worker{Stream: st, Config: cfg, Batch: c.Int("batch"), Idle: c.Duration("idle-exit"), Stderr: c.App.ErrWriter,
				Options: annotate.Options{Corpus: c.String("corpus"), Out: c.String("out"), Workers: c.Int("workers"), NoIndex: c.Bool("no-index"),
					Scale: models.ScaleICD203, Derive: 5, Timeout: 2 * time.Minute, GCPercent: annotate.DefaultGCPercent}}
			n, err := w.Run(c.Context)
			fmt.Fprintf(c.App.ErrWriter, "sitrep: worker acknowledged %d reports\n", n)
			return err
		},
	}
}
