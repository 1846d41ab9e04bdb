package dataset_test

import (
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// TestTypoNotes: a relationship type new to the database that is spelt almost like a
// more used one is pointed out, with where it is first used; a new type unlike any
// other, and the types the database has, are not.
func TestTypoNotes(t *testing.T) {
	ds := domain.Dataset{Name: "d", File: "d.yaml", IDLines: map[string]int{"f1": 10, "f2": 20, "f3": 30, "f4": 40},
		Facts: []domain.Fact{
			{ID: "f1", Type: "COMPETES_WITH", From: "a", To: "b"},
			{ID: "f2", Type: "COMPETES_WTIH", From: "a", To: "c"},
			{ID: "f3", Type: "Lawsuit", Parties: []domain.Party{{Role: "DEFENDENT", Node: "a"}, {Role: "PLAINTIFF", Node: "b"}}},
			{ID: "f4", Type: "MENTORED", From: "a", To: "b"},
		}}
	known := map[string]int64{"COMPETES_WITH": 5, "DEFENDANT": 3, "HIRED": 2}
	got := dataset.TypoNotes([]domain.Dataset{ds}, known)
	want := []string{
		`d.yaml:20: relationship type "COMPETES_WTIH" (used once in the files) is new to the database; did you mean "COMPETES_WITH"?`,
		`d.yaml:30: relationship type "DEFENDENT" (used once in the files) is new to the database; did you mean "DEFENDANT"?`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// A database without the types: the datasets' own more used spelling is the hint.
	ds.Facts = append(ds.Facts, domain.Fact{ID: "f5", Type: "COMPETES_WITH", From: "b", To: "c"})
	got = dataset.TypoNotes([]domain.Dataset{ds}, nil)
	if len(got) != 1 || got[0] != `d.yaml:20: relationship type "COMPETES_WTIH" (used once in the files) is new to the database; did you mean "COMPETES_WITH"?` {
		t.Errorf("without the database's types: %q", got)
	}
	// The built-in dataset against an empty database: no false alarm.
	builtin, err := dataset.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if got := dataset.TypoNotes(builtin, nil); len(got) != 0 {
		t.Errorf("the built-in dataset: %q", got)
	}
}
