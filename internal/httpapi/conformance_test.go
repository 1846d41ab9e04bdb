package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/newsgraph/newsgraph/internal/httpapi"
)

// Every answer a test in this package gets from the server is checked against the
// OpenAPI document: its status must be documented for the route, its content type too,
// and its body must match the documented schema, with every object closed (a field the
// document does not name is a failure, though the document itself leaves objects open
// for additions). TestMain reports what did not match, and, when the whole package ran
// against Neo4j, every documented status-200 answer that no test produced.

// TestMain fails the package when an answer did not match the document.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if problems := conformance.report(); problems != "" {
		fmt.Fprint(os.Stderr, problems)
		code = max(code, 1)
	}
	os.Exit(code)
}

var conformance = &answerCheck{checked: map[string]int{}}

// answerCheck collects the answers that did not match the document and counts those
// that did, per operation and status.
type answerCheck struct {
	mu       sync.Mutex
	failures []string
	checked  map[string]int // "GET /api/search 200" → answers that matched
}

// conforming wraps a server's handler so that every answer it gives is checked.
func conforming(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tee := &teeWriter{ResponseWriter: w}
		var sent bytes.Buffer // the request's body, as far as the handler read it
		if r.Body != nil {
			r.Body = struct {
				io.Reader
				io.Closer
			}{io.TeeReader(r.Body, &sent), r.Body}
		}
		h.ServeHTTP(tee, r)
		if r.Context().Err() != nil {
			return // the client has gone and never reads the answer (logged as 499)
		}
		if tee.status == 0 {
			tee.status = http.StatusOK
		}
		err := conformance.check(r, tee.status, w.Header(), tee.body.Bytes())
		if err == "" && tee.status == http.StatusOK && sent.Len() > 0 {
			err = conformance.checkAccepted(r, sent.Bytes())
		}
		if err != "" {
			conformance.mu.Lock()
			conformance.failures = append(conformance.failures, fmt.Sprintf("%s %s → %d: %s", r.Method, r.URL.RequestURI(), tee.status, err))
			conformance.mu.Unlock()
		}
	})
}

// teeWriter keeps a copy of what the handler writes.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (t *teeWriter) WriteHeader(status int) {
	if t.status == 0 {
		t.status = status
	}
	t.ResponseWriter.WriteHeader(status)
}

func (t *teeWriter) Write(b []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	t.body.Write(b)
	return t.ResponseWriter.Write(b)
}

func (t *teeWriter) Flush() {
	if f, ok := t.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (t *teeWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

func (c *answerCheck) check(r *http.Request, status int, header http.Header, body []byte) string {
	doc := documented()
	template, ok := doc.route(r.URL.EscapedPath())
	if !ok {
		return "" // not an API route (the page, an unknown path)
	}
	method := strings.ToLower(r.Method)
	if method == "head" {
		method = "get"
	}
	op, ok := doc.Paths[template][method]
	if !ok {
		// A method the route does not take: its 405 is documented under the route's
		// own operations.
		for documented, other := range doc.Paths[template] {
			method, op = documented, other
			break
		}
		if status != http.StatusMethodNotAllowed {
			return fmt.Sprintf("%s is not documented for %s, and the answer is not 405", r.Method, template)
		}
	}
	response, ok := op.Responses[strconv.Itoa(status)]
	if !ok {
		return fmt.Sprintf("status %d is not documented for %s %s", status, strings.ToUpper(method), template)
	}
	pointer := "#/paths/" + escapePointer(template) + "/" + method + "/responses/" + strconv.Itoa(status)
	if response.Ref != "" {
		pointer = response.Ref
		response = doc.Components.Responses[strings.TrimPrefix(response.Ref, "#/components/responses/")]
	}
	// What the document's introduction promises of every answer.
	if header.Get("X-Content-Type-Options") != "nosniff" || header.Get("X-Request-Id") == "" {
		return "no X-Content-Type-Options: nosniff or no X-Request-Id"
	}
	if status >= 400 && header.Get("Cache-Control") != "no-store" {
		return fmt.Sprintf("an error with Cache-Control %q, not no-store", header.Get("Cache-Control"))
	}
	for name, h := range response.Headers {
		value := header.Get(name)
		if value == "" && h.Required {
			return "no " + name + " header, which the document says this answer has"
		}
		if _, err := strconv.Atoi(value); value != "" && h.Schema.Type == "integer" && err != nil {
			return fmt.Sprintf("%s %q is not an integer", name, value)
		}
	}
	if r.Method == http.MethodHead || len(body) == 0 && status == http.StatusNotModified {
		return ""
	}
	mediaType, _, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil {
		return fmt.Sprintf("Content-Type %q: %v", header.Get("Content-Type"), err)
	}
	content, ok := response.Content[mediaType]
	if !ok {
		return fmt.Sprintf("Content-Type %s is not documented for status %d of %s %s (documented: %v)", mediaType, status, strings.ToUpper(method), template, keys(response.Content))
	}
	if header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return "gzip: " + err.Error()
		}
		if body, err = io.ReadAll(zr); err != nil {
			return "gzip: " + err.Error()
		}
	}
	c.mu.Lock()
	c.checked[strings.ToUpper(method)+" "+template+" "+strconv.Itoa(status)]++
	c.mu.Unlock()
	if content.Schema == nil || !strings.Contains(mediaType, "json") {
		return ""
	}
	if problem := doc.validate(pointer+"/content/"+escapePointer(mediaType)+"/schema", body); problem != "" {
		return "the body " + problem
	}
	return ""
}

// TestConformanceCheck holds the check itself to failing: an undocumented field, a
// missing required one, a wrong type, an undocumented status or content type.
func TestConformanceCheck(t *testing.T) {
	stats := httptest.NewRequest(http.MethodGet, "/api/stats", nil)
	neighbourhood := httptest.NewRequest(http.MethodGet, "/api/entities/x/neighbourhood", nil)
	common := func(h http.Header) http.Header {
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Request-Id", "test")
		if h.Get("Content-Type") == "application/problem+json" {
			h.Set("Cache-Control", "no-store")
		}
		return h
	}
	jsonType := common(http.Header{"Content-Type": {"application/json; charset=utf-8"}})
	problemType := common(http.Header{"Content-Type": {"application/problem+json"}})
	graph := `"nodes":[],"relationships":[],"truncated":false`
	cypher := httptest.NewRequest(http.MethodPost, "/api/cypher", nil)
	cypherGraph := `"graph":{` + graph + `},"truncated":false`
	cases := []struct {
		name   string
		req    *http.Request
		status int
		header http.Header
		body   string
		want   string // "" for a match
	}{
		{"matches", stats, 200, jsonType, `{"nodes":1,"relationships":2,"labels":{"A":1},"relationship_types":{}}`, ""},
		{"an undocumented field", stats, 200, jsonType, `{"nodes":1,"relationships":2,"labels":{},"relationship_types":{},"extra":1}`, "extra"},
		{"a missing field", stats, 200, jsonType, `{"nodes":1,"labels":{},"relationship_types":{}}`, "relationships"},
		{"a wrong type", stats, 200, jsonType, `{"nodes":"1","relationships":2,"labels":{},"relationship_types":{}}`, "/nodes"},
		{"an undocumented status", stats, 418, jsonType, `{}`, "status 418 is not documented"},
		{"an undocumented content type", stats, 200, common(http.Header{"Content-Type": {"text/html"}}), `<p>`, "text/html is not documented"},
		{"no request id", stats, 200, http.Header{"Content-Type": {"application/json"}, "X-Content-Type-Options": {"nosniff"}}, `{}`, "X-Request-Id"},
		{"a problem", stats, 400, problemType, `{"type":"about:blank","title":"t","status":400,"detail":"d","code":"invalid"}`, ""},
		{"a problem without Retry-After", stats, 503, problemType, `{"type":"about:blank","title":"t","status":503,"detail":"d","code":"unavailable"}`, "no Retry-After"},
		{"a problem with an unknown code", stats, 400, problemType, `{"type":"about:blank","title":"t","status":503,"detail":"d","code":"nope"}`, "/code"},
		{"console values", cypher, 200, jsonType, `{"columns":["a"],"rows":[[{"$type":"Integer","value":"9007199254740993"},{"$type":"Date","value":"2025-06-12"},{"k":[1,{"$type":"Float","value":"NaN"}]},{"$type":"Map","value":{"$type":"x"}}]],` + cypherGraph + `}`, ""},
		{"an integer's digits as a number", cypher, 200, jsonType, `{"columns":["a"],"rows":[[{"$type":"Integer","value":5}]],` + cypherGraph + `}`, "/rows/0/0"},
		{"an unknown $type", cypher, 200, jsonType, `{"columns":["a"],"rows":[[{"$type":"Money","value":"5"}]],` + cypherGraph + `}`, "/rows/0/0"},
		{"a property value with an unknown $type", neighbourhood, 200, jsonType, `{"focus":"f","nodes":[{"id":"1","labels":[],"name":"n","properties":{"p":{"$type":"Money"}}}],"relationships":[],"truncated":false}`, "/nodes/0/properties/p"},
		{"allOf members stay open", neighbourhood, 200, jsonType, `{"focus":"f",` + graph + `}`, ""},
		{"allOf as a whole is closed", neighbourhood, 200, jsonType, `{"focus":"f","extra":1,` + graph + `}`, "extra"},
	}
	for _, tc := range cases {
		got := (&answerCheck{checked: map[string]int{}}).check(tc.req, tc.status, tc.header, []byte(tc.body))
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: check said %q, want %q", tc.name, got, tc.want)
		}
	}
}

// checkAccepted holds a request body the server took to the documented one: what
// the server accepts, the document must allow.
func (c *answerCheck) checkAccepted(r *http.Request, body []byte) string {
	doc := documented()
	template, ok := doc.route(r.URL.EscapedPath())
	if !ok {
		return ""
	}
	method := strings.ToLower(r.Method)
	if _, ok := doc.Paths[template][method]; !ok {
		return ""
	}
	pointer := "#/paths/" + escapePointer(template) + "/" + method + "/requestBody/content/application~1json/schema"
	if problem := doc.validate(pointer, body); problem != "" {
		return "the server took a body that " + problem
	}
	return ""
}

// validate holds a JSON body to the document's schema at pointer: "" when it matches,
// else what is wrong ("does not match …", "is not JSON: …").
func (d *apiDocument) validate(pointer string, body []byte) string {
	schema, err := d.schema(pointer)
	if err != nil {
		return "has no schema that compiles at " + pointer + ": " + err.Error()
	}
	value, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return "is not JSON: " + err.Error()
	}
	if err := schema.Validate(value); err != nil {
		return fmt.Sprintf("does not match %s:\n%s\nbody: %.600s", pointer, indent(err), body)
	}
	return ""
}

// report lists the answers that did not match and, after a whole run against Neo4j,
// the documented successful answers no test produced.
func (c *answerCheck) report() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out strings.Builder
	if len(c.failures) > 0 {
		fmt.Fprintf(&out, "\n%d answers do not match internal/httpapi/openapi.json:\n", len(c.failures))
		for _, f := range c.failures {
			fmt.Fprintf(&out, "- %s\n", f)
		}
	}
	if run := flag.Lookup("test.run"); run != nil && run.Value.String() == "" && os.Getenv("NEO4J_URI") != "" {
		doc := documented()
		var missing []string
		for template, ops := range doc.Paths {
			for method := range ops {
				if key := strings.ToUpper(method) + " " + template + " 200"; c.checked[key] == 0 {
					missing = append(missing, key)
				}
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			fmt.Fprintf(&out, "\nno test checked these documented answers against internal/httpapi/openapi.json:\n- %s\n", strings.Join(missing, "\n- "))
		}
	}
	return out.String()
}

// apiDocument is what the check reads of the OpenAPI document.
type apiDocument struct {
	Paths      map[string]map[string]operation `json:"-"`
	Components struct {
		Responses map[string]response `json:"responses"`
	} `json:"components"`
	compiler *jsonschema.Compiler
	mu       sync.Mutex
	schemas  map[string]*jsonschema.Schema
}

type operation struct {
	Responses map[string]response `json:"responses"`
}

type response struct {
	Ref     string `json:"$ref"`
	Headers map[string]struct {
		Required bool `json:"required"`
		Schema   struct {
			Type string `json:"type"`
		} `json:"schema"`
	} `json:"headers"`
	Content map[string]struct {
		Schema any `json:"schema"`
	} `json:"content"`
}

const documentURL = "https://newsgraph.test/openapi.json"

var documented = sync.OnceValue(func() *apiDocument {
	doc := &apiDocument{schemas: map[string]*jsonschema.Schema{}, Paths: map[string]map[string]operation{}}
	var paths struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(httpapi.OpenAPI(), doc); err != nil {
		panic(err)
	}
	if err := json.Unmarshal(httpapi.OpenAPI(), &paths); err != nil {
		panic(err)
	}
	for template, entries := range paths.Paths {
		doc.Paths[template] = map[string]operation{}
		for method, raw := range entries {
			if method == "parameters" {
				continue
			}
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				panic(err)
			}
			doc.Paths[template][method] = op
		}
	}
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(httpapi.OpenAPI()))
	if err != nil {
		panic(err)
	}
	closeObjects(raw.(map[string]any))
	doc.compiler = jsonschema.NewCompiler()
	doc.compiler.DefaultDraft(jsonschema.Draft2020)
	doc.compiler.AssertFormat()
	if err := doc.compiler.AddResource(documentURL, raw); err != nil {
		panic(err)
	}
	return doc
})

func (d *apiDocument) schema(pointer string) (*jsonschema.Schema, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s, ok := d.schemas[pointer]; ok {
		return s, nil
	}
	s, err := d.compiler.Compile(documentURL + pointer)
	if err != nil {
		return nil, err
	}
	d.schemas[pointer] = s
	return s, nil
}

// route finds the documented path template that a request's path matches.
func (d *apiDocument) route(escapedPath string) (string, bool) {
	parts := strings.Split(escapedPath, "/")
	for template := range d.Paths {
		want := strings.Split(template, "/")
		if len(want) != len(parts) {
			continue
		}
		match := true
		for i, w := range want {
			if strings.HasPrefix(w, "{") {
				continue
			}
			if got, err := url.PathUnescape(parts[i]); err != nil || got != w {
				match = false
				break
			}
		}
		if match {
			return template, true
		}
	}
	return "", false
}

// closeObjects makes every object schema in the document refuse properties it does not
// name, for the check only. The members of an allOf stay open, since each names only
// part of the object; the allOf as a whole is closed instead.
func closeObjects(doc map[string]any) {
	original := deepCopy(doc).(map[string]any)
	resolve := func(ref string) any {
		var node any = original
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
			node = node.(map[string]any)[part]
		}
		return deepCopy(node)
	}
	var walk func(schema any, closeHere bool)
	walk = func(schema any, closeHere bool) {
		s, ok := schema.(map[string]any)
		if !ok {
			return
		}
		if members, ok := s["allOf"].([]any); ok {
			for i, m := range members {
				if ref, ok := m.(map[string]any)["$ref"].(string); ok {
					members[i] = resolve(ref)
				}
				walk(members[i], false)
			}
			if closeHere {
				s["unevaluatedProperties"] = false
			}
		}
		if props, ok := s["properties"].(map[string]any); ok {
			for _, p := range props {
				walk(p, true)
			}
			_, open := s["additionalProperties"]
			if closeHere && !open {
				s["unevaluatedProperties"] = false
			}
		}
		for _, key := range []string{"items", "additionalProperties", "not"} {
			walk(s[key], true)
		}
		for _, key := range []string{"anyOf", "oneOf"} {
			if members, ok := s[key].([]any); ok {
				for _, m := range members {
					walk(m, true)
				}
			}
		}
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for _, s := range schemas {
		walk(s, true)
	}
	var responses []any
	if rs, ok := components["responses"].(map[string]any); ok {
		for _, r := range rs {
			responses = append(responses, r)
		}
	}
	for _, ops := range doc["paths"].(map[string]any) {
		for _, op := range ops.(map[string]any) {
			if op, ok := op.(map[string]any); !ok {
				continue
			} else if rs, ok := op["responses"].(map[string]any); ok {
				for _, r := range rs {
					responses = append(responses, r)
				}
			}
		}
	}
	for _, r := range responses {
		content, _ := r.(map[string]any)["content"].(map[string]any)
		for _, media := range content {
			walk(media.(map[string]any)["schema"], true)
		}
	}
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func indent(err error) string {
	return "  " + strings.ReplaceAll(err.Error(), "\n", "\n  ")
}
