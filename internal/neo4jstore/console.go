package neo4jstore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
	"golang.org/x/text/width"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/cypherguard"
	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/jsonenc"
)

// The console's row cap, as the API documents it.
const (
	ConsoleDefaultLimit = 1000
	ConsoleMaxLimit     = 5000
)

// ConsoleMaxBytes caps the JSON of one answer's rows and graph together, so that a few
// rows of long strings (a parameter repeated in every row, say, each '<' of which JSON
// writes as six bytes) cannot become a response of hundreds of megabytes held in
// memory. Rows past the cap are cut as past the row cap are; a first row over it is
// refused. The graph takes what the rows leave: elements that do not fit are left out
// of it (graph.truncated), and it stops growing.
const ConsoleMaxBytes = 16 << 20

// consoleFetchSize is how many records the console asks Neo4j for at a time. Ten
// batches cost a 1000-row answer of small rows 2-4 ms over one batch here (16 ms for
// 13; 20-row batches cost 10 ms), and a cut at the size cap then leaves Neo4j at most
// this many rows to encode and the driver to read before it rolls back.
const consoleFetchSize = 100

// explainPrefix is what the console puts before a query to check its plan; positions in
// Neo4j's messages are shifted back by its length.
const explainPrefix = "EXPLAIN "

// refusedOperators are plan operators a read-only plan may contain but the console must
// not run: LOAD CSV reads files and URLs, the Transaction* operators commit on their own.
var refusedOperators = map[string]string{
	"LoadCSV":            "LOAD CSV reads files and URLs from the server",
	"TransactionApply":   "CALL { ... } IN TRANSACTIONS commits in separate transactions",
	"TransactionForeach": "CALL { ... } IN TRANSACTIONS commits in separate transactions",
}

// consoleApp marks the console's transactions in their metadata, for consoleBacklog
// and for an operator's SHOW TRANSACTIONS.
const consoleApp = "newsgraph-console"

// consoleBacklog is how many console queries Neo4j is still working on, including any
// that ran past their time limit and were answered 504 but keep computing (see
// cypher/queries/console_backlog.cypher). In a cluster it counts those of the member
// the read is routed to.
func (s *Store) consoleBacklog(ctx context.Context) (int, error) {
	res, err := s.read(ctx, cypher.Query("console_backlog"), map[string]any{"app": consoleApp})
	if err != nil {
		return 0, err
	}
	if len(res.Records) == 0 {
		return 0, nil
	}
	n, _, err := neo4j.GetRecordValue[int64](res.Records[0], "running")
	return int(n), err
}

// ConsoleQuery is one ad-hoc query from the public Cypher console.
type ConsoleQuery struct {
	Query string
	// Params are driver values; ParamsFromJSON makes them from a JSON request.
	Params map[string]any
	// Limit is the most rows returned, 1..ConsoleMaxLimit; 0 means ConsoleDefaultLimit.
	Limit int
	// MaxRunning refuses the query (EUnavailable) while Neo4j holds this many console
	// transactions, including those still computing after their time limit; 0: no check.
	MaxRunning int
}

// ConsoleResult is a console answer with every value already converted by ToJSON.
type ConsoleResult struct {
	Columns []string            `json:"columns"`
	Rows    [][]json.RawMessage `json:"rows"`
	// Graph holds every node, relationship and path found in the rows (and the
	// endpoints of returned relationships), for the page to draw.
	Graph     domain.Graph `json:"graph"`
	Truncated bool         `json:"truncated"`
	// QueryType is Neo4j's statement type from the plan; always "r" here.
	QueryType string  `json:"query_type"`
	ElapsedMS float64 `json:"elapsed_ms"`
	// size is how many bytes of the ConsoleMaxBytes the rows and graph take so far.
	size int
}

// Console runs an untrusted query read-only and bounded. It must pass two independent
// checks: the lexical guard (cypherguard) and Neo4j's own plan (EXPLAIN, query type
// must be read-only and no LOAD CSV, IN TRANSACTIONS or unlisted procedure). It then
// runs in a read transaction with a server-side timeout, reading at most Limit rows.
// Errors: ERefused, ESyntax (with line/column/offset), EInvalid (a bad limit or a query
// Neo4j rejects while running), ETimeout, EUnavailable.
func (s *Store) Console(ctx context.Context, q ConsoleQuery) (res *ConsoleResult, err error) {
	start := time.Now()
	limit := q.Limit
	if limit == 0 {
		limit = ConsoleDefaultLimit
	}
	if limit < 1 || limit > ConsoleMaxLimit {
		return nil, &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("limit must be an integer from 1 to %d, got %d.", ConsoleMaxLimit, limit),
			Fields:  map[string]any{"parameter": "limit", "value": limit, "min": 1, "max": ConsoleMaxLimit}}
	}
	if strings.TrimSpace(q.Query) == "" {
		return nil, &domain.Error{Code: domain.EInvalid, Message: "The query is empty.", Fields: map[string]any{"parameter": "query"}}
	}
	if r := cypherguard.Check(q.Query); r != nil {
		return nil, refusalError(r)
	}
	// Observed from here: what the checks above refuse never reaches Neo4j, and the
	// metric is of Neo4j's round trips.
	if s.observe != nil {
		queried := time.Now()
		defer func() { s.observe("console", time.Since(queried), err) }()
	}

	if err := s.checkZones(ctx, q.Params); err != nil {
		return nil, err
	}
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return nil, err
	}

	// Neo4j encodes a whole batch of records before the console sees the first, and the
	// driver reads the rest of a batch before it can roll back: a batch of limit + 1
	// rows of a 900 KB parameter had Neo4j encode 4.5 GB (out of direct memory) for an
	// answer the 16 MB cap cut after 18 rows. Small batches stop it soon after the cut.
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{
		AccessMode: neo4j.AccessModeRead, DatabaseName: s.db, FetchSize: min(limit+1, consoleFetchSize),
	})
	defer session.Close(context.WithoutCancel(ctx))
	tx, err := s.beginConsole(ctx, session, q.MaxRunning)
	if err != nil {
		return nil, err
	}
	// Nothing is ever committed: closing rolls back, which also stops the server from
	// producing rows nobody will read.
	defer tx.Close(context.WithoutCancel(ctx))

	queryType, err := explain(ctx, tx, q.Query, q.Params)
	if err != nil {
		return nil, err
	}
	res, err = readBounded(ctx, tx, q.Query, q.Params, limit, unkeyed)
	if err != nil {
		return nil, consoleError(err, q.Query, 0)
	}
	if err := s.completeGraph(ctx, tx, res, unkeyed); err != nil {
		return nil, translate(err)
	}
	// In the one order of every graph answer: elements found inside a map value came in
	// Go's random map order.
	res.Graph.Nodes = sortedBy(res.Graph.Nodes, compareNodes)
	res.Graph.Relationships = sortedBy(res.Graph.Relationships, compareRelationships)
	res.QueryType = queryType
	res.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// beginConsole begins the console's read transaction, tagged with consoleApp, unless
// Neo4j already holds maxRunning console transactions. Counting and beginning (which
// the driver does synchronously) happen under one lock, so that requests arriving
// together cannot all see room for one more.
func (s *Store) beginConsole(ctx context.Context, session neo4j.SessionWithContext, maxRunning int) (neo4j.ExplicitTransaction, error) {
	s.consoleAdmission.Lock()
	defer s.consoleAdmission.Unlock()
	if maxRunning > 0 {
		running, err := s.consoleBacklog(ctx)
		if err != nil {
			return nil, err
		}
		if running >= maxRunning {
			queries := "queries that"
			if running == 1 {
				queries = "query that"
			}
			return nil, domain.Errorf(domain.EUnavailable,
				"Neo4j is still working on %d earlier console %s ran past the time limit; try again in a few seconds (each frees its slot once Neo4j is done with it).", running, queries)
		}
	}
	tx, err := session.BeginTransaction(ctx, neo4j.WithTxTimeout(s.consoleTimeout(ctx)),
		neo4j.WithTxMetadata(map[string]any{"app": consoleApp}))
	return tx, translate(err)
}

// checkZones asks Neo4j, once per name, whether it knows each named time zone the
// parameters use: Go reads the system's zone files, which hold names and aliases
// (EST, posixrules, right/UTC, zones newer than Java's) that Neo4j refuses while
// decoding the request, which leaves the driver's connection broken (ParamsFromJSON).
func (s *Store) checkZones(ctx context.Context, params map[string]any) error {
	zones := map[string]string{} // zone name → the first parameter using it
	for k, v := range params {
		collectZones(v, "params."+k, zones)
	}
	for zone, path := range zones {
		known, seen := s.zones.Load(zone)
		if !seen {
			_, err := s.read(ctx, cypher.Query("zone_known"), map[string]any{"zone": zone})
			switch code := domain.ErrorCodeOf(err); {
			case err == nil:
				known = true
			case code == domain.ESyntax || code == domain.EInvalid:
				known = false
			default:
				return err
			}
			s.zones.Store(zone, known)
		}
		if !known.(bool) {
			return paramError(path, "Neo4j does not know the time zone %q", zone)
		}
	}
	return nil
}

// collectZones notes the named zones of the date-times in v (an offset is named
// "Offset" by ParamsFromJSON, and needs no check).
func collectZones(v any, path string, zones map[string]string) {
	switch x := v.(type) {
	case time.Time:
		if name := x.Location().String(); name != "Offset" {
			if _, ok := zones[name]; !ok {
				zones[name] = path
			}
		}
	case []any:
		for i, e := range x {
			collectZones(e, fmt.Sprintf("%s[%d]", path, i), zones)
		}
	case map[string]any:
		for k, e := range x {
			collectZones(e, path+"."+k, zones)
		}
	}
}

// ExplainQueryType runs only the second layer of the console's check: EXPLAIN in a read
// transaction, refusing (ERefused) unless the plan is read-only and free of refused
// operators. It returns Neo4j's statement type ("r"). The console calls it after the
// lexical guard; it is exported so tests can show it stands on its own.
func (s *Store) ExplainQueryType(ctx context.Context, query string, params map[string]any) (string, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead, DatabaseName: s.db})
	defer session.Close(context.WithoutCancel(ctx))
	tx, err := session.BeginTransaction(ctx, neo4j.WithTxTimeout(s.consoleTimeout(ctx)))
	if err != nil {
		return "", translate(err)
	}
	defer tx.Close(context.WithoutCancel(ctx))
	return explain(ctx, tx, query, params)
}

// consoleTimeout leaves the server a little less time than the caller's context, so
// that Neo4j ends a long query itself (and frees its memory) before the client gives up.
func (s *Store) consoleTimeout(ctx context.Context) time.Duration {
	deadline, ok := ctx.Deadline()
	if !ok {
		return s.timeout
	}
	left := time.Until(deadline)
	// Neo4j checks transaction timeouts every two seconds or so.
	grace := min(left/4, 2*time.Second)
	return max(left-grace, 50*time.Millisecond)
}

func explain(ctx context.Context, tx neo4j.ExplicitTransaction, query string, params map[string]any) (string, error) {
	result, err := tx.Run(ctx, explainPrefix+query, params)
	if err != nil {
		return "", consoleError(err, query, len(explainPrefix))
	}
	summary, err := result.Consume(ctx)
	if err != nil {
		return "", consoleError(err, query, len(explainPrefix))
	}
	queryType := summary.StatementType().String()
	if summary.StatementType() != neo4j.StatementTypeReadOnly {
		return "", &domain.Error{Code: domain.ERefused,
			Message: fmt.Sprintf("Neo4j's plan for this query is of type %q, not read-only (\"r\"); the console only runs read-only queries.", queryType),
			Fields:  map[string]any{"query_type": queryType}}
	}
	if reason := refusedPlan(summary.Plan()); reason != "" {
		return "", &domain.Error{Code: domain.ERefused, Message: reason + "; the console only runs read-only queries.",
			Fields: map[string]any{"query_type": queryType}}
	}
	return queryType, nil
}

// refusedPlan walks the plan for operators a read-only statement type does not rule
// out, returning why the plan is refused or "".
func refusedPlan(p neo4j.Plan) string {
	if p == nil {
		return ""
	}
	op, _, _ := strings.Cut(p.Operator(), "@")
	if reason := refusedOperators[op]; reason != "" {
		return "Neo4j's plan shows that " + reason
	}
	// SHOW and TERMINATE commands plan as read-only: TERMINATE TRANSACTIONS would end
	// other users' queries and the API's own from a read transaction. The lexical
	// guard refuses them first; this holds should a spelling ever get past it.
	if strings.HasPrefix(op, "Show") || strings.HasPrefix(op, "Terminate") {
		return fmt.Sprintf("Neo4j's plan runs the command %s, an administration command the console does not run", op)
	}
	if op == "ProcedureCall" {
		details, _ := p.Arguments()["Details"].(string)
		name, _, _ := strings.Cut(details, "(")
		name = strings.TrimSpace(name)
		allowed := false
		for _, a := range cypherguard.AllowedProcedures() {
			if strings.EqualFold(name, a) {
				allowed = true
			}
		}
		if !allowed {
			return fmt.Sprintf("Neo4j's plan calls the procedure %s, which is not on the console's allow-list", name)
		}
	}
	for _, c := range p.Children() {
		if reason := refusedPlan(c); reason != "" {
			return reason
		}
	}
	return ""
}

// readBounded runs the query and reads at most limit records and ConsoleMaxBytes of
// rows and graph together, converting each value as it goes; unkeyed are the id labels
// whose ids are not keys (Store.unkeyedLabels).
func readBounded(ctx context.Context, tx neo4j.ExplicitTransaction, query string, params map[string]any, limit int, unkeyed []string) (*ConsoleResult, error) {
	result, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	keys, err := result.Keys()
	if err != nil {
		return nil, err
	}
	res := &ConsoleResult{Columns: nonNil(keys), Rows: [][]json.RawMessage{}}
	g := newConsoleGraph(res, unkeyed)
	for len(res.Rows) < limit && result.Next(ctx) {
		rec := result.Record()
		row := make([]json.RawMessage, len(rec.Values))
		n := 0
		for i, v := range rec.Values {
			row[i] = ToJSON(v)
			n += len(row[i])
		}
		if res.size+n > ConsoleMaxBytes {
			if len(res.Rows) == 0 {
				return nil, &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf(
					"The first row alone is %d bytes as JSON, more than the console returns (%d MB, %d bytes); return less, e.g. slice long lists or strings.",
					n, ConsoleMaxBytes>>20, ConsoleMaxBytes),
					Fields: map[string]any{"max_bytes": ConsoleMaxBytes}}
			}
			res.Truncated = true
			break
		}
		res.size += n
		for _, v := range rec.Values {
			g.add(v)
		}
		res.Rows = append(res.Rows, row)
	}
	if err := result.Err(); err != nil {
		return nil, err
	}
	if !res.Truncated && len(res.Rows) == limit {
		res.Truncated = result.Peek(ctx)
		if err := result.Err(); err != nil {
			return nil, err
		}
	}
	res.Graph = g.graph
	res.Graph.Truncated = res.Truncated || g.full
	return res, nil
}

// consoleGraph collects the graph elements found anywhere in a result, once each, while
// they fit in the answer's cap.
type consoleGraph struct {
	res   *ConsoleResult // whose size the elements count against
	graph domain.Graph
	nodes map[string]bool
	rels  map[string]bool
	// conv writes long property values as previews, as every graph answer does: the
	// rows carry them whole, and a node in 3,000 rows would otherwise be sent twice.
	conv converter
	// full is set once an element did not fit: the graph then takes no more, so that
	// it does not hold a later, smaller element without an earlier one.
	full    bool
	scratch []byte
}

func newConsoleGraph(res *ConsoleResult, unkeyed []string) *consoleGraph {
	return &consoleGraph{res: res, graph: domain.Graph{Nodes: []domain.Node{}, Relationships: []domain.Relationship{}},
		nodes: map[string]bool{}, rels: map[string]bool{}, conv: converter{unkeyed: unkeyed, preview: true}}
}

// room counts a graph element's JSON against the answer's size and reports true, unless
// it would take the answer over ConsoleMaxBytes. scratch is a buffer to write it in.
func (res *ConsoleResult) room(e interface{ AppendJSON([]byte) []byte }, scratch *[]byte) bool {
	*scratch = e.AppendJSON((*scratch)[:0])
	if res.size+len(*scratch)+1 > ConsoleMaxBytes {
		return false
	}
	res.size += len(*scratch) + 1 // and a comma
	return true
}

// fits is room for the graph's elements; the first that does not fit fills the graph.
func (g *consoleGraph) fits(e interface{ AppendJSON([]byte) []byte }) bool {
	if !g.full && !g.res.room(e, &g.scratch) {
		g.full = true
	}
	return !g.full
}

func (g *consoleGraph) add(v any) {
	switch x := v.(type) {
	case dbtype.Node:
		if !g.nodes[x.ElementId] && !g.full {
			if n := g.conv.node(x); g.fits(n) {
				g.nodes[x.ElementId] = true
				g.graph.Nodes = append(g.graph.Nodes, n)
			}
		}
	case dbtype.Relationship:
		if !g.rels[x.ElementId] && !g.full {
			if r := g.conv.relationship(x); g.fits(r) {
				g.rels[x.ElementId] = true
				g.graph.Relationships = append(g.graph.Relationships, r)
			}
		}
	case dbtype.Path:
		for _, n := range x.Nodes {
			g.add(n)
		}
		for _, r := range x.Relationships {
			g.add(r)
		}
	case []any:
		for _, e := range x {
			g.add(e)
		}
	case map[string]any:
		for _, e := range x {
			g.add(e)
		}
	}
}

// Where console_nodes.cypher cuts a long value rather than ship it: values sure to be
// over PreviewLimit bytes of JSON, which the graph would show as a preview anyway. A
// string of n characters takes at least n+2 bytes, a list of n items 2n+1.
const (
	endpointMaxChars = PreviewLimit
	endpointMaxItems = PreviewLimit / 2
	// A preview keeps previewBytes bytes, never more characters.
	endpointPreviewChars = previewBytes
)

// completeGraph fetches, in the same read transaction, the endpoints of relationships
// whose nodes the query did not return, so every edge on the page has both ends, while
// they fit in the answer's cap.
func (s *Store) completeGraph(ctx context.Context, tx neo4j.ExplicitTransaction, res *ConsoleResult, unkeyed []string) error {
	g := &res.Graph
	have := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		have[n.ID] = true
	}
	var missing []any
	for _, r := range g.Relationships {
		for _, id := range []string{r.Start, r.End} {
			if !have[id] {
				have[id] = true
				missing = append(missing, id)
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	result, err := tx.Run(ctx, cypher.Query("console_nodes"), map[string]any{"ids": missing,
		"max_chars": endpointMaxChars, "max_items": endpointMaxItems, "preview_chars": endpointPreviewChars})
	if err != nil {
		return err
	}
	var scratch []byte
	for result.Next(ctx) {
		n, ok := endpointNode(result.Record(), unkeyed)
		if !ok {
			continue
		}
		if !res.room(n, &scratch) {
			// Not pulling the rest: closing the transaction stops Neo4j sending it.
			g.Truncated = true
			break
		}
		g.Nodes = append(g.Nodes, n)
	}
	if err := result.Err(); err != nil {
		return err
	}
	// A relationship whose ends the database does not hold (the virtual ones that
	// db.schema.visualization() makes up), or whose ends did not fit, stays in the rows
	// but cannot be drawn.
	present := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		present[n.ID] = true
	}
	g.Relationships = slices.DeleteFunc(g.Relationships, func(r domain.Relationship) bool { return !present[r.Start] || !present[r.End] })
	return nil
}

// endpointNode reads a node of console_nodes.cypher, whose long values come cut: a
// string as {"$type":"Truncated","characters":n,"preview":…} (its JSON size is unknown
// without the whole of it), a list as {"$type":"Truncated","items":n}. Every other value
// is written as in any graph answer, a preview past PreviewLimit.
func endpointNode(rec *neo4j.Record, unkeyed []string) (domain.Node, bool) {
	if len(rec.Values) < 3 {
		return domain.Node{}, false
	}
	id, _ := rec.Values[0].(string)
	labelList, _ := rec.Values[1].([]any)
	props, _ := rec.Values[2].([]any)
	labels := make([]string, 0, len(labelList))
	for _, l := range labelList {
		if text, ok := l.(string); ok {
			labels = append(labels, text)
		}
	}
	type property struct {
		key   string
		entry []any // [key, value], or [key, null, preview or null, characters or items]
	}
	list := make([]property, 0, len(props))
	whole := make(map[string]any, len(props)) // what names the node: a cut string names it by its start
	wholeID := ""
	for _, p := range props {
		entry, _ := p.([]any)
		if len(entry) < 2 {
			continue
		}
		key, _ := entry[0].(string)
		list = append(list, property{key, entry})
		if len(entry) == 2 {
			whole[key] = entry[1]
			if key == "id" {
				wholeID, _ = entry[1].(string)
			}
		} else if preview, ok := entry[2].(string); ok {
			whole[key] = preview
		}
	}
	slices.SortFunc(list, func(a, b property) int { return strings.Compare(a.key, b.key) })
	buf := []byte{'{'}
	for i, p := range list {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = jsonenc.String(buf, p.key)
		buf = append(buf, ':')
		if len(p.entry) == 2 {
			start := len(buf)
			buf = AppendJSON(buf, p.entry[1])
			if len(buf)-start > PreviewLimit {
				buf = appendPreview(buf[:start], p.entry[1], len(buf)-start)
			}
			continue
		}
		count, _ := p.entry[3].(int64)
		if preview, ok := p.entry[2].(string); ok {
			buf = append(buf, `{"$type":"Truncated","characters":`...)
			buf = strconv.AppendInt(buf, count, 10)
			buf = append(buf, `,"preview":`...)
			buf = jsonenc.String(buf, previewCut(preview))
		} else {
			buf = append(buf, `{"$type":"Truncated","items":`...)
			buf = strconv.AppendInt(buf, count, 10)
		}
		buf = append(buf, '}')
	}
	buf = append(buf, '}')
	key := ""
	if keyed(labels, unkeyed) {
		key = pathKey(wholeID) // an id of more than 4,096 characters came cut, and keys nothing
	}
	return domain.Node{ID: id, Key: key, Labels: labels, Name: displayName(func(i int) any { return whole[displayNameKeys[i]] }, id),
		Properties: buf}, true
}

// refusalError turns the lexical guard's refusal into the domain's error, with the
// position for the page to underline.
func refusalError(r *cypherguard.Refusal) error {
	code := domain.ERefused
	if r.Syntax {
		code = domain.ESyntax
	}
	fields := map[string]any{"line": r.Line, "column": r.Column, "offset": r.Offset}
	if r.Keyword != "" {
		fields["keyword"] = r.Keyword
	}
	msg := r.Reason
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:] + "."
	}
	return &domain.Error{Code: code, Message: msg, Fields: fields}
}

// consoleError translates a driver error for the console: the query is the user's, so
// Neo4j's message and position are the answer. shift is how many characters the
// console put in front of the query (EXPLAIN), which Neo4j's position includes.
func consoleError(err error, query string, shift int) error {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		// Some of Neo4j's functions fail on bad arguments as a database error
		// (substring('abc', -1)); in a query the user wrote, that is the input's fault.
		case ne.Code == "Neo.DatabaseError.Statement.ExecutionFailed":
			return &domain.Error{Code: domain.EInvalid, Message: withoutJavaClasses(ne.Msg), Err: err}
		// Neo4j 5.26's parser fails while it words a syntax error at the end of a query
		// that holds a character beyond 16 bits (an emoji) or a \uXXXX escape in a
		// string: "Index 36 out of bounds for length 36" as an unknown database error. Only reading the query could fail
		// that way while it is explained (nothing runs), so it is the query's syntax.
		case shift > 0 && ne.Code == "Neo.DatabaseError.General.UnknownError" && strings.Contains(ne.Msg, "out of bounds"):
			return &domain.Error{Code: domain.ESyntax, Err: err,
				Message: "Invalid syntax near the end of the query; Neo4j could not say where (it fails to when the query holds an emoji, another character beyond 16 bits, or a \\uXXXX escape)."}
		}
	}
	err = translate(err)
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.ESyntax || de.Fields == nil {
		return err
	}
	line, _ := de.Fields["line"].(int)
	col, _ := de.Fields["column"].(int)
	off, _ := de.Fields["offset"].(int)
	if line == 1 {
		col -= shift
	}
	off -= shift
	desc := de.Message
	if i := strings.Index(desc, " (line "); i >= 0 {
		desc = desc[:i]
	}
	if line < 1 || col < 1 || off < 0 {
		// A position outside the user's text (in the console's EXPLAIN, or Neo4j's
		// line 0): the description alone, without an echo of text they did not send.
		return &domain.Error{Code: domain.ESyntax, Message: desc, Err: de.Err}
	}
	msg := fmt.Sprintf("%s (line %d, column %d (offset: %d))", desc, line, col, off)
	if lines := strings.Split(query, "\n"); line <= len(lines) {
		msg += echoWithCaret(lines[line-1], col)
	}
	return &domain.Error{Code: domain.ESyntax, Message: msg,
		Fields: map[string]any{"line": line, "column": col, "offset": off}, Err: de.Err}
}

// echoWithCaret quotes line and puts a caret under its column col (1-based, in UTF-16
// units as Neo4j counts). The caret is placed by the quoted text's display columns, not
// by col: a character beyond 16 bits counts two units, an escaped quote or control
// character takes more than one column, a wide character (an emoji, CJK) two, a
// combining mark none.
func echoWithCaret(line string, col int) string {
	line = strings.TrimSuffix(line, "\r") // a query written with CRLF line ends
	units, cut := 0, len(line)
	for i, r := range line {
		if units >= col-1 {
			cut = i
			break
		}
		units += max(utf16.RuneLen(r), 1)
	}
	quotedPrefix := strconv.Quote(line[:cut])
	quotedPrefix = quotedPrefix[:len(quotedPrefix)-1] // the caret goes where the closing quote is
	return "\n" + strconv.Quote(line) + "\n" + strings.Repeat(" ", displayWidth(quotedPrefix)) + "^"
}

// displayWidth is the number of columns s takes in a monospaced font. A character
// shown as an emoji takes two whatever its own width: one followed by VS16 (U+FE0F,
// which asks for emoji presentation: "❤️", a keycap "1️⃣"), and a skin-tone modifier
// joins the emoji before it instead of taking columns of its own.
func displayWidth(s string) int {
	n, last := 0, 0 // last: the columns of the character the next marks attach to
	for _, r := range s {
		switch {
		case r == 0xFE0F: // a Mn, so it must come before the combining marks' case
			n += 2 - last
			last = 2
		case r >= 0x1F3FB && r <= 0x1F3FF && last == 2: // skin tones, after an emoji
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r):
		case width.LookupRune(r).Kind() == width.EastAsianWide, width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
			last = 2
		default:
			n++
			last = 1
		}
	}
	return n
}

// ParamsFromJSON converts query parameters decoded from JSON (with
// json.Decoder.UseNumber) into driver values: a number written without a fraction or
// exponent becomes an integer, any other a float, and {"$type": ...} objects in the
// forms ToJSON writes (Integer, Float, Bytes, Date, LocalTime, Time, LocalDateTime,
// DateTime, Duration, Point) become the Neo4j values they describe. Errors: EInvalid.
//
// Every value is checked here against what Neo4j accepts (point coordinates for their
// reference system, duration overflow, time offsets, nesting depth): Neo4j refuses a bad
// value while decoding the request, and the driver (5.28) then returns that connection
// to its pool unusable, failing the next query of whichever request borrows it.
func ParamsFromJSON(params map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(params))
	for k, v := range params {
		c, err := fromJSON(v, "params."+k, 1)
		if err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, nil
}

// maxParamDepth bounds how deeply lists and maps nest in a parameter: Neo4j decodes
// parameters recursively and drops the connection on a stack overflow a few thousand
// levels down.
const maxParamDepth = 64

// fromJSON converts one parameter value at path, where depth counts the lists and maps
// that hold it (1 for a value of params itself).
func fromJSON(v any, path string, depth int) (any, error) {
	// Only lists and maps count as levels: 64 lists around a number are 64 deep.
	switch v.(type) {
	case []any, map[string]any:
		if depth > maxParamDepth {
			return nil, paramError(path, "lists and maps nest more than %d deep", maxParamDepth)
		}
	}
	switch x := v.(type) {
	case json.Number:
		return numberFromJSON(string(x), path)
	case float64: // decoded without UseNumber: keep integral values integers anyway
		if x == math.Trunc(x) && math.Abs(x) <= maxSafeInteger {
			return int64(x), nil
		}
		return x, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			c, err := fromJSON(e, fmt.Sprintf("%s[%d]", path, i), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case map[string]any:
		if t, ok := x["$type"].(string); ok && t == "Map" {
			// A map whose own keys include "$type", as the console's rows write it.
			inner, isMap := x["value"].(map[string]any)
			if !isMap || len(x) != 2 {
				return nil, paramError(path, `a Map is {"$type": "Map", "value": {…}}, for a map whose keys include "$type"`)
			}
			x = inner
		} else if ok {
			return taggedFromJSON(t, x, path)
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			c, err := fromJSON(e, path+"."+k, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	}
	return v, nil
}

func numberFromJSON(s, path string) (any, error) {
	if !strings.ContainsAny(s, ".eE") {
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, paramError(path, "%s does not fit in a 64-bit integer", s)
		}
		return i, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, paramError(path, "%s is not a 64-bit float", s)
	}
	return f, nil
}

// taggedFromJSON reads the {"$type": ...} forms ToJSON writes.
func taggedFromJSON(t string, m map[string]any, path string) (any, error) {
	// A key the type does not have is refused, not ignored: the sender meant something
	// by it, and Neo4j would take another value than the one they wrote.
	if keys, known := taggedKeys[t]; known {
		for k := range m {
			if k != "$type" && !slices.Contains(keys, k) {
				return nil, paramError(path, "a %s has no %q (its keys: %s)", t, k, strings.Join(keys, ", "))
			}
		}
	}
	str := func(k string) (string, error) {
		s, ok := m[k].(string)
		if !ok {
			return "", paramError(path, "a %s needs %q as a string", t, k)
		}
		return s, nil
	}
	num := func(k string) (float64, error) {
		switch n := m[k].(type) {
		case json.Number:
			f, err := n.Float64()
			if err != nil {
				return 0, paramError(path, "a %s's %q, %s, is not a finite 64-bit float", t, k, n)
			}
			return f, nil
		case float64:
			return n, nil
		case map[string]any: // a tagged Float such as NaN
			f, err := taggedFromJSON("Float", n, path+"."+k)
			if err != nil {
				return 0, err
			}
			return f.(float64), nil
		}
		return 0, paramError(path, "a %s needs %q as a number", t, k)
	}
	integer := func(k string) (int64, error) {
		n, ok := m[k].(json.Number)
		if !ok {
			if f, isFloat := m[k].(float64); isFloat && f == math.Trunc(f) {
				return int64(f), nil
			}
			return 0, paramError(path, "a %s needs %q as an integer", t, k)
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			return 0, paramError(path, "a %s needs %q as a 64-bit integer, got %s", t, k, n)
		}
		return i, nil
	}
	switch t {
	case "Integer":
		s, err := str("value")
		if err != nil {
			return nil, err
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, paramError(path, "%q is not a 64-bit integer", s)
		}
		return i, nil
	case "Float":
		s, err := str("value")
		if err != nil {
			return nil, err
		}
		switch s {
		case "NaN":
			return math.NaN(), nil
		case "Infinity":
			return math.Inf(1), nil
		case "-Infinity":
			return math.Inf(-1), nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, paramError(path, "%q is not a float", s)
		}
		return f, nil
	case "Bytes":
		s, err := str("base64")
		if err != nil {
			return nil, err
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, paramError(path, "base64 is not valid standard base64: %v", err)
		}
		return b, nil
	case "Date", "LocalTime", "Time", "LocalDateTime", "DateTime":
		s, err := str("value")
		if err != nil {
			return nil, err
		}
		return temporalFromJSON(t, s, path)
	case "Duration":
		months, err := integer("months")
		if err != nil {
			return nil, err
		}
		days, err := integer("days")
		if err != nil {
			return nil, err
		}
		seconds, err := integer("seconds")
		if err != nil {
			return nil, err
		}
		nanos, err := integer("nanoseconds")
		if err != nil {
			return nil, err
		}
		if nanos < -999_999_999 || nanos > 999_999_999 {
			return nil, paramError(path, "a Duration's nanoseconds must be within ±999999999, got %d", nanos)
		}
		if !durationFits(months, days, seconds, nanos) {
			return nil, paramError(path, "the Duration is too long: Neo4j keeps months × 2629746 s + days × 86400 s + seconds within a 64-bit count of seconds")
		}
		d := dbtype.Duration{Months: months, Days: days, Seconds: seconds, Nanos: int(nanos)}
		// "value" is optional, and redundant with the components: ToJSON writes both,
		// so a result can be sent back as it came. One that says another duration than
		// the components is refused rather than one of them silently winning.
		if v, ok := m["value"]; ok {
			normal := d
			if normal.Nanos < 0 { // Neo4j keeps 0 <= nanos < 1e9, as durationText expects
				normal.Seconds, normal.Nanos = normal.Seconds-1, normal.Nanos+1_000_000_000
			}
			if text, isText := v.(string); !isText || text != durationText(normal) {
				return nil, paramError(path, "a Duration's value, %s, is not the duration its months, days, seconds and nanoseconds make, %s: correct it or leave it out", ToJSON(v), durationText(normal))
			}
		}
		return d, nil
	case "Point":
		srid, err := integer("srid")
		if err != nil {
			return nil, err
		}
		x, err := num("x")
		if err != nil {
			return nil, err
		}
		y, err := num("y")
		if err != nil {
			return nil, err
		}
		_, is3D := m["z"]
		z := 0.0
		if is3D {
			if z, err = num("z"); err != nil {
				return nil, err
			}
		}
		if err := checkPoint(srid, is3D, x, y, z); err != nil {
			return nil, paramError(path, "%s", err)
		}
		if !is3D {
			return dbtype.Point2D{SpatialRefId: uint32(srid), X: x, Y: y}, nil
		}
		return dbtype.Point3D{SpatialRefId: uint32(srid), X: x, Y: y, Z: z}, nil
	}
	return nil, paramError(path, "unknown $type %q (known: Integer, Float, Bytes, Date, LocalTime, Time, LocalDateTime, DateTime, Duration, Point, Map)", t)
}

// taggedKeys are the keys each {"$type": ...} form may carry besides "$type".
var taggedKeys = map[string][]string{
	"Integer": {"value"}, "Float": {"value"}, "Bytes": {"base64"},
	"Date": {"value"}, "LocalTime": {"value"}, "Time": {"value"}, "LocalDateTime": {"value"}, "DateTime": {"value"},
	"Duration": {"months", "days", "seconds", "nanoseconds", "value"},
	"Point":    {"srid", "x", "y", "z"},
}

// durationFits applies Neo4j's overflow check of a duration parameter (DurationValue),
// as found by sending Neo4j 5.26 the values at each edge: with negative nanoseconds it
// first borrows a second, which must fit on its own; then months at their average
// length, days, each of them on its own, their sum, and that plus the seconds must fit
// in 64-bit seconds, exactly (duration({seconds: 9223372036854775807}) is one).
func durationFits(months, days, seconds, nanos int64) bool {
	const avgMonthSeconds, daySeconds = 2_629_746, 86_400
	if nanos < 0 {
		if seconds == math.MinInt64 {
			return false
		}
		seconds--
	}
	m := new(big.Int).Mul(big.NewInt(months), big.NewInt(avgMonthSeconds))
	d := new(big.Int).Mul(big.NewInt(days), big.NewInt(daySeconds))
	sum := new(big.Int).Add(m, d)
	total := new(big.Int).Add(sum, big.NewInt(seconds))
	return m.IsInt64() && d.IsInt64() && sum.IsInt64() && total.IsInt64()
}

// The coordinate reference systems Neo4j knows, by SRID, and whether each is 3D.
var pointSystems = map[int64]struct {
	name       string
	threeD     bool
	geographic bool
}{
	4326: {"WGS-84", false, true},
	4979: {"WGS-84-3D", true, true},
	7203: {"Cartesian", false, false},
	9157: {"Cartesian-3D", true, false},
}

// checkPoint refuses a point Neo4j would: an unknown SRID, the wrong number of
// coordinates for it, a longitude or latitude out of range, or a coordinate that is not
// a finite number.
func checkPoint(srid int64, is3D bool, x, y, z float64) error {
	sys, ok := pointSystems[srid]
	if !ok {
		return fmt.Errorf("a Point's srid must be 4326 (WGS-84), 4979 (WGS-84-3D), 7203 (Cartesian) or 9157 (Cartesian-3D), got %d", srid)
	}
	if sys.threeD != is3D {
		want := "x and y, without z"
		if sys.threeD {
			want = "x, y and z"
		}
		return fmt.Errorf("a %s Point (srid %d) has %s", sys.name, srid, want)
	}
	for _, c := range []float64{x, y, z} {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return fmt.Errorf("a Point's coordinates must be finite numbers")
		}
	}
	if sys.geographic && (x < -180 || x > 180 || y < -90 || y > 90) {
		return fmt.Errorf("a %s Point has x (longitude) from -180 to 180 and y (latitude) from -90 to 90, got x=%v, y=%v", sys.name, x, y)
	}
	return nil
}

// maxOffset is the largest time offset Neo4j (java.time) accepts.
const maxOffset = 18 * 60 * 60

// temporalFromJSON parses the text forms ToJSON writes for temporal values.
func temporalFromJSON(t, s, path string) (any, error) {
	text, zone := s, ""
	if t == "DateTime" && strings.HasSuffix(s, "]") {
		if i := strings.LastIndex(s, "["); i > 0 {
			text, zone = s[:i], s[i+1:len(s)-1]
		}
	}
	v, err := parseISOTemporal(text, temporalKinds[t])
	if err != nil {
		examples := map[string]string{
			"Date":          "2025-06-13 or +10000-01-01",
			"LocalTime":     "14:30:00",
			"Time":          "14:30:00+02:00",
			"LocalDateTime": "2025-06-13T14:30:00",
			"DateTime":      "2025-06-13T14:30:00Z or 2025-06-13T14:30:00+02:00[Europe/Paris]",
		}
		return nil, paramError(path, "%q is not a %s such as %s", s, t, examples[t])
	}
	if t == "Time" || (t == "DateTime" && zone == "") {
		if _, offset := v.Zone(); offset < -maxOffset || offset > maxOffset {
			return nil, paramError(path, "%q has an offset beyond ±18:00", s)
		}
	}
	switch t {
	case "Date":
		return dbtype.Date(v), nil
	case "LocalTime":
		return dbtype.LocalTime(v), nil
	case "Time":
		return dbtype.Time(v), nil
	case "LocalDateTime":
		return dbtype.LocalDateTime(v), nil
	}
	if zone == "" {
		// The driver sends a time as an offset (not a zone) only when its zone is
		// named "Offset", the name it gives offsets it receives.
		_, offset := v.Zone()
		return v.In(time.FixedZone("Offset", offset)), nil
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "Local" || zone == "" {
		return nil, paramError(path, "unknown time zone %q", zone)
	}
	// The offset must be one the zone has at that wall-clock time, as Neo4j checks
	// ("Timezone and offset do not match"); otherwise the instant the offset names
	// would be shown at another wall-clock time in the zone.
	zoned := v.In(loc)
	_, given := v.Zone()
	if _, has := zoned.Zone(); has != given {
		return nil, paramError(path, "%q: the offset is not one %s has at that time (the instant it names is %s there)", s, zone, zoned.Format("2006-01-02T15:04:05.999999999-07:00:00"))
	}
	return zoned, nil
}

func paramError(path, format string, args ...any) error {
	return &domain.Error{Code: domain.EInvalid, Message: "Parameter " + path + ": " + fmt.Sprintf(format, args...) + ".",
		Fields: map[string]any{"parameter": path}}
}
