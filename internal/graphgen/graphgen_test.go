package graphgen_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/graphgen"
)

func TestGenerateIsDeterministic(t *testing.T) {
	c := graphgen.Config{Nodes: 2000, HubDegree: 300, Seed: 7}
	a, err := graphgen.Generate(c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := graphgen.Generate(c)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed produced two different graphs")
	}
	c.Seed = 8
	other, err := graphgen.Generate(c)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Rels, other.Rels) {
		t.Error("seeds 7 and 8 produced the same relationships")
	}
}

func TestGenerateShape(t *testing.T) {
	tests := []struct {
		name string
		cfg  graphgen.Config
	}{
		{"small", graphgen.Config{Nodes: 3000, HubDegree: 500, Seed: 1}},
		{"denser", graphgen.Config{Nodes: 5000, HubDegree: 1000, EdgesPerNode: 5, Seed: 2}},
		{"no hub relationships", graphgen.Config{Nodes: 1000, HubDegree: 0, Seed: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := graphgen.Generate(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Nodes) != tt.cfg.Nodes {
				t.Fatalf("got %d nodes, want %d", len(g.Nodes), tt.cfg.Nodes)
			}
			checkHub(t, g, tt.cfg.HubDegree)
			checkHeavyTail(t, g)
			checkFacts(t, g)
			checkNames(t, g)
		})
	}
}

// checkNames: names and aliases are valid UTF-8, and a person's alias abbreviates the
// first name to its whole first letter ("Émile Abara" got "\xc3. Abara").
func checkNames(t *testing.T, g *graphgen.Graph) {
	t.Helper()
	accented := 0
	for _, n := range g.Nodes {
		for _, text := range append([]string{n.Name}, n.Aliases...) {
			if !utf8.ValidString(text) {
				t.Fatalf("%s: %q is not UTF-8", n.ID, text)
			}
		}
		if n.Kind != "Person" || len(n.Aliases) == 0 {
			continue
		}
		first, _ := utf8.DecodeRuneInString(n.Name)
		if want := string(first) + ". "; !strings.HasPrefix(n.Aliases[0], want) {
			t.Fatalf("%s: alias %q of %q should start with %q", n.ID, n.Aliases[0], n.Name, want)
		}
		if first >= utf8.RuneSelf {
			accented++
		}
	}
	if accented == 0 {
		t.Fatal("no person's name starts with a non-ASCII letter: the check above checks nothing")
	}
}

// checkHub: the hub has exactly the asked degree, every one an incoming HubType
// relationship from a distinct person.
func checkHub(t *testing.T, g *graphgen.Graph, want int) {
	t.Helper()
	if g.HubID() != graphgen.HubID {
		t.Fatalf("node 0 is %q, want the hub", g.Nodes[0].ID)
	}
	if got := g.Degrees()[0]; got != want {
		t.Errorf("hub degree %d, want exactly %d", got, want)
	}
	seen := map[int]bool{}
	for _, r := range g.Rels {
		if r.To != 0 && r.From != 0 {
			continue
		}
		if r.To != 0 || r.Type != graphgen.HubType || g.Nodes[r.From].Kind != "Person" {
			t.Fatalf("hub relationship %+v is not a person's incoming %s", r, graphgen.HubType)
		}
		if seen[r.From] {
			t.Fatalf("person %d is linked to the hub twice", r.From)
		}
		seen[r.From] = true
	}
}

// checkHeavyTail: preferential attachment gives a power law, so apart from the hub the
// best-connected nodes have many times the median degree and the top 1% of nodes hold a
// share of all endpoints far above 1%. A uniform random graph of the same size fails
// both (its maximum is a small multiple of the mean).
func checkHeavyTail(t *testing.T, g *graphgen.Graph) {
	t.Helper()
	deg := g.Degrees()[1:]
	sorted := slices.Clone(deg)
	slices.Sort(sorted)
	median, top := sorted[len(sorted)/2], sorted[len(sorted)-1]
	if top < 10*median {
		t.Errorf("max degree %d is under 10x the median %d: not heavy-tailed", top, median)
	}
	total, topShare := 0, 0
	for i, d := range sorted {
		total += d
		if i >= len(sorted)-len(sorted)/100 {
			topShare += d
		}
	}
	if share := float64(topShare) / float64(total); share < 0.08 {
		t.Errorf("the top 1%% of nodes hold %.1f%% of endpoints; a power law gives well over 8%%", 100*share)
	}
	if median < g.Config.EdgesPerNode && g.Config.EdgesPerNode > 0 {
		t.Errorf("median degree %d is below the edges each node adds", median)
	}
}

// checkFacts: every relationship is a well-formed fact: a known status, at least one
// source, no self loops and no duplicate ids.
func checkFacts(t *testing.T, g *graphgen.Graph) {
	t.Helper()
	ids := map[string]bool{}
	statuses := map[string]int{}
	for _, r := range g.Rels {
		if ids[r.ID] {
			t.Fatalf("duplicate relationship id %s", r.ID)
		}
		ids[r.ID] = true
		if r.From == r.To {
			t.Fatalf("self loop %+v", r)
		}
		if len(r.Sources) == 0 {
			t.Fatalf("relationship %s cites no source", r.ID)
		}
		if r.Status == "alleged" && len(r.AllegedBy) == 0 {
			t.Fatalf("alleged relationship %s names nobody alleging it", r.ID)
		}
		statuses[r.Status]++
	}
	for _, s := range []string{"reported", "alleged"} {
		if statuses[s] == 0 {
			t.Errorf("no %s relationships among %d", s, len(g.Rels))
		}
	}
}

func TestGenerateRejects(t *testing.T) {
	tests := []struct {
		name string
		cfg  graphgen.Config
	}{
		{"too few nodes", graphgen.Config{Nodes: 3}},
		{"negative hub degree", graphgen.Config{Nodes: 100, HubDegree: -1}},
		{"hub degree above the people", graphgen.Config{Nodes: 100, HubDegree: 100}},
		{"no edges per node", graphgen.Config{Nodes: 100, EdgesPerNode: -2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := graphgen.Generate(tt.cfg)
			if code := domain.ErrorCodeOf(err); err == nil || code != domain.EInvalid {
				t.Errorf("err = %v (code %s), want an %s error", err, code, domain.EInvalid)
			}
		})
	}
}

// TestIDsAreUniqueAcrossDatasets: the schema makes ids unique database-wide, so two
// generated datasets must not share any.
func TestIDsAreUniqueAcrossDatasets(t *testing.T) {
	ids := map[string]string{}
	for _, dataset := range []string{graphgen.DefaultDataset, "other"} {
		g, err := graphgen.Generate(graphgen.Config{Nodes: 500, HubDegree: 50, Sources: 10, Seed: 1, Dataset: dataset})
		if err != nil {
			t.Fatal(err)
		}
		all := []string{}
		for _, n := range g.Nodes {
			all = append(all, n.ID)
		}
		for _, s := range g.Sources {
			all = append(all, s.ID)
		}
		for _, r := range g.Rels {
			all = append(all, r.ID)
		}
		for _, id := range all {
			if other, ok := ids[id]; ok {
				t.Fatalf("id %s is in both %q and %q", id, other, dataset)
			}
			ids[id] = dataset
		}
	}
}
