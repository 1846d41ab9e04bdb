package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// fakeClock moves on by tick every time it is read, so that a check's progress is
// shown by how often it reports rather than by how fast this machine is.
type fakeClock struct {
	t    time.Time
	tick time.Duration
}

func (c *fakeClock) now() time.Time {
	c.t = c.t.Add(c.tick)
	return c.t
}

// timedLines records each line written with the fake time it was written at.
type timedLines struct {
	clock *fakeClock
	lines []string
	at    []time.Time
}

func (w *timedLines) Write(b []byte) (int, error) {
	w.lines = append(w.lines, strings.TrimSuffix(string(b), "\n"))
	w.at = append(w.at, w.clock.t)
	return len(b), nil
}

var checkLine = regexp.MustCompile(`^load: (reading \S+ \d+\.\d/\d+\.\d MB|checking \S+ \d+/\d+ items|checking (ids|references) \d+/\d+ items)$`)

// TestLoadShowsTheCheckOfALargeFile: checking a 28 MB file printed nothing for 9 s.
// The check is shown as the load's batches are, "load: <step> <done>/<total>" lines,
// at most one a second and the first after a second, ending at its total; a file
// checked in less than a second (the built-in dataset) prints nothing.
func TestLoadShowsTheCheckOfALargeFile(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("dataset: big\nsources:\n  - id: src\n    headline: A source\n    kind: article\nentities:\n")
	for i := 0; b.Len() < 2<<20; i++ {
		fmt.Fprintf(&b, "  - id: e-%d\n    kind: Organization\n    name: Entity number %d\n", i, i)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("large file", func(t *testing.T) {
		// 100 ms a report: about 32 reports reading 2 MB, as many per step of items.
		clock := &fakeClock{t: time.Unix(0, 0), tick: 100 * time.Millisecond}
		out := &timedLines{clock: clock}
		start := clock.now()
		c := newCheckProgress(out, clock.now, time.Second)
		if _, err := readDatasets(context.Background(), []string{big}, c.report); err != nil {
			t.Fatal(err)
		}
		c.done()
		if len(out.lines) < 8 {
			t.Fatalf("%d lines for about 120 reports 100 ms apart, want one a second:\n%s", len(out.lines), strings.Join(out.lines, "\n"))
		}
		for i, l := range out.lines {
			if !checkLine.MatchString(l) {
				t.Errorf("line %q is not like the load's progress", l)
			}
			since := start
			if i > 0 {
				since = out.at[i-1]
			}
			// The last line is the check's end, shown whenever it comes.
			if i < len(out.lines)-1 && out.at[i].Sub(since) < time.Second {
				t.Errorf("line %q came %s after the one before (or the start), want at least 1 s", l, out.at[i].Sub(since))
			}
		}
		all := strings.Join(out.lines, "\n")
		t.Logf("shown:\n%s", all)
		for _, step := range []string{"load: reading " + big + " ", "load: checking " + big + " ", "load: checking ids ", "load: checking references "} {
			if !strings.Contains(all, step) {
				t.Errorf("no line for %q:\n%s", step, all)
			}
		}
		last := out.lines[len(out.lines)-1]
		if m := regexp.MustCompile(`^load: checking references (\d+)/(\d+) items$`).FindStringSubmatch(last); m == nil || m[1] != m[2] {
			t.Errorf("the last line is %q, want the references checked to their total", last)
		}
	})

	t.Run("small files", func(t *testing.T) {
		for _, paths := range [][]string{nil, {"../../datasets/scale-ai-v-mercor.yaml"}} {
			clock := &fakeClock{t: time.Unix(0, 0), tick: 100 * time.Millisecond}
			out := &timedLines{clock: clock}
			c := newCheckProgress(out, clock.now, time.Second)
			if _, err := readDatasets(context.Background(), paths, c.report); err != nil {
				t.Fatal(err)
			}
			c.done()
			if len(out.lines) > 0 {
				t.Errorf("checking %v printed\n%s\nwant nothing", paths, strings.Join(out.lines, "\n"))
			}
		}
	})
}

// TestLoadShowsBatchesAtMostOnceASecond: a load of 105,585 entities printed a line per
// batch, about 200. Each stage before the first write is shown, and a step larger than
// one batch shows its first batch, its last, and between them a line a second at most;
// a step of one batch shows none.
func TestLoadShowsBatchesAtMostOnceASecond(t *testing.T) {
	// 100 ms a batch: ten batches a second.
	clock := &fakeClock{t: time.Unix(0, 0), tick: 100 * time.Millisecond}
	out := &timedLines{clock: clock}
	shown := newBatchProgress(out, clock.now, time.Second, 500)
	shown.report(neo4jstore.LoadProgress{Step: neo4jstore.StageChecking})
	shown.report(neo4jstore.LoadProgress{Step: "sources", Done: 500, Total: 500})
	for done := 500; ; done += 500 {
		done = min(done, 50_250)
		shown.report(neo4jstore.LoadProgress{Step: "entities", Done: done, Total: 50_250})
		if done == 50_250 {
			break
		}
	}
	shown.report(neo4jstore.LoadProgress{Step: "relationships", Done: 500, Total: 700})
	shown.report(neo4jstore.LoadProgress{Step: "relationships", Done: 700, Total: 700})

	if out.lines[0] != "load: "+neo4jstore.StageChecking {
		t.Errorf("the first line is %q, want the stage", out.lines[0])
	}
	var entities []string
	for i, line := range out.lines {
		if strings.Contains(line, "sources") {
			t.Errorf("a step of one batch printed %q", line)
		}
		if !strings.HasPrefix(line, "load: entities ") {
			continue
		}
		entities = append(entities, line)
		// Between the first and the last, a second apart at least.
		if n := len(entities); n > 2 && i+1 < len(out.lines) && strings.HasPrefix(out.lines[i+1], "load: entities ") {
			if gap := out.at[i].Sub(out.at[i-1]); gap < time.Second {
				t.Errorf("%q came %v after the line before", line, gap)
			}
		}
	}
	// 101 batches at ten a second: the first, about one a second, the last.
	if len(entities) < 9 || len(entities) > 13 || entities[0] != "load: entities 500/50250" || entities[len(entities)-1] != "load: entities 50250/50250" {
		t.Errorf("entities shown as %q, want the first batch, one a second and the last", entities)
	}
	if last := out.lines[len(out.lines)-2:]; last[0] != "load: relationships 500/700" || last[1] != "load: relationships 700/700" {
		t.Errorf("a step of two batches ends with %q, want both", last)
	}
}
