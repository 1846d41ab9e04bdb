// Command newsgraph serves the news graph explorer and manages its data.
//
//	newsgraph serve [--load]       serve the page and API (starts the embedded Neo4j when NEO4J_URI is unset)
//	newsgraph neo4j [-- CMD ...]   run the embedded Neo4j, or run CMD against a throwaway one
//	newsgraph generate             write the benchmark graph into NEO4J_URI
//	newsgraph load [FILE ...]      validate dataset files and load them
//	newsgraph help                 list the commands
//
// main only wires: configuration, logger, database, store and server.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/config"
)

const usage = `usage: newsgraph <command> [flags]

commands:
  serve     serve the web page and JSON API
  neo4j     run the embedded Neo4j (or a command against a throwaway one)
  generate  write a seeded power-law benchmark graph into NEO4J_URI
  load      validate dataset files (default: the built-in ones) and load them into Neo4j
  help      print this list

Run "newsgraph <command> -h" for a command's flags. Configuration comes from the
environment; see the README's configuration table.
`

// exitInterrupted is the status of a command a signal stopped before it was done, as
// shells report a process killed by SIGINT (128 + 2).
const exitInterrupted = 130

type command func(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error

var commands = map[string]command{
	"serve":    serve,
	"neo4j":    runNeo4j,
	"generate": generate,
	"load":     load,
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	switch os.Args[1] {
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "newsgraph: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	cfg, err := config.FromEnv(config.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "newsgraph: configuration:", err)
		os.Exit(2)
	}
	log := newLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cmd(ctx, cfg, log, os.Args[2:]); err != nil {
		var exit exitCode
		if errors.As(err, &exit) {
			os.Exit(int(exit))
		}
		if errors.Is(err, flag.ErrHelp) {
			return // -h asked for the flags, which the command has printed
		}
		if ctx.Err() != nil {
			// Ctrl-C (or SIGTERM) before the command had finished starting: what it was
			// doing, cut short by the signal, says only "context canceled".
			if errors.Is(err, context.Canceled) {
				fmt.Fprintln(os.Stderr, "newsgraph: interrupted")
			} else {
				fmt.Fprintln(os.Stderr, "newsgraph: interrupted:", err)
			}
			os.Exit(exitInterrupted)
		}
		fmt.Fprintln(os.Stderr, "newsgraph:", err)
		os.Exit(1)
	}
}

// exitCode lets a command end the process with a specific status (the test command's).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func newLogger(cfg config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
