package dataset_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/dataset"
)

// problemCase is a file that must be refused with exactly the problems in want, each
// "line: part of the message" (the file is t.yaml).
type problemCase struct {
	name string
	yaml string
	want []string
}

func checkProblems(t *testing.T, tests []problemCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := dataset.Parse(dataset.File{Name: "t.yaml", Data: []byte(tt.yaml)})
			if err == nil {
				t.Fatalf("accepted: %+v", ds)
			}
			got := dataset.Problems(err)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				line, msg, _ := strings.Cut(w, ": ")
				if prefix := "t.yaml:" + line + ": "; !strings.HasPrefix(got[i], prefix) || !strings.Contains(got[i], msg) {
					t.Errorf("problem %d = %q, want %q at %s", i+1, got[i], msg, prefix)
				}
				if strings.Contains(got[i], "\n") {
					t.Errorf("problem %d spans several lines: %q", i+1, got[i])
				}
			}
		})
	}
}

// A fact node for the tests below to vary (base's facts start at line 17).
const suit = `facts:
  - id: t-suit
    type: Lawsuit
    name: Acme v. Bolt
    status: reported
    sources: [src-t-a]
    evidence: [note a]
    parties:
      - role: PLAINTIFF
        node: t-acme
`

// TestFieldsThatWereSilentlyMisread: each of these passed validation and then loaded
// something other than what the file says.
func TestFieldsThatWereSilentlyMisread(t *testing.T) {
	checkProblems(t, []problemCase{
		// `named:` with no value was read as false: the entity became an unnamed placeholder.
		{"an empty named", fmt.Sprintf(base, "t") + "  - id: t-cora\n    kind: Person\n    name: Cora\n    named:\n", []string{
			`20: entities[2].named: expected true or false`,
		}},
		// The last of the two won, and the party linked to it alone.
		{"a party with both node and entity", fmt.Sprintf(base, "t") + suit + "        entity: t-bolt\n", []string{
			`27: facts[0].parties[0]: both node and entity are given`,
		}},
		// docs/model.md says malformed ids are checked; given party and citation ids were not.
		{"a party id that is no kebab-case", fmt.Sprintf(base, "t") + suit + "        id: \"Weird Party Id!\"\n", []string{
			`27: id "Weird Party Id!" must be kebab-case`,
		}},
		{"a citation id that is no kebab-case", "dataset: t\nsources:\n  - id: src-a\n    headline: A\n    kind: article\n" +
			"    cites:\n      - source: src-b\n        id: Cite Me\n        note: Further reading.\n" +
			"  - id: src-b\n    headline: B\n    kind: article\n", []string{
			`8: id "Cite Me" must be kebab-case`,
		}},
		// The loader stores neither on a relationship (only fact nodes have a name and
		// aliases), while docs/model.md said a fact's aliases were stored.
		{"a name and aliases on a fact between two nodes", fmt.Sprintf(base, "t") + `facts:
  - id: t-acme-rivals-bolt
    type: COMPETES_WITH
    name: Rivalry
    aliases: [The feud]
    from: t-acme
    to: t-bolt
    status: reported
    sources: [src-t-a]
    evidence: [note a]
`, []string{
			`20: fact "t-acme-rivals-bolt" links two nodes, and a relationship has no name`,
			`21: fact "t-acme-rivals-bolt" links two nodes, and a relationship has no aliases`,
		}},
	})
}

// TestGivenPartyAndCitationIds: a party or citation id given in the form the loader
// derives (<fact>--<role>--<node>, <source>--cites--<source>) is kebab-case too.
func TestGivenPartyAndCitationIds(t *testing.T) {
	yaml := fmt.Sprintf(base, "t") + suit + "        id: t-suit--plaintiff--t-acme\n" + `conflicts: []
`
	yaml = strings.Replace(yaml, "    kind: article\n  - id: src-t-b", "    kind: article\n    cites:\n      - {id: src-t-a--cites--src-t-b, source: src-t-b, note: Further reading.}\n  - id: src-t-b", 1)
	if _, err := dataset.Parse(dataset.File{Name: "t.yaml", Data: []byte(yaml)}); err != nil {
		t.Fatal(err)
	}
}

// TestAttributesNeo4jCannotKeep: a whole number beyond int64 was stored as a float
// (99999999999999999999999 became 1e+23) or refused with the YAML library's two-line
// message, which broke the one-problem-per-line report; NaN never equals itself, so
// every reload of an unchanged file counted the fact as updated.
func TestAttributesNeo4jCannotKeep(t *testing.T) {
	checkProblems(t, []problemCase{
		{"numbers out of range, NaN and infinities", fmt.Sprintf(base, "t") + suit + `    attributes:
      huge: 99999999999999999999999
      big: 9223372036854775808
      small: -9_223_372_036_854_775_809
      not_a_number: .nan
      endless: -.inf
      in_a_list: [1.5, .NaN]
      fine: [9223372036854775807, -9223372036854775808]
      as_text: "99999999999999999999999"
`, []string{
			`28: facts[0].attributes.huge: the whole number 99999999999999999999999 is beyond what Neo4j stores`,
			`29: facts[0].attributes.big: the whole number 9223372036854775808 is beyond`,
			`30: facts[0].attributes.small: the whole number -9_223_372_036_854_775_809 is beyond`,
			`31: facts[0].attributes.not_a_number: .nan is not a number`,
			`32: facts[0].attributes.endless: -.inf is an infinity`,
			`33: facts[0].attributes.in_a_list: .NaN is not a number`,
		}},
	})
}

// TestIdsNeo4jCanIndex: ids and dataset names go into range indexes, which refuse a
// key over about 8 KB; a 10,000-character id passed validation and failed half-way
// through the load with "Internal error.". Names go into the full-text index, which
// splits a word at 255 characters: a 2 MB name loads, so names are not capped.
func TestIdsNeo4jCanIndex(t *testing.T) {
	long := strings.Repeat("a", dataset.MaxIDBytes-2) + "-b" // the longest id allowed
	valid := fmt.Sprintf(base, "t") + "  - {id: " + long + ", kind: Person, name: " + strings.Repeat("Long name ", 4000) + "}\n"
	if _, err := dataset.Parse(dataset.File{Name: "t.yaml", Data: []byte(valid)}); err != nil {
		t.Fatalf("an id of %d bytes and a 40 KB name: %v", len(long), err)
	}
	checkProblems(t, []problemCase{
		{"an id one byte too long", fmt.Sprintf(base, "t") + "  - {id: a" + long + ", kind: Person, name: A}\n", []string{
			`17: id "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…" is 201 bytes long; an id has at most 200`,
		}},
		{"a party id too long", fmt.Sprintf(base, "t") + suit + "        id: " + strings.Repeat("x", 10_000) + "\n", []string{
			`27: id "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is 10000 bytes long; an id has at most 200`,
		}},
		{"a dataset name too long", "dataset: " + strings.Repeat("d", 9000) + "\nsources: []\n", []string{
			`1: dataset name "dddddddddddddddddddddddddddddddddddddddd…" is 9000 bytes long; a dataset name has at most 200`,
		}},
	})
}

// TestAnchorsAndAliasesAreRefused: an alias (name: *acmename) was reported as "expected a
// text value" plus "needs a name", and a merge key as unknown field "<<". They are not
// supported, and that is the one thing said, at each line that uses one.
func TestAnchorsAndAliasesAreRefused(t *testing.T) {
	checkProblems(t, []problemCase{
		{"an alias", fmt.Sprintf(base, "t") + "  - {id: t-cora, kind: Person, name: &cora Cora}\n  - {id: t-dora, kind: Person, name: *cora}\n", []string{
			`17: YAML anchors (&) and aliases (*) are not supported`,
			`18: YAML anchors (&) and aliases (*) are not supported`,
		}},
		{"a merge key", fmt.Sprintf(base, "t") + "  - &person {id: t-cora, kind: Person, name: Cora}\n  - <<: *person\n    id: t-dora\n", []string{
			`17: YAML anchors (&) and aliases (*) are not supported`,
			`18: YAML merge keys (<<) are not supported`,
		}},
	})
}
