package domain

import "encoding/json"

// Node is an entity, fact or source as every graph answer shows it. ID is Neo4j's
// element id, which exists in any database; Key is newsgraph's stable id property when
// the node has one (our datasets always set it), and is what share links use.
type Node struct {
	ID         string          `json:"id"`
	Key        string          `json:"key,omitempty"`
	Labels     []string        `json:"labels"`
	Name       string          `json:"name"`
	Properties json.RawMessage `json:"properties"` // a JSON object
}

// Relationship is an edge with its provenance. Status and Evidence are filled from
// newsgraph's fact properties and are empty for graphs that have none.
type Relationship struct {
	ID         string          `json:"id"`
	Key        string          `json:"key,omitempty"`
	Type       string          `json:"type"`
	Start      string          `json:"start"`
	End        string          `json:"end"`
	Status     string          `json:"status,omitempty"`
	Evidence   []Evidence      `json:"evidence,omitempty"`
	Properties json.RawMessage `json:"properties"` // a JSON object
}

// Evidence is one source's support for a fact, with our note on what it says.
type Evidence struct {
	SourceKey   string `json:"source"`
	SourceTitle string `json:"title,omitempty"`
	Note        string `json:"note,omitempty"`
}

// Omission counts the neighbours a capped answer left out for one node, relationship
// type and direction, so the page can say "and 340 more EMPLOYED_BY" and page on.
type Omission struct {
	NodeID    string `json:"node"`
	Type      string `json:"type"`
	Direction string `json:"direction"` // "out", "in", or "both" with an empty Type for a supernode
	// Count is how many of the group's relationships the answer lacks.
	Count int64 `json:"count"`
	// Shown is how many the node itself picked, the first of the group in expand's
	// order: the offset to expand from. The answer may hold more of the group (Total -
	// Count), brought by the neighbours at their other end.
	Shown int64 `json:"shown"`
	// Total is the group's size under the filters (a supernode's degree): where paging
	// ends.
	Total int64 `json:"total"`
	// UpperBound says that Count and Total are a supernode's whole degree while filters
	// are on: counting what passes them would read every one of its relationships, so
	// fewer may (expand's total is exact).
	UpperBound bool `json:"upper_bound,omitempty"`
}

// Graph is the one shape of every graph answer: neighbourhoods, paths and the graph
// view of a Cypher result.
type Graph struct {
	Nodes         []Node         `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
	Omitted       []Omission     `json:"omitted,omitempty"`
	Truncated     bool           `json:"truncated"`
}
