package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// DefaultBatchSize is the rows per UNWIND statement of a load that names none.
const DefaultBatchSize = 500

// LoadOptions tune a dataset load.
type LoadOptions struct {
	// BatchSize is the number of rows per UNWIND statement (DefaultBatchSize if 0).
	BatchSize int
	// Timeout bounds the whole load transaction, on the server too (default 5 minutes).
	Timeout time.Duration
	// Progress, when set, is called after every batch, so a terminal can show how far a
	// large file has got. Cancelling the load's context from it aborts the load.
	Progress func(LoadProgress)
	// AllowMassDeletion lets a reload remove more than half of a dataset's nodes (at
	// least MassDeletion of them). Without it such a load is refused: a file cut short
	// or half pasted reloads as a dataset that lost most of its story.
	AllowMassDeletion bool
}

// MassDeletion is the fewest nodes a reload removing more than half of a dataset must
// remove to be refused without LoadOptions.AllowMassDeletion: a small dataset may
// lose half its few nodes in an ordinary edit.
const MassDeletion = 10

// LoadProgress reports one finished batch of a load.
type LoadProgress struct {
	Step  string // "sources", "entities", "conflicts", "fact nodes", "relationships"
	Done  int    // rows of this step written so far
	Total int    // rows of this step; 0 for a stage that writes no rows (StageChecking, StageComparing)
}

// The stages of a load before its first row is written, reported (Total 0) for a load
// of more than one batch of nodes: for 156,681 items they took 12 s without a word,
// each check reading the database once per label for every id.
const (
	StageChecking  = "checking that no other data holds the datasets' ids"
	StageComparing = "comparing with what the datasets loaded before"
)

// LoadSummary counts what a load changed. Unchanged items are counted too, so that a
// reload of the same files visibly changes nothing.
type LoadSummary struct {
	Datasets               []string
	NodesCreated           int
	NodesUpdated           int
	NodesUnchanged         int
	NodesDeleted           int
	RelationshipsCreated   int
	RelationshipsUpdated   int
	RelationshipsUnchanged int
	RelationshipsDeleted   int
}

// String renders the summary on one line, as `newsgraph load` prints it.
func (s LoadSummary) String() string {
	return fmt.Sprintf("datasets %s: nodes %d created, %d updated, %d unchanged, %d deleted; relationships %d created, %d updated, %d unchanged, %d deleted",
		strings.Join(s.Datasets, ", "), s.NodesCreated, s.NodesUpdated, s.NodesUnchanged, s.NodesDeleted,
		s.RelationshipsCreated, s.RelationshipsUpdated, s.RelationshipsUnchanged, s.RelationshipsDeleted)
}

// nodeRow is one node to merge: its id, its labels besides the base one, its properties.
type nodeRow struct {
	id     string
	labels []string
	props  map[string]any
}

// relRow is one relationship to merge between two nodes named by their ids.
type relRow struct {
	typ, from, to string
	props         map[string]any
}

// loadPlan is the graph form of validated datasets: what the database should hold for
// them once the load commits.
type loadPlan struct {
	datasets  []string
	nodes     map[string][]nodeRow // base label -> rows
	rels      []relRow
	nodeKeys  []string // "Label|id" of every node to keep
	relKeys   []string // "id|TYPE|from|to" of every relationship to keep
	nodeIDs   []string
	nodeFiles map[string]string // node id -> the dataset file that defines it, with the line when known (file.yaml:12)
	nodeCount int
}

// nodeSteps is the order nodes are merged in, with the query and progress name of each.
var nodeSteps = []struct{ base, query, step string }{
	{"Source", "load_source_nodes", "sources"},
	{"Entity", "load_entity_nodes", "entities"},
	{"Conflict", "load_conflict_nodes", "conflicts"},
	{"Fact", "load_fact_nodes", "fact nodes"},
}

// Load writes validated datasets into the graph in one write transaction: it removes
// what the datasets loaded before but no longer contain, then merges every node and
// relationship on its stable id, replacing properties only where they changed. Either
// all of it commits or none of it does. It applies the schema (EnsureSchema) first, once
// it has found that no id the datasets define is taken, so that a load refused for that
// leaves the database as it was, indexes included: a foreign database given newsgraph's
// constraints and full-text index would search differently afterwards. (A constraint
// the data already breaks stops the schema part-way: those made before it stay.)
//
// Load returns EInvalid, having written nothing, when an id the datasets define is
// already used by another dataset or by data newsgraph did not load, or when the data
// already there breaks a constraint of the schema (two :Entity nodes with one id);
// ETimeout or EUnavailable when the database gives up.
func (s *Store) Load(ctx context.Context, datasets []domain.Dataset, opts LoadOptions) (LoadSummary, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Minute
	}
	plan := planLoad(datasets)
	ctx, cancel := context.WithTimeoutCause(ctx, opts.Timeout, loadTimeLimit(opts.Timeout))
	defer cancel()
	stage := func(step string) {
		if opts.Progress != nil && plan.nodeCount > opts.BatchSize {
			opts.Progress(LoadProgress{Step: step})
		}
	}
	// A Neo4j that cannot be reached is found at once (the write below retries for
	// seconds), and said plainly: nothing can be half-written before the first write.
	if err := s.Ping(ctx); err != nil {
		return LoadSummary{}, loadError(ctx, err, false)
	}
	stage(StageChecking)
	// Checked again inside the load's transaction, against a load running meanwhile.
	taken, err := s.write(ctx, cypher.Query("load_owners"), map[string]any{"datasets": plan.datasets, "ids": plan.nodeIDs})
	if err != nil {
		return LoadSummary{}, loadError(ctx, err, false)
	}
	if len(taken.Records) > 0 {
		return LoadSummary{}, ownersError(taken.Records, plan.nodeFiles)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return LoadSummary{}, loadError(ctx, err, true)
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.Background())

	// The statements run under ctx, so that an interrupt stops them and the transaction
	// rolls back; its commit (or rollback) does not, but runs to its end within the time
	// limit: an interrupt during the commit, which Neo4j may finish all the same, left
	// the caller saying that nothing had changed while the load landed a moment later.
	commitCtx, cancelCommit := context.WithTimeout(context.WithoutCancel(ctx), opts.Timeout)
	defer cancelCommit()
	var summary LoadSummary
	_, err = session.ExecuteWrite(commitCtx, func(tx neo4j.ManagedTransaction) (any, error) {
		// The driver may retry this function after a transient failure; start afresh.
		summary = LoadSummary{Datasets: plan.datasets}
		stage(StageComparing)
		return nil, plan.run(ctx, tx, opts, &summary)
	}, neo4j.WithTxTimeout(opts.Timeout), neo4j.WithTxMetadata(map[string]any{"app": "newsgraph load"}))
	if err != nil {
		return LoadSummary{}, loadError(ctx, err, true)
	}
	return summary, nil
}

// loadTimeLimit is the load's own time limit (LoadOptions.Timeout), the cause of its
// context's end when it runs out.
type loadTimeLimit time.Duration

func (l loadTimeLimit) Error() string {
	return fmt.Sprintf("the load ran past its time limit (%s)", time.Duration(l))
}

// oneTransaction is what a load failing while it writes leaves: nothing half-written.
const oneTransaction = " The load is one transaction: Neo4j holds all of it or none of it, never a part."

// loadError says what a failed load left behind, where the database's error alone would
// not: Neo4j gone or a limit hit mid-way makes a user fear a half-loaded graph, which
// one transaction rules out (a commit cut off by a lost connection may have landed
// whole, so "none of it" would be untrue). writing says whether the load had begun to
// write: before it, nothing can have landed, and the message says so plainly. The
// load's own time limit (ctx's) running out is said as such: Neo4j's words for it ("no
// connection came free in time", "took longer than the time limit... Run it again")
// pointed away from the limit the user set, and running it again fails alike.
func loadError(ctx context.Context, err error, writing bool) error {
	var limit loadTimeLimit
	if errors.As(context.Cause(ctx), &limit) {
		msg := fmt.Sprintf("The load ran past its time limit (%s): raise it (newsgraph load -timeout) for a load this large or a database this busy.", time.Duration(limit))
		if writing {
			return &domain.Error{Code: domain.ETimeout, Err: err, Message: msg + oneTransaction}
		}
		return &domain.Error{Code: domain.ETimeout, Err: err, Message: msg + " Nothing was loaded."}
	}
	err = translate(err)
	code := domain.ErrorCodeOf(err)
	switch {
	case code == domain.ERefused:
		return &domain.Error{Code: domain.ERefused, Err: err,
			Message: "The load needs more memory than one transaction may use (db.memory.transaction.max); nothing was loaded. Split it into several datasets (files of their own, each with its own `dataset:` name) and load them one by one, or raise Neo4j's db.memory.transaction.max."}
	case (code == domain.EUnavailable || code == domain.ETimeout) && !writing:
		return &domain.Error{Code: code, Err: err, Message: domain.ErrorMessageOf(err) + " Nothing was loaded."}
	case code == domain.EUnavailable || code == domain.ETimeout:
		return &domain.Error{Code: code, Err: err,
			Message: domain.ErrorMessageOf(err) + oneTransaction + " Run it again."}
	}
	return err
}

func (p *loadPlan) run(ctx context.Context, tx neo4j.ManagedTransaction, opts LoadOptions, summary *LoadSummary) error {
	params := map[string]any{"datasets": p.datasets}
	if _, err := runInTx(ctx, tx, "load_lock", params, nil); err != nil {
		return err
	}
	taken, err := runInTx(ctx, tx, "load_owners", params, map[string]any{"ids": p.nodeIDs})
	if err != nil {
		return err
	}
	if len(taken.Records) > 0 {
		return ownersError(taken.Records, p.nodeFiles)
	}
	used, err := runInTx(ctx, tx, "load_stale_used", params, map[string]any{"keep": p.nodeKeys})
	if err != nil {
		return err
	}
	if len(used.Records) > 0 {
		return staleUsedError(used.Records)
	}

	res, err := runInTx(ctx, tx, "load_delete_stale_relationships", params, map[string]any{"keep": p.relKeys})
	if err != nil {
		return err
	}
	summary.RelationshipsDeleted += res.Summary.Counters().RelationshipsDeleted()
	res, err = runInTx(ctx, tx, "load_delete_stale_nodes", params, map[string]any{"keep": p.nodeKeys})
	if err != nil {
		return err
	}
	if !opts.AllowMassDeletion {
		// Refused after the fact: the error rolls the whole transaction back.
		if err := massDeletionError(res.Records); err != nil {
			return err
		}
	}
	summary.NodesDeleted += res.Summary.Counters().NodesDeleted()
	// DETACH DELETE also removes the relationships of the deleted nodes.
	summary.RelationshipsDeleted += res.Summary.Counters().RelationshipsDeleted()

	elementIDs := make(map[string]string, p.nodeCount)
	for _, st := range nodeSteps {
		rows := p.nodes[st.base]
		for start := 0; start < len(rows); start += opts.BatchSize {
			batch := rows[start:min(start+opts.BatchSize, len(rows))]
			maps := make([]map[string]any, len(batch))
			for i, r := range batch {
				maps[i] = map[string]any{"id": r.id, "labels": r.labels, "props": r.props}
			}
			res, err := runInTx(ctx, tx, st.query, nil, map[string]any{"rows": maps})
			if err != nil {
				return err
			}
			for _, rec := range res.Records {
				id, _, _ := neo4j.GetRecordValue[string](rec, "id")
				eid, _, _ := neo4j.GetRecordValue[string](rec, "element_id")
				change, _, _ := neo4j.GetRecordValue[string](rec, "change")
				elementIDs[id] = eid
				switch change {
				case "created":
					summary.NodesCreated++
				case "updated":
					summary.NodesUpdated++
				default:
					summary.NodesUnchanged++
				}
			}
			if opts.Progress != nil {
				opts.Progress(LoadProgress{Step: st.step, Done: start + len(batch), Total: len(rows)})
			}
		}
	}

	for start := 0; start < len(p.rels); start += opts.BatchSize {
		batch := p.rels[start:min(start+opts.BatchSize, len(p.rels))]
		maps := make([]map[string]any, len(batch))
		for i, r := range batch {
			from, to := elementIDs[r.from], elementIDs[r.to]
			if from == "" || to == "" {
				// Validation resolves every reference among the loaded files, so this
				// is a bug in planLoad, not a problem with the data.
				return domain.Errorf(domain.EInternal, "relationship %s: end %q or %q was not loaded", r.props["id"], r.from, r.to)
			}
			maps[i] = map[string]any{"type": r.typ, "from": from, "to": to, "props": r.props}
		}
		res, err := runInTx(ctx, tx, "load_relationships", nil, map[string]any{"rows": maps})
		if err != nil {
			return err
		}
		for _, rec := range res.Records {
			change, _, _ := neo4j.GetRecordValue[string](rec, "change")
			n, _, _ := neo4j.GetRecordValue[int64](rec, "count")
			switch change {
			case "created":
				summary.RelationshipsCreated += int(n)
			case "updated":
				summary.RelationshipsUpdated += int(n)
			default:
				summary.RelationshipsUnchanged += int(n)
			}
		}
		if opts.Progress != nil {
			opts.Progress(LoadProgress{Step: "relationships", Done: start + len(batch), Total: len(p.rels)})
		}
	}
	return nil
}

// runInTx executes one named query in the load's transaction and reads its whole result.
func runInTx(ctx context.Context, tx neo4j.ManagedTransaction, name string, common, params map[string]any) (*neo4j.EagerResult, error) {
	all := make(map[string]any, len(common)+len(params))
	for k, v := range common {
		all[k] = v
	}
	for k, v := range params {
		all[k] = v
	}
	// A context cancelled between statements must stop the load even when the driver
	// would not notice until the next network read.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	result, err := tx.Run(ctx, cypher.Query(name), all)
	if err != nil {
		return nil, err
	}
	records, err := result.Collect(ctx)
	if err != nil {
		return nil, err
	}
	summary, err := result.Consume(ctx)
	if err != nil {
		return nil, err
	}
	return &neo4j.EagerResult{Records: records, Summary: summary}, nil
}

// ownersError lists the ids the datasets define that other data already has, each after
// the file that defines it, so that the journalist knows which file to change.
func ownersError(records []*neo4j.Record, files map[string]string) error {
	lines := make([]string, 0, len(records))
	for _, rec := range records {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		owner, _, _ := neo4j.GetRecordValue[string](rec, "dataset")
		file := ""
		if f := files[id]; f != "" {
			file = f + ": "
		}
		if owner == "" {
			lines = append(lines, fmt.Sprintf("%sid %q is already used by data newsgraph did not load", file, id))
		} else {
			lines = append(lines, fmt.Sprintf("%sid %q already belongs to dataset %q", file, id, owner))
		}
	}
	return &domain.Error{
		Code:    domain.EInvalid,
		Message: "the dataset would overwrite other data; nothing was loaded:\n" + withMore(lines, records, "ids"),
		Fields:  map[string]any{"problems": lines},
	}
}

// withMore joins a refusal's lines, one per record, and counts the ones its query left
// out: the queries name the first 20 and give the total of every record.
func withMore(lines []string, records []*neo4j.Record, what string) string {
	text := strings.Join(lines, "\n")
	if total, _, _ := neo4j.GetRecordValue[int64](records[0], "total"); total > int64(len(records)) {
		text += fmt.Sprintf("\nand %d more %s", total-int64(len(records)), what)
	}
	return text
}

// massDeletionError refuses a reload that would remove more than half of a dataset's
// nodes, and at least MassDeletion of them, or returns nil.
func massDeletionError(records []*neo4j.Record) error {
	var lines []string
	for _, rec := range records {
		dataset, _, _ := neo4j.GetRecordValue[string](rec, "dataset")
		existing, _, _ := neo4j.GetRecordValue[int64](rec, "existing")
		stale, _, _ := neo4j.GetRecordValue[int64](rec, "stale")
		if stale >= MassDeletion && 2*stale > existing {
			lines = append(lines, fmt.Sprintf("dataset %q: the files no longer hold %d of its %d nodes", dataset, stale, existing))
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return &domain.Error{
		Code: domain.EInvalid,
		Message: "the load would remove more than half of a dataset, which a file cut short or half pasted does; nothing was loaded:\n" +
			strings.Join(lines, "\n") + "\nIf that is what you want, load again with --allow-deletions.",
		Fields: map[string]any{"problems": lines},
	}
}

// staleUsedError lists the nodes a load would remove (gone from their files) that other
// data still uses, with one relationship of each, so that the user knows what to change.
func staleUsedError(records []*neo4j.Record) error {
	lines := make([]string, 0, len(records))
	for _, rec := range records {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		dataset, _, _ := neo4j.GetRecordValue[string](rec, "dataset")
		kind, _, _ := neo4j.GetRecordValue[string](rec, "kind")
		count, _, _ := neo4j.GetRecordValue[int64](rec, "count")
		typ, _, _ := neo4j.GetRecordValue[string](rec, "type")
		relID, _ := rec.Get("rel_id")
		relDataset, _ := rec.Get("rel_dataset")
		by := "data newsgraph did not load"
		if d, ok := relDataset.(string); ok {
			by = fmt.Sprintf("dataset %q", d)
		}
		what := "the " + typ + " relationship"
		if id, ok := relID.(string); ok {
			what += fmt.Sprintf(" (%s)", id)
		}
		more := ""
		if count > 1 {
			more = fmt.Sprintf(" and %d more", count-1)
		}
		lines = append(lines, fmt.Sprintf("dataset %q: %s %q is no longer in its file, but %s of %s%s uses it", dataset, kind, id, what, by, more))
	}
	return &domain.Error{
		Code: domain.EInvalid,
		Message: "the load would remove what other data uses; nothing was loaded (keep these in the file, " +
			"or remove what uses them first):\n" + withMore(lines, records, "nodes"),
		Fields: map[string]any{"problems": lines},
	}
}

// planLoad turns validated datasets into the nodes and relationships of the graph
// model (docs/contracts.md): typed nodes for entities, fact nodes, sources and
// conflicts; fact relationships; party relationships from fact nodes; CITES between
// sources; MENTIONS from each source to everything its facts touch; INVOLVES from each
// conflict to its entities.
func planLoad(datasets []domain.Dataset) *loadPlan {
	p := &loadPlan{nodes: map[string][]nodeRow{}, nodeFiles: map[string]string{}}
	file := ""                   // of the dataset being planned
	lines := map[string]int(nil) // of the dataset being planned
	addNode := func(base, id string, labels []string, props map[string]any) {
		p.nodes[base] = append(p.nodes[base], nodeRow{id: id, labels: labels, props: props})
		p.nodeFiles[id] = file
		if line := lines[id]; line > 0 && file != "" {
			p.nodeFiles[id] = fmt.Sprintf("%s:%d", file, line)
		}
		p.nodeKeys = append(p.nodeKeys, base+"|"+id)
		p.nodeIDs = append(p.nodeIDs, id)
		p.nodeCount++
	}
	addRel := func(typ, from, to string, props map[string]any) {
		p.rels = append(p.rels, relRow{typ: typ, from: from, to: to, props: props})
		p.relKeys = append(p.relKeys, fmt.Sprintf("%s|%s|%s|%s", props["id"], typ, from, to))
	}
	for _, ds := range datasets {
		p.datasets = append(p.datasets, ds.Name)
		file, lines = ds.File, ds.IDLines
		// mentions collects, per source and node, the facts of this dataset that link
		// them, so each MENTIONS relationship lists the facts behind it.
		mentions := map[[2]string][]string{}
		mention := func(fact string, sources []string, nodes ...string) {
			for _, s := range sources {
				for _, n := range nodes {
					k := [2]string{s, n}
					if !slices.Contains(mentions[k], fact) {
						mentions[k] = append(mentions[k], fact)
					}
				}
			}
		}
		for _, s := range ds.Sources {
			addNode("Source", s.ID, []string{}, withOptional(map[string]any{
				"id": s.ID, "name": s.Headline, "title": s.Headline, "kind": s.Kind, "dataset": ds.Name,
			}, "publisher", s.Publisher, "file", s.File, "url", s.URL, "published", s.Published))
			for _, c := range s.Citations {
				addRel("CITES", s.ID, c.Source, factProps(ds.Name, c.ID, domain.Provenance{
					Status: domain.StatusReported, AllegedBy: []string{}, DeniedBy: []string{},
					Sources: []string{s.ID}, Evidence: []string{c.Note}, Conflicts: []string{},
				}))
			}
		}
		for _, e := range ds.Entities {
			addNode("Entity", e.ID, []string{e.Kind}, withOptional(map[string]any{
				"id": e.ID, "name": e.Name, "aliases": nonNil(e.Aliases), "named": e.Named, "dataset": ds.Name,
			}, "description", e.Description))
		}
		for _, c := range ds.Conflicts {
			addNode("Conflict", c.ID, []string{}, map[string]any{
				"id": c.ID, "name": c.Name, "description": c.Description, "dataset": ds.Name,
			})
			for _, e := range c.Involves {
				addRel("INVOLVES", c.ID, e, map[string]any{"id": c.ID + "--involves--" + e, "dataset": ds.Name})
			}
		}
		for _, f := range ds.Facts {
			props := factProps(ds.Name, f.ID, f.Provenance)
			for k, v := range f.Attributes {
				props[k] = v
			}
			props = withOptional(props, "date", f.Date, "date_text", f.DateText, "role", f.Role, "description", f.Description)
			if !f.IsNode() {
				addRel(f.Type, f.From, f.To, props)
				mention(f.ID, f.Sources, f.From, f.To)
				continue
			}
			props["name"] = f.Name
			props["aliases"] = nonNil(f.Aliases)
			addNode("Fact", f.ID, []string{f.Type}, props)
			mention(f.ID, f.Sources, f.ID)
			for _, pt := range f.Parties {
				pp := withOptional(factProps(ds.Name, pt.ID, pt.Provenance), "description", pt.Description)
				pp["fact"] = f.ID
				addRel(pt.Role, f.ID, pt.Node, pp)
				mention(f.ID, pt.Sources, pt.Node)
			}
		}
		keys := make([][2]string, 0, len(mentions))
		for k := range mentions {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"|"+keys[i][1] < keys[j][0]+"|"+keys[j][1] })
		for _, k := range keys {
			facts := mentions[k]
			sort.Strings(facts)
			// The dataset is part of the id: two datasets loaded together may both cite
			// one source about one node, and each must own its own link.
			addRel("MENTIONS", k[0], k[1], map[string]any{
				"id": ds.Name + "--" + k[0] + "--mentions--" + k[1], "dataset": ds.Name, "facts": facts,
			})
		}
	}
	return p
}

// factProps are the provenance properties every fact carries (docs/contracts.md).
func factProps(dataset, id string, pv domain.Provenance) map[string]any {
	return map[string]any{
		"id": id, "dataset": dataset, "status": pv.Status,
		"alleged_by": nonNil(pv.AllegedBy), "denied_by": nonNil(pv.DeniedBy),
		"sources": nonNil(pv.Sources), "evidence": nonNil(pv.Evidence), "conflicts": nonNil(pv.Conflicts),
	}
}

// withOptional adds the key/value pairs whose value is not empty: a property the
// dataset does not give is absent rather than "", so the page can tell them apart.
func withOptional(props map[string]any, kv ...string) map[string]any {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			props[kv[i]] = kv[i+1]
		}
	}
	return props
}
