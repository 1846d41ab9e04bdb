package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// newsgraph builds the command once per test run, so the tests exercise exactly what a
// journalist runs: flags, exit status, and what is printed where.
func newsgraph(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "newsgraph-cmd-test-*")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "newsgraph")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

func runLoad(t *testing.T, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	cmd := exec.Command(newsgraph(t), append([]string{"load"}, args...)...)
	cmd.Env = append(os.Environ(), "NEWSGRAPH_LOG_LEVEL=error")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		exit = exitErr.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), exit
}

// dbState renders every node and relationship with its element id and properties.
func dbState(t *testing.T) string {
	t.Helper()
	res := neo4jtest.Exec(t, `
		CALL () { MATCH (n) RETURN elementId(n) AS id, properties(n) AS p
		          UNION ALL MATCH ()-[r]->() RETURN elementId(r) AS id, properties(r) AS p }
		RETURN id, p ORDER BY id`, nil)
	var b strings.Builder
	for _, r := range res.Records {
		j, _ := json.Marshal(r.Values)
		b.Write(append(j, '\n'))
	}
	return b.String()
}

var problemCount = regexp.MustCompile(`the dataset has (\d+) problems?; nothing was loaded`)

func TestLoadCommandRejectsInvalidDatasetsAndWritesNothing(t *testing.T) {
	neo4jtest.URI(t)
	neo4jtest.Reset(t)
	if _, stderr, exit := runLoad(t); exit != 0 {
		t.Fatalf("loading the built-in dataset: exit %d\n%s", exit, stderr)
	}
	before := dbState(t)

	broken, err := filepath.Glob("../../internal/dataset/testdata/invalid/*.yaml")
	if err != nil || len(broken) < 5 {
		t.Fatalf("want the broken datasets of internal/dataset/testdata, found %v (%v)", broken, err)
	}
	cases := [][]string{broken} // all of them at once: every problem of every file
	for _, f := range broken {
		cases = append(cases, []string{f})
	}
	for _, files := range cases {
		name := strings.TrimSuffix(filepath.Base(files[0]), ".yaml")
		if len(files) > 1 {
			name = "all files together"
		}
		t.Run(name, func(t *testing.T) {
			stdout, stderr, exit := runLoad(t, files...)
			if exit != 1 {
				t.Errorf("exit status %d, want 1", exit)
			}
			if stdout != "" {
				t.Errorf("printed a summary for a rejected load: %q", stdout)
			}
			m := problemCount.FindStringSubmatch(stderr)
			if m == nil {
				t.Fatalf("no problem count on stderr:\n%s", stderr)
			}
			want, _ := strconv.Atoi(m[1])
			got := 0
			for _, f := range files {
				// One "file:line: message" line per problem, for every file given.
				n := len(regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(f)+`:\d+: \S`).FindAllString(stderr, -1))
				if n == 0 {
					t.Errorf("no problem reported for %s", f)
				}
				got += n
			}
			if got != want {
				t.Errorf("%d file:line problems printed, the header says %d:\n%s", got, want, stderr)
			}
			if after := dbState(t); after != before {
				t.Errorf("the rejected load changed the database")
			}
		})
	}
}

func TestLoadCommandPrintsASummary(t *testing.T) {
	neo4jtest.URI(t)
	neo4jtest.Reset(t)
	tests := []struct {
		name string
		want *regexp.Regexp
	}{
		{"into an empty database", regexp.MustCompile(`^loaded datasets scale-ai-v-mercor: nodes [1-9]\d* created, 0 updated, 0 unchanged, 0 deleted; relationships [1-9]\d* created, 0 updated, 0 unchanged, 0 deleted\n$`)},
		{"again", regexp.MustCompile(`^loaded datasets scale-ai-v-mercor: nodes 0 created, 0 updated, [1-9]\d* unchanged, 0 deleted; relationships 0 created, 0 updated, [1-9]\d* unchanged, 0 deleted\n$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, exit := runLoad(t)
			if exit != 0 || !tt.want.MatchString(stdout) {
				t.Errorf("exit %d, stdout %q, stderr %q", exit, stdout, stderr)
			}
		})
	}
	t.Run("progress for a step larger than one batch", func(t *testing.T) {
		_, stderr, exit := runLoad(t, "-batch", "20")
		if exit != 0 || !strings.Contains(stderr, "load: relationships 20/") || !strings.Contains(stderr, "load: fact nodes 20/") {
			t.Errorf("exit %d, stderr %q", exit, stderr)
		}
		// The stages before the first batch, in order, before it.
		checking := strings.Index(stderr, "load: "+neo4jstore.StageChecking+"\n")
		comparing := strings.Index(stderr, "load: "+neo4jstore.StageComparing+"\n")
		first := -1
		if loc := regexp.MustCompile(`load: [a-z ]+ \d+/\d+\n`).FindStringIndex(stderr); loc != nil {
			first = loc[0]
		}
		if checking < 0 || comparing < checking || first < comparing {
			t.Errorf("stages at %d, %d, first batch at %d: %q", checking, comparing, first, stderr)
		}
	})
	t.Run("no stages for a load of one batch", func(t *testing.T) {
		if _, stderr, exit := runLoad(t); exit != 0 || strings.Contains(stderr, "load: ") {
			t.Errorf("exit %d, stderr %q", exit, stderr)
		}
	})
}

// TestLoadCommandUsesTheRunningEmbeddedNeo4j: with NEO4J_URI unset, load uses the
// embedded Neo4j that already serves its data directory (make run's), and only that
// one: another database answering on the embedded port is left alone.
func TestLoadCommandUsesTheRunningEmbeddedNeo4j(t *testing.T) {
	u, err := url.Parse(neo4jtest.URI(t))
	if err != nil || u.Hostname() != "127.0.0.1" || neo4jtest.Options(t).Password != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("under CI the test database must be make test's embedded one, not %s", os.Getenv("NEO4J_URI"))
		}
		t.Skip("NEO4J_URI is not an embedded Neo4j on 127.0.0.1")
	}
	load := func(env ...string) (string, error) {
		cmd := exec.Command(newsgraph(t), "load")
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "NEO4J_URI=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	mercors := func() any {
		res := neo4jtest.Exec(t, "MATCH (n:Entity {id: 'mercor'}) RETURN count(n) AS n", nil)
		n, _ := res.Records[0].Get("n")
		return n
	}
	neo4jtest.Reset(t)

	t.Run("another database on the embedded port is left alone", func(t *testing.T) {
		jar, _ := filepath.Abs("../../neo4j-embedded/target/neo4j-embedded.jar")
		out, err := load("NEWSGRAPH_NEO4J_PORT="+u.Port(), "NEWSGRAPH_NEO4J_DATA="+t.TempDir(), "NEWSGRAPH_NEO4J_JAR="+jar)
		if err == nil || !strings.Contains(out, "already in use") {
			t.Errorf("load did not refuse the taken port: %v\n%s", err, out)
		}
		if n := mercors(); n != int64(0) {
			t.Errorf("load wrote %v Mercor entities into a database it did not start", n)
		}
	})
	// What the embedded database writes when it is ready (embedded.Running), and its
	// store's lock, which Neo4j holds for as long as it runs.
	recorded := func(t *testing.T, locked bool) string {
		data := t.TempDir()
		if err := os.WriteFile(filepath.Join(data, "running-uri"), []byte(u.String()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(data, "data", "databases"), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(data, "data", "databases", "store_lock"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		if locked {
			lock := syscall.Flock_t{Type: syscall.F_WRLCK}
			if err := syscall.FcntlFlock(f.Fd(), syscall.F_SETLK, &lock); err != nil {
				t.Fatal(err)
			}
		}
		return data
	}
	t.Run("a record nobody's lock backs is not trusted", func(t *testing.T) {
		// A killed database leaves its record behind: load starts its own, which finds
		// the port taken, and writes nothing into the database answering there.
		jar, _ := filepath.Abs("../../neo4j-embedded/target/neo4j-embedded.jar")
		out, err := load("NEWSGRAPH_NEO4J_PORT="+u.Port(), "NEWSGRAPH_NEO4J_DATA="+recorded(t, false), "NEWSGRAPH_NEO4J_JAR="+jar)
		if err == nil || !strings.Contains(out, "already in use") {
			t.Errorf("load trusted a stale record: %v\n%s", err, out)
		}
		if n := mercors(); n != int64(0) {
			t.Errorf("load wrote %v Mercor entities into the database a stale record named", n)
		}
	})
	t.Run("the database serving the data directory is used", func(t *testing.T) {
		out, err := load("NEWSGRAPH_NEO4J_PORT="+u.Port(), "NEWSGRAPH_NEO4J_DATA="+recorded(t, true))
		if err != nil || !strings.Contains(out, "loaded datasets scale-ai-v-mercor") || !strings.Contains(out, "already running") {
			t.Fatalf("load: %v\n%s", err, out)
		}
		if n := mercors(); n != int64(1) {
			t.Errorf("the running database holds %v Mercor entities after the load, want 1", n)
		}
	})
}

// TestLoadCommandNamesTheAddressItCannotReach: "Neo4j cannot be reached." alone did not
// say where it was asked, nor which setting names that.
func TestLoadCommandNamesTheAddressItCannotReach(t *testing.T) {
	cmd := exec.Command(newsgraph(t), "load")
	cmd.Env = append(os.Environ(), "NEO4J_URI=bolt://admin:secret@127.0.0.1:1", "NEWSGRAPH_LOG_LEVEL=error")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "bolt://admin:xxxxx@127.0.0.1:1 (NEO4J_URI)") || strings.Contains(string(out), "secret") {
		t.Errorf("load: %v\n%s", err, out)
	}
	// It never reached Neo4j, so nothing can be half-written: saying that the load is
	// one transaction, all or nothing, only raised the fear.
	if !strings.Contains(string(out), "Nothing was loaded.") || strings.Contains(string(out), "one transaction") {
		t.Errorf("load did not say plainly that nothing was loaded:\n%s", out)
	}
}

// TestLoadCommandRefusesBadFlags: a batch under 1 or a time limit that is not positive
// is a usage error (2) naming the flag; Neo4j refused them as "Internal error.".
func TestLoadCommandRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-batch", "0"}, {"-timeout", "-5s"}, {"-timeout", "0s"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, stderr, exit := runLoad(t, args...)
			if exit != 2 || !strings.Contains(stderr, args[0]+" must be") {
				t.Errorf("exit %d, stderr %q", exit, stderr)
			}
		})
	}
}

// TestGenerateFlagErrorsAreUsageErrors: generate's refused flags exit 2, as load's do
// and as a value that does not parse does; they exited 1, as a failure.
func TestGenerateFlagErrorsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"-nodes", "0"}, {"1000"}, {"-dataset", "Bad Name!"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, err := exec.Command(newsgraph(t), append([]string{"generate"}, args...)...).CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "newsgraph: generate: ") {
				t.Errorf("exit %v: %s", err, out)
			}
		})
	}
}

// TestLoadCommandGuardsAgainstSlips: a file that spells a type almost like one the
// database has loads with a note saying where and what it may have meant; a file cut
// short is refused with what it would remove, and loads with --allow-deletions.
func TestLoadCommandGuardsAgainstSlips(t *testing.T) {
	neo4jtest.URI(t)
	neo4jtest.Reset(t)
	if _, stderr, exit := runLoad(t); exit != 0 {
		t.Fatalf("the built-in load: exit %d, %s", exit, stderr)
	}
	data, err := os.ReadFile("../../datasets/scale-ai-v-mercor.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.yaml")
	if err := os.WriteFile(typo, []byte(strings.Replace(string(data), "type: COMPETES_WITH", "type: COMPETES_WTIH", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, exit := runLoad(t, typo)
	if exit != 0 || !regexp.MustCompile(`load: note: .*typo\.yaml:\d+: relationship type "COMPETES_WTIH" \(used once in the files\) is new to the database; did you mean "COMPETES_WITH"\?`).MatchString(stderr) {
		t.Errorf("a typo: exit %d, stderr %q", exit, stderr)
	}
	cut := filepath.Join(dir, "cut.yaml")
	lines := strings.SplitAfter(string(data), "\n")
	if err := os.WriteFile(cut, []byte(strings.Join(lines[:40], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	before := dbState(t)
	_, stderr, exit = runLoad(t, cut)
	if exit == 0 || !strings.Contains(stderr, `dataset "scale-ai-v-mercor": the files no longer hold`) || !strings.Contains(stderr, "--allow-deletions") {
		t.Errorf("a file cut short: exit %d, stderr %q", exit, stderr)
	}
	if dbState(t) != before {
		t.Error("the refused load changed the database")
	}
	if stdout, stderr, exit := runLoad(t, "--allow-deletions", cut); exit != 0 || !strings.Contains(stdout, "deleted") {
		t.Errorf("allowed: exit %d, stdout %q, stderr %q", exit, stdout, stderr)
	}
}
