package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/httpapi"
)

// TestDocumentedParameters holds the server to what the OpenAPI document says of each
// query parameter: both ends of a documented range are taken and one step beyond
// either is a 400 naming the parameter (and, above the top, the range); every value of
// an enum is taken and another refused; a documented default answers as leaving the
// parameter out does. A route the document gives query parameters needs a request
// here to start from.
func TestDocumentedParameters(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	base := map[string]string{
		"/api/search":                      "/api/search?q=scale",
		"/api/entities/{id}":               "/api/entities/scale-ai",
		"/api/entities/{id}/neighbourhood": "/api/entities/scale-ai/neighbourhood",
		"/api/entities/{id}/expand":        "/api/entities/scale-ai/expand",
		"/api/paths":                       "/api/paths?from=scale-ai&to=mercor",
		"/api/sources":                     "/api/sources",
	}
	// What the document may say of a value, and one it takes and one it refuses for
	// a pattern.
	type schema struct {
		Type    string   `json:"type"`
		Minimum *int64   `json:"minimum"`
		Maximum *int64   `json:"maximum"`
		Default any      `json:"default"`
		Enum    []string `json:"enum"`
		Pattern string   `json:"pattern"`
		Items   *schema  `json:"items"`
	}
	type parameter struct {
		Ref    string `json:"$ref"`
		Name   string `json:"name"`
		In     string `json:"in"`
		Schema schema `json:"schema"`
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Parameters map[string]parameter `json:"parameters"`
		} `json:"components"`
	}
	if err := json.Unmarshal(httpapi.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	patterns := map[string][2]string{ // a value the pattern takes, one it refuses
		`^\d{4}(-\d{2}(-\d{2})?)?$`:       {"2025-06", "2025-6"},
		"^\\s*(`([^`]|``)+`\\s*|[^,`]*)$": {"EMPLOYED_BY", "A,B"},
	}
	call := func(target string) (int, map[string]any, string) {
		rec, body := get(t, h, target)
		return rec.Code, body, rec.Body.String()
	}
	with := func(target, name, value string) string {
		u, err := url.Parse(target)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set(name, value)
		u.RawQuery = q.Encode()
		return u.String()
	}
	templates := make([]string, 0, len(doc.Paths))
	for template := range doc.Paths {
		templates = append(templates, template)
	}
	slices.Sort(templates)
	for _, template := range templates {
		rawOp, ok := doc.Paths[template]["get"]
		if !ok {
			continue
		}
		var op struct {
			Parameters []parameter `json:"parameters"`
		}
		if err := json.Unmarshal(rawOp, &op); err != nil {
			t.Fatal(err)
		}
		var params []parameter
		for _, p := range op.Parameters {
			if p.Ref != "" {
				p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
			}
			if p.In == "query" {
				params = append(params, p)
			}
		}
		if len(params) == 0 {
			continue
		}
		start, ok := base[template]
		if !ok {
			t.Errorf("%s takes query parameters: give it a request to start from", template)
			continue
		}
		if status, _, body := call(start); status != http.StatusOK {
			t.Fatalf("%s: status %d: %s", start, status, body)
		}
		for _, p := range params {
			s := p.Schema
			takes := func(value string) {
				t.Helper()
				if status, _, body := call(with(start, p.Name, value)); status != http.StatusOK {
					t.Errorf("%s %s=%s (documented): status %d: %.300s", template, p.Name, value, status, body)
				}
			}
			refuses := func(value string, fields map[string]any) {
				t.Helper()
				status, problem, body := call(with(start, p.Name, value))
				got, _ := problem["fields"].(map[string]any)
				if status != http.StatusBadRequest || got["parameter"] != p.Name {
					t.Errorf("%s %s=%s (not documented): status %d, want 400 naming it: %.300s", template, p.Name, value, status, body)
					return
				}
				for k, v := range fields {
					if got[k] != v {
						t.Errorf("%s %s=%s: fields.%s %v, want %v (the documented range)", template, p.Name, value, k, got[k], v)
					}
				}
			}
			if s.Minimum != nil {
				takes(fmt.Sprint(*s.Minimum))
				refuses(fmt.Sprint(*s.Minimum-1), nil)
			}
			if s.Maximum != nil {
				takes(fmt.Sprint(*s.Maximum))
				refuses(fmt.Sprint(*s.Maximum+1), map[string]any{"min": float64(*s.Minimum), "max": float64(*s.Maximum)})
			}
			enum := s.Enum
			if s.Items != nil {
				enum = s.Items.Enum
			}
			for _, v := range enum {
				takes(v)
			}
			if len(enum) > 0 {
				refuses("no-such-value", nil)
			}
			if s.Type == "boolean" {
				takes("true")
				takes("false")
				refuses("maybe", nil)
			}
			if s.Pattern != "" {
				examples, ok := patterns[s.Pattern]
				if !ok {
					t.Errorf("%s %s: no example for the pattern %s", template, p.Name, s.Pattern)
				} else {
					takes(examples[0])
					refuses(examples[1], nil)
				}
			}
			if s.Default != nil {
				_, _, without := call(start)
				_, _, withDefault := call(with(start, p.Name, fmt.Sprint(s.Default)))
				if without != withDefault {
					t.Errorf("%s %s: the documented default %v answers otherwise than leaving it out:\n%.300s\n%.300s", template, p.Name, s.Default, withDefault, without)
				}
			}
		}
	}
}
