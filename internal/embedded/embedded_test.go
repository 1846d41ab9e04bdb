package embedded_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/embedded"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

func TestCheckJava(t *testing.T) {
	dir := t.TempDir()
	fake := func(name, versionLine string) string {
		p := filepath.Join(dir, name)
		script := "#!/bin/sh\necho '" + versionLine + "' >&2\n"
		if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, java, wantErr string
	}{
		{"java 17", fake("j17", `openjdk version "17.0.15" 2025-04-15`), ""},
		{"java 21", fake("j21", `openjdk version "21" 2023-09-19`), ""},
		{"java 11 is too old", fake("j11", `openjdk version "11.0.2" 2019-01-15`), "is Java 11 (install"},
		{"java 8 old scheme", fake("j8", `java version "1.8.0_292"`), "is Java 8 (install"},
		{"missing java", filepath.Join(dir, "nope"), "did not run"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := embedded.CheckJava(tc.java)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

// TestMissingJarNamesTheFix: a missing launcher names the build, and the setting that
// points elsewhere; a relative path is shown resolved, since run from another directory
// a built launcher is not found (the message said only to build it).
func TestMissingJarNamesTheFix(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for jar, want := range map[string]string{
		"/nonexistent.jar":     "/nonexistent.jar is missing",
		"no/such/launcher.jar": filepath.Join(wd, "no/such/launcher.jar") + ", relative to the working directory",
	} {
		_, err := embedded.Start(context.Background(), embedded.Options{Jar: jar, DataDir: t.TempDir()})
		for _, hint := range []string{want, "NEWSGRAPH_NEO4J_JAR", "make neo4j-embedded"} {
			if err == nil || !strings.Contains(err.Error(), hint) {
				t.Errorf("%s: got %v, want it to say %q", jar, err, hint)
			}
		}
	}
}

func TestPortTakenIsRefusedClearly(t *testing.T) {
	j := neo4jtest.LauncherJar(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	_, err = embedded.Start(context.Background(), embedded.Options{Jar: j, DataDir: t.TempDir(), Port: port, Heap: "256m", PageCache: "16m"})
	if err == nil || !strings.Contains(err.Error(), "port "+strconv.Itoa(port)) || !strings.Contains(err.Error(), "already in use") {
		t.Fatalf("got %v, want a message that port %d is in use", err, port)
	}
}

// TestStartWithAuthQueryStop proves the whole life cycle: start with auth on, answer a
// query with the password (and refuse without it), stop cleanly on SIGTERM.
func TestStartWithAuthQueryStop(t *testing.T) {
	j := neo4jtest.LauncherJar(t)
	t.Setenv("NEWSGRAPH_TEST_PASSWORD", "s3cret-pass")
	data := t.TempDir()
	db, err := embedded.Start(context.Background(), embedded.Options{
		Jar: j, DataDir: data, Heap: "512m", PageCache: "32m", PasswordEnv: "NEWSGRAPH_TEST_PASSWORD",
	})
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			_ = db.Stop(context.Background())
		}
	}()
	if !strings.HasPrefix(db.Version, "5.26") {
		t.Fatalf("version %q, want 5.26.x", db.Version)
	}
	// While it runs, the data directory says where (for `newsgraph load` beside it).
	if uri, ok := embedded.Running(data); !ok || uri != db.URI {
		t.Fatalf("Running(data) = %q, %v; want %q", uri, ok, db.URI)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	query := func(auth neo4j.AuthToken) (string, error) {
		d, err := neo4j.NewDriverWithContext(db.URI, auth)
		if err != nil {
			return "", err
		}
		defer d.Close(ctx)
		res, err := neo4j.ExecuteQuery(ctx, d, "CALL dbms.components() YIELD versions RETURN versions[0] AS v", nil,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
		if err != nil {
			return "", err
		}
		v, _, err := neo4j.GetRecordValue[string](res.Records[0], "v")
		return v, err
	}
	if v, err := query(neo4j.BasicAuth("neo4j", "s3cret-pass", "")); err != nil || v != db.Version {
		t.Fatalf("with the password: version %q, err %v", v, err)
	}
	if _, err := query(neo4j.BasicAuth("neo4j", "wrong", "")); err == nil {
		t.Fatal("a wrong password was accepted")
	}
	if err := db.Stop(context.Background()); err != nil {
		t.Fatalf("stop: %v", err)
	}
	stopped = true
	select {
	case <-db.Exited():
	default:
		t.Fatal("process still running after Stop")
	}
	if uri, ok := embedded.Running(data); ok {
		t.Fatalf("after Stop the data directory still names %s as running", uri)
	}
	if _, err := os.Stat(filepath.Join(data, "logs", "debug.log")); err != nil {
		t.Fatalf("Neo4j's log should be under the data directory: %v", err)
	}

	// Again on the same data with the same password, which Neo4j will not set to
	// itself: the launcher failed there, and the start timed out two minutes later.
	again, err := embedded.Start(context.Background(), embedded.Options{
		Jar: j, DataDir: data, Heap: "512m", PageCache: "32m", PasswordEnv: "NEWSGRAPH_TEST_PASSWORD", StartTimeout: time.Minute,
	})
	if err != nil {
		t.Fatalf("a restart with the same password: %v", err)
	}
	defer again.Stop(context.Background())
	db = again // query asks db
	if v, err := query(neo4j.BasicAuth("neo4j", "s3cret-pass", "")); err != nil || v != again.Version {
		t.Fatalf("after the restart, with the password: version %q, err %v", v, err)
	}
}

// TestSupervisorRestartsAfterACrash: the database serve starts comes back by itself
// on the same address, with its data, after its process dies (Neo4j exits on an
// OutOfMemoryError), and stays down once stopped.
func TestSupervisorRestartsAfterACrash(t *testing.T) {
	j := neo4jtest.LauncherJar(t)
	sup, err := embedded.Supervise(context.Background(), embedded.Options{Jar: j, DataDir: t.TempDir(), Heap: "512m", PageCache: "32m"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sup.Stop(context.Background()) }()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	d, err := neo4j.NewDriverWithContext(sup.URI, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	run := func(query string) (int64, error) {
		ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		res, err := neo4j.ExecuteQuery(ctx, d, query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
		if err != nil {
			return 0, err
		}
		n, _, err := neo4j.GetRecordValue[int64](res.Records[0], "n")
		return n, err
	}
	if _, err := run("CREATE (:Survivor) RETURN 1 AS n"); err != nil {
		t.Fatal(err)
	}

	embedded.Crash(sup)
	deadline := time.Now().Add(2 * time.Minute)
	for sup.Restarts() < 1 {
		if time.Now().After(deadline) {
			t.Fatal("not restarted within 2 minutes")
		}
		time.Sleep(200 * time.Millisecond)
	}
	n, err := run("MATCH (s:Survivor) RETURN count(s) AS n")
	if err != nil || n != 1 {
		t.Fatalf("after the restart, at %s: %d survivors, err %v", sup.URI, n, err)
	}

	if err := sup.Stop(context.Background()); err != nil {
		t.Fatalf("stop: %v", err)
	}
	time.Sleep(2 * time.Second)
	if sup.Restarts() != 1 {
		t.Fatalf("restarted after Stop: %d restarts", sup.Restarts())
	}
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(sup.URI, "bolt://"), time.Second); err == nil {
		c.Close()
		t.Fatal("the database still listens after Stop")
	}
}

// TestRunningIgnoresAStaleRecord: a data directory whose database was killed (SIGKILL
// leaves its running-uri behind) names no running database, since nothing holds its
// store's lock. Before, Running trusted the file and load wrote into whichever database
// answered at the recorded address. TestStartWithAuthQueryStop covers the record while one runs.
func TestRunningIgnoresAStaleRecord(t *testing.T) {
	data := t.TempDir()
	if err := os.MkdirAll(filepath.Join(data, "data", "databases"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "data", "databases", "store_lock"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "running-uri"), []byte("bolt://127.0.0.1:7687\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if uri, ok := embedded.Running(data); ok {
		t.Fatalf("Running = %q for a directory whose store nobody holds", uri)
	}
}
