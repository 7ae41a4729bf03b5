package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/output/search"
)

// Exit codes: documented in the README and in --help.
const (
	exitOK          = 0
	exitFailure     = 1   // the run failed (output not writable, index locked, invalid records found...)
	exitUsage       = 2   // bad command line
	exitSomeFailed  = 4   // finished, but some input files failed (see the manifest)
	exitInterrupted = 130 // interrupted (Ctrl-C / SIGTERM)
)

const exitCodesHelp = `EXIT CODES:
   0    success
   1    run failure (output not writable, index locked, validation found problems)
   2    usage error
   4    finished, but some input files failed (listed in manifest.json)
   130  interrupted`

// exitError carries an exit code with its cause.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

// newApp builds the CLI with injected streams, so tests run it in-process.
func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Reader:  stdin,
		Name:    "sitrep",
		Usage:   "annotate and search intelligence reports",
		Version: annotate.Version,
		Description: "sitrep turns a folder of reports (.txt, .md, .html) into structured annotations: sentences and\n" +
			"tokens with byte offsets, entities linked to canonical ids, key-takeaway bullets and estimative\n" +
			"language mapped to ICD 203 likelihood bands; written as JSON, JSON Lines and a Bleve index.\n\n" +
			"EXAMPLE:\n   sitrep annotate corpus/examples -o out\n   sitrep search out 'entity:ISKP'\n\n" + exitCodesHelp,
		Writer:                 stdout,
		ErrWriter:              stderr,
		Suggest:                true,
		UseShortOptionHandling: true,
		ExitErrHandler:         func(*cli.Context, error) {}, // exit codes are decided in run alone
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(stderr, "sitrep: unknown command %q (see sitrep --help)\n", name)
		},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error { return usageErr("%v", err) },
		Commands: []*cli.Command{annotateCommand(), searchCommand(), mergeCommand(), workerCommand(), enqueueCommand(), validateCommand(), lintCommand(), serveCommand(),
			exportCommand(), statsCommand(), trainCommand(), evalCommand()},
	}
	for _, c := range app.Commands {
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return usageErr("%v", err) }
	}
	return app
}

// run executes the CLI and maps its outcome to an exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	if len(args) > 1 {
		if cmd := app.Command(args[1]); cmd != nil {
			args = append(args[:2:2], permute(cmd, args[2:])...)
		} else if !strings.HasPrefix(args[1], "-") && args[1] != "help" && args[1] != "h" {
			fmt.Fprintf(stderr, "sitrep: unknown command %q (see sitrep --help)\n", args[1])
			return exitUsage
		}
	}
	err := app.RunContext(ctx, args)
	code := exitCode(ctx, err)
	if err != nil && code != exitSomeFailed {
		fmt.Fprintln(stderr, "sitrep:", err)
	}
	return code
}

func exitCode(ctx context.Context, err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return exitInterrupted
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, search.ErrBadQuery):
		return exitUsage
	}
	return exitFailure
}

// permute moves flags in front of positional arguments, because urfave/cli
// v2 stops parsing flags at the first positional one and people type
// "sitrep annotate corpus -o out".
func permute(cmd *cli.Command, args []string) []string {
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	if len(pos) > 0 {
		flags = append(flags, "--")
	}
	return append(flags, pos...)
}

// writeJSONTo prints v as indented JSON, markup characters unescaped (the
// reader is a terminal or a program, not a browser).
func writeJSONTo(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
