package domain

import (
	"encoding/json"
	"reflect"
	"testing"
)

// answers are the types with AppendJSON; each must write what encoding/json writes from
// its struct tags.
var answers = []any{
	Node{}, Relationship{}, Evidence{}, Omission{}, Graph{}, Neighbourhood{}, Expansion{}, Path{}, Paths{},
	SearchHit{}, SearchResult{}, RelationshipCount{}, EntityFact{}, ConflictRef{}, Source{}, EntityDetail{}, SourceDetail{},
}

// TestAppendJSONMatchesEncodingJSON fills every field of every answer type by reflection
// (so a field added to a struct but not to its AppendJSON fails here) in three ways:
// zero values, set values with empty lists, and set values with awkward content.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	for _, zero := range answers {
		typ := reflect.TypeOf(zero)
		for _, variant := range []struct {
			name string
			fill func(reflect.Value)
		}{
			{"zero", func(reflect.Value) {}},
			{"empty lists", func(v reflect.Value) { fill(v, 0, 0) }},
			{"set", func(v reflect.Value) { fill(v, 1, 2) }},
			{"set, other values", func(v reflect.Value) { fill(v, 2, 1) }},
		} {
			v := reflect.New(typ).Elem()
			variant.fill(v)
			want, err := json.Marshal(v.Interface())
			if err != nil {
				t.Fatal(err)
			}
			got := v.Interface().(interface{ AppendJSON([]byte) []byte }).AppendJSON([]byte("prefix:"))
			if string(got) != "prefix:"+string(want) {
				t.Errorf("%s (%s):\nAppendJSON   %s\nencoding/json %s", typ.Name(), variant.name, got[len("prefix:"):], want)
			}
		}
	}
}

// fill sets every field of v: strings that need escaping, non-zero numbers, true, and
// lists of n elements (n = 0 gives empty, non-nil lists). seed varies the values.
func fill(v reflect.Value, seed, n int) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), seed, n)
		}
	case reflect.String:
		v.SetString([]string{"", `a "quoted" <b>&</b> \ path`, "é\u2028\t\x01 🧭"}[seed%3] + "x")
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(seed*1_000_003 + 7))
	case reflect.Float64:
		v.SetFloat([]float64{0.25, 1e-7, 12345.678e20}[seed%3])
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		if v.Type() == reflect.TypeOf(json.RawMessage(nil)) {
			v.SetBytes([]byte(`{"k":[1,"\u003c",{"n":null}]}`))
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(s.Index(i), seed+i, n)
		}
		v.Set(s)
	default:
		panic("fill: no rule for " + v.Type().String())
	}
}
