package dataset_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/dataset"
)

// TestProblemsAcrossFiles: every file's problems are reported, each once, whatever is
// wrong with the other files given with it.
func TestProblemsAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one := write("one.yaml", fmt.Sprintf(base, "one"))
	// Defines one-acme, but stops being YAML at its last line.
	broken := write("broken.yaml", fmt.Sprintf(base, "one")+"facts:\n  - oops: [\n")
	refersToOne := write("two.yaml", fmt.Sprintf(base, "two")+twoRefersToOne)
	badStatus := write("bad-status.yaml", fmt.Sprintf(base, "three")+`facts:
  - id: three-acme-rivals-bolt
    type: COMPETES_WITH
    from: three-acme
    to: three-bolt
    status: confirmed
    sources: [src-three-a]
    evidence: [says so]
`)
	missing := filepath.Join(dir, "missing.yaml")
	tests := []struct {
		name  string
		paths []string
		want  []string // prefix, then a part of the message
	}{
		// two.yaml's references into broken.yaml were reported as unknown ids, as if
		// broken.yaml did not define them.
		{"a reference into a file that does not parse", []string{broken, refersToOne}, []string{
			broken + ":18: |invalid YAML",
			refersToOne + ":21: |unknown `to` \"one-acme\": no entity or fact node has this id in the files that could be read; " + broken + " could not be, and may define it",
			refersToOne + ":23: |unknown source \"src-one-a\": no source has this id in the files that could be read; " + broken + " could not be, and may define it",
		}},
		// Only the missing file was reported.
		{"a missing file and a file with a problem", []string{missing, badStatus}, []string{
			missing + ": |no such file or directory",
			badStatus + ":22: |status \"confirmed\" is not one of",
		}},
		// Each of the file's ids was "already used" by itself, and its dataset "also
		// defined in" itself: 6 problems that all meant one thing.
		{"one file named twice", []string{one, badStatus, "./" + filepath.Base(dir) + "/../" + filepath.Base(dir) + "/one.yaml"}, []string{
			one + ": |is named more than once; give each file once",
			badStatus + ":22: |status \"confirmed\" is not one of",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasPrefix(tt.paths[len(tt.paths)-1], "./") {
				// The same file under another name.
				t.Chdir(filepath.Dir(dir))
			}
			_, err := dataset.ReadFiles(tt.paths...)
			got := dataset.Problems(err)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				prefix, msg, _ := strings.Cut(w, "|")
				if !strings.HasPrefix(got[i], prefix) || !strings.Contains(got[i], msg) {
					t.Errorf("problem %d = %q, want %q at %q", i+1, got[i], msg, prefix)
				}
			}
		})
	}
	// Parse, given one name twice, says so once too.
	_, err := dataset.Parse(dataset.File{Name: "one.yaml", Data: []byte(fmt.Sprintf(base, "one"))}, dataset.File{Name: "one.yaml", Data: []byte(fmt.Sprintf(base, "one"))})
	if got := dataset.Problems(err); len(got) != 1 || !strings.HasPrefix(got[0], "one.yaml: is named more than once") {
		t.Errorf("one file given twice to Parse: got %q", got)
	}
}
