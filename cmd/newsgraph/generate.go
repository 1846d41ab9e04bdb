package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/graphgen"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// generate writes a seeded power-law graph into the database at NEO4J_URI for the
// benchmarks, replacing any earlier graph of the same dataset and leaving other data alone.
func generate(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	config := graphgen.Flags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: newsgraph generate [flags]   (needs NEO4J_URI)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Refused before anything else: `generate 1000` ran the default 100,000-node graph.
	c, err := config()
	if err != nil {
		// A usage error, as load's flags and a value that does not parse are (2).
		fmt.Fprintln(os.Stderr, "newsgraph: generate:", domain.ErrorMessageOf(err))
		return exitCode(2)
	}
	if cfg.Neo4jURI == "" {
		return fmt.Errorf("NEO4J_URI is unset: start a database first (e.g. newsgraph neo4j -- newsgraph generate)")
	}

	g, err := graphgen.Generate(c)
	if err != nil {
		return err
	}
	store, err := neo4jstore.Open(neo4jstore.Options{
		URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase,
		// A batch of 5,000 relationships or one index wait can outlast an API request's limit.
		QueryTimeout: 5 * time.Minute,
	})
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	st, err := graphgen.Write(ctx, store, g, func(msg string) { log.Info(msg) })
	if err != nil {
		return err
	}
	fmt.Printf("generated %d nodes and %d relationships (dataset %q, seed %d, hub %s with %d %s) in %s\n",
		st.Nodes, st.Relationships, c.Dataset, c.Seed, g.HubID(), c.HubDegree, graphgen.HubType, st.Elapsed.Round(time.Millisecond))
	return nil
}
