package neo4jstore

import (
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// maxSafeInteger is the largest integer a JavaScript number holds exactly (2^53 - 1).
const maxSafeInteger = 1<<53 - 1

// ToJSON converts any value the driver returns into something encoding/json renders
// without loss. It is the only converter from Neo4j values to JSON: plain values stay
// plain; values JSON cannot carry faithfully (temporal and spatial types, bytes, NaN and
// infinities, integers beyond 2^53, graph elements) become {"$type": ..., ...} objects.
func ToJSON(v any) any {
	switch x := v.(type) {
	case nil, bool, string:
		return x
	case int64:
		if x > maxSafeInteger || x < -maxSafeInteger {
			return map[string]any{"$type": "Integer", "value": strconv.FormatInt(x, 10)}
		}
		return x
	case int:
		return ToJSON(int64(x))
	case float64:
		switch {
		case math.IsNaN(x):
			return map[string]any{"$type": "Float", "value": "NaN"}
		case math.IsInf(x, 1):
			return map[string]any{"$type": "Float", "value": "Infinity"}
		case math.IsInf(x, -1):
			return map[string]any{"$type": "Float", "value": "-Infinity"}
		case x == math.Trunc(x) && math.Abs(x) < 1e21:
			// encoding/json writes 1.0 as 1, which every reader takes for an integer.
			return integralFloat(x)
		}
		return x
	case []byte:
		return map[string]any{"$type": "Bytes", "base64": base64.StdEncoding.EncodeToString(x)}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = ToJSON(e)
		}
		return out
	case map[string]any:
		return propertiesToJSON(x)
	case dbtype.Node:
		return map[string]any{"$type": "Node", "id": x.ElementId, "labels": nonNil(x.Labels), "properties": propertiesToJSON(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"$type": "Relationship", "id": x.ElementId, "type": x.Type,
			"start": x.StartElementId, "end": x.EndElementId, "properties": propertiesToJSON(x.Props)}
	case dbtype.Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = ToJSON(n)
		}
		rels := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rels[i] = ToJSON(r)
		}
		return map[string]any{"$type": "Path", "nodes": nodes, "relationships": rels}
	case dbtype.Date:
		return temporal("Date", time.Time(x).Format("2006-01-02"))
	case dbtype.LocalTime:
		return temporal("LocalTime", time.Time(x).Format("15:04:05.999999999"))
	case dbtype.Time:
		return temporal("Time", time.Time(x).Format("15:04:05.999999999Z07:00"))
	case dbtype.LocalDateTime:
		return temporal("LocalDateTime", time.Time(x).Format("2006-01-02T15:04:05.999999999"))
	case time.Time:
		s := x.Format(time.RFC3339Nano)
		// The driver names a location "Offset" when Neo4j sent only an offset; any other
		// name is the zone id Neo4j sent (UTC, Europe/Paris, America/Port-au-Prince).
		if name := x.Location().String(); name != "" && name != "Local" && name != "Offset" {
			s += "[" + name + "]"
		}
		return temporal("DateTime", s)
	case dbtype.Duration:
		return map[string]any{"$type": "Duration", "value": x.String(),
			"months": x.Months, "days": x.Days, "seconds": x.Seconds, "nanoseconds": x.Nanos}
	case dbtype.Point2D:
		return map[string]any{"$type": "Point", "srid": x.SpatialRefId, "x": ToJSON(x.X), "y": ToJSON(x.Y)}
	case dbtype.Point3D:
		return map[string]any{"$type": "Point", "srid": x.SpatialRefId, "x": ToJSON(x.X), "y": ToJSON(x.Y), "z": ToJSON(x.Z)}
	default:
		// Every type the Bolt protocol defines is handled above; anything else is shown
		// as text rather than dropped.
		return map[string]any{"$type": fmt.Sprintf("%T", v), "value": fmt.Sprint(v)}
	}
}

// integralFloat is a float with no fractional part; it marshals with a decimal point
// (1.0, -0.0) so that it stays a float for JSON readers that tell numbers apart.
type integralFloat float64

// MarshalJSON writes the float with one decimal place, which is exact for an integral
// value below 1e21 (above that encoding/json uses an exponent anyway).
func (f integralFloat) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(f), 'f', 1, 64), nil
}

func temporal(kind, value string) map[string]any {
	return map[string]any{"$type": kind, "value": value}
}

func propertiesToJSON(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		out[k] = ToJSON(v)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// displayNameKeys are the properties tried, in order, for a node's readable name in a
// database newsgraph did not build.
var displayNameKeys = []string{"name", "title", "displayName", "display_name", "fullName", "full_name", "label", "username", "email", "code", "id", "key", "uuid"}

// DisplayName picks a readable name for a node from common name-like properties,
// falling back to its element id.
func DisplayName(n dbtype.Node) string {
	for _, k := range displayNameKeys {
		if v, ok := n.Props[k]; ok && v != nil {
			if s := fmt.Sprint(v); s != "" {
				return s
			}
		}
	}
	return n.ElementId
}

// NodeOf converts a driver node into the domain's node shape.
func NodeOf(n dbtype.Node) domain.Node {
	key, _ := n.Props["id"].(string)
	return domain.Node{ID: n.ElementId, Key: key, Labels: nonNil(n.Labels), Name: DisplayName(n), Properties: propertiesToJSON(n.Props)}
}

// RelationshipOf converts a driver relationship into the domain's shape, reading
// newsgraph's provenance properties (status, sources, evidence) when present.
func RelationshipOf(r dbtype.Relationship) domain.Relationship {
	key, _ := r.Props["id"].(string)
	status, _ := r.Props["status"].(string)
	return domain.Relationship{ID: r.ElementId, Key: key, Type: r.Type, Start: r.StartElementId, End: r.EndElementId,
		Status: status, Evidence: evidenceOf(r.Props), Properties: propertiesToJSON(r.Props)}
}

// evidenceOf pairs the parallel `sources` and `evidence` lists newsgraph stores on each
// fact. Titles are filled in by queries that join the Source nodes.
func evidenceOf(props map[string]any) []domain.Evidence {
	sources, _ := props["sources"].([]any)
	notes, _ := props["evidence"].([]any)
	if len(sources) == 0 {
		return nil
	}
	out := make([]domain.Evidence, 0, len(sources))
	for i, s := range sources {
		e := domain.Evidence{SourceKey: fmt.Sprint(s)}
		if i < len(notes) {
			e.Note = fmt.Sprint(notes[i])
		}
		out = append(out, e)
	}
	return out
}
