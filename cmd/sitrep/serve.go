package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/output/web"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "serve a search page and a JSON API over an OUT_DIR (read-only)",
		ArgsUsage: "OUT_DIR [OUT_DIR...]",
		Description: "Pages: / (search with facets and highlighted hits), /report?id=ID (the text with entities and\n" +
			"estimative phrases marked, takeaways, entities). API: /api/search?q=&filter=field:value&sort=&limit=&offset=,\n" +
			"/api/reports/{id}. Binds to loopback unless told otherwise.\n\n" +
			"Several OUT_DIRs (the shards of one corpus) are served as one.\n\n" +
			"EXAMPLE:\n   sitrep serve out --addr 127.0.0.1:8080",
		Flags: []cli.Flag{&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "address to listen on"}},
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 {
				return usageErr("serve: want an OUT_DIR")
			}
			return serve(c.Context, c.Args().Slice(), c.String("addr"), c.App.ErrWriter)
		},
	}
}

func serve(ctx context.Context, dirs []string, addr string, logw interface{ Write([]byte) (int, error) }) error {
	dir := strings.Join(dirs, ", ")
	s, err := web.New(dirs...)
	if err != nil {
		return fmt.Errorf("serve %s: %w", dir, err)
	}
	defer s.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(logw, "sitrep: warning: serving %s on %s, reachable from other machines (the server is read-only and unauthenticated)\n", dir, ln.Addr())
	}
	fmt.Fprintf(logw, "sitrep: serving %s on http://%s/\n", dir, ln.Addr())
	srv := web.NewHTTPServer(addr, s.Handler())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return ctx.Err()
	}
}
