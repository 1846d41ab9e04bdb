package dataset_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// TestASecondYAMLDocumentIsRejected: a file holding two YAML documents (two datasets
// pasted together, a stray `---`) was read as its first document alone, so half of it
// loaded without a word. It must be refused, at the line where the second one starts.
func TestASecondYAMLDocumentIsRejected(t *testing.T) {
	valid := "dataset: first\nsources: []\nentities: []\nfacts: []\n"
	for name, tc := range map[string]struct {
		data string
		line string
	}{
		"two datasets":    {valid + "---\ndataset: second\nentities: []\n", "two.yaml:5: "},
		"trailing marker": {valid + "---\n", "two.yaml:5: "},
		"marker first":    {"---\n" + valid + "\n---\n# a comment\ndataset: x\n", "two.yaml:7: "},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := dataset.Parse(dataset.File{Name: "two.yaml", Data: []byte(tc.data)})
			problems := dataset.Problems(err)
			if len(problems) != 1 || !strings.HasPrefix(problems[0], tc.line) || !strings.Contains(problems[0], "second YAML document") {
				t.Fatalf("got %v (%v), want one problem at %q about a second document", problems, err, tc.line)
			}
		})
	}
	// A single document, with or without its start marker, still parses.
	for _, data := range []string{valid, "---\n" + valid, "---\n" + valid + "...\n"} {
		if _, err := dataset.Parse(dataset.File{Name: "one.yaml", Data: []byte(data)}); err != nil {
			t.Errorf("%q: %v", data, err)
		}
	}
}

// TestUnreadableFileSaysWhy: `newsgraph load` prints only the message, which said
// "cannot read dataset X" without saying whether X is missing, a directory or unreadable.
func TestUnreadableFileSaysWhy(t *testing.T) {
	dir := t.TempDir()
	for path, want := range map[string]string{
		dir + "/missing.yaml": "missing.yaml: no such file or directory",
		dir:                   "is a directory",
	} {
		_, err := dataset.ReadFiles(path)
		if err == nil || !strings.Contains(domain.ErrorMessageOf(err), want) {
			t.Errorf("%s: got %q, want it to say %q", path, domain.ErrorMessageOf(err), want)
		}
	}
}
