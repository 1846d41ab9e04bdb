package main_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/embedded"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// runServe runs `newsgraph serve` with env added and returns what it printed on stderr
// once it exits, failing when it is still running after limit.
func runServe(t *testing.T, limit time.Duration, env ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, newsgraph(t), "serve")
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("serve still ran after %s; stderr:\n%s", limit, stderr.String())
	}
	if err == nil {
		t.Fatalf("serve exited 0; stderr:\n%s", stderr.String())
	}
	return stderr.String()
}

func takePort(t *testing.T) (net.Listener, int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, l.Addr().(*net.TCPAddr).Port
}

// TestServeRefusesATakenAddressFirst: an HTTP address already in use is reported with
// the setting that changes it, before the embedded Neo4j is started (it was found only
// after Neo4j's start-up, as "bind: address already in use", with "serving" logged).
// The launcher named here does not exist, so a serve that starts Neo4j first fails
// differently.
func TestServeRefusesATakenAddressFirst(t *testing.T) {
	_, port := takePort(t)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	out := runServe(t, 30*time.Second, "NEO4J_URI=", "NEWSGRAPH_ADDR="+addr,
		"NEWSGRAPH_NEO4J_JAR=/nonexistent/neo4j-embedded.jar", "NEWSGRAPH_NEO4J_DATA="+t.TempDir())
	for _, want := range []string{addr, "already in use", "NEWSGRAPH_ADDR"} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "msg=serving") {
		t.Errorf("serve said it was serving on an address it could not take:\n%s", out)
	}
}

// TestServeNamesTheBoltPortSetting: the embedded Neo4j's Bolt port already in use is
// reported with the environment variable that changes it (serve has no --port flag,
// which the launcher's own message suggested).
func TestServeNamesTheBoltPortSetting(t *testing.T) {
	jar := neo4jtest.LauncherJar(t)
	_, bolt := takePort(t)
	httpL, httpPort := takePort(t)
	httpL.Close() // free again for serve
	out := runServe(t, 90*time.Second, "NEO4J_URI=", "NEWSGRAPH_ADDR=127.0.0.1:"+strconv.Itoa(httpPort),
		"NEWSGRAPH_NEO4J_JAR="+jar, "NEWSGRAPH_NEO4J_DATA="+t.TempDir(), "NEWSGRAPH_NEO4J_PORT="+strconv.Itoa(bolt),
		"NEWSGRAPH_NEO4J_HEAP=256m", "NEWSGRAPH_NEO4J_PAGECACHE=16m")
	for _, want := range []string{"port " + strconv.Itoa(bolt), "already in use", "NEWSGRAPH_NEO4J_PORT"} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr does not say %q:\n%s", want, out)
		}
	}
}

// TestServeNamesTheDataDirectorySetting: a second serve on a data directory another
// embedded Neo4j has open says so, with the setting that chooses another directory,
// instead of relaying Neo4j's FileLockException about store_lock.
func TestServeNamesTheDataDirectorySetting(t *testing.T) {
	jar := neo4jtest.LauncherJar(t)
	data := t.TempDir()
	first, err := embedded.Start(context.Background(), embedded.Options{Jar: jar, DataDir: data, Heap: "256m", PageCache: "16m"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = first.Stop(context.Background()) }()
	httpL, httpPort := takePort(t)
	httpL.Close()
	boltL, bolt := takePort(t)
	boltL.Close()
	out := runServe(t, 120*time.Second, "NEO4J_URI=", "NEWSGRAPH_ADDR=127.0.0.1:"+strconv.Itoa(httpPort),
		"NEWSGRAPH_NEO4J_JAR="+jar, "NEWSGRAPH_NEO4J_DATA="+data, "NEWSGRAPH_NEO4J_PORT="+strconv.Itoa(bolt),
		"NEWSGRAPH_NEO4J_HEAP=256m", "NEWSGRAPH_NEO4J_PAGECACHE=16m")
	for _, want := range []string{data, "already open", first.URI, "NEWSGRAPH_NEO4J_DATA"} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr does not say %q:\n%s", want, out)
		}
	}
}

// TestServeRefusesATakenMetricsAddressFirst: like the page's address, the metrics'
// (NEWSGRAPH_METRICS_ADDR) is taken before the embedded Neo4j starts, and one in use is
// reported with its setting; so is the metrics address given as the page's own.
func TestServeRefusesATakenMetricsAddressFirst(t *testing.T) {
	httpL, httpPort := takePort(t)
	httpL.Close()
	addr := "127.0.0.1:" + strconv.Itoa(httpPort)
	_, metricsPort := takePort(t)
	metricsAddr := "127.0.0.1:" + strconv.Itoa(metricsPort)
	noNeo4j := []string{"NEO4J_URI=", "NEWSGRAPH_NEO4J_JAR=/nonexistent/neo4j-embedded.jar", "NEWSGRAPH_NEO4J_DATA=" + t.TempDir()}
	for _, tc := range []struct {
		name, metricsAddr string
		want              []string
	}{
		{"taken", metricsAddr, []string{metricsAddr, "already in use", "NEWSGRAPH_METRICS_ADDR"}},
		{"the page's address", addr, []string{addr, "NEWSGRAPH_METRICS_ADDR", "another address"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := runServe(t, 30*time.Second, append(noNeo4j, "NEWSGRAPH_ADDR="+addr, "NEWSGRAPH_METRICS_ADDR="+tc.metricsAddr)...)
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("stderr does not say %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "msg=serving") || strings.Contains(out, "starting embedded Neo4j") {
				t.Errorf("serve went on past an address it could not use:\n%s", out)
			}
		})
	}
}
