package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestDateFiltersReadTemporalValues: from and to read a relationship's `date` whether
// it is newsgraph's ISO string or, in a foreign database, a DATE, LOCAL DATETIME or
// ZONED DATETIME (its date as written, in its own zone); other values (an integer, a
// list, a time of day) and a missing date do not pass. The neighbourhood and expand
// apply the same rule. Before, only strings passed: EMPLOYED_BY {date:
// date('2020-01-01')} was missing from from=2020&to=2020.
func TestDateFiltersReadTemporalValues(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Exec(t, "MATCH (n:DateTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:DateTest) DETACH DELETE n", nil) })
	res := neo4jtest.Exec(t, `
		CREATE (focus:DateTest {name: 'focus'})
		WITH focus
		UNWIND [
		  {id: 'string-year', date: '2020'},
		  {id: 'string-month', date: '2020-06'},
		  {id: 'string-next-year', date: '2021'},
		  {id: 'date', date: date('2020-01-01')},
		  {id: 'date-before', date: date('2019-12-31')},
		  {id: 'local-datetime', date: localdatetime('2020-06-02T03:04:05')},
		  {id: 'local-datetime-after', date: localdatetime('2021-01-01T00:00')},
		  {id: 'zoned-utc', date: datetime('2020-01-02T03:04:05Z')},
		  {id: 'zoned-offset', date: datetime('2020-12-31T23:30:00-05:00')},
		  {id: 'zoned-named', date: datetime('2020-06-02T23:30:00[Europe/Paris]')},
		  {id: 'integer', date: 2020},
		  {id: 'list', date: ['2020']},
		  {id: 'local-time', date: localtime('12:00')},
		  {id: 'zoned-time', date: time('12:00Z')},
		  {id: 'undated', date: null}
		] AS rel
		CREATE (focus)-[:DATED {id: rel.id, date: rel.date}]->(:DateTest {name: rel.id})
		RETURN elementId(focus) AS focus`, nil)
	v, _ := res.Records[0].Get("focus")
	focus := v.(string)

	for _, c := range []struct {
		from, to string
		want     []string
	}{
		{"2020", "2020", []string{"date", "local-datetime", "string-month", "string-year", "zoned-named", "zoned-offset", "zoned-utc"}},
		// A zoned date-time is on the date it was written with: 23:30 at -05:00 on 31
		// December is 2021 in UTC, and still 2020 here.
		{"2020-12-31", "", []string{"local-datetime-after", "string-next-year", "string-year", "zoned-offset"}},
		{"", "2019", []string{"date-before"}},
		{"2020-06-02", "2020-06-02", []string{"local-datetime", "string-month", "string-year", "zoned-named"}},
	} {
		name := fmt.Sprintf("from=%s&to=%s", c.from, c.to)
		f := domain.Filters{From: c.from, To: c.to}
		n, err := store.Neighbourhood(context.Background(), domain.NeighbourhoodQuery{ID: focus, Depth: 1, PerNode: 100, Limit: 100, Filters: f})
		if err != nil {
			t.Fatalf("neighbourhood %s: %v", name, err)
		}
		if got := sortedKeys(n.Relationships); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("neighbourhood %s: %v, want %v", name, got, c.want)
		}
		e, err := store.Expand(context.Background(), domain.ExpandQuery{ID: focus, Direction: domain.DirectionBoth, Limit: 100, Filters: f})
		if err != nil {
			t.Fatalf("expand %s: %v", name, err)
		}
		if got := sortedKeys(e.Relationships); fmt.Sprint(got) != fmt.Sprint(c.want) || e.Total != int64(len(c.want)) {
			t.Errorf("expand %s: total %d, %v; want %v", name, e.Total, got, c.want)
		}
	}
}

func sortedKeys(rels []domain.Relationship) []string {
	keys := make([]string, 0, len(rels))
	for _, r := range rels {
		keys = append(keys, r.Key)
	}
	slices.Sort(keys)
	return keys
}
