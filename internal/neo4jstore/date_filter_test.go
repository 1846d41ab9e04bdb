package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
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
		checkDateFilter(t, store, focus, c.from, c.to, c.want)
	}
}

// checkDateFilter checks that the neighbourhood and the expand of focus under the date
// filter from..to hold exactly the relationships keyed want (sorted), and that expand
// counts them as its total.
func checkDateFilter(t *testing.T, store *neo4jstore.Store, focus, from, to string, want []string) {
	t.Helper()
	name := fmt.Sprintf("from=%s&to=%s", from, to)
	f := domain.Filters{From: from, To: to}
	n, err := store.Neighbourhood(context.Background(), domain.NeighbourhoodQuery{ID: focus, Depth: 1, PerNode: 100, Limit: 100, Filters: f})
	if err != nil {
		t.Fatalf("neighbourhood %s: %v", name, err)
	}
	if got := sortedKeys(n.Relationships); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("neighbourhood %s:\n got %v\nwant %v", name, got, want)
	}
	e, err := store.Expand(context.Background(), domain.ExpandQuery{ID: focus, Direction: domain.DirectionBoth, Limit: 100, Filters: f})
	if err != nil {
		t.Fatalf("expand %s: %v", name, err)
	}
	if got := sortedKeys(e.Relationships); fmt.Sprint(got) != fmt.Sprint(want) || e.Total != int64(len(want)) {
		t.Errorf("expand %s: total %d,\n got %v\nwant %v", name, e.Total, got, want)
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

// TestDateFiltersReadYearsBeyondFourDigits: a date beyond 9999 or before year 0 is
// written with a sign and as many digits as it needs (+10000-01-01, -0044-03-15), by
// Neo4j's toString and in ISO 8601 strings alike, and compared as the date it is. The
// API asks about years 0000 to 9999 only, so such a date is after or before every
// bound. Before, the text was compared as it was: +10000 passed to=9999 and
// -0044-03-15 passed from=0000 ('+' and '-' sort before digits), and +2025-06 was in
// no range at all.
func TestDateFiltersReadYearsBeyondFourDigits(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Exec(t, "MATCH (n:DateYearTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:DateYearTest) DETACH DELETE n", nil) })
	res := neo4jtest.Exec(t, `
		CREATE (focus:DateYearTest {name: 'focus'})
		WITH focus
		UNWIND [
		  {id: 's+10000', date: '+10000'},
		  {id: 's+10000-01', date: '+10000-01'},
		  {id: 's+10000-01-01', date: '+10000-01-01'},
		  {id: 's+0010000-01-01', date: '+0010000-01-01'},
		  {id: 's+999999999999999999999', date: '+999999999999999999999-01-01'},
		  {id: 's+2025-06', date: '+2025-06'},
		  {id: 's+002025-06-14', date: '+002025-06-14'},
		  {id: 's+0000', date: '+0000'},
		  {id: 's-0000-06', date: '-0000-06'},
		  {id: 's-0001', date: '-0001'},
		  {id: 's-0044-03-15', date: '-0044-03-15'},
		  {id: 's-10000-01-01', date: '-10000-01-01'},
		  {id: 's0000-01-01', date: '0000-01-01'},
		  {id: 's2025', date: '2025'},
		  {id: 's9999-12-31T23:59', date: '9999-12-31T23:59'},
		  {id: 'bad+', date: '+'},
		  {id: 'bad-', date: '-'},
		  {id: 'bad+x', date: '+x2025'},
		  {id: 'bad-year', date: '-2025x-01'},
		  {id: 'd+10000-01-01', date: date('+10000-01-01')},
		  {id: 'd+999999999-12-31', date: date('+999999999-12-31')},
		  {id: 'd9999-12-31', date: date('9999-12-31')},
		  {id: 'd0000-01-01', date: date('0000-01-01')},
		  {id: 'd-0001-12-31', date: date('-0001-12-31')},
		  {id: 'd-999999999-01-01', date: date('-999999999-01-01')},
		  {id: 'ldt+10000-01-01', date: localdatetime('+10000-01-01T00:00')},
		  {id: 'ldt-0044-03-15', date: localdatetime('-0044-03-15T12:00')},
		  // In their own zones these are on 9999-12-31 and -0001-12-31; in UTC, on
		  // +10000-01-01 and 0000-01-01.
		  {id: 'zdt9999-12-31', date: datetime('9999-12-31T23:30:00-05:00')},
		  {id: 'zdt-0001-12-31', date: datetime('-0001-12-31T23:30:00-05:00')},
		  {id: 'zdt+10000-01-01', date: datetime('+10000-01-01T00:30:00[Europe/Paris]')}
		] AS rel
		CREATE (focus)-[:DATED {id: rel.id, date: rel.date}]->(:DateYearTest {name: rel.id})
		RETURN elementId(focus) AS focus`, nil)
	v, _ := res.Records[0].Get("focus")
	focus := v.(string)

	after9999 := []string{"d+10000-01-01", "d+999999999-12-31", "ldt+10000-01-01", "s+0010000-01-01", "s+10000", "s+10000-01",
		"s+10000-01-01", "s+999999999999999999999", "zdt+10000-01-01"}
	before0000 := []string{"d-0001-12-31", "d-999999999-01-01", "ldt-0044-03-15", "s-0001", "s-0044-03-15", "s-10000-01-01", "zdt-0001-12-31"}
	year0000 := []string{"d0000-01-01", "s+0000", "s-0000-06", "s0000-01-01"}
	year2025 := []string{"s+002025-06-14", "s+2025-06", "s2025"}
	year9999 := []string{"d9999-12-31", "s9999-12-31T23:59", "zdt9999-12-31"}
	all := func(groups ...[]string) []string {
		var out []string
		for _, g := range groups {
			out = append(out, g...)
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		from, to string
		want     []string
	}{
		{"", "9999", all(before0000, year0000, year2025, year9999)},
		{"", "9999-12-31", all(before0000, year0000, year2025, year9999)},
		{"9999", "", all(year9999, after9999)},
		{"9999-12-31", "", all(year9999, after9999)},
		{"0000", "", all(year0000, year2025, year9999, after9999)},
		{"0000-01-01", "", all(year0000, year2025, year9999, after9999)},
		{"", "0000", all(before0000, year0000)},
		{"", "0000-01-01", all(before0000, []string{"d0000-01-01", "s+0000", "s0000-01-01"})},
		{"0000-06", "0000-06", []string{"s+0000", "s-0000-06"}},
		{"0000", "9999", all(year0000, year2025, year9999)},
		{"2025-06-14", "2025-06-14", year2025},
		{"2025-06-15", "2025-12", []string{"s+2025-06", "s2025"}},
	} {
		checkDateFilter(t, store, focus, c.from, c.to, c.want)
	}
}

// TestDateFiltersPassOnlyDates: a `date` text that is no ISO date (a word, a padded
// year, a fifth digit, a month or day that does not exist) passes no date filter.
// Before, any text without a sign was compared as it was, so "unknown" passed every
// from, " 2020" every to, and "2020-13-45" and "20201" were in 2020.
func TestDateFiltersPassOnlyDates(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Exec(t, "MATCH (n:DateTextTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:DateTextTest) DETACH DELETE n", nil) })
	res := neo4jtest.Exec(t, `
		CREATE (focus:DateTextTest {name: 'focus'})
		WITH focus
		UNWIND ['unknown', 'June 2020', ' 2020', '2020 ', '2020abc', '20201', '2020-1', '2020-00', '2020-13',
		        '2020-13-45', '2020-06-1', '2020-06-31', '2020-02-30', '2019-02-29', '1900-02-29', '2020-06-14 10:00',
		        '2020-06-14x', '2020-06x',
		        '2020', '2020-02', '2020-02-29', '2000-02-29', '2020-06-30', '2020-12-31', '2020-06-14T10:00:00Z',
		        '+2020-07', '0000-02-29'] AS date
		CREATE (focus)-[:DATED {id: date, date: date}]->(:DateTextTest {name: date})
		RETURN elementId(focus) AS focus`, nil)
	v, _ := res.Records[0].Get("focus")
	focus := v.(string)
	year2020 := []string{"+2020-07", "2020", "2020-02", "2020-02-29", "2020-06-14T10:00:00Z", "2020-06-30", "2020-12-31"}
	for _, c := range []struct {
		from, to string
		want     []string
	}{
		{"2020", "2020", year2020},
		{"2025", "", nil},
		{"", "2019-12-31", []string{"0000-02-29", "2000-02-29"}},
		{"", "9999", append([]string{"0000-02-29", "2000-02-29"}, year2020...)},
	} {
		checkDateFilter(t, store, focus, c.from, c.to, slices.Sorted(slices.Values(c.want)))
	}
}
