// Package cypher holds every Cypher statement newsgraph runs, as .cypher files embedded
// into the binary: schema.cypher for constraints and indexes, and one named query per
// file under queries/. Statements take $parameters only; none is built from user input.
// The queries the API runs for a request take its values in one map, $request
// (neo4jstore.Request says why), and start with `CYPHER expressionEngine=interpreted`:
// by default Neo4j compiles a query's expressions to bytecode on its 11th run after
// planning, which cost that one request 45-60 ms for the neighbourhood query (every
// time the plan is made again), and interpreted expressions ran these queries as fast
// (docs/benchmarks.md, finding 17).
package cypher

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed schema.cypher queries/*.cypher
var files embed.FS

var queries = func() map[string]string {
	m := map[string]string{}
	entries, err := fs.ReadDir(files, "queries")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := files.ReadFile("queries/" + e.Name())
		if err != nil {
			panic(err)
		}
		m[strings.TrimSuffix(e.Name(), path.Ext(e.Name()))] = strings.TrimSpace(string(b))
	}
	return m
}()

// names maps a query's text back to its name, for metrics and logs.
var names = func() map[string]string {
	m := make(map[string]string, len(queries))
	for name, q := range queries {
		m[q] = name
	}
	return m
}()

// NameOf returns the name of a query obtained from Query, or "adhoc" for any other
// text (a console query), so that metrics labels stay few.
func NameOf(query string) string {
	if name, ok := names[query]; ok {
		return name
	}
	return "adhoc"
}

// Query returns the named query (the file name under queries/ without .cypher). An
// unknown name is a programming error, caught by the test that runs every query.
func Query(name string) string {
	q, ok := queries[name]
	if !ok {
		panic(fmt.Sprintf("cypher: no query named %q", name))
	}
	return q
}

// Names lists every named query, sorted.
func Names() []string {
	names := make([]string, 0, len(queries))
	for n := range queries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Schema returns the schema statements (constraints and indexes) in file order. They are
// separated by semicolons; comments start with //.
func Schema() []string {
	b, err := files.ReadFile("schema.cypher")
	if err != nil {
		panic(err)
	}
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "//") || t == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
