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
				return neo4jstore.NeighbourhoodParams(domain.NeighbourhoodQuery{ID: ids[i], Depth: depth, PerNode: perNode, Limit: nodeCap,
					Filters: domain.Filters{Types: types, Status: status}})
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
			return neo4jstore.ExpandParams(domain.ExpandQuery{ID: in.hub, Type: in.expandType, Direction: in.expandDirection,
				Offset: offsets[i], Limit: pageSize})
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
		paths("paths-shortest", domain.PathsShortest, in.pairs),
		paths("paths-all-shortest", domain.PathsAllShortest, in.pairs),
	)
	return list
}

// entity is GET /api/entities/{id}: the node, its counts per type and its facts.
func entity(name string, ids []string) op {
	return op{
		name: name, inputs: len(ids), query: "entity",
		path: func(i int) string { return "/api/entities/" + url.PathEscape(ids[i]) },
		params: func(i int) map[string]any {
			return neo4jstore.EntityParams(ids[i], domain.EntityFactsDefault)
		},
		check: sameCount("facts", "facts"),
	}
}

// paths is GET /api/paths between pairs of entities, at the default maximum length.
func paths(name, mode string, pairs [][2]string) op {
	query := func(i int) domain.PathQuery {
		return domain.PathQuery{From: pairs[i][0], To: pairs[i][1], MaxLength: domain.PathLengthDefault, Mode: mode}
	}
	queryName, _ := neo4jstore.PathsQuery(query(0)) // the mode picks it, whatever the pair
	return op{
		name: name, inputs: len(pairs), query: queryName,
		path: func(i int) string {
			v := url.Values{"from": {pairs[i][0]}, "to": {pairs[i][1]}, "mode": {mode},
				"max_length": {fmt.Sprint(domain.PathLengthDefault)}}
			return "/api/paths?" + v.Encode()
		},
		params: func(i int) map[string]any {
			_, p := neo4jstore.PathsQuery(query(i))
			return p
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
