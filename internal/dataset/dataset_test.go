package dataset_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// TestInvalidDatasets runs every broken file in testdata/invalid and checks that all of
// its problems are reported at once, each at the line where it was written.
func TestInvalidDatasets(t *testing.T) {
	tests := []struct {
		file string
		want []string // "line: part of the message", in report order
	}{
		{"unknown-references.yaml", []string{
			`14: unknown ` + "`to`" + ` "no-such-entity"`,
			`16: unknown source "src-missing"`,
			`22: unknown conflict "no-such-conflict"`,
			`27: unknown party "ghost"`,
		}},
		{"missing-sources.yaml", []string{
			`14: fact "acme-rivals-bolt" has no source`,
			`25: fact "bolt-rivals-acme" has 1 source(s) but 2 evidence note(s)`,
		}},
		{"bad-types.yaml", []string{
			`5: kind "podcast" is not one of`,
			`8: kind "Company" is not one of`,
			`12: "Merger" is not a fact node type`,
			`18: relationship type "merged_into" must be UPPER_SNAKE_CASE`,
			`21: MENTIONS is derived by the loader`,
			`24: status "rumoured" is not one of`,
		}},
		{"duplicate-ids.yaml", []string{
			`7: duplicate id "acme": already used by a source at testdata/invalid/duplicate-ids.yaml:3`,
			`10: id "Bolt_Inc" must be kebab-case`,
			`17: ` + "`to`" + ` "acme" names a source`,
			`21: duplicate id "bolt-rivals-acme": already used by a fact at testdata/invalid/duplicate-ids.yaml:14`,
			`23: ` + "`from`" + ` "acme" names a source`,
		}},
		{"inconsistent-status.yaml", []string{
			`18: fact "acme-sued-bolt" is alleged: say by whom`,
			`25: fact "bolt-copied-acme" is denied by bolt, so its status is denied`,
			`33: fact "acme-hired-from-bolt" is disputed: list the conflict`,
			`34: date "June 2025" must be YYYY, YYYY-MM or YYYY-MM-DD`,
		}},
		{"malformed.yaml", []string{
			`6: unknown field "author"`,
			`7: published "last spring" must be YYYY, YYYY-MM or YYYY-MM-DD`,
			`20: facts[0].attributes.amount: expected a value or a list of values, not a nested mapping`,
			`21: facts[0].attributes.mixed: every item of a list must have the same type`,
			`22: attribute "status" must be snake_case and not one of`,
		}},
		{"blank-texts.yaml", []string{
			`6: source "src-one" needs a headline`,
			`11: entity "acme" needs a name`,
			`12: entity "acme": blank alias`,
			`15: entity "bolt" needs a name`,
			`23: fact "bolt-rivals-acme": blank evidence note`,
		}},
		{"syntax-error.yaml", []string{
			`4: invalid YAML`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := "testdata/invalid/" + tt.file
			ds, err := dataset.ReadFiles(path)
			if err == nil {
				t.Fatalf("accepted a broken dataset: %+v", ds)
			}
			if code := domain.ErrorCodeOf(err); code != domain.EInvalid {
				t.Fatalf("error code %q, want %q: %v", code, domain.EInvalid, err)
			}
			got := dataset.Problems(err)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				line, msg, _ := strings.Cut(w, ": ")
				if prefix := path + ":" + line + ": "; !strings.HasPrefix(got[i], prefix) || !strings.Contains(got[i], msg) {
					t.Errorf("problem %d = %q, want %q at %s", i+1, got[i], msg, prefix)
				}
			}
			// The error's message carries the same lines, for the command to print.
			for _, g := range got {
				if !strings.Contains(err.Error(), g) {
					t.Errorf("error message lacks %q", g)
				}
			}
		})
	}
}

// base is a valid dataset the tests below extend.
const base = `dataset: %s
sources:
  - id: src-%[1]s-a
    headline: First invented headline for %[1]s
    kind: article
  - id: src-%[1]s-b
    headline: Second invented headline for %[1]s
    kind: article
entities:
  - id: %[1]s-acme
    kind: Organization
    name: Acme
  - id: %[1]s-bolt
    kind: Organization
    name: Bolt
    named: false
`

func TestPartiesInheritTheirFactsProvenance(t *testing.T) {
	yaml := fmt.Sprintf(base, "t") + `facts:
  - id: t-suit
    type: Lawsuit
    name: Acme v. Bolt
    status: reported
    sources: [src-t-a, src-t-b]
    evidence: [note a, note b]
    parties:
      - role: PLAINTIFF
        node: t-acme
      - role: DEFENDANT
        entity: t-bolt
        status: alleged
        alleged_by: [t-acme]
        sources: [src-t-b]
        evidence: [only b names Bolt]
      - id: custom-party-id
        role: WITNESS
        node: t-bolt
`
	ds, err := dataset.Parse(dataset.File{Name: "t.yaml", Data: []byte(yaml)})
	if err != nil {
		t.Fatal(err)
	}
	if ds[0].Entities[1].Named || !ds[0].Entities[0].Named {
		t.Errorf("named: want true by default and false when given, got %v and %v", ds[0].Entities[0].Named, ds[0].Entities[1].Named)
	}
	parties := ds[0].Facts[0].Parties
	tests := []struct {
		id, status string
		sources    []string
		allegedBy  []string
	}{
		{"t-suit--plaintiff--t-acme", "reported", []string{"src-t-a", "src-t-b"}, []string{}},
		{"t-suit--defendant--t-bolt", "alleged", []string{"src-t-b"}, []string{"t-acme"}},
		{"custom-party-id", "reported", []string{"src-t-a", "src-t-b"}, []string{}},
	}
	if len(parties) != len(tests) {
		t.Fatalf("got %d parties, want %d", len(parties), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := parties[i]
			if p.ID != tt.id || p.Status != tt.status || !slices.Equal(p.Sources, tt.sources) || !slices.Equal(p.AllegedBy, tt.allegedBy) {
				t.Errorf("got id %q status %q sources %v alleged_by %v", p.ID, p.Status, p.Sources, p.AllegedBy)
			}
			if len(p.Evidence) != len(p.Sources) {
				t.Errorf("evidence %v not aligned with sources %v", p.Evidence, p.Sources)
			}
		})
	}
}

// twoRefersToOne is the facts of dataset "two" (base), which name file one's entity and
// source: valid only when both files are read together.
const twoRefersToOne = `facts:
  - id: two-acme-rivals-one-acme
    type: COMPETES_WITH
    from: two-acme
    to: one-acme
    status: reported
    sources: [src-one-a]
    evidence: [the first file's source says so]
`

func TestFilesLoadedTogether(t *testing.T) {
	one := fmt.Sprintf(base, "one")
	refersToOne := fmt.Sprintf(base, "two") + twoRefersToOne
	tests := []struct {
		name  string
		files []dataset.File
		want  []string // empty: accepted
	}{
		{"references across files", []dataset.File{{"one.yaml", []byte(one)}, {"two.yaml", []byte(refersToOne)}}, nil},
		{"a reference to a file not loaded", []dataset.File{{"two.yaml", []byte(refersToOne)}}, []string{
			`two.yaml:21: unknown ` + "`to`" + ` "one-acme"`,
			`two.yaml:23: unknown source "src-one-a"`,
		}},
		{"the same dataset twice", []dataset.File{{"one.yaml", []byte(one)}, {"copy.yaml", []byte(one)}}, []string{
			`copy.yaml:1: dataset "one" is also defined in one.yaml`,
			`copy.yaml:3: duplicate id "src-one-a": already used by a source at one.yaml:3`,
			`copy.yaml:6: duplicate id "src-one-b"`,
			`copy.yaml:10: duplicate id "one-acme"`,
			`copy.yaml:13: duplicate id "one-bolt"`,
		}},
		{"a conflict with one side only", []dataset.File{{"c.yaml", []byte(fmt.Sprintf(base, "c") + `conflicts:
  - id: c-who
    name: Who did it
    description: The sources disagree, or would if there were two.
    involves: [c-acme]
facts:
  - id: c-acme-did-it
    type: DID
    from: c-acme
    to: c-bolt
    status: disputed
    conflicts: [c-who]
    sources: [src-c-a]
    evidence: [only one source speaks]
`)}}, []string{`c.yaml:18: conflict "c-who" needs facts from at least two sources (it has 1)`}},
		{"no dataset name", []dataset.File{{"anon.yaml", []byte("entities: []\n")}}, []string{"anon.yaml:1: missing `dataset:`"}},
		{"an empty file", []dataset.File{{"empty.yaml", nil}}, []string{"empty.yaml:1: the file is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := dataset.Parse(tt.files...)
			got := dataset.Problems(err)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				if len(ds) != len(tt.files) {
					t.Fatalf("got %d datasets, want %d", len(ds), len(tt.files))
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d = %q, want it to start with %q", i+1, got[i], w)
				}
			}
		})
	}
}

// TestBuiltinDataset checks the shipped dataset against what the articles do and do
// not say: it must validate, and it must not fill in what the sources leave out.
func TestBuiltinDataset(t *testing.T) {
	all, err := dataset.Builtin()
	if err != nil {
		t.Fatalf("the built-in dataset does not validate:\n%v", err)
	}
	var ds *domain.Dataset
	for i := range all {
		if all[i].Name == "scale-ai-v-mercor" {
			ds = &all[i]
		}
	}
	if ds == nil {
		t.Fatal("no scale-ai-v-mercor dataset among the built-in ones")
	}
	entities := map[string]domain.Entity{}
	for _, e := range ds.Entities {
		entities[e.ID] = e
	}
	facts := map[string]domain.Fact{}
	for _, f := range ds.Facts {
		facts[f.ID] = f
	}
	t.Run("placeholders stay unnamed", func(t *testing.T) {
		for _, id := range []string{"scale-founder", "customer-a", "departed-customers"} {
			if e, ok := entities[id]; !ok || e.Named || len(e.Aliases) > 0 {
				t.Errorf("%s: want an unnamed placeholder without aliases, got %+v", id, e)
			}
		}
	})
	t.Run("no filing date is invented", func(t *testing.T) {
		if f := facts["scale-v-mercor"]; f.Date != "" {
			t.Errorf("the lawsuit has date %q, but neither article gives one", f.Date)
		}
	})
	t.Run("the investment's figures are normalised", func(t *testing.T) {
		f := facts["meta-investment-in-scale"]
		if f.Type != "Investment" || f.Attributes["amount_usd"] != int64(14_300_000_000) || f.Attributes["stake"] != 0.49 || f.Date != "" {
			t.Errorf("got type %q, attributes %v, date %q", f.Type, f.Attributes, f.Date)
		}
	})
	t.Run("both accounts are cited", func(t *testing.T) {
		cited := map[string]int{}
		for _, f := range ds.Facts {
			for _, s := range f.Sources {
				cited[s]++
			}
		}
		for _, s := range []string{"src-ling-account", "src-bakayev-account"} {
			if cited[s] == 0 {
				t.Errorf("no fact cites %s", s)
			}
		}
	})
}
