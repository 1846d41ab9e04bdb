package neo4jstore

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/jsonenc"
)

// maxSafeInteger is the largest integer a JavaScript number holds exactly (2^53 - 1).
const maxSafeInteger = 1<<53 - 1

// AppendJSON appends any value the driver returns as JSON, without loss. It is the only
// converter from Neo4j values to JSON: plain values stay plain; values JSON cannot carry
// faithfully (temporal and spatial types, bytes, NaN and infinities, integers beyond
// 2^53, graph elements) become {"$type": ..., ...} objects. Map keys come out sorted, so
// equal data gives equal bytes.
func AppendJSON(dst []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		return jsonenc.Bool(dst, x)
	case string:
		return jsonenc.String(dst, x)
	case int64:
		if x > maxSafeInteger || x < -maxSafeInteger {
			dst = append(dst, `{"$type":"Integer","value":"`...)
			dst = strconv.AppendInt(dst, x, 10)
			return append(dst, `"}`...)
		}
		return jsonenc.Int(dst, x)
	case int:
		return AppendJSON(dst, int64(x))
	case float64:
		switch {
		case math.IsNaN(x):
			return append(dst, `{"$type":"Float","value":"NaN"}`...)
		case math.IsInf(x, 1):
			return append(dst, `{"$type":"Float","value":"Infinity"}`...)
		case math.IsInf(x, -1):
			return append(dst, `{"$type":"Float","value":"-Infinity"}`...)
		case x == math.Trunc(x) && math.Abs(x) < 1e21:
			// Plain JSON writes 1.0 as 1, which every reader takes for an integer: keep
			// one decimal place, exact for an integral value below 1e21.
			return strconv.AppendFloat(dst, x, 'f', 1, 64)
		}
		return jsonenc.Float(dst, x)
	case []byte:
		dst = append(dst, `{"$type":"Bytes","base64":"`...)
		dst = base64.StdEncoding.AppendEncode(dst, x)
		return append(dst, `"}`...)
	case []any:
		if x == nil {
			return append(dst, "[]"...) // a Neo4j list is never null
		}
		return jsonenc.List(dst, x, AppendJSON)
	case map[string]any:
		// A map whose keys include "$type" is wrapped, {"$type":"Map","value":{…}}:
		// written as is, it read as the tagged value it looks like
		// ({"$type":"Integer","value":"5"} as the integer 5), and ParamsFromJSON took it
		// back as that. Only the console meets such maps: properties never hold maps.
		if _, tagged := x["$type"]; tagged {
			dst = append(dst, `{"$type":"Map","value":`...)
			return append(appendProperties(dst, x, nil, 0), '}')
		}
		return appendProperties(dst, x, nil, 0)
	case dbtype.Node:
		dst = append(dst, `{"$type":"Node","id":`...)
		dst = jsonenc.String(dst, x.ElementId)
		dst = append(dst, `,"labels":`...)
		dst = jsonenc.Strings(dst, nonNil(x.Labels))
		dst = append(dst, `,"properties":`...)
		dst = appendProperties(dst, x.Props, nil, 0)
		return append(dst, '}')
	case dbtype.Relationship:
		dst = append(dst, `{"$type":"Relationship","end":`...)
		dst = jsonenc.String(dst, x.EndElementId)
		dst = append(dst, `,"id":`...)
		dst = jsonenc.String(dst, x.ElementId)
		dst = append(dst, `,"properties":`...)
		dst = appendProperties(dst, x.Props, nil, 0)
		dst = append(dst, `,"start":`...)
		dst = jsonenc.String(dst, x.StartElementId)
		dst = append(dst, `,"type":`...)
		dst = jsonenc.String(dst, x.Type)
		return append(dst, '}')
	case dbtype.Path:
		dst = append(dst, `{"$type":"Path","nodes":[`...)
		for i, n := range x.Nodes {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendJSON(dst, n)
		}
		dst = append(dst, `],"relationships":[`...)
		for i, r := range x.Relationships {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendJSON(dst, r)
		}
		return append(dst, "]}"...)
	case dbtype.Date:
		return appendTemporal(dst, "Date", time.Time(x))
	case dbtype.LocalTime:
		return appendTemporal(dst, "LocalTime", time.Time(x))
	case dbtype.Time:
		return appendTemporal(dst, "Time", time.Time(x))
	case dbtype.LocalDateTime:
		return appendTemporal(dst, "LocalDateTime", time.Time(x))
	case time.Time:
		return appendTemporal(dst, "DateTime", x)
	case *dbtype.InvalidValue:
		// The driver could not decode the value: a DateTime in a zone Neo4j knows and
		// Go's zone database does not (GMT+01:00, UT). Say so rather than guess.
		dst = append(dst, `{"$type":"Invalid","error":`...)
		dst = jsonenc.String(dst, "the value could not be read: "+x.Err.Error())
		return append(dst, '}')
	case dbtype.Duration:
		dst = append(dst, `{"$type":"Duration","days":`...)
		dst = jsonenc.Int(dst, x.Days)
		dst = append(dst, `,"months":`...)
		dst = jsonenc.Int(dst, x.Months)
		dst = append(dst, `,"nanoseconds":`...)
		dst = jsonenc.Int(dst, int64(x.Nanos))
		dst = append(dst, `,"seconds":`...)
		dst = jsonenc.Int(dst, x.Seconds)
		dst = append(dst, `,"value":`...)
		dst = jsonenc.String(dst, durationText(x))
		return append(dst, '}')
	case dbtype.Point2D:
		return appendPoint(dst, x.SpatialRefId, x.X, x.Y)
	case dbtype.Point3D:
		return appendPoint(dst, x.SpatialRefId, x.X, x.Y, x.Z)
	default:
		// Every type the Bolt protocol defines is handled above; anything else is shown
		// as text rather than dropped.
		dst = append(dst, `{"$type":`...)
		dst = jsonenc.String(dst, fmt.Sprintf("%T", v))
		dst = append(dst, `,"value":`...)
		dst = jsonenc.String(dst, fmt.Sprint(v))
		return append(dst, '}')
	}
}

// ToJSON is AppendJSON as a json.RawMessage, for answers that encoding/json writes.
func ToJSON(v any) json.RawMessage { return AppendJSON(nil, v) }

// durationText writes d as Neo4j's toString does ("P1Y2M3DT4H5M6.7S", "PT-0.5S",
// "PT0S"), which people know from Neo4j's own tools; the driver's String() keeps the
// raw components ("P14M3DT14706.700000000S").
func durationText(d dbtype.Duration) string {
	out := []byte{'P'}
	part := func(v int64, unit byte) {
		if v != 0 {
			out = append(strconv.AppendInt(out, v, 10), unit)
		}
	}
	part(d.Months/12, 'Y')
	part(d.Months%12, 'M')
	part(d.Days, 'D')
	if secs, nanos := d.Seconds, int64(d.Nanos); secs != 0 || nanos != 0 {
		// Neo4j keeps 0 <= nanos < 1e9 and floors the seconds: -0.5 s is -1 s + 0.5e9 ns,
		// written -0.5.
		if secs < 0 && nanos > 0 {
			secs, nanos = secs+1, nanos-1_000_000_000
		}
		out = append(out, 'T')
		part(secs/3600, 'H')
		part(secs%3600/60, 'M')
		if s := secs % 60; s != 0 || nanos != 0 {
			if s == 0 && nanos < 0 {
				out = append(out, '-')
			}
			out = strconv.AppendInt(out, s, 10)
			if nanos != 0 {
				fraction := strconv.AppendInt(nil, 1_000_000_000+max(nanos, -nanos), 10)[1:] // nine digits
				out = append(append(out, '.'), strings.TrimRight(string(fraction), "0")...)
			}
			out = append(out, 'S')
		}
	}
	if len(out) == 1 {
		return "PT0S"
	}
	return string(out)
}

// appendPoint writes a point as {"$type":"Point","srid":…,"x":…,"y":…[,"z":…]}; the
// coordinates go through AppendJSON, which writes NaN and infinities as tagged values.
func appendPoint(dst []byte, srid uint32, coords ...float64) []byte {
	dst = append(dst, `{"$type":"Point","srid":`...)
	dst = jsonenc.Int(dst, int64(srid))
	for i, c := range coords {
		dst = append(dst, ',', '"', "xyz"[i], '"', ':')
		dst = AppendJSON(dst, c)
	}
	return append(dst, '}')
}

// appendTemporal writes {"$type": kind, "value": ISO 8601 text}; a DateTime's text ends
// with its zone id in brackets when Neo4j sent one.
func appendTemporal(dst []byte, kind string, t time.Time) []byte {
	text := appendISOTemporal(nil, t, temporalKinds[kind])
	// The driver names a location "Offset" when Neo4j sent only an offset; any other
	// name is the zone id Neo4j sent (UTC, Europe/Paris, America/Port-au-Prince).
	if name := t.Location().String(); kind == "DateTime" && name != "" && name != "Local" && name != "Offset" {
		text = append(append(append(text, '['), name...), ']')
	}
	dst = append(dst, `{"$type":`...)
	dst = jsonenc.String(dst, kind)
	dst = append(dst, `,"value":`...)
	dst = jsonenc.String(dst, string(text))
	return append(dst, '}')
}

// appendProperties writes a map as a JSON object with sorted keys, leaving out the keys
// skip says to (nil skips none). A value whose JSON takes more than limit bytes (0: no
// limit) is written as a preview instead (appendPreview).
func appendProperties(dst []byte, props map[string]any, skip func(key string) bool, limit int) []byte {
	type property struct {
		key   string
		value any
	}
	var buf [16]property // most elements have fewer properties: no allocation
	list := buf[:0]
	for k, v := range props {
		if skip == nil || !skip(k) {
			list = append(list, property{k, v})
		}
	}
	if len(list) > len(buf) {
		slices.SortFunc(list, func(a, b property) int { return strings.Compare(a.key, b.key) })
	} else {
		// Insertion sort: most property maps are this small, and it beats a generic
		// sort's comparison calls.
		for i := 1; i < len(list); i++ {
			for j := i; j > 0 && list[j].key < list[j-1].key; j-- {
				list[j], list[j-1] = list[j-1], list[j]
			}
		}
	}
	dst = append(dst, '{')
	for i, p := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonenc.String(dst, p.key)
		dst = append(dst, ':')
		start := len(dst)
		dst = AppendJSON(dst, p.value)
		if limit > 0 && len(dst)-start > limit {
			dst = appendPreview(dst[:start], p.value, len(dst)-start)
		}
	}
	return append(dst, '}')
}

// PreviewLimit is the most JSON bytes one property value takes in a graph answer or
// among an entity's facts; a longer value is sent as a preview. A database newsgraph did
// not build may hold documents in properties: 250 neighbours with a 200 KB `body` each
// made a 50 MB neighbourhood, which no page can show. The whole value is one call away:
// the node's own entry (GET /api/entities/{id}) and the Cypher console send it in full.
const PreviewLimit = 4096

// previewBytes is how much of a long string its preview keeps, cut at a character.
const previewBytes = 1000

// appendPreview writes {"$type":"Truncated","bytes":size,"preview":…} for a value whose
// JSON takes size bytes: a string keeps its first previewBytes, any other value no
// preview.
func appendPreview(dst []byte, v any, size int) []byte {
	dst = append(dst, `{"$type":"Truncated","bytes":`...)
	dst = strconv.AppendInt(dst, int64(size), 10)
	if text, ok := v.(string); ok {
		dst = append(dst, `,"preview":`...)
		dst = jsonenc.String(dst, previewCut(text))
	}
	return append(dst, '}')
}

// previewCut is text's first previewBytes, cut at a character.
func previewCut(text string) string {
	cut := min(len(text), previewBytes)
	for cut < len(text) && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

// previewText is a text field (a conflict's description) as a list shows it: whole up
// to PreviewLimit bytes, else its first previewBytes, cut at a character, and "…".
func previewText(text string) string {
	if len(text) <= PreviewLimit {
		return text
	}
	return previewCut(text) + "…"
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// displayNameKeys are the properties tried, in order, for a node's readable name in a
// database newsgraph did not build: names and titles first (Northwind's productName and
// companyName among them), then handles, then identifiers. The search fallback matches
// exactly these (searchKeys), so that whatever a node is shown as finds it.
var displayNameKeys = []string{
	"name", "Name", "title", "Title", "displayName", "display_name", "fullName", "full_name",
	"productName", "companyName", "categoryName", "caption", "label", "nickname",
	"screen_name", "username", "login", "email",
	"code", "id", "key", "uuid",
}

// DisplayName picks a readable name for a node: the first of displayNameKeys whose value
// reads as a name (displayText), cut to 200 bytes with an ellipsis (domain.Shown: a
// 100 KB name was a page's heading), else its element id.
func DisplayName(n dbtype.Node) string {
	return displayName(func(i int) any { return n.Props[displayNameKeys[i]] }, n.ElementId)
}

// displayName is DisplayName over a node's values of displayNameKeys (value(i) is the
// i-th key's), for the queries that return only those.
func displayName(value func(i int) any, elementID string) string {
	for i := range displayNameKeys {
		if text := displayText(value(i)); text != "" {
			return domain.Shown(text)
		}
	}
	return elementID
}

// displayText is a property value as a name, "" when it is none: text without its
// surrounding white space, a number or a boolean as text (floatText), or a list's first
// element that is one of those. Blank text (domain.Blank: white space or invisible
// characters only), empty lists, bytes, points and temporal values are no names.
// search_contains.cypher reads values the same way, but for keeping the zero-width ones,
// which no search can ask for (a blank search is refused).
func displayText(v any) string {
	switch x := v.(type) {
	case string:
		if domain.Blank(x) {
			return ""
		}
		return strings.TrimSpace(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return floatText(x)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		for _, e := range x {
			if text := displayText(e); text != "" {
				return text
			}
		}
	}
	return ""
}

// floatText writes a float as Neo4j's toString does (Java's Double.toString: 3.5,
// 1.5E-4, 1.23456785E7, NaN, Infinity), except that an integral value within 2^53 is
// written as an integer (3, not 3.0; 10000000, not 1.0E7). search_contains.cypher
// writes floats so too, so that the fallback search finds what a name shows.
func floatText(x float64) string {
	abs := math.Abs(x)
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	case x == math.Trunc(x) && abs < 1<<53:
		return strconv.FormatInt(int64(x), 10)
	case abs >= 1e-3 && abs < 1e7:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	// Java's scientific notation: at least one decimal, no exponent sign or padding.
	mantissa, exponent, _ := strings.Cut(strconv.FormatFloat(x, 'e', -1, 64), "e")
	if !strings.Contains(mantissa, ".") {
		mantissa += ".0"
	}
	e, _ := strconv.Atoi(exponent)
	return mantissa + "E" + strconv.Itoa(e)
}

// converter turns driver nodes and relationships into the domain's shapes. It writes
// every property map into one growing buffer and every evidence list into one growing
// slice, which the converted values share: an answer with a thousand elements would
// otherwise make thousands of small allocations. The zero value is ready to use.
type converter struct {
	arena    []byte
	evidence []domain.Evidence
	// preview sends property values over PreviewLimit as previews: set for graph
	// answers and an entity's facts, not for the entity itself or the console's rows.
	preview bool
	// unkeyed are the id labels whose `id` is not a key in this database
	// (Store.unkeyedLabels); nil keys every id label.
	unkeyed []string
}

// properties appends props as a JSON object to the arena and returns it; earlier
// results stay valid when the arena grows, as they keep the old backing array.
func (c *converter) properties(props map[string]any, skip func(string) bool) []byte {
	start, limit := len(c.arena), 0
	if c.preview {
		limit = PreviewLimit
	}
	c.arena = appendProperties(c.arena, props, skip, limit)
	return c.arena[start:len(c.arena):len(c.arena)]
}

// node converts a driver node. Its key is its `id` property only on the labels whose
// ids the API resolves (idLabels), and only where a constraint holds them unique
// (c.unkeyed): a text `id` on a node of another database's own labels would be a key
// that every lookup answers 404 to, and need not be unique. Nor is "." or ".." a key
// (pathKey).
func (c *converter) node(n dbtype.Node) domain.Node {
	key := ""
	if keyed(n.Labels, c.unkeyed) {
		id, _ := n.Props["id"].(string)
		key = pathKey(id)
	}
	return domain.Node{ID: n.ElementId, Key: key, Labels: nonNil(n.Labels), Name: DisplayName(n), Properties: c.properties(n.Props, nil)}
}

// relationship converts a driver relationship, reading newsgraph's provenance
// properties when present: status, and the parallel `sources` and `evidence` lists,
// which become Evidence and are not repeated in Properties (they were a quarter of a
// large answer's bytes).
func (c *converter) relationship(r dbtype.Relationship) domain.Relationship {
	key, _ := r.Props["id"].(string)
	status, _ := r.Props["status"].(string)
	evidence := c.evidenceOf(r.Props)
	var skip func(string) bool
	if evidence != nil {
		skip = isProvenanceKey
	}
	return domain.Relationship{ID: r.ElementId, Key: key, Type: r.Type, Start: r.StartElementId, End: r.EndElementId,
		Status: status, Evidence: evidence, Properties: c.properties(r.Props, skip)}
}

func isProvenanceKey(k string) bool { return k == "sources" || k == "evidence" }

// evidenceOf pairs the parallel `sources` and `evidence` lists newsgraph stores on each
// fact. Titles are filled in by queries that join the Source nodes. Properties of
// another shape (in a database newsgraph did not build) are not provenance: it returns
// nil and they stay ordinary properties.
func (c *converter) evidenceOf(props map[string]any) []domain.Evidence {
	sources, _ := props["sources"].([]any)
	if len(sources) == 0 {
		return nil
	}
	notesValue := props["evidence"]
	notes, notesOK := notesValue.([]any)
	if notesValue != nil && (!notesOK || len(notes) > len(sources)) {
		return nil
	}
	start := len(c.evidence)
	for i, s := range sources {
		e := domain.Evidence{}
		var ok bool
		if e.SourceKey, ok = s.(string); !ok {
			c.evidence = c.evidence[:start]
			return nil
		}
		if i < len(notes) {
			if e.Note, ok = notes[i].(string); !ok {
				c.evidence = c.evidence[:start]
				return nil
			}
		}
		c.evidence = append(c.evidence, e)
	}
	return c.evidence[start:len(c.evidence):len(c.evidence)]
}
