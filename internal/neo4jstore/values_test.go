package neo4jstore_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// typeCases are Cypher expressions and the exact JSON ToJSON must give for the value
// Neo4j returns: every type Bolt carries, at the edges where JSON loses information.
var typeCases = []struct {
	name, expr, want string
}{
	{"null", "null", `null`},
	{"boolean", "true", `true`},
	{"string with accents and emoji", "'Zürich 🚀'", `"Zürich 🚀"`},
	{"small integer", "42", `42`},
	{"negative integer", "-7", `-7`},
	{"largest safe integer", "9007199254740991", `9007199254740991`},
	{"integer beyond 2^53", "9007199254740993", `{"$type":"Integer","value":"9007199254740993"}`},
	{"negative integer beyond 2^53", "-9007199254740993", `{"$type":"Integer","value":"-9007199254740993"}`},
	{"largest integer", "9223372036854775807", `{"$type":"Integer","value":"9223372036854775807"}`},
	{"smallest integer", "-9223372036854775807 - 1", `{"$type":"Integer","value":"-9223372036854775808"}`},
	{"float", "0.49", `0.49`},
	{"integral float stays a float", "1.0", `1.0`},
	{"large integral float", "1.0e20", `100000000000000000000.0`},
	{"huge float", "1.5e300", `1.5e+300`},
	{"negative zero", "-0.0", `-0.0`},
	{"NaN", "0.0/0.0", `{"$type":"Float","value":"NaN"}`},
	{"infinity", "1.0/0.0", `{"$type":"Float","value":"Infinity"}`},
	{"negative infinity", "-1.0/0.0", `{"$type":"Float","value":"-Infinity"}`},
	{"list", "[1, 'two', 3.5, true]", `[1,"two",3.5,true]`},
	{"list with a null", "[1, null]", `[1,null]`},
	{"map with a big integer inside", "{a: 9007199254740993, b: [date('2024-02-29')]}",
		`{"a":{"$type":"Integer","value":"9007199254740993"},"b":[{"$type":"Date","value":"2024-02-29"}]}`},
	{"date", "date('2024-02-29')", `{"$type":"Date","value":"2024-02-29"}`},
	{"local time", "localtime('12:34:56.123456789')", `{"$type":"LocalTime","value":"12:34:56.123456789"}`},
	{"time with offset", "time('12:34:56+02:00')", `{"$type":"Time","value":"12:34:56+02:00"}`},
	{"local datetime", "localdatetime('2024-02-29T23:59:59.5')", `{"$type":"LocalDateTime","value":"2024-02-29T23:59:59.5"}`},
	{"datetime in a named zone", "datetime('2024-01-01T10:00:00[Europe/Paris]')", `{"$type":"DateTime","value":"2024-01-01T10:00:00+01:00[Europe/Paris]"}`},
	{"datetime in summer time", "datetime('2024-07-01T10:00:00[Europe/Paris]')", `{"$type":"DateTime","value":"2024-07-01T10:00:00+02:00[Europe/Paris]"}`},
	{"datetime in a zone with a dash", "datetime('2024-06-01T12:00:00[America/Port-au-Prince]')", `{"$type":"DateTime","value":"2024-06-01T12:00:00-04:00[America/Port-au-Prince]"}`},
	{"datetime in the UTC zone", "datetime('2024-01-01T10:00:00[UTC]')", `{"$type":"DateTime","value":"2024-01-01T10:00:00Z[UTC]"}`},
	{"datetime with an offset", "datetime('2024-01-01T10:00:00.25+05:30')", `{"$type":"DateTime","value":"2024-01-01T10:00:00.25+05:30"}`},
	{"datetime in UTC by offset", "datetime('2024-01-01T10:00:00Z')", `{"$type":"DateTime","value":"2024-01-01T10:00:00Z"}`},
	{"duration", "duration('P1Y2M3DT4H')", `{"$type":"Duration","days":3,"months":14,"nanoseconds":0,"seconds":14400,"value":"P1Y2M3DT4H"}`},
	{"duration with fractions", "duration('PT1.5S')", `{"$type":"Duration","days":0,"months":0,"nanoseconds":500000000,"seconds":1,"value":"PT1.5S"}`},
	{"cartesian point", "point({x: 1, y: 2})", `{"$type":"Point","srid":7203,"x":1.0,"y":2.0}`},
	{"cartesian 3D point", "point({x: 1.5, y: 2, z: -3})", `{"$type":"Point","srid":9157,"x":1.5,"y":2.0,"z":-3.0}`},
	{"WGS-84 point", "point({longitude: 2.35, latitude: 48.85})", `{"$type":"Point","srid":4326,"x":2.35,"y":48.85}`},
	{"WGS-84 3D point", "point({longitude: 2.35, latitude: 48.85, height: 35})", `{"$type":"Point","srid":4979,"x":2.35,"y":48.85,"z":35.0}`},
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("cannot marshal %#v: %v", v, err)
	}
	return string(b)
}

func TestToJSONTypes(t *testing.T) {
	for _, tc := range typeCases {
		t.Run(tc.name, func(t *testing.T) {
			res := neo4jtest.Exec(t, "RETURN "+tc.expr+" AS v", nil)
			if got := marshal(t, neo4jstore.ToJSON(res.Records[0].Values[0])); got != tc.want {
				t.Fatalf("%s\n got %s\nwant %s", tc.expr, got, tc.want)
			}
		})
	}
}

// TestDurationTextAsNeo4j: a Duration's "value" is the text Neo4j's toString gives it,
// whatever its signs and fractions.
func TestDurationTextAsNeo4j(t *testing.T) {
	exprs := []string{"PT0S", "P1Y2M3DT4H5M6.7S", "P14M", "P-1Y", "P1Y-2M", "P3D", "P-3DT-4H", "PT1H", "PT61M",
		"PT-0.5S", "PT-1.5S", "PT0.000000001S", "PT-0.000000001S", "PT59.999999999S", "PT-3661.25S", "P1DT-1S",
		"P2Y13M400DT100000.123S"}
	for _, e := range exprs {
		res := neo4jtest.Exec(t, "RETURN duration($e) AS d, toString(duration($e)) AS text", map[string]any{"e": e})
		var got map[string]any
		if err := json.Unmarshal(neo4jstore.ToJSON(res.Records[0].Values[0]), &got); err != nil {
			t.Fatal(err)
		}
		if want := res.Records[0].Values[1]; got["value"] != want {
			t.Errorf("duration(%q): value %q, Neo4j writes %q", e, got["value"], want)
		}
	}
}

// TestParamsRoundTrip sends each value's JSON back to Neo4j as a parameter and checks
// that Neo4j holds the same value (compared in Cypher) and that it comes back as the
// same JSON: nothing is lost in either direction.
func TestParamsRoundTrip(t *testing.T) {
	for _, tc := range typeCases {
		if tc.expr == "null" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			params, err := sentBack(t, tc.want)
			if err != nil {
				t.Fatalf("ParamsFromJSON(%s): %v", tc.want, err)
			}
			// valueType tells 1 from 1.0 and a zoned from an offset datetime; the JSON
			// comparison below covers the value itself (NaN and nulls included).
			res := neo4jtest.Exec(t, "WITH "+tc.expr+" AS expected RETURN $p AS back, "+
				"valueType($p) = valueType(expected) AS same, valueType($p) AS type, valueType(expected) AS want", params)
			rec := res.Records[0]
			if same, _ := rec.Get("same"); same != true {
				ty, _ := rec.Get("type")
				want, _ := rec.Get("want")
				t.Errorf("Neo4j received %v of type %v, want %v", rec.Values[0], ty, want)
			}
			if got := marshal(t, neo4jstore.ToJSON(rec.Values[0])); got != tc.want {
				t.Errorf("round trip changed the JSON\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestBytesRoundTrip(t *testing.T) {
	in := []byte{0, 1, 2, 0xfe, 0xff}
	res := neo4jtest.Exec(t, "RETURN $b AS b, size($b) AS n", map[string]any{"b": in})
	got := marshal(t, neo4jstore.ToJSON(res.Records[0].Values[0]))
	if want := `{"$type":"Bytes","base64":"AAEC/v8="}`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	params, err := neo4jstore.ParamsFromJSON(map[string]any{"b": map[string]any{"$type": "Bytes", "base64": "AAEC/v8="}})
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := params["b"].([]byte); !ok || !bytes.Equal(b, in) {
		t.Fatalf("decoded %#v, want %v", params["b"], in)
	}
}

func TestToJSONGraphElements(t *testing.T) {
	neo4jtest.Exec(t, "MATCH (n:ValuesTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:ValuesTest) DETACH DELETE n", nil) })
	res := neo4jtest.Exec(t, `CREATE p = (a:ValuesTest {name: 'Ada', big: 9007199254740993})
		-[r:KNOWS {since: date('2020-05-17'), weight: 2.0}]->(b:ValuesTest {title: 'Second'})
		RETURN p, a, r, b, elementId(a) AS aid, elementId(r) AS rid, elementId(b) AS bid`, nil)
	rec := res.Records[0]
	aid, _ := rec.Get("aid")
	rid, _ := rec.Get("rid")
	bid, _ := rec.Get("bid")
	node := `{"$type":"Node","id":"` + aid.(string) + `","labels":["ValuesTest"],"properties":{"big":{"$type":"Integer","value":"9007199254740993"},"name":"Ada"}}`
	other := `{"$type":"Node","id":"` + bid.(string) + `","labels":["ValuesTest"],"properties":{"title":"Second"}}`
	rel := `{"$type":"Relationship","end":"` + bid.(string) + `","id":"` + rid.(string) + `","properties":{"since":{"$type":"Date","value":"2020-05-17"},"weight":2.0},"start":"` + aid.(string) + `","type":"KNOWS"}`
	for _, tc := range []struct{ column, want string }{
		{"a", node},
		{"b", other},
		{"r", rel},
		{"p", `{"$type":"Path","nodes":[` + node + `,` + other + `],"relationships":[` + rel + `]}`},
	} {
		t.Run(tc.column, func(t *testing.T) {
			v, _ := rec.Get(tc.column)
			if got := marshal(t, neo4jstore.ToJSON(v)); got != tc.want {
				t.Fatalf("\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestParamsFromJSONNumbers(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		want       any
		fails      bool
	}{
		{"integral number is an integer", `7`, int64(7), false},
		{"number beyond 2^53 keeps its digits", `9007199254740993`, int64(9007199254740993), false},
		{"fraction is a float", `7.5`, 7.5, false},
		{"written with a point is a float", `7.0`, 7.0, false},
		{"exponent is a float", `1e3`, 1000.0, false},
		{"beyond 64 bits is refused", `92233720368547758070`, nil, true},
		{"unknown tag is refused", `{"$type":"Widget"}`, nil, true},
		{"malformed tagged integer is refused", `{"$type":"Integer","value":"12x"}`, nil, true},
		{"bad base64 is refused", `{"$type":"Bytes","base64":"%%%"}`, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v any
			dec := json.NewDecoder(strings.NewReader(tc.json))
			dec.UseNumber()
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			got, err := neo4jstore.ParamsFromJSON(map[string]any{"x": v})
			if tc.fails {
				if err == nil {
					t.Fatalf("accepted %s as %#v", tc.json, got["x"])
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got["x"] != tc.want {
				t.Fatalf("got %#v (%T), want %#v (%T)", got["x"], got["x"], tc.want, tc.want)
			}
		})
	}
}

// sentBack reads an answer's JSON value as a client sends it back, as the console's
// parameter $p (numbers kept as written, as the handler decodes them).
func sentBack(t *testing.T, js string) (map[string]any, error) {
	t.Helper()
	var decoded any
	dec := json.NewDecoder(strings.NewReader(js))
	dec.UseNumber()
	if err := dec.Decode(&decoded); err != nil {
		t.Fatal(err)
	}
	return neo4jstore.ParamsFromJSON(map[string]any{"p": decoded})
}
