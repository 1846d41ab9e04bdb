package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"time"

	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/embedded"
)

// runNeo4j runs the embedded Neo4j until interrupted or, given a command after "--",
// starts a throwaway database on a free port, runs the command with NEO4J_URI set, and
// always stops the database afterwards (`make test` uses this).
func runNeo4j(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("neo4j", flag.ContinueOnError)
	data := fs.String("data", "", "data directory (default: NEWSGRAPH_NEO4J_DATA, or a temporary one with a command)")
	port := fs.Int("port", 0, "Bolt port (default: NEWSGRAPH_NEO4J_PORT, or a free one with a command)")
	passwordEnv := fs.String("password-env", "", "turn auth on with the password in this environment variable")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: newsgraph neo4j [flags] [-- command args...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	cmdArgs := fs.Args()

	if len(cmdArgs) == 0 {
		if *data == "" {
			*data = cfg.EmbeddedDataDir
		}
		if *port == 0 {
			*port = cfg.EmbeddedPort
		}
		db, err := startEmbedded(ctx, cfg, log, *data, *port, withPasswordEnv(*passwordEnv),
			withPortSetting("choose another port with -port (default NEWSGRAPH_NEO4J_PORT)"),
			withDataSetting("choose another directory with -data (default NEWSGRAPH_NEO4J_DATA)"))
		if err != nil {
			return err
		}
		fmt.Printf("NEO4J_URI=%s\n", db.URI)
		select {
		case <-ctx.Done():
		case <-db.Exited():
			return errors.New("embedded Neo4j exited unexpectedly; see its logs under " + db.DataDir + "/logs")
		}
		stopEmbedded(db)
		return nil
	}

	if *data == "" {
		dir, err := os.MkdirTemp("", "newsgraph-neo4j-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*data = dir
	}
	db, err := startEmbedded(ctx, cfg, log, *data, *port, withPasswordEnv(*passwordEnv),
		withPortSetting("choose another port with -port, or leave it out for a free one"),
		withDataSetting("choose another directory with -data, or leave it out for a temporary one"))
	if err != nil {
		return err
	}
	defer stopEmbedded(db)
	fmt.Fprintf(os.Stderr, "newsgraph: throwaway Neo4j %s at %s\n", db.Version, db.URI)

	cmd := exec.CommandContext(ctx, cmdArgs[0], cmdArgs[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "NEO4J_URI="+db.URI, "NEO4J_DATABASE=neo4j")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			// Interrupted: CMD has ended (killed by the interrupt, os.Exit(-1) would
			// have made that 255, or with a status of its own) and Neo4j stops next.
			return exitCode(exitInterrupted)
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exitCode(exit.ExitCode())
		}
		return err
	}
	return nil
}

type embeddedOption func(*embedded.Options)

func withPasswordEnv(name string) embeddedOption {
	return func(o *embedded.Options) { o.PasswordEnv = name }
}

func withPortSetting(s string) embeddedOption {
	return func(o *embedded.Options) { o.PortSetting = s }
}

func withDataSetting(s string) embeddedOption {
	return func(o *embedded.Options) { o.DataSetting = s }
}

func startEmbedded(ctx context.Context, cfg config.Config, log *slog.Logger, dataDir string, port int, opts ...embeddedOption) (*embedded.Instance, error) {
	o := embeddedOptions(cfg, log, dataDir, port)
	for _, opt := range opts {
		opt(&o)
	}
	return embedded.Start(ctx, o)
}

// embeddedOptions are the embedded Neo4j's options from the configuration.
func embeddedOptions(cfg config.Config, log *slog.Logger, dataDir string, port int) embedded.Options {
	return embedded.Options{
		Jar: cfg.EmbeddedJar, DataDir: dataDir, Port: port,
		Heap: cfg.EmbeddedHeap, PageCache: cfg.EmbeddedPageCache, Logger: log,
		PortSetting: "set NEWSGRAPH_NEO4J_PORT to another port (or NEO4J_URI to use a Neo4j that already runs)",
		DataSetting: "set NEWSGRAPH_NEO4J_DATA to another directory (or NEO4J_URI to use the Neo4j that already runs)",
	}
}

// superviseEmbedded starts the embedded Neo4j for serve and restarts it whenever it
// exits on its own (embedded.Supervisor).
func superviseEmbedded(ctx context.Context, cfg config.Config, log *slog.Logger) (*embedded.Supervisor, error) {
	return embedded.Supervise(ctx, embeddedOptions(cfg, log, cfg.EmbeddedDataDir, cfg.EmbeddedPort))
}

// stopEmbedded stops an embedded Neo4j (an Instance or a Supervisor), waiting up to a
// minute for a clean shutdown.
func stopEmbedded(db interface{ Stop(context.Context) error }) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	_ = db.Stop(ctx)
}
