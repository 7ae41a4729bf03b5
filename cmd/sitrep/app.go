package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/internal/didyoumean"
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
		Version: versionString(),
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
			fmt.Fprintf(stderr, "sitrep: %s\n", unknownCommand(c.App, name))
		},
		OnUsageError: usageError,
		Commands: []*cli.Command{annotateCommand(), searchCommand(), mergeCommand(), workerCommand(), enqueueCommand(), validateCommand(), lintCommand(), serveCommand(),
			exportCommand(), statsCommand(), trainCommand(), evalCommand(), versionCommand(), completionCommand()},
	}
	for _, c := range app.Commands {
		c.OnUsageError = usageError
	}
	return app
}

// usageError turns a flag the command does not know into a usage error
// (exit 2) with the closest flag it does know.
func usageError(c *cli.Context, err error, _ bool) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimPrefix(name, "-")
		var names []string
		flags := c.App.Flags
		if c.Command != nil && c.Command.Name != "" {
			flags = c.Command.Flags
		}
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		if s := didyoumean.Suggest(name, names); s != "" {
			dash := "--"
			if len(s) == 1 {
				dash = "-"
			}
			msg += fmt.Sprintf(" (did you mean %s%s?)", dash, s)
		}
	}
	return usageErr("%s", msg)
}

// unknownCommand says a command does not exist, with the closest that does.
func unknownCommand(app *cli.App, name string) string {
	var names []string
	for _, c := range app.Commands {
		names = append(names, c.Names()...)
	}
	if s := didyoumean.Suggest(name, names); s != "" {
		return fmt.Sprintf("unknown command %q (did you mean %s?)", name, s)
	}
	return fmt.Sprintf("unknown command %q (see sitrep --help)", name)
}

// run executes the CLI and maps its outcome to an exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	if n := len(args); n > 1 && args[n-1] == completionFlag {
		complete(app, args[1:n-1], stdout)
		return exitOK
	}
	if len(args) > 1 {
		if cmd := app.Command(args[1]); cmd != nil {
			args = append(args[:2:2], permute(cmd, args[2:])...)
		} else if !strings.HasPrefix(args[1], "-") && args[1] != "help" && args[1] != "h" {
			fmt.Fprintf(stderr, "sitrep: %s\n", unknownCommand(app, args[1]))
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
