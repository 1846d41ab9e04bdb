package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/embedded"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// load validates dataset files (the built-in ones when none are named) and, only if
// every file is valid, applies the schema and loads them in one transaction.
func load(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	batch := fs.Int("batch", neo4jstore.DefaultBatchSize, "rows per UNWIND statement")
	timeout := fs.Duration("timeout", 5*time.Minute, "time limit of the whole load transaction")
	allowDeletions := fs.Bool("allow-deletions", false, fmt.Sprintf("let a reload remove more than half of a dataset's nodes (at least %d), which is refused otherwise", neo4jstore.MassDeletion))
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: newsgraph load [flags] [FILE.yaml ...]   (default: the built-in datasets)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Neo4j refused these as "Internal error." after the files were read.
	if *batch < 1 {
		fmt.Fprintf(os.Stderr, "newsgraph: load: -batch must be at least 1, got %d\n", *batch)
		return exitCode(2)
	}
	if *timeout <= 0 {
		fmt.Fprintf(os.Stderr, "newsgraph: load: -timeout must be positive, such as 5m, got %s\n", *timeout)
		return exitCode(2)
	}
	checking := newCheckProgress(os.Stderr, time.Now, time.Second)
	datasets, err := readDatasets(ctx, fs.Args(), checking.report)
	if err != nil {
		// Every problem, one "file:line: message" per line, and nothing written.
		fmt.Fprintln(os.Stderr, domain.ErrorMessageOf(err))
		if ctx.Err() != nil {
			return exitCode(exitInterrupted) // Ctrl-C during the check, as during the load
		}
		return exitCode(1)
	}
	checking.done()

	if cfg.Neo4jURI == "" {
		uri, running, err := runningEmbedded(ctx, cfg)
		if err != nil {
			return err
		}
		if running {
			// make run's database: a second one cannot open the same data.
			log.Info("loading into the embedded Neo4j already running on this data", "uri", uri, "data", cfg.EmbeddedDataDir)
			cfg.Neo4jURI = uri
		} else {
			db, err := startEmbedded(ctx, cfg, log, cfg.EmbeddedDataDir, cfg.EmbeddedPort)
			if err != nil {
				return err
			}
			defer stopEmbedded(db)
			cfg.Neo4jURI = db.URI
		}
	}
	store, err := neo4jstore.Open(neo4jstore.Options{
		URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase, QueryTimeout: *timeout,
	})
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	// The built-in datasets are in the binary: no file of theirs can be cut short or
	// misspelt by hand.
	builtin := len(fs.Args()) == 0
	if !builtin {
		// Best effort: a database that cannot say its types is told nothing of them.
		known := map[string]int64{}
		if schema, err := store.Schema(ctx); err == nil {
			for _, t := range schema.RelationshipTypes {
				known[t.Name] = t.Count
			}
		}
		for _, note := range dataset.TypoNotes(datasets, known) {
			fmt.Fprintln(os.Stderr, "load: note:", note)
		}
	}
	summary, err := loadInto(ctx, store, datasets, neo4jstore.LoadOptions{BatchSize: *batch, Timeout: *timeout,
		AllowMassDeletion: *allowDeletions || builtin}, os.Stderr)
	if errors.Is(err, errIndexesPending) && ctx.Err() != nil {
		fmt.Fprintln(os.Stderr, "newsgraph: loaded", summary, "- then interrupted while Neo4j brought its indexes up to date; search finds the new names once it has")
		return exitCode(exitInterrupted)
	}
	if err != nil && ctx.Err() != nil {
		// The load's one transaction was rolled back (Store.Load does not interrupt its
		// commit); "The request was cancelled." said neither who cancelled it nor what
		// became of the data.
		fmt.Fprintln(os.Stderr, "newsgraph: load interrupted; nothing was changed, the database holds what it held before")
		return exitCode(exitInterrupted)
	}
	if err != nil {
		msg := domain.ErrorMessageOf(err)
		if domain.ErrorCodeOf(err) == domain.EUnavailable {
			msg += " Neo4j was asked at " + cfg.Neo4jAddress() + " (NEO4J_URI)."
		}
		fmt.Fprintln(os.Stderr, msg)
		if domain.ErrorCodeOf(err) == domain.EInternal {
			log.Error("load failed", "err", err)
		}
		return exitCode(1)
	}
	fmt.Println("loaded", summary)
	return nil
}

// runningEmbedded reports the URI of the embedded Neo4j already serving the configured
// data directory (the one `make run` started), which load then uses instead of starting
// a second one on the same data. A database that recorded itself there but no longer
// answers died without cleaning up, and load starts its own; one that answers but
// refuses the credentials is an error worth showing.
func runningEmbedded(ctx context.Context, cfg config.Config) (string, bool, error) {
	uri, ok := embedded.Running(cfg.EmbeddedDataDir)
	if !ok {
		return "", false, nil
	}
	u, err := url.Parse(uri)
	if err != nil {
		return "", false, nil
	}
	conn, err := (&net.Dialer{Timeout: 2 * time.Second}).DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return "", false, nil // nothing listens there any more
	}
	conn.Close()
	store, err := neo4jstore.Open(neo4jstore.Options{URI: uri, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase, QueryTimeout: 5 * time.Second})
	if err != nil {
		return "", false, err
	}
	defer store.Close(context.Background())
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := store.Ping(ctx); err != nil {
		return "", false, err
	}
	return uri, true, nil
}

// readDatasets parses and validates the named files, telling report how far it has
// got, or the built-in datasets (checked in milliseconds); Ctrl-C stops the check of
// the named files.
func readDatasets(ctx context.Context, paths []string, report func(dataset.Progress)) ([]domain.Dataset, error) {
	if len(paths) == 0 {
		return dataset.Builtin()
	}
	return dataset.ReadFilesProgress(ctx, report, paths...)
}

// progressLines prints a command's progress lines on w, at most one every interval
// unless a line must show (now is the clock): the check of the files and the load's
// batches show at the same pace.
type progressLines struct {
	w     io.Writer
	now   func() time.Time
	every time.Duration
	last  time.Time // of the last line, or of the start
}

// due reports whether a line may be printed now (always when must), and if so counts
// it as printed.
func (l *progressLines) due(must bool) bool {
	t := l.now()
	if !must && t.Sub(l.last) < l.every {
		return false
	}
	l.last = t
	return true
}

// checkProgress shows the check of the dataset files as the load shows its batches
// ("load: reading big.yaml 9.4/28.0 MB", "load: checking ids 1000/5000 items"):
// checking a 28 MB file took 9 s of silence. Its first line comes once the check has
// run for an interval, so that a check quicker than that (any file of a few MB) prints
// nothing.
type checkProgress struct {
	progressLines
	shown   bool              // a line was printed
	unshown *dataset.Progress // the latest progress not printed
}

func newCheckProgress(w io.Writer, now func() time.Time, every time.Duration) *checkProgress {
	return &checkProgress{progressLines: progressLines{w: w, now: now, every: every, last: now()}}
}

// report is the check's progress callback.
func (c *checkProgress) report(p dataset.Progress) {
	if c.due(false) {
		c.shown, c.unshown = true, nil
		c.print(p)
		return
	}
	c.unshown = &p
}

// done ends a check that was shown with its last step's total, so that the lines
// say it finished before the load's own follow; a check not shown stays silent.
func (c *checkProgress) done() {
	if c.shown && c.unshown != nil {
		c.print(*c.unshown)
		c.unshown = nil
	}
}

func (c *checkProgress) print(p dataset.Progress) {
	step := p.Step
	if p.File != "" {
		step += " " + p.File
	}
	if p.Unit == "bytes" {
		fmt.Fprintf(c.w, "load: %s %.1f/%.1f MB\n", step, float64(p.Done)/(1<<20), float64(p.Total)/(1<<20))
		return
	}
	fmt.Fprintf(c.w, "load: %s %d/%d %s\n", step, p.Done, p.Total, p.Unit)
}

// batchProgress shows a load's progress: each stage before the first write, and for a
// step larger than one batch its first batch, its last, and between them at most a
// line an interval. A line per batch was about 200 lines for 105,585 entities.
type batchProgress struct {
	progressLines
	batch int // a step of at most this many rows writes in one batch: no line
}

func newBatchProgress(w io.Writer, now func() time.Time, every time.Duration, batch int) *batchProgress {
	return &batchProgress{progressLines: progressLines{w: w, now: now, every: every}, batch: batch}
}

// report is the load's progress callback (neo4jstore.LoadOptions.Progress).
func (b *batchProgress) report(p neo4jstore.LoadProgress) {
	switch {
	case p.Total == 0:
		fmt.Fprintf(b.w, "load: %s\n", p.Step)
	case p.Total <= b.batch:
	case b.due(p.Done <= b.batch || p.Done >= p.Total):
		fmt.Fprintf(b.w, "load: %s %d/%d\n", p.Step, p.Done, p.Total)
	}
}

// loadInto loads validated datasets (Store.Load applies the schema) and waits for the
// indexes, so that search sees the new names as soon as it returns. Its progress goes
// to progress (batchProgress).
func loadInto(ctx context.Context, store *neo4jstore.Store, datasets []domain.Dataset, opts neo4jstore.LoadOptions, progress io.Writer) (neo4jstore.LoadSummary, error) {
	batch := opts.BatchSize
	if batch <= 0 {
		batch = neo4jstore.DefaultBatchSize
	}
	opts.Progress = newBatchProgress(progress, time.Now, time.Second, batch).report
	summary, err := store.Load(ctx, datasets, opts)
	if err != nil {
		return summary, err
	}
	if err := store.AwaitIndexes(ctx, 30*time.Second); err != nil {
		return summary, fmt.Errorf("%w: %w", errIndexesPending, err)
	}
	return summary, nil
}

// errIndexesPending marks a load that committed but whose wait for the indexes failed.
var errIndexesPending = errors.New("the load committed; waiting for the indexes failed")
