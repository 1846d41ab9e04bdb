package bench_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/graphgen"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// inputs is what one graph's workloads cycle through.
type inputs struct {
	foci  []string    // entity ids picked uniformly: a typical click
	top   []string    // the best-connected entities apart from the hub: the worst clicks
	hub   string      // the supernode
	pairs [][2]string // path endpoints
	terms []string    // search text: whole names, prefixes, lower case, a typo
	// expandType and expandDirection page through the hub's relationships.
	expandType, expandDirection string
	expandTotal                 int
	filterTypes                 []string // relationship types for the filtered neighbourhood
}

// genConfig is the generated graph the benchmarks expect; scripts/bench.sh passes the
// same values to `newsgraph generate` through these variables.
func genConfig() (graphgen.Config, error) {
	c := graphgen.Config{Nodes: 100_000, HubDegree: 50_000, Seed: 1}
	for _, v := range []struct {
		env string
		dst *int
	}{{"BENCH_NODES", &c.Nodes}, {"BENCH_HUB_DEGREE", &c.HubDegree}} {
		if s := os.Getenv(v.env); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return c, fmt.Errorf("%s: %w", v.env, err)
			}
			*v.dst = n
		}
	}
	if s := os.Getenv("BENCH_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return c, fmt.Errorf("BENCH_SEED: %w", err)
		}
		c.Seed = n
	}
	return c, nil
}

var (
	genOnce   sync.Once
	genInputs inputs
	genErr    error
)

// generatedInputs makes sure the database holds the generated graph of genConfig
// (writing it when it does not, which takes about a minute for 100,000 nodes) and picks
// the inputs from the same graph regenerated in memory: the generator is deterministic,
// so no query is needed to know what is in the database.
func generatedInputs(b *testing.B, e *env) inputs {
	b.Helper()
	genOnce.Do(func() {
		var c graphgen.Config
		if c, genErr = genConfig(); genErr != nil {
			return
		}
		var g *graphgen.Graph
		if g, genErr = graphgen.Generate(c); genErr != nil {
			return
		}
		// The schema may have grown since the graph was written (a new full-text index);
		// applying it is idempotent, and the wait makes search see every node.
		ctx := context.Background()
		if genErr = e.store.EnsureSchema(ctx); genErr != nil {
			return
		}
		if genErr = e.store.AwaitIndexes(ctx, 5*time.Minute); genErr != nil {
			return
		}
		if !generatedPresent(b, g) {
			b.Logf("writing the generated graph (%d nodes, hub degree %d, seed %d)", c.Nodes, c.HubDegree, c.Seed)
			if _, genErr = graphgen.Write(context.Background(), e.store, g, func(s string) { b.Log(s) }); genErr != nil {
				return
			}
		}
		deg := g.Degrees()
		cands := make([]candidate, 0, len(g.Nodes)-1)
		for i, n := range g.Nodes[1:] {
			cands = append(cands, candidate{id: n.ID, name: n.Name, degree: deg[i+1]})
		}
		genInputs = pickInputs(cands, c.Seed)
		genInputs.hub = g.HubID()
		genInputs.expandType, genInputs.expandDirection, genInputs.expandTotal = graphgen.HubType, "in", c.HubDegree
		genInputs.filterTypes = []string{"EMPLOYED_BY", "KNOWS"}
	})
	if genErr != nil {
		b.Fatal(genErr)
	}
	return genInputs
}

// generatedPresent checks the entity count and the hub's degree, which together tell a
// graph of another size or an interrupted write apart from the expected one.
func generatedPresent(b *testing.B, g *graphgen.Graph) bool {
	res := neo4jtest.Exec(b, `MATCH (n:Entity {dataset: $dataset}) WITH count(n) AS entities
		OPTIONAL MATCH (h:Entity {id: $hub}) RETURN entities, COUNT { (h)--() } AS hub`,
		map[string]any{"dataset": g.Config.Dataset, "hub": g.HubID()})
	entities, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "entities")
	hub, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "hub")
	return entities == int64(len(g.Nodes)) && hub == int64(g.Config.HubDegree)
}

// candidate is a node the workloads may start from.
type candidate struct {
	id, name string
	degree   int
}

// pickInputs draws a graph's workload inputs, deterministically from seed: uniform
// foci, path pairs and search texts, plus the best-connected nodes. The hub is left
// to the caller since it is benchmarked on its own.
func pickInputs(cands []candidate, seed uint64) inputs {
	rng := rand.New(rand.NewPCG(seed, 2))
	var in inputs
	for len(in.foci) < 100 {
		in.foci = append(in.foci, cands[rng.IntN(len(cands))].id)
	}
	byDegree := slices.Clone(cands)
	slices.SortStableFunc(byDegree, func(a, b candidate) int { return b.degree - a.degree })
	for _, c := range byDegree[:min(20, len(byDegree))] {
		in.top = append(in.top, c.id)
	}
	for len(in.pairs) < 100 {
		a, b := cands[rng.IntN(len(cands))], cands[rng.IntN(len(cands))]
		if a.id != b.id {
			in.pairs = append(in.pairs, [2]string{a.id, b.id})
		}
	}
	for len(in.terms) < 20 {
		n := cands[rng.IntN(len(cands))].name
		r := []rune(n)
		switch len(in.terms) % 4 {
		case 0: // the whole name
		case 1: // a prefix, as typed into an autocomplete box
			n = string(r[:min(4, len(r))])
		case 2: // lower case
			n = strings.ToLower(n)
		case 3: // one letter dropped from the middle
			if len(r) > 4 {
				n = string(append(r[:len(r)/2:len(r)/2], r[len(r)/2+1:]...))
			}
		}
		in.terms = append(in.terms, n)
	}
	return in
}

var (
	dsOnce   sync.Once
	dsInputs inputs
	dsErr    error
)

// datasetInputs loads the built-in datasets (idempotent: the loader merges on stable
// ids) and picks the inputs from their entities; the hub is the entity with the most
// facts, so the supernode workloads have a counterpart on the real data.
func datasetInputs(b *testing.B, e *env) inputs {
	b.Helper()
	dsOnce.Do(func() {
		var sets []domain.Dataset
		if sets, dsErr = dataset.Builtin(); dsErr != nil {
			return
		}
		ctx := context.Background()
		if dsErr = e.store.EnsureSchema(ctx); dsErr != nil {
			return
		}
		if _, dsErr = e.store.Load(ctx, sets, neo4jstore.LoadOptions{}); dsErr != nil {
			return
		}
		if dsErr = e.store.AwaitIndexes(ctx, 5*time.Minute); dsErr != nil {
			return
		}
		degree := map[string]int{}
		for _, d := range sets {
			for _, f := range d.Facts {
				degree[f.From]++
				degree[f.To]++
				for _, p := range f.Parties {
					degree[p.Node]++
				}
			}
		}
		var cands []candidate
		for _, d := range sets {
			for _, en := range d.Entities {
				cands = append(cands, candidate{id: en.ID, name: en.Name, degree: degree[en.ID]})
			}
		}
		if len(cands) < 2 {
			dsErr = fmt.Errorf("the built-in datasets have %d entities; the benchmarks need two", len(cands))
			return
		}
		dsInputs = pickInputs(cands, 1)
		dsInputs.hub = dsInputs.top[0]
		dsInputs.expandDirection = "both"
		dsInputs.expandTotal = degree[dsInputs.hub]
	})
	if dsErr != nil {
		b.Fatal(dsErr)
	}
	return dsInputs
}
