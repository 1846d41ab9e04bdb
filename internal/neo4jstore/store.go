// Package neo4jstore is newsgraph's Neo4j adapter: one driver per process, every query
// a named file from the cypher package, run with the caller's context, a server-side
// timeout and the configured database, and every Neo4j error translated into a
// domain.Error here so that no other package needs to know the driver.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/newsgraph/newsgraph/cypher"
	appconfig "github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Options configure a Store.
type Options struct {
	URI      string
	Username string
	Password string // empty: no auth
	Database string
	// QueryTimeout bounds every transaction on the server side as well (WithTxTimeout),
	// so an abandoned request cannot keep Neo4j busy.
	QueryTimeout time.Duration
}

// Store runs newsgraph's queries against one Neo4j database.
type Store struct {
	driver  neo4j.DriverWithContext
	db      string
	timeout time.Duration
	observe QueryObserver
	// consoleAdmission makes counting the console's transactions and beginning a new
	// one a single step, so that parallel requests cannot all find room for one more.
	consoleAdmission sync.Mutex
	// zones caches, by name, whether Neo4j knows a time zone (Store.checkZones).
	zones sync.Map
	// keys caches which id labels lack a uniqueness constraint (Store.unkeyedLabels).
	keys       atomic.Pointer[keyCheck]
	keysAsking atomic.Bool // a request is asking for the constraints again
	// outOfReach is set when a read gave up, or a ping failed, because Neo4j could not
	// be reached, and cleared by anything Neo4j answers (noteReach). While it is set,
	// reads that cannot reach Neo4j fail at once instead of retrying (readWithin).
	outOfReach atomic.Bool
	// unresponsive is set when a ping found Neo4j taking connections but not answering
	// (a frozen process, a partition), and cleared by anything Neo4j answers. While it is
	// set, reads fail at once, and a query that runs out of time says Neo4j does not
	// answer: each waited 5 s for a connection, or its 15 s for a 504 that told the
	// client to narrow a query that was never the problem.
	unresponsive atomic.Bool
	// refusedUntil is when a query may next try Neo4j after it refused newsgraph's
	// credentials (Unix nanoseconds; 0 while it has not): every request trying made one
	// failed login, and after a few Neo4j locks the account for everyone who uses it.
	refusedUntil atomic.Int64
}

// credentialsRetry is how long reads and pings answer a refusal of the credentials
// without asking Neo4j again: Neo4j locks an account for 5 s after 3 failed logins.
const credentialsRetry = 10 * time.Second

// errCredentials is the answer while Neo4j refuses newsgraph's credentials.
func errCredentials(err error) error {
	return &domain.Error{Code: domain.EUnavailable, Message: "Neo4j refused newsgraph's credentials; check NEO4J_USERNAME and NEO4J_PASSWORD.", Err: err}
}

// refused returns the credentials error while a recent refusal stands, else nil.
func (s *Store) refused() error {
	if until := s.refusedUntil.Load(); until != 0 && time.Now().UnixNano() < until {
		return errCredentials(nil)
	}
	return nil
}

// QueryObserver is told about every query the store runs: its name (cypher.NameOf,
// "adhoc" for a query that is not a named file), how long the round trip took, and
// the translated error. It lets the HTTP adapter export Neo4j latency as metrics
// without the store knowing about HTTP.
type QueryObserver func(name string, elapsed time.Duration, err error)

// Observe installs f; call it before the store serves queries.
func (s *Store) Observe(f QueryObserver) { s.observe = f }

// Open creates the driver without contacting the server, so that the API can start
// while Neo4j is still down and become ready when it comes up.
func Open(o Options) (*Store, error) {
	auth := neo4j.NoAuth()
	if o.Password != "" {
		auth = neo4j.BasicAuth(o.Username, o.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(o.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = 3 * time.Second
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.MaxConnectionPoolSize = 100
		// An interactive API should answer 503 quickly when Neo4j is down rather than
		// retry for the driver's default 30 seconds.
		c.MaxTransactionRetryTime = retryTime
	})
	if err != nil {
		// The driver's message may quote the URI too; neither may show a password in it.
		msg := strings.ReplaceAll(err.Error(), o.URI, appconfig.RedactURI(o.URI))
		return nil, domain.Errorf(domain.EInvalid, "cannot use NEO4J_URI %q: %s", appconfig.RedactURI(o.URI), msg)
	}
	if o.Database == "" {
		o.Database = "neo4j"
	}
	if o.QueryTimeout == 0 {
		o.QueryTimeout = 15 * time.Second
	}
	return &Store{driver: driver, db: o.Database, timeout: o.QueryTimeout}, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Database names the database every query runs against.
func (s *Store) Database() string { return s.db }

// Ping checks that the database answers; it returns EUnavailable with a reason when not,
// also when it does not answer within pingTimeout (a frozen process, a network
// partition): that is no query taking too long, which a timeout's 504 would say.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.refused(); err != nil {
		return err
	}
	pingCtx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	err := s.driver.VerifyConnectivity(pingCtx)
	s.noteReach(err)
	if err != nil && ctx.Err() == nil && pingCtx.Err() != nil {
		s.unresponsive.Store(true)
		return errNoAnswer(err)
	}
	return translate(err)
}

// errNoAnswer is the answer while Neo4j takes connections but does not answer.
func errNoAnswer(err error) error {
	return &domain.Error{Code: domain.EUnavailable, Message: "Neo4j does not answer.", Err: err}
}

// pingTimeout bounds a Ping: a Neo4j that answers does so in milliseconds.
const pingTimeout = 3 * time.Second

// ServerVersion describes the Neo4j server, e.g. "Neo4j Kernel 5.26.30 community".
func (s *Store) ServerVersion(ctx context.Context) (string, error) {
	res, err := s.read(ctx, cypher.Query("server_version"), nil)
	if err != nil {
		return "", err
	}
	if len(res.Records) == 0 {
		return "", domain.Errorf(domain.EInternal, "dbms.components() returned nothing")
	}
	r := res.Records[0]
	name, _, _ := neo4j.GetRecordValue[string](r, "name")
	version, _, _ := neo4j.GetRecordValue[string](r, "version")
	edition, _, _ := neo4j.GetRecordValue[string](r, "edition")
	return fmt.Sprintf("%s %s %s", name, version, edition), nil
}

// read runs one read query, routed to readers, against the configured database, in one
// Bolt round trip (RunRead), with request as its one parameter (Request). The driver
// retries only managed transactions, so read retries what it would (a lost connection,
// a cluster member going away) for as long (retryTime): a read is safe to repeat. Once
// Neo4j is known to be out of reach (outOfReach), a read that cannot reach it either
// fails at once: retrying made every request wait 2.5 s for its 503 for as long as
// Neo4j was down, and the page felt hung instead of saying so.
func (s *Store) read(ctx context.Context, query string, request map[string]any) (*neo4j.EagerResult, error) {
	return s.readWithin(ctx, query, request, s.timeout)
}

// readWithin is read with another time limit than the store's.
func (s *Store) readWithin(ctx context.Context, query string, request map[string]any, timeout time.Duration) (*neo4j.EagerResult, error) {
	if err := s.refused(); err != nil {
		return nil, err
	}
	if s.unresponsive.Load() {
		return nil, errNoAnswer(nil)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	params := Request(request)
	res, err := RunRead(ctx, s.driver, s.db, query, params, timeout)
	for wait := 50 * time.Millisecond; retryable(err) && !(s.outOfReach.Load() && cannotReach(err)) &&
		time.Since(start)+wait < retryTime; wait = min(2*wait, time.Second) {
		if !sleep(ctx, wait) {
			break
		}
		res, err = RunRead(ctx, s.driver, s.db, query, params, timeout)
	}
	if err := s.finish(query, start, err); err != nil {
		return nil, err
	}
	return res, nil
}

// retryable reports whether a read that failed with err may pass if tried again: what
// the driver retries, except the per-transaction memory cap, which the same query
// meets again.
func retryable(err error) bool {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && strings.HasSuffix(ne.Code, "MemoryPoolOutOfMemoryError") {
		return false
	}
	return neo4j.IsRetryable(err)
}

// sleep waits d, or less when ctx ends first; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// retryTime bounds the retries of every query: the driver's of managed transactions
// (MaxTransactionRetryTime) and read's own.
const retryTime = 3 * time.Second

// RunRead runs query as one auto-commit read transaction on database, routed to
// readers, with a server-side timeout, and reads the whole result. RUN and PULL leave
// together and the answer comes back in one round trip; a managed transaction
// (neo4j.ExecuteQuery) needs a second one for COMMIT, which cost 0.16 ms of a 0.56 ms
// `RETURN 1` here. Sessions share the driver's bookmark manager with ExecuteQuery, so
// a read after newsgraph's own writes sees them on a cluster too. The benchmarks call
// it for their driver-only path, so that both paths do the same Bolt work.
func RunRead(ctx context.Context, driver neo4j.DriverWithContext, database, query string, params map[string]any, timeout time.Duration) (*neo4j.EagerResult, error) {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: driver.ExecuteQueryBookmarkManager()})
	defer session.Close(ctx)
	result, err := session.Run(ctx, query, params, neo4j.WithTxTimeout(timeout))
	if err != nil {
		return nil, err
	}
	records, err := result.Collect(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := result.Keys()
	if err != nil {
		return nil, err
	}
	summary, err := result.Consume(ctx)
	if err != nil {
		return nil, err
	}
	return &neo4j.EagerResult{Keys: keys, Records: records, Summary: summary}, nil
}

// Request makes the parameters of a query the API runs: one map, $request, holding the
// request's values ($request.key, $request.types, ...). Neo4j caches a plan per query and
// per shape of its parameters: which are null, and the size class of each string and
// list. Planning the neighbourhood query takes about a second, and an id of a new
// length or a new combination of filters made every one of those shapes plan again;
// inside a map the values have no shape, so each query is planned once.
func Request(values map[string]any) map[string]any {
	if values == nil {
		values = map[string]any{}
	}
	return map[string]any{"request": values}
}

// write runs one write query against the configured database in a managed
// transaction (neo4j.ExecuteQuery), which the driver retries on transient failures.
func (s *Store) write(ctx context.Context, query string, params map[string]any) (*neo4j.EagerResult, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	start := time.Now()
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.timeout)))
	if err := s.finish(query, start, err); err != nil {
		return nil, err
	}
	return res, nil
}

// finish translates a query's error and reports the query to the observer.
func (s *Store) finish(query string, start time.Time, err error) error {
	s.noteReach(err)
	err = translate(err)
	if domain.ErrorCodeOf(err) == domain.ETimeout && s.unresponsive.Load() {
		err = errNoAnswer(err)
	}
	if s.observe != nil {
		s.observe(cypher.NameOf(query), time.Since(start), err)
	}
	return err
}

// javaCause is the "Caused by: java.lang.IllegalArgumentException: " a procedure's
// error message can carry: the class names of Neo4j's internals mean nothing to a
// client and only tell an attacker what runs behind the API.
var javaCause = regexp.MustCompile(`(?:Caused by: )?\b(?:[a-z_][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): `)

// javaPackage is the package part of a fully qualified Neo4j or Java class name
// (org.neo4j.graphdb.schema.AnalyzerProvider): the class's own name says what a
// message means, its package only where it lives.
var javaPackage = regexp.MustCompile(`\b(?:org\.neo4j|org\.apache|java|javax|jdk|sun|com\.sun)\.(?:[a-z_][a-z0-9_]*\.)*([A-Z])`)

// withoutJavaClasses drops Java exception class names, and the packages of any other
// class names, from a Neo4j message.
func withoutJavaClasses(msg string) string {
	return javaPackage.ReplaceAllString(javaCause.ReplaceAllString(msg, ""), "$1")
}

// translate maps driver and server errors to domain errors. It is the only place that
// inspects Neo4j error codes.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	// The driver wraps a transient failure it gave up retrying; the last attempt's
	// error is what tells the user why (notably the memory cap, which no retry passes).
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return translate(limit.Errors[len(limit.Errors)-1])
	}
	// The driver found no connection in time (ConnectionAcquisitionTimeout, or the
	// request's limit): every one in use, or Neo4j taking connections and not answering.
	// The query never ran, so this is no query taking too long, as a 504 would say.
	if strings.Contains(err.Error(), "Timeout while waiting for connection") {
		return &domain.Error{Code: domain.EUnavailable, Message: "No connection to Neo4j came free in time: it is busy, or does not answer; try again shortly.", Err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &domain.Error{Code: domain.ETimeout, Message: "The query took longer than the time limit.", Err: err}
	}
	if errors.Is(err, context.Canceled) {
		return &domain.Error{Code: domain.ETimeout, Message: "The request was cancelled.", Err: err}
	}
	var ne *neo4j.Neo4jError
	isNeo4j := errors.As(err, &ne)
	// The driver reports a deadline passing or a cancellation mid-read as an error that
	// wraps neither context error ("Reading from connection has been canceled"): our time
	// limit or a client gone, not an outage. Only the driver's own errors are read so:
	// Neo4j's messages quote the query, which may hold the same words.
	if !isNeo4j && strings.Contains(err.Error(), context.DeadlineExceeded.Error()) {
		return &domain.Error{Code: domain.ETimeout, Message: "The query took longer than the time limit.", Err: err}
	}
	if !isNeo4j && strings.Contains(err.Error(), context.Canceled.Error()) {
		// Wrapped so that errors.Is finds the cancellation (the query metrics count it apart).
		return &domain.Error{Code: domain.ETimeout, Message: "The request was cancelled.", Err: fmt.Errorf("%w: %w", context.Canceled, err)}
	}
	if isNeo4j {
		switch {
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Statement.SyntaxError"),
			strings.HasPrefix(ne.Code, "Neo.ClientError.Statement.SemanticError"),
			strings.HasPrefix(ne.Code, "Neo.ClientError.Statement.ArgumentError"),
			strings.HasPrefix(ne.Code, "Neo.ClientError.Statement.TypeError"):
			return &domain.Error{Code: domain.ESyntax, Message: withoutJavaClasses(ne.Msg), Fields: syntaxPosition(ne.Msg), Err: err}
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Statement.ParameterMissing"):
			// Only a console query can lack a parameter: the request's params are at
			// fault, not the query, so the answer names the parameter as a bad value does.
			return missingParameters(ne.Msg, err)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"),
			strings.Contains(ne.Code, "TransactionTimedOut"):
			return &domain.Error{Code: domain.ETimeout, Message: "The query took longer than the time limit.", Err: err}
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security"):
			return errCredentials(err)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Database.DatabaseNotFound"):
			return &domain.Error{Code: domain.EUnavailable, Message: "The configured database does not exist; check NEO4J_DATABASE.", Err: err}
		case strings.HasPrefix(ne.Code, "Neo.DatabaseError.Schema.ConstraintCreationFailed"):
			// Only EnsureSchema makes constraints: data already in a database newsgraph did
			// not set up has two nodes with one id.
			return &domain.Error{Code: domain.EInvalid, Err: err, Message: "Neo4j cannot create newsgraph's schema, whose ids of :Entity, :Fact, :Source and :Conflict nodes are unique, " +
				"because data already in the database has one id twice: " + withoutJavaClasses(ne.Msg) +
				" Give those nodes different ids, or use another database (NEO4J_DATABASE)."}
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Schema.ConstraintValidationFailed"):
			// Only a load writes: the data breaks a constraint the database has (one of
			// its own, on a database newsgraph did not set up).
			return &domain.Error{Code: domain.EInvalid, Message: "Neo4j refused the data, which breaks one of its constraints: " + withoutJavaClasses(ne.Msg), Err: err}
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Statement."), strings.HasPrefix(ne.Code, "Neo.ClientError.Procedure."):
			// The statement failed while running (a division by zero, a malformed
			// full-text query): the caller's input is at fault and Neo4j says how.
			return &domain.Error{Code: domain.EInvalid, Message: withoutJavaClasses(ne.Msg), Err: err}
		case strings.HasSuffix(ne.Code, "MemoryPoolOutOfMemoryError"):
			// The per-transaction memory cap (db.memory.transaction.max) stopped the query:
			// retrying cannot help, the query must ask for less.
			return &domain.Error{Code: domain.ERefused, Message: "The query needs more memory than one query may use here; add a LIMIT or aggregate less.", Err: err}
		case strings.HasPrefix(ne.Code, "Neo.TransientError"):
			return &domain.Error{Code: domain.EUnavailable, Message: "Neo4j is temporarily unavailable; try again.", Err: err}
		}
		return &domain.Error{Code: domain.EInternal, Message: "Neo4j reported an error.", Err: err}
	}
	if neo4j.IsConnectivityError(err) || isUsageConnectivity(err) {
		return &domain.Error{Code: domain.EUnavailable, Message: "Neo4j cannot be reached.", Err: err}
	}
	return &domain.Error{Code: domain.EInternal, Message: "Unexpected database error.", Err: err}
}

// noteReach records in outOfReach what the outcome err of a query or ping says of
// Neo4j's reach: an answer, even an error Neo4j sent, clears it; failing to reach
// Neo4j sets it; anything else (a time limit, a cancelled request) says nothing. A
// refusal of the credentials holds further attempts back (refusedUntil); a success
// lifts that.
func (s *Store) noteReach(err error) {
	var ne *neo4j.Neo4jError
	switch {
	case err == nil:
		s.refusedUntil.Store(0)
	case errors.As(err, &ne) && (strings.HasPrefix(ne.Code, "Neo.ClientError.Security.Unauthorized") ||
		strings.HasPrefix(ne.Code, "Neo.ClientError.Security.AuthenticationRateLimit")):
		s.refusedUntil.Store(time.Now().Add(credentialsRetry).UnixNano())
	}
	switch {
	case err == nil, errors.As(err, &ne):
		s.outOfReach.Store(false)
		s.unresponsive.Store(false)
	case cannotReach(err):
		s.outOfReach.Store(true)
	}
}

// cannotReach reports whether err says that Neo4j could not be reached at all, as
// opposed to Neo4j answering with an error.
func cannotReach(err error) bool {
	var ne *neo4j.Neo4jError
	return err != nil && !errors.As(err, &ne) && domain.ErrorCodeOf(translate(err)) == domain.EUnavailable
}

// missingParameters reads Neo4j's "Expected parameter(s): x, y" into an invalid-input
// error naming params.x, as a malformed parameter value is named.
func missingParameters(msg string, err error) error {
	_, list, ok := strings.Cut(msg, "Expected parameter(s): ")
	if !ok {
		return &domain.Error{Code: domain.EInvalid, Message: withoutJavaClasses(msg), Err: err}
	}
	names := strings.Split(strings.TrimSpace(list), ", ")
	shown := make([]string, len(names))
	for i, name := range names {
		shown[i] = "$" + name
	}
	return &domain.Error{Code: domain.EInvalid,
		Message: "The query uses " + strings.Join(shown, ", ") + ", which params does not give.",
		Fields:  map[string]any{"parameter": "params." + names[0]}, Err: err}
}

// isUsageConnectivity catches pool-acquisition failures that the driver reports as
// usage errors while the server is down.
func isUsageConnectivity(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "ConnectivityError") ||
		strings.Contains(msg, "no route to host") || strings.Contains(msg, "i/o timeout") ||
		strings.Contains(msg, "connection reset")
}

// syntaxPosition extracts Neo4j's "(line 1, column 8 (offset: 7))" from a message.
func syntaxPosition(msg string) map[string]any {
	var line, col, off int
	i := strings.Index(msg, "(line ")
	if i < 0 {
		return nil
	}
	if n, _ := fmt.Sscanf(msg[i:], "(line %d, column %d (offset: %d))", &line, &col, &off); n < 2 {
		return nil
	}
	return map[string]any{"line": line, "column": col, "offset": off}
}
