package bench_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// BenchmarkDataset measures every graph endpoint on the built-in dataset, loading it
// first. It runs before BenchmarkGenerated, so its search sees only the dataset's names
// when the database started empty.
func BenchmarkDataset(b *testing.B) {
	e := getEnv(b)
	in := datasetInputs(b, e)
	for _, o := range ops(in) {
		b.Run(o.name, func(b *testing.B) { measure(b, e, "dataset", o) })
	}
}

// BenchmarkGenerated measures every graph endpoint on the generated power-law graph
// (100,000 entities and a hub with 50,000 relationships unless BENCH_* say otherwise).
func BenchmarkGenerated(b *testing.B) {
	e := getEnv(b)
	in := generatedInputs(b, e)
	for _, o := range ops(in) {
		b.Run(o.name, func(b *testing.B) { measure(b, e, "generated", o) })
	}
}

// The API's defaults, which the benchmarks use so that they time what the page asks for.
const (
	perNode  = 25
	nodeCap  = 500
	pageSize = 100
	// searchLimit is the page size of an autocomplete box.
	searchLimit = 10
	// scanMax is the degree above which the neighbourhood query treats a node as a
	// supernode: the store's, so that every path runs the same plan.
	scanMax = neo4jstore.SupernodeDegree
)

// ops lists the workloads of one graph: each endpoint, the API path it is called with
// and the named query and parameters the store runs for the same request.
func ops(in inputs) []op {
	var list []op
	neighbourhood := func(name string, ids []string, depth int, filter url.Values, status, types []string) op {
		return op{
			name: name, inputs: len(ids), query: "neighbourhood",
			path: func(i int) string {
				v := url.Values{"depth": {fmt.Sprint(depth)}}
				for k, vs := range filter {
					v[k] = vs
				}
				return "/api/entities/" + url.PathEscape(ids[i]) + "/neighbourhood?" + v.Encode()
			},
			params: func(i int) map[string]any {
				return map[string]any{
					"key": ids[i], "element_id": nil, "depth": depth, "per_node": perNode, "limit": nodeCap,
					"scan_max": scanMax, "name_keys": neo4jstore.SourceNameKeys(), "types": anyList(types), "labels": nil, "status": anyList(status),
					"source": nil, "from": nil, "to": nil,
				}
			},
			check: sameCount("nodes", "nodes"),
		}
	}
	for depth := 1; depth <= 3; depth++ {
		list = append(list, neighbourhood(fmt.Sprintf("neighbourhood-d%d", depth), in.foci, depth, nil, nil, nil))
	}
	list = append(list,
		neighbourhood("neighbourhood-d2-top20", in.top, 2, nil, nil, nil),
		neighbourhood("neighbourhood-d2-hub", []string{in.hub}, 2, nil, nil, nil),
		neighbourhood("neighbourhood-d2-filtered", in.foci, 2,
			filterValues(in.filterTypes), []string{"reported"}, in.filterTypes),
	)

	// Expand pages through the hub: offsets spread over the whole list, since a deep
	// page costs a skip over everything before it.
	pages := max(in.expandTotal/pageSize, 1)
	offsets := make([]int, 0, 50)
	for k := 0; k < 50; k++ {
		offsets = append(offsets, (k*pages/50)*pageSize)
	}
	list = append(list, op{
		name: "expand-hub-page", inputs: len(offsets), query: "expand",
		path: func(i int) string {
			v := url.Values{"direction": {in.expandDirection},
				"offset": {fmt.Sprint(offsets[i])}, "limit": {fmt.Sprint(pageSize)}}
			if in.expandType != "" {
				v.Set("type", in.expandType)
			}
			return "/api/entities/" + url.PathEscape(in.hub) + "/expand?" + v.Encode()
		},
		params: func(i int) map[string]any {
			return map[string]any{
				"key": in.hub, "element_id": nil, "type": anyString(in.expandType), "direction": in.expandDirection,
				"offset": offsets[i], "limit": pageSize, "by_degree": in.expandType == "", "by_type": in.expandType != "", "name_keys": neo4jstore.SourceNameKeys(),
				"types": nil, "labels": nil, "status": nil, "source": nil, "from": nil, "to": nil,
			}
		},
		check: sameCount("relationships", "rels"),
	})

	list = append(list,
		op{
			name: "search", inputs: len(in.terms), query: "search",
			path: func(i int) string {
				return "/api/search?" + url.Values{"q": {in.terms[i]}, "limit": {fmt.Sprint(searchLimit)}}.Encode()
			},
			params: func(i int) map[string]any {
				return neo4jstore.FulltextSearchParams(in.terms[i], 0, searchLimit)
			},
			check: sameCount("results", "page"),
		},
		entity("entity", in.foci),
		entity("entity-hub", []string{in.hub}),
		paths("paths-shortest", "paths_shortest", domain.PathsShortest, in.pairs),
		paths("paths-all-shortest", "paths_all", domain.PathsAllShortest, in.pairs),
	)
	return list
}

// entity is GET /api/entities/{id}: the node, its counts per type and its facts.
func entity(name string, ids []string) op {
	return op{
		name: name, inputs: len(ids), query: "entity",
		path: func(i int) string { return "/api/entities/" + url.PathEscape(ids[i]) },
		params: func(i int) map[string]any {
			return map[string]any{"key": ids[i], "element_id": nil, "facts_max": domain.EntityFactsDefault, "scan_max": scanMax}
		},
		check: sameCount("facts", "facts"),
	}
}

// paths is GET /api/paths between pairs of entities, at the default maximum length.
func paths(name, query, mode string, pairs [][2]string) op {
	return op{
		name: name, inputs: len(pairs), query: query,
		path: func(i int) string {
			v := url.Values{"from": {pairs[i][0]}, "to": {pairs[i][1]}, "mode": {mode},
				"max_length": {fmt.Sprint(domain.PathLengthDefault)}}
			return "/api/paths?" + v.Encode()
		},
		params: func(i int) map[string]any {
			return map[string]any{
				"from_key": pairs[i][0], "from_element_id": nil, "to_key": pairs[i][1], "to_element_id": nil,
				"max_length": domain.PathLengthDefault, "established_only": false, "paths_max": domain.PathsMax, "name_keys": neo4jstore.SourceNameKeys(),
			}
		},
		check: sameCount("paths", "paths"),
	}
}

// filterValues is the query string of the filtered neighbourhood: established facts
// only, and the given relationship types when there are any.
func filterValues(types []string) url.Values {
	v := url.Values{"status": {"reported"}}
	if len(types) > 0 {
		v.Set("types", strings.Join(types, ","))
	}
	return v
}

func anyString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func anyList(s []string) any {
	if len(s) == 0 {
		return nil
	}
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// sameCount checks that the API's JSON field (a list) is as long as the driver's record
// field: the cheapest evidence that the paths did the same work.
func sameCount(jsonField, recordField string) func([]byte, *neo4j.EagerResult) error {
	return func(body []byte, res *neo4j.EagerResult) error {
		var answer map[string]json.RawMessage
		if err := json.Unmarshal(body, &answer); err != nil {
			return err
		}
		var list []json.RawMessage
		if err := json.Unmarshal(answer[jsonField], &list); err != nil {
			return fmt.Errorf("%s: %w", jsonField, err)
		}
		if len(res.Records) != 1 {
			return fmt.Errorf("the driver returned %d records, want 1", len(res.Records))
		}
		v, _ := res.Records[0].Get(recordField)
		got, _ := v.([]any)
		if len(list) != len(got) {
			return fmt.Errorf("the API answered %d %s, the driver %d", len(list), jsonField, len(got))
		}
		return nil
	}
}
