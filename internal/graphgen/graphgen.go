// Package graphgen builds a deterministic, seeded synthetic news graph with power-law
// degrees for benchmarks: people and organisations wired by preferential attachment
// (Barabási–Albert), plus one designated hub with an exact number of relationships of
// one type, so that supernode handling is measured on a graph far larger than the
// built-in dataset. Nodes and relationships follow docs/contracts.md (ids, names,
// status, sources and evidence), so the API's filters exercise the same code paths as
// on real data. Generate is pure; Write stores a generated graph through the driver.
package graphgen

import (
	"fmt"
	"math/rand/v2"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// DefaultDataset is the dataset property every generated node and relationship carries,
// so a generated graph can live beside (and be removed without touching) a loaded one.
const DefaultDataset = "generated"

// HubID is the stable id of the designated supernode of the default dataset; other
// datasets prefix their ids with their own name (see Graph.HubID).
const HubID = "gen-hub"

// HubType is the relationship type of every hub relationship: people employed by it.
const HubType = "EMPLOYED_BY"

// Config describes the graph to generate. The zero value of every optional field picks
// a sensible default (see withDefaults).
type Config struct {
	Nodes        int    // entity nodes, hub included
	HubDegree    int    // exact number of HubType relationships on the hub
	EdgesPerNode int    // preferential-attachment edges per new node (default 3)
	Sources      int    // Source nodes cited by the relationships (default 500)
	Seed         uint64 // the same seed always yields the same graph
	Dataset      string // default DefaultDataset
}

func (c Config) withDefaults() Config {
	if c.EdgesPerNode == 0 {
		c.EdgesPerNode = 3
	}
	if c.Sources == 0 {
		c.Sources = 500
	}
	if c.Dataset == "" {
		c.Dataset = DefaultDataset
	}
	return c
}

// Node is a generated entity.
type Node struct {
	ID          string
	Kind        string // "Person" or "Organization"
	Name        string
	Aliases     []string
	Description string
}

// Rel is a generated fact relationship between two nodes, by index into Graph.Nodes.
type Rel struct {
	ID        string
	Type      string
	From, To  int
	Status    string
	AllegedBy []string
	Sources   []int // indexes into Graph.Sources
	Date      string
}

// Source is a generated article that relationships cite.
type Source struct {
	ID        string
	Name      string
	Publisher string
}

// Graph is a generated graph, ready to be written.
type Graph struct {
	Config  Config
	Nodes   []Node // Nodes[0] is the hub
	Rels    []Rel
	Sources []Source
	prefix  string
}

// HubID is the id of the graph's hub.
func (g *Graph) HubID() string { return g.Nodes[0].ID }

// idPrefix starts every id of a dataset: ids are unique across datasets (the schema's
// constraints say so), so two generated graphs can share a database.
func idPrefix(dataset string) string {
	if dataset == DefaultDataset {
		return "gen"
	}
	return dataset
}

// Generate builds the graph described by c. It returns EInvalid when the hub cannot get
// its degree (it needs that many distinct people) or the sizes make no sense.
func Generate(c Config) (*Graph, error) {
	c = c.withDefaults()
	m := c.EdgesPerNode
	switch {
	case m < 1:
		return nil, domain.Errorf(domain.EInvalid, "edges per node must be at least 1, got %d", m)
	case c.Nodes < m+2:
		return nil, domain.Errorf(domain.EInvalid, "nodes must be at least %d for %d edges per node, got %d", m+2, m, c.Nodes)
	case c.HubDegree < 0:
		return nil, domain.Errorf(domain.EInvalid, "hub degree must not be negative, got %d", c.HubDegree)
	case c.Sources < 1:
		return nil, domain.Errorf(domain.EInvalid, "sources must be at least 1, got %d", c.Sources)
	}
	if err := checkDataset("dataset", c.Dataset); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(c.Seed, 0x6e657773677261))
	g := &Graph{Config: c, prefix: idPrefix(c.Dataset)}

	g.Sources = make([]Source, c.Sources)
	for i := range g.Sources {
		g.Sources[i] = Source{
			ID:        fmt.Sprintf("%s-src-%05d", g.prefix, i),
			Name:      fmt.Sprintf("%s report no. %d", pick(rng, publishers), i),
			Publisher: pick(rng, publishers),
		}
	}

	g.Nodes = make([]Node, c.Nodes)
	g.Nodes[0] = Node{ID: g.prefix + "-hub", Kind: "Organization", Name: "Meridian Staffing Collective",
		Aliases: []string{"Meridian"}, Description: "Synthetic supernode: an employer of a large share of the generated people."}
	people := make([]int, 0, c.Nodes)
	for i := 1; i < c.Nodes; i++ {
		g.Nodes[i] = newNode(rng, g.prefix, i)
		if g.Nodes[i].Kind == "Person" {
			people = append(people, i)
		}
	}
	if c.HubDegree > len(people) {
		return nil, domain.Errorf(domain.EInvalid, "hub degree %d needs as many distinct people, but %d nodes give only %d", c.HubDegree, c.Nodes, len(people))
	}

	// Preferential attachment over nodes 1..N-1 (the hub stays out so that its degree
	// is exactly HubDegree): each new node links to m distinct earlier nodes chosen with
	// probability proportional to their degree. ends lists every edge endpoint once per
	// edge, so a uniform pick from it is a degree-proportional pick.
	ends := make([]int, 0, 2*m*c.Nodes)
	seedNodes := m + 1
	for i := 1; i <= seedNodes; i++ {
		for j := 1; j < i; j++ {
			g.addRel(rng, i, j)
			ends = append(ends, i, j)
		}
	}
	chosen := make([]int, 0, m)
	for i := seedNodes + 1; i < c.Nodes; i++ {
		chosen = chosen[:0]
		for len(chosen) < m {
			t := ends[rng.IntN(len(ends))]
			if !contains(chosen, t) {
				chosen = append(chosen, t)
			}
		}
		for _, t := range chosen {
			g.addRel(rng, i, t)
			ends = append(ends, i, t)
		}
	}

	// The hub: HubDegree distinct people picked by a partial Fisher–Yates shuffle.
	for k := 0; k < c.HubDegree; k++ {
		j := k + rng.IntN(len(people)-k)
		people[k], people[j] = people[j], people[k]
		g.addTyped(rng, HubType, people[k], 0)
	}
	return g, nil
}

// Degrees returns every node's degree (relationships in either direction).
func (g *Graph) Degrees() []int {
	d := make([]int, len(g.Nodes))
	for _, r := range g.Rels {
		d[r.From]++
		d[r.To]++
	}
	return d
}

// addRel adds a relationship between a new node and an earlier one, with a type that
// suits the kinds at both ends; employment always points from the person to the
// organisation.
func (g *Graph) addRel(rng *rand.Rand, newer, older int) {
	a, b := g.Nodes[newer].Kind, g.Nodes[older].Kind
	switch {
	case a == "Person" && b == "Person":
		g.addTyped(rng, "KNOWS", newer, older)
	case a == "Person":
		g.addTyped(rng, "EMPLOYED_BY", newer, older)
	case b == "Person":
		g.addTyped(rng, "EMPLOYED_BY", older, newer)
	case rng.IntN(5) == 0:
		g.addTyped(rng, "SUED", newer, older)
	default:
		g.addTyped(rng, "INVESTED_IN", newer, older)
	}
}

func (g *Graph) addTyped(rng *rand.Rand, typ string, from, to int) {
	r := Rel{
		ID:   fmt.Sprintf("%s-r-%07d", g.prefix, len(g.Rels)),
		Type: typ, From: from, To: to,
		Status: "reported",
		Date:   fmt.Sprintf("%d-%02d-%02d", 2010+rng.IntN(16), 1+rng.IntN(12), 1+rng.IntN(28)),
	}
	// Most facts are established; about one in five is only alleged, so the
	// "hide allegations" filter has real work to do.
	switch p := rng.IntN(100); {
	case p < 18:
		r.Status = "alleged"
		r.AllegedBy = []string{g.Nodes[from].ID}
	case p < 20:
		r.Status = "disputed"
	}
	n := 1 + rng.IntN(2)
	for len(r.Sources) < n {
		s := rng.IntN(len(g.Sources))
		if !contains(r.Sources, s) {
			r.Sources = append(r.Sources, s)
		}
	}
	g.Rels = append(g.Rels, r)
}

// initial is the first letter of name: a whole character, so that Émile is É., not the
// first half of its two bytes.
func initial(name string) string {
	_, size := utf8.DecodeRuneInString(name)
	return name[:size]
}

func newNode(rng *rand.Rand, prefix string, i int) Node {
	if rng.IntN(10) < 7 {
		first, last := pick(rng, firstNames), pick(rng, lastNames)
		return Node{
			ID: fmt.Sprintf("%s-p-%06d", prefix, i), Kind: "Person",
			Name:        first + " " + last,
			Aliases:     []string{initial(first) + ". " + last},
			Description: "Synthetic person number " + fmt.Sprint(i) + " in the generated benchmark graph.",
		}
	}
	name := pick(rng, orgStems) + " " + pick(rng, orgSuffixes)
	return Node{
		ID: fmt.Sprintf("%s-o-%06d", prefix, i), Kind: "Organization",
		Name:        name,
		Aliases:     []string{},
		Description: "Synthetic organisation number " + fmt.Sprint(i) + " in the generated benchmark graph.",
	}
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Name parts: a few dozen each, so names repeat the way real ones do and a search for a
// common surname has many candidates to rank.
var (
	firstNames = []string{"Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana",
		"Ines", "Jonas", "Kemal", "Lucía", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa",
		"Sven", "Tomasz", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia", "Amara", "Björn",
		"Céline", "Darius", "Émile", "Freya", "Gustavo", "Hiroshi", "Ingrid", "Jamal"}
	lastNames = []string{"Abara", "Bergström", "Castellanos", "Dubois", "Eriksen", "Fontaine",
		"García", "Halvorsen", "Ibrahim", "Jovanović", "Kowalski", "Lindqvist", "Moreau",
		"Novak", "Okafor", "Petrov", "Quiroga", "Rossi", "Sørensen", "Tanaka", "Umarov",
		"Valdés", "Wójcik", "Xu", "Yilmaz", "Zanetti", "Achterberg", "Brennan", "Coutinho",
		"Delacroix", "Esposito", "Ferreira", "Gallagher", "Horvath", "Iwasaki", "Jensen"}
	orgStems = []string{"Atlas", "Beacon", "Cobalt", "Driftwood", "Ember", "Fjord", "Granite",
		"Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Monarch", "Nimbus", "Orchid",
		"Pioneer", "Quarry", "Redwood", "Summit", "Tundra", "Umber", "Vertex", "Willow", "Zenith"}
	orgSuffixes = []string{"Analytics", "Labs", "Capital", "Data", "Robotics", "Holdings",
		"Partners", "Systems", "Ventures", "Media", "Logistics", "Research"}
	publishers = []string{"The Daily Ledger", "Northern Courier", "Circuit Weekly",
		"Harbor Tribune", "Signal & Noise", "The Morning Wire"}
)
