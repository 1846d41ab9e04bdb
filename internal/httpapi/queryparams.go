package httpapi

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// routeQuery is what one route accepts in its query string, as openapi.json documents it.
type routeQuery struct {
	route string   // "GET /api/entities/{id}", for the error message
	names []string // in the document's order, for the error message
	// lists may be repeated (types=A&types=B); any other parameter is given once.
	lists map[string]bool
}

// queryParamsOf reads, per route (gin's "GET /api/entities/:id" form), the query
// parameters openapi.json documents. The document is then the one list the server
// enforces, so a parameter it does not describe cannot be served.
func queryParamsOf(doc []byte) (map[string]routeQuery, error) {
	type param struct {
		Ref    string `json:"$ref"`
		Name   string `json:"name"`
		In     string `json:"in"`
		Schema struct {
			Type string `json:"type"`
		} `json:"schema"`
	}
	var d struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Parameters map[string]param `json:"parameters"`
		} `json:"components"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	pathParam := regexp.MustCompile(`\{([a-zA-Z_]+)\}`)
	out := map[string]routeQuery{}
	for path, ops := range d.Paths {
		for method, raw := range ops {
			var op struct {
				Parameters []param `json:"parameters"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("openapi.json: %s %s: %w", method, path, err)
			}
			// names is never nil: a problem's "allowed" is [] for a route taking none.
			rq := routeQuery{route: strings.ToUpper(method) + " " + path, names: []string{}, lists: map[string]bool{}}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					ref, ok := d.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
					if !ok {
						return nil, fmt.Errorf("openapi.json: %s %s: no parameter %s", method, path, p.Ref)
					}
					p = ref
				}
				if p.In != "query" {
					continue
				}
				rq.names = append(rq.names, p.Name)
				rq.lists[p.Name] = p.Schema.Type == "array"
			}
			out[strings.ToUpper(method)+" "+pathParam.ReplaceAllString(path, ":$1")] = rq
		}
	}
	return out, nil
}

// checkQuery refuses a query parameter the route does not take, and one that is not a
// list given more than once: a misspelt filter (statuses=reported) would otherwise be
// ignored and the answer would silently include what the caller meant to leave out.
func (s *Server) checkQuery(routes map[string]routeQuery) gin.HandlerFunc {
	return func(c *gin.Context) {
		// Names and values reach Neo4j as strings, which are Unicode: invalid UTF-8
		// would be read with U+FFFD in its place and match nothing, or something else.
		for _, p := range c.Params {
			if !utf8.ValidString(p.Value) {
				s.problem(c, notUTF8(p.Key, p.Value, "the path"))
				return
			}
		}
		if c.Request.URL.RawQuery == "" {
			c.Next()
			return
		}
		rq, ok := routes[c.Request.Method+" "+c.FullPath()]
		if !ok {
			c.Next()
			return
		}
		// Not URL.Query, which drops the whole query string on an error (a stray ';',
		// more than 10,000 parameters) and would serve the request unfiltered.
		query, err := url.ParseQuery(c.Request.URL.RawQuery)
		if err != nil {
			s.problem(c, &domain.Error{Code: domain.EInvalid,
				Message: fmt.Sprintf("The query string does not parse: %s.", shown(err.Error())),
				Fields:  map[string]any{"parameter": unparsedParam(c.Request.URL.RawQuery)}})
			return
		}
		// The first mistake in name order, so that a request with two is always told
		// the same one; text that is not UTF-8 before any other. One pass over the map,
		// which every filtered click goes through: no sorted copy of its names.
		// (An empty name, as in "?=x", is a mistake too: hence the found flags.)
		bad, badUTF8, found, foundUTF8 := "", "", false, false
		for name, values := range query {
			if notUTF8Param(name, values) != nil {
				if !foundUTF8 || name < badUTF8 {
					badUTF8, foundUTF8 = name, true
				}
			} else if rq.check(name, values) != nil && (!found || name < bad) {
				bad, found = name, true
			}
		}
		switch {
		case foundUTF8:
			s.problem(c, notUTF8Param(badUTF8, query[badUTF8]))
		case found:
			s.problem(c, rq.check(bad, query[bad]))
		default:
			c.Next()
		}
	}
}

// notUTF8Param is notUTF8 for a query parameter: its name when that is not UTF-8,
// else its first value that is not, or nil when both are UTF-8.
func notUTF8Param(name string, values []string) error {
	if !utf8.ValidString(name) {
		return notUTF8(name, name, "the query string")
	}
	for _, v := range values {
		if !utf8.ValidString(v) {
			return notUTF8(name, v, "the query string")
		}
	}
	return nil
}

// notUTF8 is the error for a parameter (of the path or the query string) whose name or
// value is not UTF-8 once its escapes are decoded. In fields, text that is not UTF-8
// is percent-encoded (%FF), as it can be sent: JSON would make every bad byte the same
// U+FFFD.
func notUTF8(param, value, where string) error {
	field := func(s string) string {
		if utf8.ValidString(s) {
			return shown(s)
		}
		// %20 rather than +: the same in a path and in a query string.
		return shown(strings.ReplaceAll(url.QueryEscape(s), "+", "%20"))
	}
	return &domain.Error{Code: domain.EInvalid,
		Message: fmt.Sprintf("%s in %s is not UTF-8 (got %s): percent-encode text as UTF-8 bytes, as encodeURIComponent does.",
			strconv.QuoteToASCII(shown(param)), where, strconv.QuoteToASCII(shown(value))),
		Fields: map[string]any{"parameter": field(param), "value": field(value)}}
}

// unparsedParam names the first parameter of a query string url.ParseQuery refuses (a
// bad escape such as %zz, a ';'), as written, or "" when none alone is at fault (more
// than 10,000 parameters).
func unparsedParam(raw string) string {
	for _, part := range strings.Split(raw, "&") {
		name, value, _ := strings.Cut(part, "=")
		_, errName := url.QueryUnescape(name)
		_, errValue := url.QueryUnescape(value)
		if errName != nil || errValue != nil || strings.Contains(part, ";") {
			if unescaped, err := url.QueryUnescape(name); err == nil {
				name = unescaped
			}
			name, _, _ = strings.Cut(name, ";")
			return shown(name)
		}
	}
	return ""
}

func (rq routeQuery) check(name string, values []string) error {
	if !slices.Contains(rq.names, name) {
		name = shown(name)
		takes := "takes no query parameters"
		if len(rq.names) > 0 {
			takes = "takes " + strings.Join(rq.names, ", ")
		}
		return &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("Unknown query parameter %q: %s %s.", name, rq.route, takes),
			Fields:  map[string]any{"parameter": name, "allowed": rq.names}}
	}
	if len(values) > 1 && !rq.lists[name] {
		shownValues := make([]string, 0, 3)
		for _, v := range values[:min(len(values), 3)] {
			shownValues = append(shownValues, shown(v))
		}
		return &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("%s is given %d times (%s); give it once.", name, len(values), strings.Join(shownValues, ", ")),
			Fields:  map[string]any{"parameter": name, "value": shownValues}}
	}
	return nil
}
