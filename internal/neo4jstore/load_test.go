package neo4jstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

const builtinName = "scale-ai-v-mercor"

func builtinDatasets(t *testing.T) []domain.Dataset {
	t.Helper()
	ds, err := dataset.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func parseYAML(t *testing.T, name, yaml string) []domain.Dataset {
	t.Helper()
	ds, err := dataset.Parse(dataset.File{Name: name, Data: []byte(yaml)})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// mustLoad loads datasets (Load applies the schema), failing the test on any error.
func mustLoad(t *testing.T, store *neo4jstore.Store, ds []domain.Dataset) neo4jstore.LoadSummary {
	t.Helper()
	summary, err := store.Load(context.Background(), ds, neo4jstore.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return summary
}

// graphSnapshot renders the nodes and relationships matching where (a condition on n or r,
// "true" for everything) with their element ids, labels and properties, so two
// snapshots are equal only if nothing was created, deleted, recreated or changed.
func graphSnapshot(t *testing.T, where string, params map[string]any) string {
	t.Helper()
	var b strings.Builder
	nodes := neo4jtest.Exec(t, "MATCH (n) WHERE "+strings.ReplaceAll(where, "x.", "n.")+
		" WITH n, labels(n) AS l ORDER BY elementId(n) RETURN elementId(n) AS id, l, properties(n) AS p", params)
	for _, r := range nodes.Records {
		labels := slices.Clone(r.Values[1].([]any))
		slices.SortFunc(labels, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
		j, _ := json.Marshal([]any{r.Values[0], labels, r.Values[2]})
		b.Write(append(j, '\n'))
	}
	rels := neo4jtest.Exec(t, "MATCH (a)-[r]->(b) WHERE "+strings.ReplaceAll(where, "x.", "r.")+
		" RETURN elementId(r) AS id, type(r), elementId(a), elementId(b), properties(r) ORDER BY id", params)
	for _, r := range rels.Records {
		j, _ := json.Marshal(r.Values)
		b.Write(append(j, '\n'))
	}
	return b.String()
}

func countOf(t *testing.T, query string, params map[string]any) int64 {
	t.Helper()
	res := neo4jtest.Exec(t, query, params)
	if len(res.Records) != 1 {
		t.Fatalf("%s: want one row, got %d", query, len(res.Records))
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	ds := builtinDatasets(t)

	first := mustLoad(t, store, ds)
	if first.NodesCreated == 0 || first.RelationshipsCreated == 0 || first.NodesUnchanged != 0 {
		t.Fatalf("first load into an empty database: %s", first)
	}
	before := graphSnapshot(t, "true", nil)
	second := mustLoad(t, store, ds)
	want := neo4jstore.LoadSummary{
		Datasets:               []string{builtinName},
		NodesUnchanged:         first.NodesCreated,
		RelationshipsUnchanged: first.RelationshipsCreated,
	}
	if fmt.Sprint(second) != fmt.Sprint(want) {
		t.Errorf("second load: got %s\nwant %s", second, want)
	}
	if after := graphSnapshot(t, "true", nil); after != before {
		t.Errorf("the second load changed the graph (ids, labels or properties):\nbefore:\n%s\nafter:\n%s", before, after)
	}
	nodes := countOf(t, "MATCH (n {dataset: $ds}) RETURN count(n)", map[string]any{"ds": builtinName})
	rels := countOf(t, "MATCH ()-[r {dataset: $ds}]->() RETURN count(r)", map[string]any{"ds": builtinName})
	if nodes != int64(first.NodesCreated) || rels != int64(first.RelationshipsCreated) {
		t.Errorf("database holds %d nodes and %d relationships of the dataset; the summary said %s", nodes, rels, first)
	}
	t.Logf("built-in dataset: %d nodes, %d relationships", nodes, rels)
}

func TestEveryFactHasASource(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	mustLoad(t, store, builtinDatasets(t))

	// Facts are every relationship but the derived MENTIONS and INVOLVES, and every
	// :Fact node. Each must cite existing sources, one evidence note per source, carry
	// a valid status, and be MENTIONed by each of its sources.
	res := neo4jtest.Exec(t, `
		CALL () {
		  MATCH (a)-[r]->(b) WHERE r.dataset = $ds AND NOT type(r) IN ['MENTIONS', 'INVOLVES']
		  RETURN r.id AS id, r.sources AS sources, r.evidence AS evidence, r.status AS status,
		         CASE WHEN type(r) = 'CITES' THEN true
		              WHEN r.fact IS NOT NULL THEN all(s IN r.sources WHERE EXISTS { (:Source {id: s})-[:MENTIONS]->(b) })
		              ELSE all(s IN r.sources WHERE EXISTS { (:Source {id: s})-[:MENTIONS]->(a) } AND EXISTS { (:Source {id: s})-[:MENTIONS]->(b) })
		         END AS mentioned
		  UNION ALL
		  MATCH (f:Fact) WHERE f.dataset = $ds
		  RETURN f.id AS id, f.sources AS sources, f.evidence AS evidence, f.status AS status,
		         all(s IN f.sources WHERE EXISTS { (:Source {id: s})-[:MENTIONS]->(f) }) AS mentioned
		}
		RETURN id, coalesce(size(sources), 0) AS sources,
		       all(s IN coalesce(sources, []) WHERE EXISTS { MATCH (:Source {id: s}) }) AS resolved,
		       size(evidence) = size(sources) AS aligned,
		       status IN ['reported', 'alleged', 'denied', 'disputed'] AS valid,
		       mentioned
		ORDER BY id`, map[string]any{"ds": builtinName})
	if len(res.Records) < 40 {
		t.Fatalf("only %d facts loaded; the dataset has more", len(res.Records))
	}
	for _, r := range res.Records {
		id, n, resolved, aligned, valid, mentioned := r.Values[0], r.Values[1].(int64), r.Values[2] == true, r.Values[3] == true, r.Values[4] == true, r.Values[5] == true
		if n == 0 || !resolved || !aligned || !valid || !mentioned {
			t.Errorf("fact %v: %d sources, all resolve %v, evidence aligned %v, valid status %v, mentioned by its sources %v", id, n, resolved, aligned, valid, mentioned)
		}
	}
	t.Logf("checked %d facts", len(res.Records))
}

// TestProbesFindEveryFact looks for each fact of the two articles with a Cypher query
// of its own: the graph must answer what a reader of the articles would ask.
func TestProbesFindEveryFact(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	mustLoad(t, store, builtinDatasets(t))

	probes := []struct {
		fact, query string
	}{
		{"Meta's investment: $14.3 billion for 49%, in June of an unstated year", `
			MATCH (i:Fact:Investment)-[:INVESTOR]->(:Entity {id: 'meta'}), (i)-[:INVESTEE]->(:Entity {id: 'scale-ai'})
			WHERE i.amount_usd = 14300000000 AND i.amount_display = '$14.3 billion' AND i.stake = 0.49
			  AND i.month = 'June' AND i.year_stated = false AND i.date IS NULL AND i.status = 'reported'
			RETURN count(i)`},
		{"Meta hired Scale AI's unnamed founder", `
			MATCH (:Entity {id: 'meta'})-[h:HIRED]->(f:Person {named: false})-[:FOUNDED]->(:Entity {id: 'scale-ai'})
			WHERE h.sources = ['src-ling-account']
			RETURN count(h)`},
		{"large customers, Meta's rivals, left Scale AI after the investment", `
			MATCH (g:Group)-[r:ENDED_TIES_WITH]->(:Entity {id: 'scale-ai'})
			WHERE (g)-[:COMPETES_WITH]->(:Entity {id: 'meta'}) AND r.date_text CONTAINS 'investment'
			RETURN count(r)`},
		{"TBD Labs, Meta's AI unit, still uses Mercor and other providers", `
			MATCH (t:Organization {name: 'TBD Labs'})-[:PART_OF]->(:Entity {id: 'meta'})
			WHERE (t)-[:CUSTOMER_OF]->(:Entity {id: 'mercor'}) AND (t)-[:CUSTOMER_OF]->(:Group)
			RETURN count(t)`},
		{"Mercor's expert-network model, PhDs included", `
			MATCH (:Entity {id: 'mercor'})-[r:RECRUITS]->(g:Group) WHERE 'PhDs' IN g.aliases
			RETURN count(r)`},
		{"the rivalry, reported by both accounts", `
			MATCH (:Entity {id: 'mercor'})-[r:COMPETES_WITH]->(:Entity {id: 'scale-ai'})
			WHERE size(r.sources) = 2 RETURN count(r)`},
		{"Midha co-founded Mercor", `
			MATCH (:Person {id: 'surya-midha'})-[r:CO_FOUNDED]->(:Entity {id: 'mercor'}) RETURN count(r)`},
		{"the suit: Scale AI against Mercor, no filing date", `
			MATCH (l:Lawsuit)-[:PLAINTIFF]->(:Entity {id: 'scale-ai'}), (l)-[d:DEFENDANT]->(:Entity {id: 'mercor'})
			WHERE l.date IS NULL AND size(d.sources) = 2 RETURN count(l)`},
		{"Bakayev as co-defendant, in one account only", `
			MATCH (:Lawsuit)-[r:DEFENDANT]->(:Person {id: 'vladislav-bakayev'})
			WHERE r.sources = ['src-bakayev-account'] RETURN count(r)`},
		{"Ling as a former Scale AI employee, no role given", `
			MATCH (:Person {id: 'eugene-ling'})-[r:EMPLOYED_BY]->(:Entity {id: 'scale-ai'})
			WHERE r.former AND r.role IS NULL RETURN count(r)`},
		{"Bakayev as a former Scale AI salesperson", `
			MATCH (:Person {id: 'vladislav-bakayev'})-[r:EMPLOYED_BY]->(:Entity {id: 'scale-ai'})
			WHERE r.former AND r.role = 'sales' RETURN count(r)`},
		{"claim 000: Mercor misappropriated trade secrets, denied by Midha", `
			MATCH (c:Claim {status: 'denied'})-[:AGAINST]->(:Entity {id: 'mercor'}), (c)-[:PART_OF]->(:Lawsuit)
			WHERE 'scale-ai' IN c.alleged_by AND 'surya-midha' IN c.denied_by AND c.name CONTAINS 'trade secret'
			RETURN count(c)`},
		{"claim 000: Ling breached his employment agreement", `
			MATCH (c:Claim)-[:AGAINST]->(:Person {id: 'eugene-ling'})
			WHERE c.name CONTAINS 'employment agreement' AND c.sources = ['src-ling-account'] RETURN count(c)`},
		{"claim 000: Ling pitched Customer A before leaving", `
			MATCH (c:Claim)-[:AGAINST]->(:Person {id: 'eugene-ling'}), (c)-[:CONCERNS]->(:Entity {id: 'customer-a'})
			WHERE c.name CONTAINS 'pitched' RETURN count(c)`},
		{"claim 000: Mercor refused the files list and to keep Ling from Customer A", `
			MATCH (c:Claim)-[:AGAINST]->(:Entity {id: 'mercor'}), (c)-[:CONCERNS]->(:Asset {id: 'ling-google-drive'}),
			      (c)-[:CONCERNS]->(:Entity {id: 'customer-a'})
			RETURN count(c)`},
		{"claim 001: Bakayev shared pricing and contract information", `
			MATCH (c:Claim)-[:AGAINST]->(:Person {id: 'vladislav-bakayev'}), (c)-[:CONCERNS]->(:Asset {id: 'confidential-data'})
			WHERE c.name CONTAINS 'pricing' RETURN count(c)`},
		{"claim 001: Bakayev solicited Scale AI's clients", `
			MATCH (c:Claim)-[:AGAINST]->(:Person {id: 'vladislav-bakayev'}), (c)-[:BENEFITING]->(:Entity {id: 'mercor'})
			WHERE c.name CONTAINS 'clients' RETURN count(c)`},
		{"claim 001: Bakayev used his position", `
			MATCH (c:Claim)-[:AGAINST]->(:Person {id: 'vladislav-bakayev'}) WHERE c.name CONTAINS 'his job' RETURN count(c)`},
		{"claim 001: Bakayev breached his agreement and trade secret law", `
			MATCH (c:Claim)-[:AGAINST]->(:Person {id: 'vladislav-bakayev'})
			WHERE c.name CONTAINS 'employment agreement' OR c.name CONTAINS 'trade secret law'
			RETURN CASE WHEN count(c) = 2 THEN 1 ELSE 0 END`},
		{"claim 001: Mercor knowingly benefited and took part", `
			MATCH (c:Claim)-[:AGAINST]->(:Entity {id: 'mercor'})
			WHERE c.sources = ['src-bakayev-account'] AND c.name CONTAINS 'knowingly' RETURN count(c)`},
		{"Customer A, an unnamed Scale AI client", `
			MATCH (c:Organization {id: 'customer-a', named: false})-[:CUSTOMER_OF]->(:Entity {id: 'scale-ai'}) RETURN count(c)`},
		{"the data allegedly kept on Ling's personal drive", `
			MATCH (:Person {id: 'eugene-ling'})-[:OWNS]->(d:Asset)<-[r:STORED_ON]-(:Asset {id: 'confidential-data'})
			WHERE r.status = 'alleged' AND r.alleged_by = ['scale-ai'] RETURN count(r)`},
		{"the data's worth to Mercor if it won Customer A", `
			MATCH (c:Claim)-[:CONCERNS]->(:Entity {id: 'customer-a'}) WHERE c.value_text CONTAINS 'millions' RETURN count(c)`},
		{"Midha's denial, answering the trade-secret claim", `
			MATCH (d:Denial)-[:SAID_BY]->(:Person {id: 'surya-midha'}), (d)-[:RESPONDS_TO]->(:Claim {status: 'denied'})
			RETURN count(d)`},
		{"Midha: Ling may still hold outdated files", `
			MATCH (s:Statement)-[:SAID_BY]->(:Person {id: 'surya-midha'}), (s)-[:CONCERNS]->(:Person {id: 'eugene-ling'})
			WHERE s.name CONTAINS 'outdated files' RETURN count(s)`},
		{"Midha: Mercor never accessed them", `
			MATCH (s:Statement)-[:ON_BEHALF_OF]->(:Entity {id: 'mercor'}), (s)-[:CONCERNS]->(:Asset {id: 'confidential-data'})
			WHERE s.name CONTAINS 'never' RETURN count(s)`},
		{"Mercor is investigating", `
			MATCH (s:Statement)-[:SAID_BY]->(:Person {id: 'surya-midha'}) WHERE s.name CONTAINS 'looking into' RETURN count(s)`},
		{"the offer to destroy the files or settle, six days before the suit", `
			MATCH (o:Offer)-[:OFFERED_BY]->(:Entity {id: 'mercor'}), (o)-[:OFFERED_TO]->(:Entity {id: 'scale-ai'}),
			      (o)-[p:PRECEDES]->(:Lawsuit)
			WHERE p.days = 6 AND o.days_before_suit = 6 AND size(o.options) = 2 AND o.alleged_by = ['surya-midha']
			RETURN count(o)`},
		{"remedy: financial penalties for Bakayev", `
			MATCH (r:Remedy)-[:AGAINST]->(:Person {id: 'vladislav-bakayev'}), (r)-[:PART_OF]->(:Lawsuit)
			WHERE r.name CONTAINS 'penalties' RETURN count(r)`},
		{"remedy: damages from Mercor", `
			MATCH (r:Remedy)-[:AGAINST]->(:Entity {id: 'mercor'}) WHERE r.name CONTAINS 'damages' RETURN count(r)`},
		{"remedy: an injunction against soliciting Scale AI's customers", `
			MATCH (r:Remedy)-[:AGAINST]->(:Entity {id: 'mercor'}) WHERE r.name CONTAINS 'injunction' RETURN count(r)`},
		{"the further-reading citation of TechCrunch", `
			MATCH (:Source {id: 'src-ling-account', kind: 'article'})-[c:CITES]->(:Source {publisher: 'TechCrunch'})
			WHERE c.sources = ['src-ling-account'] RETURN count(c)`},
		{"both articles report the suit", `
			MATCH (s:Source)-[:MENTIONS]->(:Lawsuit {id: 'scale-v-mercor'}) WHERE s.file IS NOT NULL
			RETURN CASE WHEN count(s) = 2 THEN 1 ELSE 0 END`},
		{"the conflict over which former employee, queryable", `
			MATCH (c:Conflict)-[:INVOLVES]->(:Person {id: 'eugene-ling'}), (c)-[:INVOLVES]->(:Person {id: 'vladislav-bakayev'})
			WHERE c.id = 'conflict-former-employee' RETURN count(c)`},
		{"the suit's focus on Ling or Bakayev, disputed between the sources", `
			MATCH (:Lawsuit)-[r:CENTRES_ON {status: 'disputed'}]->(p:Person)
			RETURN CASE WHEN count(DISTINCT p) = 2 THEN 1 ELSE 0 END`},
	}
	for _, p := range probes {
		t.Run(p.fact, func(t *testing.T) {
			if n := countOf(t, p.query, nil); n < 1 {
				t.Errorf("no match for the fact; probe:\n%s", p.query)
			}
		})
	}
}

// The small dataset the reload tests edit: v1, then v2 with one person and his job
// removed, one fact edited, one fact retyped, one entity's kind changed and one party
// dropped.
const editV1 = `dataset: t-edit
sources:
  - id: src-edit-a
    headline: An invented headline for the edit test
    kind: article
    published: 2024-03
  - id: src-edit-b
    headline: Another invented headline for the edit test
    kind: article
entities:
  - {id: edit-acme, kind: Organization, name: Acme}
  - {id: edit-bolt, kind: Organization, name: Bolt}
  - {id: edit-carol, kind: Person, name: Carol}
  - {id: edit-dave, kind: Person, name: Dave}
facts:
  - id: edit-carol-at-acme
    type: EMPLOYED_BY
    from: edit-carol
    to: edit-acme
    status: reported
    sources: [src-edit-a]
    evidence: [Carol works at Acme.]
  - id: edit-dave-at-bolt
    type: EMPLOYED_BY
    from: edit-dave
    to: edit-bolt
    status: reported
    sources: [src-edit-a]
    evidence: [Dave works at Bolt.]
  - id: edit-acme-and-bolt
    type: COMPETES_WITH
    from: edit-acme
    to: edit-bolt
    status: reported
    sources: [src-edit-a, src-edit-b]
    evidence: [A says they compete., B agrees.]
  - id: edit-suit
    type: Lawsuit
    name: Acme v. Bolt
    status: reported
    sources: [src-edit-b]
    evidence: [B reports the suit.]
    parties:
      - {role: PLAINTIFF, node: edit-acme}
      - {role: DEFENDANT, node: edit-bolt}
`

var editV2 = strings.NewReplacer(
	"  - {id: edit-dave, kind: Person, name: Dave}\n", "",
	`  - id: edit-dave-at-bolt
    type: EMPLOYED_BY
    from: edit-dave
    to: edit-bolt
    status: reported
    sources: [src-edit-a]
    evidence: [Dave works at Bolt.]
`, "",
	`    status: reported
    sources: [src-edit-a]
    evidence: [Carol works at Acme.]`, `    status: alleged
    alleged_by: [edit-bolt]
    attributes: {former: true}
    sources: [src-edit-a]
    evidence: [Bolt claims Carol worked at Acme.]`,
	"type: COMPETES_WITH", "type: PARTNERS_WITH",
	"{id: edit-bolt, kind: Organization, name: Bolt}", "{id: edit-bolt, kind: Group, name: Bolt}",
	"      - {role: DEFENDANT, node: edit-bolt}\n", "",
).Replace(editV1)

const otherDataset = `dataset: t-other
sources:
  - {id: src-other, headline: A headline for the untouched dataset, kind: article}
entities:
  - {id: other-x, kind: Organization, name: Xylo}
  - {id: other-y, kind: Person, name: Yan}
facts:
  - id: other-y-at-x
    type: EMPLOYED_BY
    from: other-y
    to: other-x
    status: reported
    sources: [src-other]
    evidence: [Yan works at Xylo.]
`

func TestReloadUpdatesInPlaceAndRemovesWhatTheFileDropped(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	if editV2 == editV1 || strings.Contains(editV2, "edit-dave") {
		t.Fatal("the v2 replacements did not apply; fix the test's YAML")
	}
	// Data another dataset loaded, and data newsgraph did not load at all.
	mustLoad(t, store, parseYAML(t, "other.yaml", otherDataset))
	neo4jtest.Exec(t, "CREATE (:Entity:Organization {id: 'manual-org', name: 'Typed in by hand'})-[:NOTE {id: 'manual-note'}]->(:Memo {text: 'kept'})", nil)
	mustLoad(t, store, parseYAML(t, "edit.yaml", editV1))
	otherBefore := graphSnapshot(t, "x.dataset = 't-other'", nil)
	manualBefore := graphSnapshot(t, "x.dataset IS NULL", nil)
	carolJob := func() (string, map[string]any) {
		res := neo4jtest.Exec(t, "MATCH ()-[r {id: 'edit-carol-at-acme'}]->() RETURN elementId(r), properties(r)", nil)
		if len(res.Records) != 1 {
			t.Fatalf("want one edit-carol-at-acme, got %d", len(res.Records))
		}
		return res.Records[0].Values[0].(string), res.Records[0].Values[1].(map[string]any)
	}
	carolBefore, _ := carolJob()

	summary := mustLoad(t, store, parseYAML(t, "edit.yaml", editV2))

	if summary.NodesDeleted != 1 || summary.NodesUpdated != 1 || summary.NodesCreated != 0 {
		t.Errorf("want Dave deleted and Bolt updated: %s", summary)
	}
	if summary.RelationshipsUpdated == 0 || summary.RelationshipsDeleted == 0 || summary.RelationshipsCreated == 0 {
		t.Errorf("want the job updated, Dave's job, the defendant and the rivalry deleted, the partnership created: %s", summary)
	}
	checks := []struct {
		name, query string
		want        int64
	}{
		{"the removed entity is gone", "MATCH (n {id: 'edit-dave'}) RETURN count(n)", 0},
		{"its fact is gone", "MATCH ()-[r {id: 'edit-dave-at-bolt'}]->() RETURN count(r)", 0},
		{"the retyped fact has its new type only", "MATCH ()-[r {id: 'edit-acme-and-bolt'}]->() RETURN sum(CASE type(r) WHEN 'PARTNERS_WITH' THEN 1 ELSE 100 END)", 1},
		{"the entity's kind label is replaced", "MATCH (n:Entity {id: 'edit-bolt'}) RETURN CASE WHEN n:Group AND NOT n:Organization AND size(labels(n)) = 2 THEN 1 ELSE 0 END", 1},
		{"the dropped party is gone", "MATCH (:Lawsuit {id: 'edit-suit'})-[r:DEFENDANT]->() RETURN count(r)", 0},
		{"the kept party stays", "MATCH (:Lawsuit {id: 'edit-suit'})-[r:PLAINTIFF]->() RETURN count(r)", 1},
		{"no source mentions the removed entity", "MATCH (:Source)-[r:MENTIONS]->(n {name: 'Dave'}) RETURN count(r)", 0},
		{"a source keeps its publication date apart from the facts' dates", "MATCH (s:Source {id: 'src-edit-a', published: '2024-03'}) RETURN count(s)", 1},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if got := countOf(t, c.query, nil); got != c.want {
				t.Errorf("got %d, want %d: %s", got, c.want, c.query)
			}
		})
	}
	t.Run("the edited fact is updated in place", func(t *testing.T) {
		id, props := carolJob()
		if id != carolBefore {
			t.Errorf("the relationship was recreated: element id %s, was %s", id, carolBefore)
		}
		if props["status"] != "alleged" || props["former"] != true || fmt.Sprint(props["alleged_by"]) != "[edit-bolt]" {
			t.Errorf("properties not updated: %v", props)
		}
	})
	t.Run("another dataset is untouched", func(t *testing.T) {
		if after := graphSnapshot(t, "x.dataset = 't-other'", nil); after != otherBefore || otherBefore == "" {
			t.Errorf("before:\n%s\nafter:\n%s", otherBefore, after)
		}
	})
	t.Run("data loaded by other means is untouched", func(t *testing.T) {
		if after := graphSnapshot(t, "x.dataset IS NULL", nil); after != manualBefore || !strings.Contains(manualBefore, "manual-org") {
			t.Errorf("before:\n%s\nafter:\n%s", manualBefore, after)
		}
	})
}

// TestLoadIsAtomic cancels a load after some of its batches were written inside the
// transaction: the database must be exactly as before, then a full load must succeed.
func TestLoadIsAtomic(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	mustLoad(t, store, parseYAML(t, "edit.yaml", editV1))
	before := graphSnapshot(t, "true", nil)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var batches []neo4jstore.LoadProgress
	next := append(parseYAML(t, "edit.yaml", editV2), builtinDatasets(t)...)
	_, err := store.Load(ctx, next, neo4jstore.LoadOptions{BatchSize: 2, Progress: func(p neo4jstore.LoadProgress) {
		batches = append(batches, p)
		if len(batches) == 5 {
			cancel() // half-way: sources and entities of both datasets are already merged
		}
	}})
	if err == nil {
		t.Fatal("the cancelled load reported success")
	}
	if len(batches) != 5 {
		t.Fatalf("want the load to stop after 5 written batches, it ran %d: %v", len(batches), batches)
	}
	if after := graphSnapshot(t, "true", nil); after != before {
		t.Fatalf("a failed load changed the graph:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	summary, err := store.Load(context.Background(), next, neo4jstore.LoadOptions{})
	if err != nil {
		t.Fatalf("a load after the failed one: %v", err)
	}
	if summary.NodesCreated == 0 || summary.NodesDeleted != 1 {
		t.Errorf("the load after the failed one: %s", summary)
	}
}

// TestLoadIsNotInterruptedWhileCommitting: an interrupt after the last statement, as
// the transaction commits, lets the commit finish and says so. Before, the commit ran
// under the cancelled context: the load reported failure ("nothing was changed", said
// the command) while Neo4j could commit it all the same.
func TestLoadIsNotInterruptedWhileCommitting(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ds := builtinDatasets(t)
	summary, err := store.Load(ctx, ds, neo4jstore.LoadOptions{BatchSize: 1000, Progress: func(p neo4jstore.LoadProgress) {
		if p.Step == "relationships" && p.Done == p.Total {
			cancel() // the last statement has run: what is left is the commit
		}
	}})
	if err != nil {
		t.Fatalf("the load interrupted as it committed failed: %v", err)
	}
	if summary.NodesCreated == 0 {
		t.Fatalf("the load reported %s", summary)
	}
	if n := countOf(t, "MATCH (n {dataset: $ds}) RETURN count(n)", map[string]any{"ds": builtinName}); n != int64(summary.NodesCreated) {
		t.Errorf("the database holds %d of the dataset's nodes, the load reported %d created", n, summary.NodesCreated)
	}
}

// TestReloadKeepsWhatOtherDataUses: an entity dropped from its file that another
// dataset's fact, or a relationship made by hand, still uses is not removed: the load is
// refused, naming it, and the graph stays as it was. Before, DETACH DELETE took the
// other dataset's fact (and the hand-made relationship) with it, without a word.
func TestReloadKeepsWhatOtherDataUses(t *testing.T) {
	store := neo4jtest.Store(t)
	const a = `dataset: ds-a
sources:
  - {id: src-a, headline: Source A, kind: article}
entities:
  - {id: alpha, kind: Person, name: Alpha}
  - {id: shared, kind: Organization, name: Shared Org}
facts:
  - {id: alpha-works-shared, type: WORKS_AT, from: alpha, to: shared, status: reported, sources: [src-a], evidence: [A says so.]}
`
	const b = `dataset: ds-b
sources:
  - {id: src-b, headline: Source B, kind: article}
entities:
  - {id: beta, kind: Person, name: Beta}
facts:
  - {id: beta-knows-alpha, type: KNOWS, from: beta, to: alpha, status: reported, sources: [src-b], evidence: [B says so.]}
`
	aWithoutAlpha := strings.NewReplacer("  - {id: alpha, kind: Person, name: Alpha}\n", "", "from: alpha,", "from: shared,", "to: shared,", "to: shared,").Replace(a)
	tests := []struct {
		name, other, want string
	}{
		{"another dataset's fact", "", `dataset "ds-a": entity "alpha" is no longer in its file, but the KNOWS relationship (beta-knows-alpha) of dataset "ds-b"`},
		{"a relationship made by hand", "MATCH (a:Entity {id: 'alpha'}) CREATE (:Note {text: 'kept'})-[:ABOUT]->(a)", `entity "alpha" is no longer in its file, but the ABOUT relationship of data newsgraph did not load`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			neo4jtest.Reset(t)
			files := []dataset.File{{Name: "a.yaml", Data: []byte(a)}}
			if tt.other == "" {
				files = append(files, dataset.File{Name: "b.yaml", Data: []byte(b)})
			}
			ds, err := dataset.Parse(files...)
			if err != nil {
				t.Fatal(err)
			}
			mustLoad(t, store, ds)
			if tt.other != "" {
				neo4jtest.Exec(t, tt.other, nil)
			}
			before := graphSnapshot(t, "true", nil)
			_, err = store.Load(context.Background(), parseYAML(t, "a.yaml", aWithoutAlpha), neo4jstore.LoadOptions{})
			if domain.ErrorCodeOf(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(err), tt.want) {
				t.Fatalf("got %v, want a refusal saying %s", err, tt.want)
			}
			if after := graphSnapshot(t, "true", nil); after != before {
				t.Errorf("the refused load changed the graph:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestLoadCountsTheIdsItDoesNotName: a refusal names the first 20 ids taken and counts
// the rest; the list had stopped at 20 without a word.
func TestLoadCountsTheIdsItDoesNotName(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	var yaml strings.Builder
	yaml.WriteString("dataset: many\nsources:\n  - {id: many-src, headline: A source, kind: article}\nentities:\n")
	var ids []string
	for i := range 25 {
		id := fmt.Sprintf("taken-%02d", i)
		ids = append(ids, id)
		fmt.Fprintf(&yaml, "  - {id: %s, kind: Person, name: Person %d}\n", id, i)
	}
	neo4jtest.Exec(t, "UNWIND $ids AS id CREATE (:Entity {id: id})", map[string]any{"ids": ids})
	_, err := store.Load(context.Background(), parseYAML(t, "many.yaml", yaml.String()), neo4jstore.LoadOptions{})
	msg := domain.ErrorMessageOf(err)
	if !strings.Contains(msg, `id "taken-19"`) || strings.Contains(msg, `id "taken-20"`) || !strings.HasSuffix(msg, "\nand 5 more ids") {
		t.Errorf("got %v:\n%s\nwant taken-00 to taken-19 named and 5 more counted", err, msg)
	}
}

// TestStaleNodeRefusalCountsWhatItDoesNotName: the refusal to remove nodes other data
// uses names 20 and counts the rest; it stopped at 20 without a word.
func TestStaleNodeRefusalCountsWhatItDoesNotName(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	file := func(n int) string {
		var yaml strings.Builder
		yaml.WriteString("dataset: many\nsources:\n  - {id: many-src, headline: A source, kind: article}\nentities:\n")
		for i := range n {
			fmt.Fprintf(&yaml, "  - {id: used-%02d, kind: Person, name: Person %d}\n", i, i)
		}
		return yaml.String()
	}
	mustLoad(t, store, parseYAML(t, "many.yaml", file(25)))
	neo4jtest.Exec(t, "MATCH (n:Entity {dataset: 'many'}) CREATE (:Foreign)-[:USES]->(n)", nil)
	_, err := store.Load(context.Background(), parseYAML(t, "many.yaml", file(0)), neo4jstore.LoadOptions{})
	msg := domain.ErrorMessageOf(err)
	if !strings.Contains(msg, `entity "used-19"`) || strings.Contains(msg, `entity "used-20"`) || !strings.HasSuffix(msg, "\nand 5 more nodes") {
		t.Errorf("got %v:\n%s\nwant used-00 to used-19 named and 5 more counted", err, msg)
	}
}

func TestLoadRefusesToTakeOverOtherData(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	tests := []struct {
		name, setup, wantProblem string
	}{
		{"a node loaded by other means", "CREATE (:Entity:Organization {id: 'mercor', name: 'A hand-made Mercor'})", `id "mercor" is already used by data newsgraph did not load`},
		{"a node of another dataset", "CREATE (:Fact:Claim {id: 'scale-v-mercor', name: 'x', dataset: 'someone-else'})", `id "scale-v-mercor" already belongs to dataset "someone-else"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			neo4jtest.Reset(t)
			neo4jtest.Exec(t, tt.setup, nil)
			before := graphSnapshot(t, "true", nil)
			_, err := store.Load(context.Background(), builtinDatasets(t), neo4jstore.LoadOptions{})
			if domain.ErrorCodeOf(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(err), tt.wantProblem) {
				t.Fatalf("got %v, want an invalid error naming %s", err, tt.wantProblem)
			}
			if after := graphSnapshot(t, "true", nil); after != before {
				t.Errorf("the refused load changed the graph:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// withoutSchema drops newsgraph's constraints and indexes, as on a database newsgraph
// never loaded into, and puts them back when the test ends.
func withoutSchema(t *testing.T, store *neo4jstore.Store) {
	t.Helper()
	names := schemaNames(t)
	for _, name := range names["constraint"] {
		neo4jtest.Exec(t, "DROP CONSTRAINT `"+name+"` IF EXISTS", nil)
	}
	for _, name := range names["index"] {
		neo4jtest.Exec(t, "DROP INDEX `"+name+"` IF EXISTS", nil)
	}
	t.Cleanup(func() {
		neo4jtest.Reset(t)
		if err := store.EnsureSchema(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

// schemaNames reads the names of the constraints and indexes cypher/schema.cypher makes.
func schemaNames(t *testing.T) map[string][]string {
	t.Helper()
	names := map[string][]string{}
	for _, m := range regexp.MustCompile(`CREATE (?:FULLTEXT )?(CONSTRAINT|INDEX) (\w+)`).FindAllStringSubmatch(strings.Join(cypher.Schema(), "\n"), -1) {
		kind := strings.ToLower(m[1])
		names[kind] = append(names[kind], m[2])
	}
	if len(names["constraint"]) == 0 || len(names["index"]) == 0 {
		t.Fatalf("found no constraint or index in the schema: %v", names)
	}
	return names
}

// schemaPresent lists which of newsgraph's constraints and indexes the database has.
func schemaPresent(t *testing.T) []string {
	t.Helper()
	var all []string
	for _, list := range schemaNames(t) {
		all = append(all, list...)
	}
	// A constraint's index bears its name, so SHOW INDEXES lists both kinds.
	res := neo4jtest.Exec(t, "SHOW INDEXES YIELD name WHERE name IN $names RETURN name", map[string]any{"names": all})
	var present []string
	for _, rec := range res.Records {
		present = append(present, rec.Values[0].(string))
	}
	slices.Sort(present)
	return present
}

// A refused load on a database newsgraph never set up leaves it as it was: without
// newsgraph's constraints and full-text index, which change how it is searched.
func TestRefusedLoadLeavesTheSchemaAlone(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	withoutSchema(t, store)
	neo4jtest.Exec(t, "CREATE (:Entity:Organization {id: 'mercor', name: 'A hand-made Mercor'})", nil)
	_, err := store.Load(context.Background(), builtinDatasets(t), neo4jstore.LoadOptions{})
	if domain.ErrorCodeOf(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(err), `id "mercor" is already used by data newsgraph did not load`) {
		t.Fatalf("got %v, want the refusal naming mercor", err)
	}
	if present := schemaPresent(t); len(present) > 0 {
		t.Errorf("the refused load made %v", present)
	}
}

// A load into a database without newsgraph's schema makes it, the full-text index too.
func TestLoadAppliesTheSchema(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	withoutSchema(t, store)
	mustLoad(t, store, builtinDatasets(t))
	var want []string
	for _, list := range schemaNames(t) {
		want = append(want, list...)
	}
	slices.Sort(want)
	if got := schemaPresent(t); !slices.Equal(got, want) {
		t.Errorf("after the load the database has %v, want %v", got, want)
	}
}

// Two nodes with one id keep newsgraph's constraints from being made: the load says
// which id, and is no internal error.
func TestLoadOnDuplicateIdsSaysWhich(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	withoutSchema(t, store)
	neo4jtest.Exec(t, "CREATE (:Entity {id: 'twice-here', name: 'A'}), (:Entity {id: 'twice-here', name: 'B'})", nil)
	before := graphSnapshot(t, "true", nil)
	_, err := store.Load(context.Background(), builtinDatasets(t), neo4jstore.LoadOptions{})
	msg := domain.ErrorMessageOf(err)
	if domain.ErrorCodeOf(err) != domain.EInvalid || !strings.Contains(msg, "twice-here") || !strings.Contains(msg, "different ids") {
		t.Fatalf("got %v (%s), want an invalid error naming the id twice-here and what to do", err, msg)
	}
	if after := graphSnapshot(t, "true", nil); after != before {
		t.Errorf("the refused load changed the graph:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestLoadReportsProgressPerBatch(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	ds := builtinDatasets(t)
	last := map[string]neo4jstore.LoadProgress{}
	calls := map[string]int{}
	summary, err := store.Load(context.Background(), ds, neo4jstore.LoadOptions{BatchSize: 10, Progress: func(p neo4jstore.LoadProgress) {
		calls[p.Step]++
		last[p.Step] = p
	}})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, step := range []string{"sources", "entities", "conflicts", "fact nodes", "relationships"} {
		p := last[step]
		if p.Done != p.Total || p.Total == 0 || calls[step] != (p.Total+9)/10 {
			t.Errorf("%s: %d calls, last %+v; want one per batch of 10 ending at the total", step, calls[step], p)
		}
		if step != "relationships" {
			total += p.Total
		}
	}
	if total != summary.NodesCreated || last["relationships"].Total != summary.RelationshipsCreated {
		t.Errorf("progress totals (%d nodes, %d relationships) disagree with %s", total, last["relationships"].Total, summary)
	}
}

func TestConflictsSideBySide(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	mustLoad(t, store, builtinDatasets(t))

	conflicts, err := store.Conflicts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var employee *domain.Conflict
	for i, c := range conflicts {
		ids = append(ids, c.ID)
		if c.ID == "conflict-former-employee" {
			employee = &conflicts[i]
		}
	}
	if len(conflicts) != 3 || employee == nil {
		t.Fatalf("want the three conflicts of the dataset, got %v", ids)
	}
	if len(employee.Sides) != 2 {
		t.Fatalf("want two sides, got %d", len(employee.Sides))
	}
	// Each side names its own former employee and not the other one: the conflict is
	// shown as the sources give it, not resolved.
	sides := []struct {
		source, names, notNames string
	}{
		{"src-bakayev-account", "vladislav-bakayev", "eugene-ling"},
		{"src-ling-account", "eugene-ling", "vladislav-bakayev"},
	}
	for i, want := range sides {
		t.Run(want.source, func(t *testing.T) {
			side := employee.Sides[i]
			if side.Source.Key != want.source || side.Source.Title == "" {
				t.Fatalf("side %d is %q (%q), want %s", i, side.Source.Key, side.Source.Title, want.source)
			}
			nodes := map[string]bool{}
			for _, f := range side.Facts {
				nodes[f.Start.Key], nodes[f.End.Key] = true, true
				if !slices.ContainsFunc(f.Relationship.Evidence, func(e domain.Evidence) bool { return e.SourceKey == want.source }) {
					t.Errorf("fact %s is not from %s", f.Relationship.Key, want.source)
				}
				for _, ev := range f.Relationship.Evidence {
					if ev.Note == "" || ev.SourceTitle == "" {
						t.Errorf("fact %s: evidence without a note or a source title: %+v", f.Relationship.Key, ev)
					}
				}
			}
			if !nodes[want.names] || nodes[want.notNames] {
				t.Errorf("want %s and not %s among the side's nodes, got %v", want.names, want.notNames, nodes)
			}
		})
	}
	roles := map[string]string{}
	for _, side := range employee.Sides {
		for _, f := range side.Facts {
			if f.Relationship.Type == "EMPLOYED_BY" {
				var props struct{ Role string }
				if err := json.Unmarshal(f.Relationship.Properties, &props); err != nil {
					t.Fatal(err)
				}
				roles[f.Start.Key] = props.Role
			}
		}
	}
	if roles["vladislav-bakayev"] != "sales" || roles["eugene-ling"] != "" {
		t.Errorf("roles as the sources give them: got %v, want Bakayev in sales and no role for Ling", roles)
	}
	if len(employee.Entities) != 3 {
		t.Errorf("want the three involved entities, got %d", len(employee.Entities))
	}
}

// TestModelDocQueries runs every example query of the README on the built-in
// dataset, so the README never shows a query that fails or finds nothing.
func TestModelDocQueries(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	mustLoad(t, store, builtinDatasets(t))
	doc, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```cypher\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 9 {
		t.Fatalf("want an example query per kind of fact, found %d", len(blocks))
	}
	for i, b := range blocks {
		query := strings.TrimSpace(b[1])
		t.Run(fmt.Sprintf("example %d", i+1), func(t *testing.T) {
			if res := neo4jtest.Exec(t, query, nil); len(res.Records) == 0 {
				t.Errorf("no rows:\n%s", query)
			}
		})
	}
}

// TestConcurrentLoadsDoNotDuplicate runs the same edit from several loads at once, as
// when `make run` loads on start while someone runs `newsgraph load`: each fact must
// exist once afterwards.
func TestConcurrentLoadsDoNotDuplicate(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	mustLoad(t, store, parseYAML(t, "edit.yaml", editV1))
	// Only a new fact between nodes that stay as they are: nothing else in the load
	// would make the concurrent transactions wait for one another.
	added := parseYAML(t, "edit.yaml", editV1+`  - id: edit-carol-advises-bolt
    type: ADVISES
    from: edit-carol
    to: edit-bolt
    status: reported
    sources: [src-edit-b]
    evidence: [B says Carol advises Bolt.]
`)
	errs := make(chan error, 4)
	for range cap(errs) {
		go func() {
			_, err := store.Load(context.Background(), added, neo4jstore.LoadOptions{})
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Errorf("a concurrent load failed: %v", err)
		}
	}
	if n := countOf(t, "MATCH ()-[r]->() WHERE r.dataset = 't-edit' WITH r.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(id)", nil); n != 0 {
		t.Errorf("%d relationship ids exist more than once", n)
	}
	if n := countOf(t, "MATCH ()-[r:ADVISES {id: 'edit-carol-advises-bolt'}]->() RETURN count(r)", nil); n != 1 {
		t.Errorf("the new relationship exists %d times, want once", n)
	}
	if n := countOf(t, "MATCH (n) WHERE n.newsgraph_load_lock IS NOT NULL RETURN count(n)", nil); n != 0 {
		t.Errorf("the load lock left its property on %d nodes", n)
	}
}

// TestConcurrentLoadsOfDatasetsSharingIds loads two datasets that define the same ids
// at once: one load wins and the other is refused, as it is when they run one after the
// other, and every shared node belongs to the winner. Before, both checked ownership
// before either had written, both succeeded, and the second took the first's nodes over.
func TestConcurrentLoadsOfDatasetsSharingIds(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	dataset := func(name string) []domain.Dataset {
		var b strings.Builder
		fmt.Fprintf(&b, "dataset: %s\nsources:\n  - {id: src-%s, headline: An invented headline, kind: article}\nentities:\n", name, name)
		for i := range 2000 {
			fmt.Fprintf(&b, "  - {id: shared-%d, kind: Person, name: Person %d}\n", i, i)
		}
		return parseYAML(t, name+".yaml", b.String())
	}
	a, b := dataset("t-race-a"), dataset("t-race-b")
	errs := make(chan error, 2)
	for _, d := range [][]domain.Dataset{a, b} {
		go func() {
			_, err := store.Load(context.Background(), d, neo4jstore.LoadOptions{})
			errs <- err
		}()
	}
	var failed []error
	for range 2 {
		if err := <-errs; err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) != 1 || domain.ErrorCodeOf(failed[0]) != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(failed[0]), "already belongs to dataset") {
		t.Fatalf("the loads' errors: %v; want one refused for taking the other's ids over", failed)
	}
	if n := countOf(t, "MATCH (n:Entity) WHERE n.id STARTS WITH 'shared-' WITH n.dataset AS d, count(*) AS c RETURN count(d)", nil); n != 1 {
		t.Errorf("the shared nodes belong to %d datasets, want 1", n)
	}
	if n := countOf(t, "MATCH (n:Source {id: 'newsgraph load lock'}) RETURN count(n)", nil); n != 0 {
		t.Errorf("the load lock left %d nodes", n)
	}
}
