package main_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/embedded"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestServeInterruptedWhileNeo4jStarts presses Ctrl-C while serve is starting the
// embedded Neo4j: serve says it was interrupted (it said "context canceled" and exited
// 1, like a failure), exits 130 as a shell reports an interrupted command, and leaves no
// Neo4j behind on the Bolt port.
func TestServeInterruptedWhileNeo4jStarts(t *testing.T) {
	jar := neo4jtest.LauncherJar(t)
	boltPort, err := embedded.FreePort("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	httpPort, err := embedded.FreePort("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, newsgraph(t), "serve")
	cmd.Env = append(os.Environ(), "NEO4J_URI=", "NEWSGRAPH_NEO4J_JAR="+jar, "NEWSGRAPH_NEO4J_DATA="+t.TempDir(),
		"NEWSGRAPH_NEO4J_PORT="+strconv.Itoa(boltPort), "NEWSGRAPH_ADDR=127.0.0.1:"+strconv.Itoa(httpPort))
	// While Neo4j starts, the server answers: alive, and not ready, saying why. Before,
	// it took connections and answered them only once Neo4j was up, 15-20 s later.
	var whileStarting []string
	printed, err := interruptOnce(t, cmd, func(line string) bool {
		if !strings.Contains(line, "starting embedded Neo4j") {
			return false
		}
		client := http.Client{Timeout: 2 * time.Second}
		for _, path := range []string{"/healthz", "/readyz"} {
			res, err := client.Get("http://127.0.0.1:" + strconv.Itoa(httpPort) + path)
			if err != nil {
				whileStarting = append(whileStarting, fmt.Sprintf("%s: %v", path, err))
				continue
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			whileStarting = append(whileStarting, fmt.Sprintf("%s: %d %s", path, res.StatusCode, body))
		}
		return true
	})
	if len(whileStarting) != 2 || !strings.HasPrefix(whileStarting[0], "/healthz: 200") ||
		!strings.HasPrefix(whileStarting[1], "/readyz: 503") || !strings.Contains(whileStarting[1], "starting the embedded Neo4j") {
		t.Errorf("while Neo4j started, the server answered %q; want /healthz 200 and /readyz 503 saying why", whileStarting)
	}
	if ctx.Err() != nil {
		t.Fatalf("serve still ran 2 minutes after Ctrl-C; stderr:\n%s", printed)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit %v, want status 130; stderr:\n%s", err, printed)
	}
	if !strings.Contains(printed, "newsgraph: interrupted") || strings.Contains(printed, "context canceled") {
		t.Errorf("stderr should say it was interrupted, and not \"context canceled\":\n%s", printed)
	}
	if conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(boltPort), time.Second); err == nil {
		conn.Close()
		t.Errorf("something still listens on the embedded Neo4j's Bolt port %d after serve exited", boltPort)
	}
}

// TestLoadInterrupted presses Ctrl-C in the middle of a load: load says that it was
// interrupted and that nothing changed (it said "The request was cancelled."), exits
// 130, and the database holds exactly what it held before.
func TestLoadInterrupted(t *testing.T) {
	neo4jtest.URI(t)
	neo4jtest.Reset(t)
	if _, stderr, exit := runLoad(t); exit != 0 {
		t.Fatalf("loading the built-in dataset: exit %d\n%s", exit, stderr)
	}
	before := dbState(t)
	// 5,000 entities one per statement: seconds of work, interrupted after the first.
	var yaml strings.Builder
	yaml.WriteString("dataset: many\ndescription: many entities\nsources:\n  - id: src-many\n    headline: Many\n    kind: article\nentities:\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&yaml, "  - id: many-%d\n    kind: Organization\n    name: Entity %d\n", i, i)
	}
	file := filepath.Join(t.TempDir(), "many.yaml")
	if err := os.WriteFile(file, []byte(yaml.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(newsgraph(t), "load", "-batch", "1", file)
	cmd.Env = append(os.Environ(), "NEWSGRAPH_LOG_LEVEL=error")
	printed, err := interruptOnce(t, cmd, func(line string) bool { return strings.HasPrefix(line, "load: entities 1/") })
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit %v, want status 130; stderr:\n%s", err, lastLines(printed, 5))
	}
	if !strings.Contains(printed, "newsgraph: load interrupted; nothing was changed") {
		t.Errorf("stderr should say the load was interrupted and changed nothing:\n%s", lastLines(printed, 5))
	}
	if dbState(t) != before {
		t.Error("the interrupted load changed the database")
	}
}

// lastLines is the end of a long output.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// interruptOnce starts cmd, sends it SIGINT at the first line it prints on stderr
// for which at is true, and returns all it printed there and how it exited.
func interruptOnce(t *testing.T, cmd *exec.Cmd, at func(line string) bool) (string, error) {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var printed strings.Builder
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		printed.WriteString(lines.Text() + "\n")
		if at(lines.Text()) {
			break
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() {
		printed.WriteString(lines.Text() + "\n")
	}
	return printed.String(), cmd.Wait()
}

// TestLoadInterruptedWhileChecking presses Ctrl-C at the first progress line of the
// check of a large file, before anything is written: load says so, exits 130, and
// shows no more of the check (it runs on in the background until the process exits).
func TestLoadInterruptedWhileChecking(t *testing.T) {
	// 40 MB checks in 5 to 15 s on the development machine; the first line comes
	// after 1 s of it.
	var yaml strings.Builder
	yaml.WriteString("dataset: big\nsources: []\nentities:\n")
	for i := 0; yaml.Len() < 40<<20; i++ {
		fmt.Fprintf(&yaml, "  - id: e-%d\n    kind: Organization\n    name: Entity number %d\n", i, i)
	}
	file := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(file, []byte(yaml.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(newsgraph(t), "load", file)
	// Nothing listens there: were the check to end, the load would fail, never write.
	cmd.Env = append(os.Environ(), "NEO4J_URI=bolt://127.0.0.1:1", "NEWSGRAPH_LOG_LEVEL=error")
	printed, err := interruptOnce(t, cmd, func(line string) bool { return strings.HasPrefix(line, "load: reading "+file+" ") })
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit %v, want status 130; stderr:\n%s", err, printed)
	}
	want := "load interrupted while checking the dataset files; nothing was loaded\n"
	if !strings.HasSuffix(printed, want) {
		t.Errorf("stderr should end saying the check was interrupted:\n%s", printed)
	}
	if !regexp.MustCompile(`^load: reading \S+ \d+\.\d/40\.0 MB\n`).MatchString(printed) {
		t.Errorf("stderr should start with a progress line of the check:\n%s", printed)
	}
}

// TestNeo4jCommandInterrupted presses Ctrl-C while `neo4j -- CMD` runs CMD: as the
// README says, it passes the interrupt on, stops Neo4j once CMD has ended and exits
// 130, whether CMD died of the interrupt (it exited 255, os.Exit(-1)) or caught it and
// exited with a status of its own.
func TestNeo4jCommandInterrupted(t *testing.T) {
	jar := neo4jtest.LauncherJar(t)
	for name, script := range map[string]string{
		"killed by the interrupt": "echo running >&2; exec sleep 60",
		"catching it":             "trap 'exit 3' INT; echo running >&2; while :; do sleep 0.1; done",
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, newsgraph(t), "neo4j", "-data", t.TempDir(), "--", "bash", "-c", script)
			cmd.Env = append(os.Environ(), "NEWSGRAPH_NEO4J_JAR="+jar)
			printed, err := interruptOnce(t, cmd, func(line string) bool { return line == "running" })
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 130 {
				t.Errorf("exit %v, want 130:\n%s", err, printed)
			}
		})
	}
}
