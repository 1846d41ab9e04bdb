package dataset_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// writeEntities writes a valid dataset file of n entities and one source, and
// returns its path.
func writeEntities(t *testing.T, dir, name string, n int) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "dataset: %s\nsources:\n  - id: %s-src\n    headline: A source\n    kind: article\nentities:\n", name, name)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: %s-e-%d\n    kind: Organization\n    name: Entity number %d\n", name, i, i)
	}
	path := filepath.Join(dir, name+".yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadFilesProgress: the check of a large file said nothing for seconds. It now
// tells how far it has got, step by step: each file's YAML in bytes, then its items,
// then every file's items for ids and for references, each step up to its total.
func TestReadFilesProgress(t *testing.T) {
	dir := t.TempDir()
	big := writeEntities(t, dir, "big", 20000) // about 1 MB
	// A fact in a second file naming the first file's entities: checked together.
	small := filepath.Join(dir, "small.yaml")
	if err := os.WriteFile(small, []byte("dataset: small\nsources:\n  - id: small-src\n    headline: Another source\n    kind: article\n"+
		"facts:\n  - id: small-f\n    type: PARTNERED_WITH\n    from: big-e-1\n    to: big-e-2\n    status: reported\n"+
		"    sources: [small-src]\n    evidence: [Says so.]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	size := func(path string) int64 {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}

	var got []dataset.Progress
	ds, err := dataset.ReadFilesProgress(context.Background(), func(p dataset.Progress) { got = append(got, p) }, big, small)
	if err != nil || len(ds) != 2 {
		t.Fatalf("got %d datasets, %v", len(ds), err)
	}

	type step struct {
		Step, File, Unit string
		Total            int64
	}
	want := []step{
		{"reading", big, "bytes", size(big)},
		{"checking", big, "items", 20001},
		{"reading", small, "bytes", size(small)},
		{"checking", small, "items", 2},
		{"checking ids", "", "items", 20003},
		{"checking references", "", "items", 20003},
	}
	var steps []step
	perStep := map[step]int{}
	for i, p := range got {
		s := step{p.Step, p.File, p.Unit, p.Total}
		if i == 0 || s != steps[len(steps)-1] {
			steps = append(steps, s)
		} else if prev := got[i-1]; p.Done < prev.Done {
			t.Errorf("%s %s went back from %d to %d", p.Step, p.File, prev.Done, p.Done)
		}
		if p.Done < 0 || p.Done > p.Total {
			t.Errorf("%s %s: %d of %d", p.Step, p.File, p.Done, p.Total)
		}
		perStep[s]++
		if i+1 == len(got) || (step{got[i+1].Step, got[i+1].File, got[i+1].Unit, got[i+1].Total}) != s {
			if p.Done != p.Total {
				t.Errorf("%s %s ended at %d of %d", p.Step, p.File, p.Done, p.Total)
			}
		}
	}
	if !slices.Equal(steps, want) {
		t.Fatalf("steps\n%v\nwant\n%v", steps, want)
	}
	// Reported as it goes, not only at the end (every 64 KB, every 1,000 items), and
	// not for every YAML read of 512 bytes or every item either.
	if n := perStep[want[0]]; n < 10 || n > 30 {
		t.Errorf("reading 1 MB was reported %d times, want one every 64 KB", n)
	}
	if n := perStep[want[1]]; n < 20 || n > 21 {
		t.Errorf("checking 20,001 items was reported %d times, want one every 1,000 and the end", n)
	}
	if n := perStep[want[3]]; n != 1 {
		t.Errorf("checking 2 items was reported %d times, want once, at the end", n)
	}
}

// TestReadFilesProgressStopsWhenCancelled: Ctrl-C during the check still stops it at
// once, and the check abandoned in the background reports nothing more.
func TestReadFilesProgressStopsWhenCancelled(t *testing.T) {
	path := writeEntities(t, t.TempDir(), "big", 20000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := dataset.ReadFilesProgress(ctx, func(p dataset.Progress) {
		calls++
		cancel() // at the first report, 64 KB into the file
	}, path)
	if err == nil || !strings.Contains(domain.ErrorMessageOf(err), "interrupted") {
		t.Fatalf("cancelled: got %v", err)
	}
	if calls != 1 {
		t.Errorf("progress was reported %d times, want once: nothing after the cancel", calls)
	}
}
