package dataset_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

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
// "cannot read dataset X" without saying whether X is missing, a directory or unreadable,
// and a named pipe hung the load (Ctrl-C could not stop it) and /dev/zero ran it out of
// memory.
func TestUnreadableFileSaysWhy(t *testing.T) {
	dir := t.TempDir()
	// A named pipe would wait for a writer and a device never end: both are refused
	// before being opened. So is a file over the cap (sparse: it takes no disk).
	if err := syscall.Mkfifo(dir+"/pipe.yaml", 0o600); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(dir + "/big.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(dataset.MaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	for path, want := range map[string]string{
		dir + "/missing.yaml": "missing.yaml: no such file or directory",
		dir:                   "is a directory",
		dir + "/pipe.yaml":    "pipe.yaml: is not a regular file",
		"/dev/zero":           "/dev/zero: is not a regular file",
		dir + "/big.yaml":     "big.yaml: it holds 65 MB, more than the 64 MB one file may",
	} {
		_, err := dataset.ReadFiles(path)
		if err == nil || !strings.Contains(domain.ErrorMessageOf(err), want) {
			t.Errorf("%s: got %q, want it to say %q", path, domain.ErrorMessageOf(err), want)
		}
	}
}

// TestReadFilesStopsWhenCancelled: checking a 28 MB file took 14 s and Ctrl-C could not
// stop it. The check returns as soon as its context is cancelled, saying so.
func TestReadFilesStopsWhenCancelled(t *testing.T) {
	var b strings.Builder
	b.WriteString("dataset: big\nsources: []\nentities:\n")
	for i := 0; b.Len() < 4<<20; i++ {
		fmt.Fprintf(&b, "  - id: e-%d\n    kind: Organization\n    name: Entity number %d\n", i, i)
	}
	path := t.TempDir() + "/big.yaml"
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := dataset.ReadFilesProgress(ctx, nil, path); err == nil || !strings.Contains(domain.ErrorMessageOf(err), "interrupted") {
		t.Fatalf("cancelled before it started: got %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := dataset.ReadFilesProgress(ctx, nil, path)
	if took := time.Since(start); err == nil || !strings.Contains(domain.ErrorMessageOf(err), "interrupted") || took > time.Second {
		t.Fatalf("cancelled after 50 ms: returned after %s with %v", took, err)
	}
}
