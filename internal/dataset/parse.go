// Package dataset reads newsgraph's human-editable YAML datasets into domain values and
// validates them before anything reaches the database. Every problem is reported with
// its file and line, and all of them at once, so that a journalist editing a file can
// fix everything in one pass. It depends on the domain only; the Neo4j loader receives
// the validated datasets from the command that wires both.
package dataset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// Problem is one thing wrong with a dataset, at a position in its file.
type Problem struct {
	File    string
	Line    int
	Message string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// parsed is a dataset with the line of every item and field, kept only while
// validating so that the domain types stay free of file positions.
type parsed struct {
	ds    domain.Dataset
	line  int            // of the `dataset:` key
	lines map[string]int // "facts[3].sources[1]" -> line
}

func (p *parsed) at(key string) int {
	if l, ok := p.lines[key]; ok {
		return l
	}
	// Fall back to the enclosing item, then to the file's first line.
	if i := strings.LastIndexAny(key, ".["); i > 0 {
		return p.at(key[:i])
	}
	return p.line
}

// reader walks one YAML document and records problems instead of stopping at the first.
type reader struct {
	file     string
	problems []Problem
	lines    map[string]int
}

func (r *reader) problem(line int, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: r.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// parse decodes one file. Structural problems (wrong shapes, unknown keys) are returned;
// cross-reference checks happen in validate, over every file loaded together. prog
// hears how far it has got: bytes of YAML read, then items checked.
func parse(file string, data []byte, prog *progress) (*parsed, []Problem) {
	r := &reader{file: file, lines: map[string]int{}}
	data = fromUTF16(data)
	// UTF-16 without a byte order mark: every other byte of its ASCII text is NUL, which
	// the YAML library calls a control character, not saying what the file is.
	if at := bytes.IndexByte(data, 0); at >= 0 {
		return nil, []Problem{{File: file, Line: bytes.Count(data[:at], []byte("\n")) + 1,
			Message: "invalid YAML: the file holds NUL bytes, as UTF-16 without a byte order mark does (save the file as UTF-8)"}}
	}
	var root yaml.Node
	prog.start("reading", file, "bytes", int64(len(data)))
	dec := yaml.NewDecoder(countingReader{bytes.NewReader(data), prog})
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return nil, []Problem{yamlProblem(file, data, err)}
	}
	// yaml.Unmarshal read the first document and ignored the rest: a file holding a
	// second one (a stray `---`, two datasets pasted together) loaded only half of itself.
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return nil, []Problem{{File: file, Line: documentLine(data, &next), Message: "a second YAML document starts here; a dataset file holds one (put another dataset in a file of its own)"}}
	} else if !errors.Is(err, io.EOF) {
		return nil, []Problem{yamlProblem(file, data, err)}
	}
	prog.end()
	// Anchors, aliases and merge keys would otherwise surface as misleading problems
	// ("expected a text value", unknown field "<<") about the fields that use them.
	if probs := anchorsAndAliases(file, &root); len(probs) > 0 {
		return nil, probs
	}
	p := &parsed{ds: domain.Dataset{File: file}, line: 1, lines: r.lines}
	if len(root.Content) == 0 {
		r.problem(1, "the file is empty; expected a mapping with dataset, sources, entities and facts")
		return p, r.problems
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		r.problem(doc.Line, "expected a mapping with dataset, sources, entities and facts")
		return p, r.problems
	}
	prog.start("checking", file, "items", items(doc))
	// Each item of the four lists counts once towards the check's progress.
	counted := func(read func(n *yaml.Node, path string)) func(*yaml.Node, string) {
		return func(n *yaml.Node, path string) {
			read(n, path)
			prog.add(1)
		}
	}
	r.mapping(doc, "", func(key string, v *yaml.Node, path string) {
		switch key {
		case "dataset":
			p.ds.Name = r.str(v, path)
			p.line = v.Line
		case "description":
			p.ds.Description = r.str(v, path)
		case "sources":
			r.list(v, path, counted(func(n *yaml.Node, path string) { p.ds.Sources = append(p.ds.Sources, r.source(n, path)) }))
		case "entities":
			r.list(v, path, counted(func(n *yaml.Node, path string) { p.ds.Entities = append(p.ds.Entities, r.entity(n, path)) }))
		case "conflicts":
			r.list(v, path, counted(func(n *yaml.Node, path string) { p.ds.Conflicts = append(p.ds.Conflicts, r.conflict(n, path)) }))
		case "facts":
			r.list(v, path, counted(func(n *yaml.Node, path string) { p.ds.Facts = append(p.ds.Facts, r.fact(n, path)) }))
		default:
			r.unknown(key, v, "dataset, description, sources, entities, conflicts, facts")
		}
	})
	prog.end()
	if p.ds.Name == "" {
		r.problem(doc.Line, "missing `dataset:` (the dataset's name, stamped on everything it loads)")
	}
	p.ds.IDLines = idLines(p)
	return p, r.problems
}

// idLines is where each item of the dataset is, by its id.
func idLines(p *parsed) map[string]int {
	lines := make(map[string]int, len(p.ds.Sources)+len(p.ds.Entities)+len(p.ds.Conflicts)+len(p.ds.Facts))
	at := func(list string, i int, id string) {
		if _, seen := lines[id]; id != "" && !seen {
			lines[id] = p.at(fmt.Sprintf("%s[%d].id", list, i))
		}
	}
	for i, s := range p.ds.Sources {
		at("sources", i, s.ID)
	}
	for i, e := range p.ds.Entities {
		at("entities", i, e.ID)
	}
	for i, c := range p.ds.Conflicts {
		at("conflicts", i, c.ID)
	}
	for i, f := range p.ds.Facts {
		at("facts", i, f.ID)
	}
	return lines
}

// items counts the items of a dataset's lists (sources, entities, conflicts, facts),
// each list taken once, as the reader takes them: what "checking" counts to.
func items(doc *yaml.Node) int64 {
	var n int64
	seen := map[string]bool{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i].Value, doc.Content[i+1]
		switch k {
		case "sources", "entities", "conflicts", "facts":
			if !seen[k] && v.Kind == yaml.SequenceNode {
				n += int64(len(v.Content))
			}
		}
		seen[k] = true
	}
	return n
}

// anchorsAndAliases reports, once per line, every YAML anchor, alias and merge key in
// the document: the reader takes each value as written, and a journalist is better
// served by a file that says each thing where it applies.
func anchorsAndAliases(file string, root *yaml.Node) []Problem {
	var probs []Problem
	reported := map[int]bool{}
	report := func(line int, msg string) {
		if !reported[line] {
			reported[line] = true
			probs = append(probs, Problem{File: file, Line: line, Message: msg})
		}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Tag == "!!merge" {
					report(k.Line, "YAML merge keys (<<) are not supported; write each field out")
				}
			}
		}
		switch {
		case n.Kind == yaml.AliasNode:
			report(n.Line, "YAML anchors (&) and aliases (*) are not supported; write the value out where it is used")
			return // never into the aliased node: it is walked where it is defined
		case n.Anchor != "":
			report(n.Line, "YAML anchors (&) and aliases (*) are not supported; write the value out where it is used")
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	return probs
}

// documentLine is the line of the `---` that starts doc, a document after the first,
// or of its first node when no marker precedes it on the lines above.
func documentLine(data []byte, doc *yaml.Node) int {
	line := doc.Line
	if len(doc.Content) > 0 && doc.Content[0].Line > 0 {
		line = doc.Content[0].Line
	}
	lines := strings.Split(string(data), "\n")
	for l := min(line, len(lines)); l >= 1; l-- {
		if strings.HasPrefix(lines[l-1], "---") {
			return l
		}
	}
	return line
}

// yamlProblem turns a YAML syntax error ("yaml: line 7: ...") into a positioned problem.
// The YAML library reports a parser error at the start of the list or mapping it was
// reading (an item indented one space too little, 40 lines into the entities, was
// reported at `entities:`), so the line is moved to where the file stops parsing
// (problemLine), and the reported line is kept in the message.
func yamlProblem(file string, data []byte, err error) Problem {
	p := yamlProblemAt(file, data, err)
	p.Message += yamlHint(p.Message)
	return p
}

// yamlHints say what usually causes the YAML library's commonest complaints, in the
// words of someone editing the file: the library's own ("mapping values are not
// allowed in this context") meant nothing to a journalist.
var yamlHints = []struct{ says, hint string }{
	{"mapping values are not allowed", "a value holding a colon and a space (\"Meta said: ...\") must be in quotes; else check that the line is not indented under the one before"},
	{"did not find expected '-' indicator", "check this line's indentation against the list item before it: each field of an item lines up under its first one"},
	{"did not find expected key", "check this line's indentation against the lines before it: each field of an item lines up under its first one"},
	{"found character that cannot start any token", "a value starting with @, ` or % must be in quotes; indent with spaces, never tabs"},
	{"found unexpected end of stream", "a quote opened in the value is never closed"},
	{"could not find expected ':'", "a key needs a colon and a space after it (name: Meta); a long value is written on one line or in quotes"},
}

func yamlHint(msg string) string {
	for _, h := range yamlHints {
		if strings.Contains(msg, h.says) {
			return "; " + h.hint
		}
	}
	return ""
}

func yamlProblemAt(file string, data []byte, err error) Problem {
	line, msg := yamlErrorLine(err)
	if line == 0 && strings.Contains(msg, "UTF-8") {
		// Found directly: a search by prefixes put a bad byte ending a line on the
		// next one (cut before the newline, the file fails for another reason).
		if at := firstInvalidUTF8(data); at >= 0 {
			return Problem{File: file, Line: bytes.Count(data[:at], []byte("\n")) + 1, Message: "invalid YAML: " + msg + " (save the file as UTF-8)"}
		}
	}
	switch at := problemLine(data, line, msg); {
	case at > line && line > 0:
		return Problem{File: file, Line: at, Message: fmt.Sprintf("invalid YAML: %s (noticed while reading from line %d)", msg, line)}
	case at > line: // the library named no line (a control character, bytes that are no UTF-8)
		return Problem{File: file, Line: at, Message: "invalid YAML: " + msg}
	}
	return Problem{File: file, Line: line, Message: "invalid YAML: " + msg}
}

// firstInvalidUTF8 is the offset of the first byte of data that is no UTF-8, or -1.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// fromUTF16 returns a file saved as UTF-16 with a byte order mark (as some Windows
// editors do), which the YAML library reads too, as UTF-8 with the same lines, so that
// a problem's line can be found by cutting the file at its newlines: cut in UTF-16,
// between the two bytes of a newline, a file failed for another reason, and a syntax
// error was reported one line late. Anything else, or UTF-16 that is not well formed,
// is returned as it is, for the library to judge.
func fromUTF16(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case len(data)%2 != 0 || len(data) < 2:
		return data
	case data[0] == 0xFF && data[1] == 0xFE:
		order = binary.LittleEndian
	case data[0] == 0xFE && data[1] == 0xFF:
		order = binary.BigEndian
	default:
		return data
	}
	units := make([]uint16, 0, len(data)/2-1)
	for i := 2; i < len(data); i += 2 {
		units = append(units, order.Uint16(data[i:]))
	}
	out := make([]byte, 0, len(units)+len(units)/2)
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		if utf16.IsSurrogate(r) {
			if i+1 == len(units) {
				return data
			}
			if r = utf16.DecodeRune(r, rune(units[i+1])); r == utf8.RuneError {
				return data
			}
			i++
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// yamlErrorLine splits the YAML library's "yaml: line 7: message" into 7 and message
// (0 when the error names no line).
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, text, ok := strings.Cut(rest, ":"); ok {
			if line, convErr := strconv.Atoi(n); convErr == nil {
				return line, strings.TrimSpace(text)
			}
		}
	}
	return 0, msg
}

// problemLine finds the line from which data fails to parse as YAML with the error msg
// that the whole file gives, searching after the reported line: the first n such that
// the file's first n lines fail with msg (from the start when reported is 0: the
// library names no line for a control character or bytes that are no UTF-8). A prefix
// cut inside a multi-line quoted string or [list] fails too, but for its own reason, so
// only msg counts. It returns reported when no line after it qualifies. A binary search keeps this to a few dozen
// parses of a large file.
func problemLine(data []byte, reported int, msg string) int {
	ends := []int{0} // ends[n] is where the file's first n lines end
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if ends[len(ends)-1] < len(data) {
		ends = append(ends, len(data)) // a last line without its newline
	}
	failsWithMsg := func(n int) bool {
		dec := yaml.NewDecoder(bytes.NewReader(data[:ends[n]]))
		for {
			var doc yaml.Node
			err := dec.Decode(&doc)
			if err != nil {
				_, m := yamlErrorLine(err)
				return !errors.Is(err, io.EOF) && m == msg
			}
		}
	}
	lo, hi := reported, len(ends)-1 // the first lo lines do not fail with msg; the first hi do
	if reported < 0 || reported > hi || failsWithMsg(lo) || !failsWithMsg(hi) {
		return reported
	}
	for hi-lo > 1 {
		if mid := lo + (hi-lo)/2; failsWithMsg(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func (r *reader) unknown(key string, v *yaml.Node, allowed string) {
	r.problem(v.Line, "unknown field %q (allowed: %s)", key, allowed)
}

// mapping calls fn for each key of a mapping node, recording each field's line.
func (r *reader) mapping(n *yaml.Node, path string, fn func(key string, v *yaml.Node, path string)) {
	if n.Kind != yaml.MappingNode {
		r.problem(n.Line, "expected a mapping (key: value lines)")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			r.problem(k.Line, "field %q appears twice", k.Value)
			continue
		}
		seen[k.Value] = true
		fieldPath := k.Value
		if path != "" {
			fieldPath = path + "." + k.Value
		}
		r.lines[fieldPath] = k.Line
		fn(k.Value, v, fieldPath)
	}
}

// list calls fn for each item of a sequence node, recording each item's line.
func (r *reader) list(n *yaml.Node, path string, fn func(item *yaml.Node, path string)) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		r.problem(n.Line, "expected a list (lines starting with -)")
		return
	}
	for i, item := range n.Content {
		itemPath := fmt.Sprintf("%s[%d]", path, i)
		r.lines[itemPath] = item.Line
		fn(item, itemPath)
	}
}

func (r *reader) str(n *yaml.Node, path string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.problem(n.Line, "%s: expected a text value", path)
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (r *reader) strs(n *yaml.Node, path string) []string {
	out := []string{}
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		// A single value where a list is expected is accepted: `sources: src-x`.
		r.lines[path+"[0]"] = n.Line
		return append(out, strings.TrimSpace(n.Value))
	}
	r.list(n, path, func(item *yaml.Node, p string) { out = append(out, r.str(item, p)) })
	return out
}

// boolean reads true or false. An empty value (`named:`) decodes to false without an
// error, which made an entity an unnamed placeholder; it is refused like an empty text.
func (r *reader) boolean(n *yaml.Node, path string) bool {
	var b bool
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		r.problem(n.Line, "%s: expected true or false, not an empty value (leave the field out for its default)", path)
	case n.Kind != yaml.ScalarNode || n.Decode(&b) != nil:
		r.problem(n.Line, "%s: expected true or false", path)
	}
	return b
}

func (r *reader) source(n *yaml.Node, path string) domain.SourceRef {
	var s domain.SourceRef
	r.mapping(n, path, func(key string, v *yaml.Node, p string) {
		switch key {
		case "id":
			s.ID = r.str(v, p)
		case "headline":
			s.Headline = r.str(v, p)
		case "kind":
			s.Kind = r.str(v, p)
		case "publisher":
			s.Publisher = r.str(v, p)
		case "file":
			s.File = r.str(v, p)
		case "url":
			s.URL = r.str(v, p)
		case "published":
			s.Published = r.str(v, p)
		case "cites":
			r.list(v, p, func(item *yaml.Node, ip string) {
				var c domain.Citation
				r.mapping(item, ip, func(key string, v *yaml.Node, fp string) {
					switch key {
					case "id":
						c.ID = r.str(v, fp)
					case "source":
						c.Source = r.str(v, fp)
					case "note":
						c.Note = r.str(v, fp)
					default:
						r.unknown(key, v, "id, source, note")
					}
				})
				s.Citations = append(s.Citations, c)
			})
		default:
			r.unknown(key, v, "id, headline, kind, publisher, file, url, published, cites")
		}
	})
	return s
}

func (r *reader) entity(n *yaml.Node, path string) domain.Entity {
	e := domain.Entity{Named: true, Aliases: []string{}}
	r.mapping(n, path, func(key string, v *yaml.Node, p string) {
		switch key {
		case "id":
			e.ID = r.str(v, p)
		case "kind":
			e.Kind = r.str(v, p)
		case "name":
			e.Name = r.str(v, p)
		case "aliases":
			e.Aliases = r.strs(v, p)
		case "description":
			e.Description = r.str(v, p)
		case "named":
			e.Named = r.boolean(v, p)
		default:
			r.unknown(key, v, "id, kind, name, aliases, description, named")
		}
	})
	return e
}

func (r *reader) conflict(n *yaml.Node, path string) domain.ConflictTopic {
	c := domain.ConflictTopic{Involves: []string{}}
	r.mapping(n, path, func(key string, v *yaml.Node, p string) {
		switch key {
		case "id":
			c.ID = r.str(v, p)
		case "name":
			c.Name = r.str(v, p)
		case "description":
			c.Description = r.str(v, p)
		case "involves":
			c.Involves = r.strs(v, p)
		default:
			r.unknown(key, v, "id, name, description, involves")
		}
	})
	return c
}

// provenance reads one provenance field into pv; it reports whether key was one.
// set records which fields were given, so that a party can inherit the rest.
func (r *reader) provenance(key string, v *yaml.Node, p string, pv *domain.Provenance, set map[string]bool) bool {
	switch key {
	case "status":
		pv.Status = r.str(v, p)
	case "alleged_by":
		pv.AllegedBy = r.strs(v, p)
	case "denied_by":
		pv.DeniedBy = r.strs(v, p)
	case "sources":
		pv.Sources = r.strs(v, p)
	case "evidence":
		pv.Evidence = r.strs(v, p)
	case "conflicts":
		pv.Conflicts = r.strs(v, p)
	default:
		return false
	}
	set[key] = true
	return true
}

const provenanceFields = "status, alleged_by, denied_by, sources, evidence, conflicts"

func (r *reader) fact(n *yaml.Node, path string) domain.Fact {
	f := domain.Fact{Aliases: []string{}}
	set := map[string]bool{}
	var parties []*yaml.Node
	r.mapping(n, path, func(key string, v *yaml.Node, p string) {
		if r.provenance(key, v, p, &f.Provenance, set) {
			return
		}
		switch key {
		case "id":
			f.ID = r.str(v, p)
		case "type":
			f.Type = r.str(v, p)
		case "name":
			f.Name = r.str(v, p)
		case "from":
			f.From = r.str(v, p)
		case "to":
			f.To = r.str(v, p)
		case "date":
			f.Date = r.str(v, p)
		case "date_text":
			f.DateText = r.str(v, p)
		case "role":
			f.Role = r.str(v, p)
		case "description":
			f.Description = r.str(v, p)
		case "aliases":
			f.Aliases = r.strs(v, p)
		case "attributes":
			f.Attributes = r.attributes(v, p)
		case "parties":
			r.list(v, p, func(item *yaml.Node, _ string) { parties = append(parties, item) })
		default:
			r.unknown(key, v, "id, type, name, from, to, parties, date, date_text, role, description, aliases, attributes, "+provenanceFields)
		}
	})
	f.Provenance = normalised(f.Provenance)
	// Parties are read after the fact so that they inherit its final provenance,
	// whatever the order of the keys in the file.
	for i, item := range parties {
		f.Parties = append(f.Parties, r.party(item, fmt.Sprintf("%s.parties[%d]", path, i), f))
	}
	return f
}

func (r *reader) party(n *yaml.Node, path string, f domain.Fact) domain.Party {
	pt := domain.Party{Provenance: f.Provenance}
	set := map[string]bool{}
	own := domain.Provenance{}
	r.mapping(n, path, func(key string, v *yaml.Node, p string) {
		if r.provenance(key, v, p, &own, set) {
			return
		}
		switch key {
		case "id":
			pt.ID = r.str(v, p)
		case "role":
			pt.Role = r.str(v, p)
		case "node", "entity":
			// Two names for one field: the last one given used to win without a word.
			if set["node"] || set["entity"] {
				r.problem(v.Line, "%s: both node and entity are given, but they are one field (entity is another name for node); give one of them", path)
				return
			}
			set[key] = true
			pt.Node = r.str(v, p)
		case "description":
			pt.Description = r.str(v, p)
		default:
			r.unknown(key, v, "id, role, node (or entity), description, "+provenanceFields)
		}
	})
	// What the party does not say, it inherits from its fact. Sources and evidence go
	// together: a party with its own sources needs its own notes too.
	if set["status"] {
		pt.Status = own.Status
		pt.AllegedBy, pt.DeniedBy = own.AllegedBy, own.DeniedBy
	}
	if set["alleged_by"] {
		pt.AllegedBy = own.AllegedBy
	}
	if set["denied_by"] {
		pt.DeniedBy = own.DeniedBy
	}
	if set["sources"] || set["evidence"] {
		pt.Sources, pt.Evidence = own.Sources, own.Evidence
	}
	if set["conflicts"] {
		pt.Conflicts = own.Conflicts
	}
	pt.Provenance = normalised(pt.Provenance)
	if pt.ID == "" && f.ID != "" && pt.Role != "" && pt.Node != "" {
		pt.ID = f.ID + "--" + strings.ToLower(strings.ReplaceAll(pt.Role, "_", "-")) + "--" + pt.Node
	}
	return pt
}

// normalised replaces nil lists by empty ones: Neo4j stores the empty list, so a
// reload compares equal and the API never sees null where a list belongs.
func normalised(p domain.Provenance) domain.Provenance {
	for _, l := range []*[]string{&p.AllegedBy, &p.DeniedBy, &p.Sources, &p.Evidence, &p.Conflicts} {
		if *l == nil {
			*l = []string{}
		}
	}
	return p
}

// attributes reads a mapping of scalar or list-of-scalar values. Neo4j properties
// cannot hold maps or mixed lists, so those are rejected here rather than by the
// database half-way through a load.
func (r *reader) attributes(n *yaml.Node, path string) map[string]any {
	out := map[string]any{}
	r.mapping(n, path, func(key string, v *yaml.Node, p string) {
		switch v.Kind {
		case yaml.ScalarNode:
			if val, ok := r.scalar(v, p); ok {
				out[key] = val
			}
		case yaml.SequenceNode:
			var items []any
			kind := ""
			for _, item := range v.Content {
				val, ok := r.scalar(item, p)
				if !ok {
					return
				}
				k := fmt.Sprintf("%T", val)
				if kind != "" && k != kind {
					r.problem(item.Line, "%s: every item of a list must have the same type (Neo4j stores no mixed lists)", p)
					return
				}
				kind = k
				items = append(items, val)
			}
			if items == nil {
				items = []any{}
			}
			out[key] = items
		default:
			r.problem(v.Line, "%s: expected a value or a list of values, not a nested mapping", p)
		}
	})
	return out
}

func (r *reader) scalar(n *yaml.Node, path string) (any, bool) {
	if n.Kind != yaml.ScalarNode {
		r.problem(n.Line, "%s: expected a plain value", path)
		return nil, false
	}
	var (
		v   any
		err error
	)
	switch n.Tag {
	case "!!int":
		var i int64
		if n.Decode(&i) != nil { // within uint64 but beyond int64
			r.problem(n.Line, "%s: %s", path, beyondInt64(n.Value))
			return nil, false
		}
		v = i
	case "!!float":
		// The YAML library reads a whole number too large for 64 bits as a float,
		// which would store 99999999999999999999999 as 1e+23.
		if n.Style == 0 && wholeNumber.MatchString(n.Value) {
			r.problem(n.Line, "%s: %s", path, beyondInt64(n.Value))
			return nil, false
		}
		var f float64
		err = n.Decode(&f)
		switch {
		case err == nil && math.IsNaN(f):
			// NaN never equals itself: every reload would find the fact changed.
			r.problem(n.Line, "%s: %s is not a number, and Neo4j cannot compare it with itself (every reload would rewrite it); leave it out, or write it as text in quotes", path, n.Value)
			return nil, false
		case err == nil && math.IsInf(f, 0):
			r.problem(n.Line, "%s: %s is an infinity, which Neo4j cannot compare with itself; leave it out, or write it as text in quotes", path, n.Value)
			return nil, false
		}
		v = f
	case "!!bool":
		var b bool
		err = n.Decode(&b)
		v = b
	case "!!null":
		r.problem(n.Line, "%s: empty value; leave the attribute out instead", path)
		return nil, false
	default:
		v = n.Value
	}
	if err != nil {
		// The library's message spans lines ("yaml: unmarshal errors:\n  line 7: ...");
		// a problem is one line.
		r.problem(n.Line, "%s: %q is not a value Neo4j can store as %s", path, n.Value, strings.TrimPrefix(n.Tag, "!!"))
		return nil, false
	}
	return v, true
}

// wholeNumber is how YAML writes an integer in decimal (the library reads one beyond
// 64 bits as a float).
var wholeNumber = regexp.MustCompile(`^[-+]?[0-9][0-9_]*$`)

func beyondInt64(value string) string {
	return fmt.Sprintf("the whole number %s is beyond what Neo4j stores (%d to %d); write it as text in quotes to keep it exact, or as a decimal (1.5e+23) if an approximation will do",
		value, math.MinInt64, math.MaxInt64)
}
