package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/web"
)

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", cfg.ListenAddr, "listen address (NEWSGRAPH_ADDR)")
	loadBuiltin := fs.Bool("load", false, "load the built-in datasets once Neo4j answers")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: newsgraph serve [flags]   (starts the embedded Neo4j when NEO4J_URI is unset)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.ListenAddr = *addr // the flag wins, and the configuration logged is the one in effect
	if cfg.MetricsAddr != "" && cfg.MetricsAddr == cfg.ListenAddr {
		return fmt.Errorf("NEWSGRAPH_METRICS_ADDR is %s, the address of the page and API too; give the metrics another address, or leave NEWSGRAPH_METRICS_ADDR unset to serve /metrics with the API", cfg.MetricsAddr)
	}
	log.Info("configuration", "config", cfg, "gc", httpapi.TuneGC())

	// Take the addresses first: finding one taken only after starting the embedded
	// Neo4j wasted its start-up and said "serving" before failing.
	ln, err := listen(*addr, "NEWSGRAPH_ADDR or --addr")
	if err != nil {
		return err
	}
	defer ln.Close()
	var metricsLn net.Listener
	if cfg.MetricsAddr != "" {
		if metricsLn, err = listen(cfg.MetricsAddr, "NEWSGRAPH_METRICS_ADDR"); err != nil {
			return err
		}
		defer metricsLn.Close()
	}

	// The embedded Neo4j's address is known before it starts (the driver connects only
	// when asked), so the page, /healthz and /readyz (503, saying why) answer while it
	// starts: a connection taken then waited 15-20 s for its answer, and a liveness
	// probe with a short timeout failed on every start.
	startEmbedded := cfg.Neo4jURI == ""
	if startEmbedded {
		cfg.Neo4jURI = fmt.Sprintf("bolt://127.0.0.1:%d", cfg.EmbeddedPort)
	}
	store, err := neo4jstore.Open(neo4jstore.Options{
		URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase, QueryTimeout: cfg.RequestTimeout,
	})
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	api := httpapi.New(httpapi.Options{Store: store, Logger: log, RequestTimeout: cfg.RequestTimeout, Web: web.Dist(),
		DisableCompression: !cfg.Gzip, ConsoleSlots: cfg.ConsoleSlots, DisableConsole: cfg.ConsoleSlots == 0,
		SeparateMetrics: metricsLn != nil})
	srv := httpapi.NewHTTPServer(*addr, api.Handler(), cfg.RequestTimeout)
	errc := make(chan error, 2)
	if startEmbedded {
		api.Hold("starting the embedded Neo4j")
		go func() { errc <- srv.Serve(ln) }()
		log.Info("serving while the embedded Neo4j starts", "url", "http://"+*addr)
		db, err := superviseEmbedded(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer stopEmbedded(db)
	}
	if err := store.Ping(ctx); err != nil {
		// Not fatal: the server starts and /readyz says 503 until Neo4j answers.
		log.Warn("Neo4j is not reachable yet; serving anyway", "err", err)
	}
	if !*loadBuiltin {
		// Ready means the queries are planned: the first requests would plan them.
		api.Hold(planning)
		go keepWarm(ctx, store, api, log, false)
	} else {
		// Ready means the data is there: a client (or make run's user) that waits for
		// /readyz must not find an empty graph.
		api.Hold("loading the built-in datasets")
		go func() {
			if err := loadWhenReady(ctx, store, log); err != nil {
				if ctx.Err() == nil {
					// Ready would promise a graph that is not there. The reason stays in
					// the log: it may quote the database's data, and /readyz is public.
					api.Hold("the built-in datasets did not load (the server's log says why); restart the server once that is fixed")
				}
				return
			}
			// Ready once the queries are planned on the loaded data too (a load moves the
			// statistics plans depend on), so the first click does not plan them.
			api.Hold(planning) // /readyz said "loading" for the 20-50 s of planning
			var lastFailure string
			warmed := warm(ctx, store, log, &lastFailure)
			if warmed {
				api.Release()
			} else {
				api.Hold(planning) // until keepWarm has planned them
			}
			keepWarm(ctx, store, api, log, warmed)
		}()
	}
	if !startEmbedded {
		go func() { errc <- srv.Serve(ln) }()
		log.Info("serving", "url", "http://"+*addr)
	}
	if metricsLn != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", api.MetricsHandler())
		metricsSrv := httpapi.NewHTTPServer(cfg.MetricsAddr, mux, cfg.RequestTimeout)
		go func() { errc <- metricsSrv.Serve(metricsLn) }()
		// Closed at once on the way out: a scrape has nothing to finish.
		defer metricsSrv.Close()
		log.Info("serving metrics", "url", "http://"+cfg.MetricsAddr+"/metrics")
	}

	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		if cfg.ShutdownDelay > 0 {
			// Behind a load balancer, connections closed while it still sends requests
			// on them answer nothing: first it is told to stop (/readyz), then they close.
			api.Drain()
			log.Info("shutting down after NEWSGRAPH_SHUTDOWN_DELAY; /readyz answers 503 meanwhile", "delay", cfg.ShutdownDelay)
			time.Sleep(cfg.ShutdownDelay)
		}
		log.Info("shutting down")
	}
	// Requests in flight get their answers: each ends by the request timeout, the
	// console's too (504), so this much grace lets the slowest finish instead of having
	// its connection cut.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.RequestTimeout+5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// listen takes one of the server's addresses, saying which setting changes it when it
// is taken.
func listen(addr, setting string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("cannot serve on %s: the address is already in use; stop the process that uses it, or choose another address with %s", addr, setting)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot serve on %s (%s): %w", addr, setting, err)
	}
	return ln, nil
}

// loadWhenReady loads the built-in datasets as soon as Neo4j answers, retrying in the
// background so that the server can start before the database (the page shows what
// is loaded once the load commits; a reload of unchanged data writes nothing). It
// returns the error that made it give up (an invalid dataset, a failure that retrying
// will not mend, or ctx's error when it ended first), or nil when the datasets loaded.
func loadWhenReady(ctx context.Context, store *neo4jstore.Store, log *slog.Logger) error {
	datasets, err := dataset.Builtin()
	if err != nil {
		log.Error("the built-in dataset is invalid; nothing loaded", "problems", domain.ErrorMessageOf(err))
		return err
	}
	for wait := time.Second; ; wait = min(2*wait, 15*time.Second) {
		err := store.Ping(ctx)
		if err == nil {
			var summary neo4jstore.LoadSummary
			// The built-in datasets are in the binary: no file of theirs can be cut short.
			summary, err = loadInto(ctx, store, datasets, neo4jstore.LoadOptions{AllowMassDeletion: true}, io.Discard)
			if err == nil {
				log.Info("loaded the built-in datasets", "summary", summary.String())
				return nil
			}
			if code := domain.ErrorCodeOf(err); code != domain.EUnavailable && code != domain.ETimeout {
				log.Error("loading the built-in datasets failed", "err", err)
				return err
			}
		}
		log.Info("waiting for Neo4j to load the built-in datasets", "retry_in", wait, "err", domain.ErrorMessageOf(err))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// warm runs the API's queries once ahead (Store.Warm), so that the first request after a
// start (or after a load, which changes the statistics plans depend on) does not pay for
// planning them. It reports whether it did; a failure is logged unless it is the one
// logged last (lastFailure), since keepWarm tries again every few seconds.
func warm(ctx context.Context, store *neo4jstore.Store, log *slog.Logger, lastFailure *string) bool {
	start := time.Now()
	if err := store.Warm(ctx); err != nil {
		if msg := err.Error(); msg != *lastFailure {
			log.Warn("could not plan the API's queries ahead; trying again every few seconds", "err", err)
			*lastFailure = msg
		}
		return false
	}
	*lastFailure = ""
	log.Info("planned the API's queries ahead", "took", time.Since(start).Round(time.Millisecond))
	return true
}

// warmCheckInterval is how often keepWarm asks whether Neo4j answers and whether its
// schema changed: shorter than the few seconds a restart takes, so that the restart is
// seen.
const warmCheckInterval = 2 * time.Second

// planning is why /readyz waits while the API's queries are planned.
const planning = "planning the API's queries on the database"

// keepWarm plans the API's queries ahead (warm) whenever Neo4j answers and they have not
// been planned on it (warmed says whether they have): when it first comes up, after a
// warm-up that failed, after every restart, which empties its plan cache, and after
// every change of its schema (an index or constraint made or dropped, an index coming
// online), which empties it too. Without it the first requests after Neo4j came back
// took 4–10 s, and after a schema change 2–3 s, planning the neighbourhood query again;
// on a busy machine the first one after a start timed out. Until the queries are
// planned, api holds /readyz (planning). It runs until ctx ends.
func keepWarm(ctx context.Context, store *neo4jstore.Store, api *httpapi.Server, log *slog.Logger, warmed bool) {
	var schema, lastFailure string
	known := false // whether schema is the version the warm queries were planned on
	for {
		version, err := store.SchemaVersion(ctx)
		switch {
		case err != nil: // Neo4j gone (/readyz says so first), or not answering queries
			warmed = false
			api.Hold(planning) // once it answers again, until the queries are planned again
		case warmed && !known:
			schema, known = version, true
		case !warmed || version != schema:
			if warmed {
				log.Info("the database's schema changed; planning the API's queries again")
			}
			api.Hold(planning)
			if warmed = warm(ctx, store, log, &lastFailure); warmed {
				schema, known = version, true
				api.Release()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(warmCheckInterval):
		}
	}
}
