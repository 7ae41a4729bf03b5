// Command sitrep annotates folders of intelligence reports (sentences, tokens,
// entities, key takeaways, estimative language) into JSON, JSON Lines and a
// Bleve index, and searches them. This package is wiring only: each command
// reads its flags into an options struct and calls one plain function.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
