package domain

import "encoding/json"

// The options and answers of the read API. Ranges are enforced by the HTTP adapter,
// which reports them to the client; the store trusts what it is given.

// The allowed ranges and defaults of the read API's parameters.
const (
	SearchLimitMax     = 100
	SearchLimitDefault = 20
	// SearchOffsetMax bounds how deep search pages go: the index ranks every hit up to
	// the page, and nobody reads ten thousand results of a name search.
	SearchOffsetMax = 10_000
	// SearchTextMax bounds the search text in characters: each word becomes up to three
	// Lucene clauses, and Lucene refuses queries of more than 1,024 clauses or words of
	// more than 1,000 characters with errors that would mean nothing to the user.
	SearchTextMax = 200

	// OffsetMax bounds the offsets of expand and source pages: far beyond any node's
	// degree, and small enough that offset plus limit cannot overflow in Neo4j.
	OffsetMax = 1_000_000_000

	DepthMin     = 1
	DepthMax     = 3
	DepthDefault = 1

	PerNodeMax     = 500
	PerNodeDefault = 25

	NodeLimitMax     = 2000
	NodeLimitDefault = 500

	ExpandLimitMax     = 500
	ExpandLimitDefault = 100

	PathLengthMax     = 6
	PathLengthDefault = 4
	// PathsMax caps how many paths one answer lists in "all shortest" mode.
	PathsMax = 100
)

// Direction values: of a relationship seen from a node, or of an expansion.
const (
	DirectionOut  = "out"
	DirectionIn   = "in"
	DirectionBoth = "both"
)

// SearchQuery asks for nodes whose name or aliases match Text.
type SearchQuery struct {
	Text   string
	Limit  int
	Offset int
}

// SearchHit is one ranked match.
type SearchHit struct {
	Node  Node    `json:"node"`
	Score float64 `json:"score"`
}

// SearchResult is one page of matches, best first (ties broken by key, then element id).
type SearchResult struct {
	Query   string      `json:"query"`
	Limit   int         `json:"limit"`
	Offset  int         `json:"offset"`
	Total   int64       `json:"total"`
	Mode    string      `json:"mode"` // "fulltext", or "contains" on a database without newsgraph's index
	Results []SearchHit `json:"results"`
}

// Filters narrow the relationships a neighbourhood or an expansion follows. Zero values
// mean "no filter". Property filters are strict: a relationship without the property
// (a citation, a foreign graph's edge) does not pass a filter on it.
type Filters struct {
	Types  []string // relationship types
	Labels []string // the neighbour has at least one of these labels
	Status []string // r.status is one of these
	Source string   // r.sources contains this source id
	From   string   // r.date (ISO-8601 prefix) overlaps [From, To] at the coarser precision
	To     string
}

// On reports whether any filter is set.
func (f Filters) On() bool {
	return len(f.Types)+len(f.Labels)+len(f.Status) > 0 || f.Source != "" || f.From != "" || f.To != ""
}

// NeighbourhoodQuery asks for the graph around one node.
type NeighbourhoodQuery struct {
	ID      string // the stable id property, or an element id
	Depth   int
	PerNode int // at most this many relationships followed from each node
	Limit   int // at most this many nodes in the answer
	Filters
}

// Neighbourhood is a Graph around Focus (the focus node's element id).
type Neighbourhood struct {
	Focus string `json:"focus"`
	Graph
}

// ExpandQuery pages through one node's relationships, e.g. the rest of a supernode's.
type ExpandQuery struct {
	ID        string
	Type      string // empty: any type
	Direction string // out, in or both
	Offset    int
	Limit     int
	Filters
}

// Expansion is the node plus one page of its neighbours, and how many there are in all.
type Expansion struct {
	Focus  string `json:"focus"`
	Total  int64  `json:"total"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
	Graph
}

// Path modes.
const (
	PathsShortest    = "shortest"
	PathsAllShortest = "all"
)

// PathQuery asks how two nodes are connected.
type PathQuery struct {
	From, To  string // stable ids or element ids
	MaxLength int
	Mode      string // PathsShortest or PathsAllShortest
	// EstablishedOnly skips relationships whose status is alleged, denied or disputed.
	EstablishedOnly bool
}

// Path lists element ids in order: Nodes has one more element than Relationships.
type Path struct {
	Nodes         []string `json:"nodes"`
	Relationships []string `json:"relationships"`
}

// Paths is the answer to a PathQuery: the paths, and one Graph holding every node and
// relationship they use, each relationship with its evidence.
type Paths struct {
	Paths []Path `json:"paths"`
	Graph Graph  `json:"graph"`
}

// RelationshipCount is how many relationships of one type and direction a node has.
type RelationshipCount struct {
	Type      string `json:"type"`
	Direction string `json:"direction"`
	Count     int64  `json:"count"`
}

// EntityFact is a relationship of an entity with the node at its other end.
type EntityFact struct {
	Relationship Relationship `json:"relationship"`
	Other        Node         `json:"other"`
}

// ConflictRef names a conflict a node is involved in.
type ConflictRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Source is a document facts cite, as the API lists it.
type Source struct {
	ID         string          `json:"id"` // element id
	Key        string          `json:"key,omitempty"`
	Name       string          `json:"name"`
	Title      string          `json:"title,omitempty"`
	Kind       string          `json:"kind,omitempty"`
	Publisher  string          `json:"publisher,omitempty"`
	File       string          `json:"file,omitempty"`
	Properties json.RawMessage `json:"properties"` // a JSON object
}

// EntityDetail is one node with its relationship counts, the facts it takes part in,
// the sources that mention it or support its facts, and its conflicts.
type EntityDetail struct {
	Node      Node                `json:"node"`
	Counts    []RelationshipCount `json:"counts"`
	Facts     []EntityFact        `json:"facts"`
	Sources   []Source            `json:"sources"`
	Conflicts []ConflictRef       `json:"conflicts"`
	// FactsTruncated is true when the node has more facts than the answer lists
	// (facts_limit); Counts always covers all of them.
	FactsTruncated bool `json:"facts_truncated"`
}

// The facts one entity answer lists: EntityFactsDefault unless the caller asks for up
// to EntityFactsMax. A supernode's 500 facts made a 600 KB answer that took 70 ms;
// counts per type and expand page through the rest.
const (
	EntityFactsDefault = 100
	EntityFactsMax     = 500
)

// SourceDetail is one source with the graph of everything it supports.
type SourceDetail struct {
	Source Source `json:"source"`
	Graph  Graph  `json:"graph"`
}

// NameCount is a label or relationship type with how many elements carry it.
type NameCount struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// Schema describes what a database holds, whoever built it.
type Schema struct {
	Labels            []NameCount `json:"labels"`
	RelationshipTypes []NameCount `json:"relationship_types"`
	PropertyKeys      []string    `json:"property_keys"`
}

// Stats are the database's totals.
type Stats struct {
	Nodes             int64            `json:"nodes"`
	Relationships     int64            `json:"relationships"`
	Labels            map[string]int64 `json:"labels"`
	RelationshipTypes map[string]int64 `json:"relationship_types"`
}
