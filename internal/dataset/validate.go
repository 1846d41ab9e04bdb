package dataset

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// EntityKinds are the kind labels an entity may have (besides :Entity).
var EntityKinds = []string{"Organization", "Person", "Group", "Asset"}

// FactTypes are the labels a fact stored as a node may have (besides :Fact). The page
// styles nodes by label, so a new kind of fact node is added here deliberately rather
// than created by a typo in a file.
var FactTypes = []string{"Investment", "Lawsuit", "Claim", "Offer", "Remedy", "Statement", "Denial"}

// SourceKinds are the kinds of documents a source may be.
var SourceKinds = []string{"article", "court-filing", "statement", "report"}

// reservedTypes are relationship types the loader derives itself; a dataset that used
// them for its own facts would be mistaken for the derived links.
var reservedTypes = []string{"CITES", "MENTIONS", "INVOLVES"}

// reservedProperties are the property names the loader writes from the fact's own
// fields; an attribute may not overwrite them.
var reservedProperties = []string{"id", "dataset", "name", "type", "status", "alleged_by", "denied_by",
	"sources", "evidence", "conflicts", "date", "date_text", "role", "description", "aliases"}

var (
	idPattern        = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	derivedIDPattern = regexp.MustCompile(`^[a-z0-9]+(--?[a-z0-9]+)*$`) // party and citation ids: <fact>--<role>--<node>
	relTypePattern   = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)
	attributeName    = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	isoDatePattern   = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	isoDateLayouts   = map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}
	statusesDisplay  = strings.Join(domain.Statuses, ", ")
)

// MaxIDBytes caps ids and dataset names. Both go into range indexes (the id
// constraints, the dataset indexes), and Neo4j 5.26 refuses a key over about 8 KB
// half-way through a load ("Property value is too large to index": an id of 8,100
// bytes loaded, one of 8,200 did not). 200 bytes is far more than a readable id
// needs. Names, aliases and headlines are not capped: the full-text index splits a
// word at 255 characters, and a 2 MB name loaded.
const MaxIDBytes = 200

// IsKebabCase reports whether s is written as ids and dataset names are: a-z, 0-9 and
// single dashes between them (its length is checked apart: MaxIDBytes).
func IsKebabCase(s string) bool { return idPattern.MatchString(s) }

// definition is where an id was defined and what it names.
type definition struct {
	what string // "entity", "fact", "fact node", "source", "conflict", "party", "citation"
	file string
	line int
}

// validator checks datasets loaded together: references may cross files, ids may not
// repeat anywhere among them.
type validator struct {
	problems  []Problem
	failed    string // the files given that could not be read or parsed, "" when none
	ids       map[string]definition
	conflicts map[string]map[string]bool // conflict id -> sources of the facts that cite it
	prog      *progress
}

func (v *validator) problem(file string, line int, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// validate checks the files that parsed; failed names those given that could not be
// read or parsed, which may define what the others refer to. prog hears how many
// items have been checked, once for their ids and once for the rest.
func validate(all []*parsed, failed []string, prog *progress) []Problem {
	v := &validator{ids: map[string]definition{}, conflicts: map[string]map[string]bool{}, failed: strings.Join(failed, ", "), prog: prog}
	var total int64
	for _, p := range all {
		total += int64(len(p.ds.Sources) + len(p.ds.Entities) + len(p.ds.Conflicts) + len(p.ds.Facts))
	}
	prog.start("checking ids", "", "items", total)
	names := map[string]string{}
	for _, p := range all {
		if p.ds.Name != "" {
			if len(p.ds.Name) > MaxIDBytes {
				v.problem(p.ds.File, p.line, "dataset name %s is %d bytes long; a dataset name has at most %d (it is indexed like an id)", short(p.ds.Name), len(p.ds.Name), MaxIDBytes)
			} else if !idPattern.MatchString(p.ds.Name) {
				v.problem(p.ds.File, p.line, "dataset name %q must be kebab-case (a-z, 0-9 and single dashes)", p.ds.Name)
			}
			if other, ok := names[p.ds.Name]; ok {
				v.problem(p.ds.File, p.line, "dataset %q is also defined in %s; each dataset lives in one file", p.ds.Name, other)
			}
			names[p.ds.Name] = p.ds.File
		}
		v.define(p)
	}
	prog.end()
	prog.start("checking references", "", "items", total)
	for _, p := range all {
		v.check(p)
	}
	prog.end()
	for _, p := range all {
		for i, c := range p.ds.Conflicts {
			if len(v.conflicts[c.ID]) < 2 {
				v.problem(p.ds.File, p.at(fmt.Sprintf("conflicts[%d]", i)),
					"conflict %q needs facts from at least two sources (it has %d); list its id in the `conflicts` of the facts giving each side%s", c.ID, len(v.conflicts[c.ID]), v.unreadNote("; %s could not be read, and may hold more of its facts"))
			}
		}
	}
	return v.problems
}

// define registers every id of one dataset, reporting duplicates and malformed ids.
func (v *validator) define(p *parsed) {
	add := func(id, what, path string) {
		line := p.at(path)
		if id == "" {
			v.problem(p.ds.File, line, "%s without an id", what)
			return
		}
		switch {
		case len(id) > MaxIDBytes && (given(p, path) || what != "party" && what != "citation"):
			v.problem(p.ds.File, p.at(path+".id"), "id %s is %d bytes long; an id has at most %d", short(id), len(id), MaxIDBytes)
		case what != "party" && what != "citation":
			if !idPattern.MatchString(id) {
				v.problem(p.ds.File, p.at(path+".id"), "id %q must be kebab-case (a-z, 0-9 and single dashes)", id)
			}
		case given(p, path) && !derivedIDPattern.MatchString(id):
			// A derived id is made of ids checked above; a given one is checked here,
			// allowing the double dashes of the derived form.
			v.problem(p.ds.File, p.at(path+".id"), "id %q must be kebab-case (a-z, 0-9 and dashes, like %s)", id, derivedExample(what))
		}
		if d, ok := v.ids[id]; ok {
			v.problem(p.ds.File, line, "duplicate id %q: already used by %s at %s:%d", id, article(d.what), d.file, d.line)
			return
		}
		v.ids[id] = definition{what: what, file: p.ds.File, line: line}
	}
	for i, s := range p.ds.Sources {
		add(s.ID, "source", fmt.Sprintf("sources[%d]", i))
		v.prog.add(1)
	}
	for i, e := range p.ds.Entities {
		add(e.ID, "entity", fmt.Sprintf("entities[%d]", i))
		v.prog.add(1)
	}
	for i, c := range p.ds.Conflicts {
		add(c.ID, "conflict", fmt.Sprintf("conflicts[%d]", i))
		v.prog.add(1)
	}
	for i, f := range p.ds.Facts {
		what := "fact"
		if f.IsNode() {
			what = "fact node"
		}
		add(f.ID, what, fmt.Sprintf("facts[%d]", i))
		v.prog.add(1)
	}
	// Derived ids come last so that a clash is reported on the hand-written item.
	for i, s := range p.ds.Sources {
		for j := range s.Citations {
			p.ds.Sources[i].Citations[j].ID = citationID(s.ID, s.Citations[j])
			add(p.ds.Sources[i].Citations[j].ID, "citation", fmt.Sprintf("sources[%d].cites[%d]", i, j))
		}
	}
	for i, f := range p.ds.Facts {
		for j, pt := range f.Parties {
			if pt.ID != "" {
				add(pt.ID, "party", fmt.Sprintf("facts[%d].parties[%d]", i, j))
			}
		}
	}
}

// given reports whether the item at path has an id written in the file (a party's or
// citation's id is derived otherwise).
func given(p *parsed, path string) bool {
	_, ok := p.lines[path+".id"]
	return ok
}

func derivedExample(what string) string {
	if what == "citation" {
		return "src-a--cites--src-b"
	}
	return "acme-funding--investor--some-fund"
}

func citationID(from string, c domain.Citation) string {
	if c.ID != "" || from == "" || c.Source == "" {
		return c.ID
	}
	return from + "--cites--" + c.Source
}

// unreadNote is added to a problem that a file which could not be read or parsed may
// be the cause of: what it defines is unknown.
func (v *validator) unreadNote(format string) string {
	if v.failed == "" {
		return ""
	}
	return fmt.Sprintf(format, v.failed)
}

// is reports whether id is defined as one of the kinds given.
func (v *validator) is(id string, whats ...string) bool {
	d, ok := v.ids[id]
	return ok && slices.Contains(whats, d.what)
}

func (v *validator) ref(p *parsed, path, id string, what string, whats ...string) {
	if id == "" {
		v.problem(p.ds.File, p.at(path), "missing %s", what)
		return
	}
	if !v.is(id, whats...) {
		if d, ok := v.ids[id]; ok {
			v.problem(p.ds.File, p.at(path), "%s %q names %s (defined at %s:%d); expected: %s", what, id, article(d.what), d.file, d.line, strings.Join(whats, " or "))
			return
		}
		v.problem(p.ds.File, p.at(path), "unknown %s %q: no %s has this id%s", what, id, strings.Join(whats, " or "), v.unreadNote(" in the files that could be read; %s could not be, and may define it"))
	}
}

func (v *validator) check(p *parsed) {
	file := p.ds.File
	for i, s := range p.ds.Sources {
		path := fmt.Sprintf("sources[%d]", i)
		if domain.Blank(s.Headline) {
			v.problem(file, p.at(path+".headline"), "source %q needs a headline (sources are cited by their headline)", s.ID)
		}
		if !slices.Contains(SourceKinds, s.Kind) {
			v.problem(file, p.at(path+".kind"), "source %q: kind %q is not one of %s", s.ID, s.Kind, strings.Join(SourceKinds, ", "))
		}
		if s.Published != "" && !isISODate(s.Published) {
			v.problem(file, p.at(path+".published"), "source %q: published %q must be YYYY, YYYY-MM or YYYY-MM-DD", s.ID, s.Published)
		}
		for j, c := range s.Citations {
			cp := fmt.Sprintf("%s.cites[%d]", path, j)
			v.ref(p, cp+".source", c.Source, "cited source", "source")
			if c.Source == s.ID {
				v.problem(file, p.at(cp), "source %q cites itself", s.ID)
			}
			if domain.Blank(c.Note) {
				v.problem(file, p.at(cp+".note"), "citation of %q needs a note saying how the article cites it", c.Source)
			}
		}
		v.prog.add(1)
	}
	for i, e := range p.ds.Entities {
		path := fmt.Sprintf("entities[%d]", i)
		if !slices.Contains(EntityKinds, e.Kind) {
			v.problem(file, p.at(path+".kind"), "entity %q: kind %q is not one of %s", e.ID, e.Kind, strings.Join(EntityKinds, ", "))
		}
		if domain.Blank(e.Name) {
			v.problem(file, p.at(path+".name"), "entity %q needs a name", e.ID)
		}
		for j, a := range e.Aliases {
			if domain.Blank(a) {
				v.problem(file, p.at(fmt.Sprintf("%s.aliases[%d]", path, j)), "entity %q: blank alias", e.ID)
			}
		}
		v.prog.add(1)
	}
	for i, c := range p.ds.Conflicts {
		path := fmt.Sprintf("conflicts[%d]", i)
		field := ".description" // the line of the text at fault, when it is there
		if domain.Blank(c.Name) {
			field = ".name"
		}
		if domain.Blank(c.Name) || domain.Blank(c.Description) {
			v.problem(file, p.at(path+field), "conflict %q needs a name and a description", c.ID)
		}
		for j, id := range c.Involves {
			v.ref(p, fmt.Sprintf("%s.involves[%d]", path, j), id, "involved entity", "entity")
		}
		v.prog.add(1)
	}
	for i, f := range p.ds.Facts {
		v.checkFact(p, fmt.Sprintf("facts[%d]", i), f)
		v.prog.add(1)
	}
}

func (v *validator) checkFact(p *parsed, path string, f domain.Fact) {
	file := p.ds.File
	switch {
	case f.Type == "":
		v.problem(file, p.at(path), "fact %q needs a type", f.ID)
	case f.IsNode():
		if !slices.Contains(FactTypes, f.Type) {
			v.problem(file, p.at(path+".type"), "fact %q: %q is not a fact node type (one of %s); a fact between two nodes needs `from` and `to`",
				f.ID, f.Type, strings.Join(FactTypes, ", "))
		}
		if domain.Blank(f.Name) {
			v.problem(file, p.at(path+".name"), "fact node %q needs a name", f.ID)
		}
		if len(f.Parties) == 0 {
			v.problem(file, p.at(path), "fact node %q needs at least one party (who or what it involves)", f.ID)
		}
	default:
		v.relType(p, path+".type", f.Type, "fact "+fmt.Sprintf("%q", f.ID))
		v.ref(p, path+".from", f.From, "`from`", "entity", "fact node")
		v.ref(p, path+".to", f.To, "`to`", "entity", "fact node")
		if len(f.Parties) > 0 {
			v.problem(file, p.at(path+".parties"), "fact %q links two nodes (`from`/`to`), so it cannot have parties; make it a fact node instead", f.ID)
		}
		// The loader stores a name and aliases on fact nodes only (a relationship is
		// shown by its type); given here, they would be dropped without a word.
		for _, field := range [][2]string{{"name", "a name"}, {"aliases", "aliases"}} {
			if line, ok := p.lines[path+"."+field[0]]; ok {
				v.problem(file, line, "fact %q links two nodes, and a relationship has no %s: the loader stores %s on fact nodes only; leave it out, or put it in description",
					f.ID, field[0], field[1])
			}
		}
	}
	v.checkProvenance(p, path, f.ID, f.Provenance, nil)
	if f.Date != "" && !isISODate(f.Date) {
		v.problem(file, p.at(path+".date"), "fact %q: date %q must be YYYY, YYYY-MM or YYYY-MM-DD (put vaguer dates in date_text)", f.ID, f.Date)
	}
	for _, k := range sortedKeys(f.Attributes) {
		if !attributeName.MatchString(k) || slices.Contains(reservedProperties, k) {
			v.problem(file, p.at(path+".attributes."+k), "fact %q: attribute %q must be snake_case and not one of %s", f.ID, k, strings.Join(reservedProperties, ", "))
		}
	}
	for j, pt := range f.Parties {
		pp := fmt.Sprintf("%s.parties[%d]", path, j)
		v.relType(p, pp+".role", pt.Role, fmt.Sprintf("party %d of %q", j+1, f.ID))
		v.ref(p, pp+".node", pt.Node, "party", "entity", "fact node")
		if pt.Node != "" && pt.Node == f.ID {
			v.problem(file, p.at(pp), "fact %q lists itself as a party", f.ID)
		}
		v.checkProvenance(p, pp, pt.ID, pt.Provenance, &f.Provenance)
	}
}

func (v *validator) relType(p *parsed, path, t, what string) {
	switch {
	case t == "":
		v.problem(p.ds.File, p.at(path), "%s needs a relationship type (role)", what)
	case !relTypePattern.MatchString(t):
		v.problem(p.ds.File, p.at(path), "%s: relationship type %q must be UPPER_SNAKE_CASE", what, t)
	case slices.Contains(reservedTypes, t):
		v.problem(p.ds.File, p.at(path), "%s: %s is derived by the loader; choose another type", what, t)
	}
}

// checkProvenance enforces that every fact says who reports it and how firmly, and
// that its status agrees with its alleged_by, denied_by and conflicts. A party's
// provenance is checked only where it differs from its fact's (inherited), so that a
// mistake in the fact is reported once, where it was written.
func (v *validator) checkProvenance(p *parsed, path, id string, pv domain.Provenance, inherited *domain.Provenance) {
	file := p.ds.File
	for _, c := range pv.Conflicts {
		if v.conflicts[c] == nil {
			v.conflicts[c] = map[string]bool{}
		}
		for _, s := range pv.Sources {
			v.conflicts[c][s] = true
		}
	}
	var in domain.Provenance
	if inherited != nil {
		in = *inherited
	}
	same := func(own, theirs []string) bool { return inherited != nil && slices.Equal(own, theirs) }

	if !same(pv.Sources, in.Sources) || !same(pv.Evidence, in.Evidence) {
		if len(pv.Sources) == 0 {
			v.problem(file, p.at(path), "fact %q has no source: every fact cites at least one", id)
		}
		if len(pv.Evidence) != len(pv.Sources) {
			v.problem(file, p.at(path+".evidence"), "fact %q has %d source(s) but %d evidence note(s); give one note per source, in the same order",
				id, len(pv.Sources), len(pv.Evidence))
		}
		seen := map[string]bool{}
		for j, s := range pv.Sources {
			v.ref(p, fmt.Sprintf("%s.sources[%d]", path, j), s, "source", "source")
			if seen[s] {
				v.problem(file, p.at(fmt.Sprintf("%s.sources[%d]", path, j)), "fact %q cites %q twice", id, s)
			}
			seen[s] = true
		}
		for j, e := range pv.Evidence {
			if domain.Blank(e) {
				v.problem(file, p.at(fmt.Sprintf("%s.evidence[%d]", path, j)), "fact %q: blank evidence note", id)
			}
		}
	}
	if !same(pv.AllegedBy, in.AllegedBy) {
		for j, e := range pv.AllegedBy {
			v.ref(p, fmt.Sprintf("%s.alleged_by[%d]", path, j), e, "alleged_by", "entity")
		}
	}
	if !same(pv.DeniedBy, in.DeniedBy) {
		for j, e := range pv.DeniedBy {
			v.ref(p, fmt.Sprintf("%s.denied_by[%d]", path, j), e, "denied_by", "entity")
		}
	}
	if !same(pv.Conflicts, in.Conflicts) {
		for j, c := range pv.Conflicts {
			v.ref(p, fmt.Sprintf("%s.conflicts[%d]", path, j), c, "conflict", "conflict")
		}
	}
	if inherited != nil && pv.Status == in.Status && same(pv.AllegedBy, in.AllegedBy) &&
		same(pv.DeniedBy, in.DeniedBy) && same(pv.Conflicts, in.Conflicts) {
		return
	}
	if !slices.Contains(domain.Statuses, pv.Status) {
		if pv.Status == "" {
			v.problem(file, p.at(path), "fact %q needs a status (%s)", id, statusesDisplay)
		} else {
			v.problem(file, p.at(path+".status"), "fact %q: status %q is not one of %s", id, pv.Status, statusesDisplay)
		}
	}
	// The strongest applicable status wins: disputed > denied > alleged > reported.
	line := p.at(path + ".status")
	switch pv.Status {
	case domain.StatusReported:
		if len(pv.DeniedBy) > 0 {
			v.problem(file, line, "fact %q is denied by %s, so its status is denied (or disputed), not reported", id, strings.Join(pv.DeniedBy, ", "))
		} else if len(pv.AllegedBy) > 0 {
			v.problem(file, line, "fact %q is alleged by %s, so its status is alleged, not reported", id, strings.Join(pv.AllegedBy, ", "))
		}
	case domain.StatusAlleged:
		if len(pv.AllegedBy) == 0 {
			v.problem(file, line, "fact %q is alleged: say by whom in alleged_by", id)
		}
		if len(pv.DeniedBy) > 0 {
			v.problem(file, line, "fact %q is denied by %s, so its status is denied, not alleged", id, strings.Join(pv.DeniedBy, ", "))
		}
	case domain.StatusDenied:
		if len(pv.DeniedBy) == 0 {
			v.problem(file, line, "fact %q is denied: say by whom in denied_by", id)
		}
	case domain.StatusDisputed:
		if len(pv.Conflicts) == 0 {
			v.problem(file, line, "fact %q is disputed: list the conflict it belongs to in `conflicts`", id)
		}
	}
}

// isISODate reports whether s is a real date written YYYY, YYYY-MM or YYYY-MM-DD.
func isISODate(s string) bool {
	layout, ok := isoDateLayouts[len(s)]
	if !ok || !isoDatePattern.MatchString(s) {
		return false
	}
	_, err := time.Parse(layout, s)
	return err == nil
}

// short quotes s, cut to its first 40 characters: a problem line stays readable when
// the text at fault is 10,000 characters long.
func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:40]) + "…")
	}
	return strconv.Quote(s)
}

// article prefixes a noun with "a" or "an", for messages a journalist reads.
func article(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
