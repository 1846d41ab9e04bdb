package domain

// The fact statuses, weakest first. A fact that is both alleged and denied is "denied";
// one the sources disagree about is "disputed": the strongest applicable status wins.
const (
	StatusReported = "reported" // the sources state it as established
	StatusAlleged  = "alleged"  // a party asserts it (AllegedBy); the sources do not establish it
	StatusDenied   = "denied"   // alleged by one party and denied by another (DeniedBy)
	StatusDisputed = "disputed" // the sources give different accounts of it (Conflicts)
)

// Statuses lists the valid statuses, weakest first.
var Statuses = []string{StatusReported, StatusAlleged, StatusDenied, StatusDisputed}

// Dataset is one parsed and validated dataset file: the entities, facts, sources and
// conflicts of one set of articles. Every item it loads is stamped with Name, so that
// reloading the file can remove what was deleted from it without touching other data.
type Dataset struct {
	Name        string
	File        string
	Description string
	Sources     []SourceRef
	Entities    []Entity
	Conflicts   []ConflictTopic
	Facts       []Fact
	// IDLines is the line of the file where each of its items is, by id (sources,
	// entities, conflicts, facts): for what the database refuses after the file was
	// checked (an id another dataset has), which must still say where. Nil for a
	// dataset built in code.
	IDLines map[string]int
}

// SourceRef is a document the dataset's facts cite: an article, or a work an article
// itself cites (its Citations).
type SourceRef struct {
	ID        string
	Headline  string
	Kind      string // "article"
	Publisher string // empty when the dataset does not know it
	File      string // the seed file name, for the articles the dataset was built from
	URL       string
	// Published is when the source appeared (ISO-8601, as precise as known), kept apart
	// from the dates of the events its facts describe. Empty when unknown.
	Published string
	Citations []Citation
}

// Citation records that a source points its readers to another source, e.g. a
// "further reading" link, with our note on how it does so.
type Citation struct {
	ID     string // stable id of the CITES relationship (derived when not given)
	Source string // the cited source's id
	Note   string
}

// Entity is an organisation, person, group or thing the facts are about.
type Entity struct {
	ID          string
	Kind        string // Organization, Person, Group or Asset
	Name        string
	Aliases     []string
	Description string
	// Named is false for placeholders the sources refer to without naming them
	// ("Customer A", Scale AI's founder), so no page presents the label as a name.
	Named bool
}

// ConflictTopic is a point on which the sources disagree. The facts that give each
// side list its ID in their Conflicts; newsgraph shows them side by side and never
// picks a winner.
type ConflictTopic struct {
	ID          string
	Name        string
	Description string
	Involves    []string // entity ids
}

// Provenance says who reports a fact and how firmly: every fact and every party of a
// fact carries one.
type Provenance struct {
	Status    string
	AllegedBy []string // entity ids
	DeniedBy  []string // entity ids
	Sources   []string // source ids, at least one
	Evidence  []string // Evidence[i] is our note on what Sources[i] says
	Conflicts []string // conflict ids
}

// Fact is one statement from the sources. A fact with From and To is a relationship
// between two nodes; a fact without them is a node of its own (Type is then its label,
// e.g. Investment or Claim) whose Parties link it to the entities involved.
type Fact struct {
	ID   string
	Type string
	Name string // fact nodes only
	From string
	To   string
	Provenance
	Date        string // ISO-8601 as far as the sources know it: YYYY, YYYY-MM or YYYY-MM-DD
	DateText    string // the date as the sources give it, e.g. "June; the year is not stated"
	Role        string
	Description string
	Aliases     []string
	// Attributes are further properties of the fact (amount_usd, stake...): strings,
	// numbers, booleans or lists of one of those.
	Attributes map[string]any
	Parties    []Party
}

// IsNode reports whether the fact is stored as a node of its own.
func (f Fact) IsNode() bool { return f.From == "" && f.To == "" }

// Party links a fact node to one of the entities or facts it involves, e.g. the
// defendant of a lawsuit. Its provenance is the fact's unless the dataset gives it its
// own (a co-defendant only one source names).
type Party struct {
	ID          string // stable id of the party relationship (derived when not given)
	Role        string // the relationship type, e.g. DEFENDANT
	Node        string // the party's id: an entity or another fact node
	Description string
	Provenance
}

// Conflict is a point on which the sources disagree, with each source's side of it, as
// /api/conflicts returns it.
type Conflict struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Entities    []Node         `json:"entities"`
	Sides       []ConflictSide `json:"sides"`
}

// ConflictSide is what one source says on a conflict: the facts it reports.
type ConflictSide struct {
	Source Source         `json:"source"`
	Facts  []ConflictFact `json:"facts"`
}

// ConflictFact is one fact relationship of a side, with the nodes at its two ends.
type ConflictFact struct {
	Relationship Relationship `json:"relationship"`
	Start        Node         `json:"start"`
	End          Node         `json:"end"`
}
