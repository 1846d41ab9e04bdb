// Package embedded starts and stops the Neo4j that runs in-process in a small Java
// launcher (neo4j-embedded/, built by Maven) on machines without Docker. It is the one
// place that does so: `newsgraph serve` uses it when NEO4J_URI is unset, and
// `newsgraph neo4j` uses it for `make test`'s throwaway database.
package embedded

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Options say where and how to start the database.
type Options struct {
	Jar       string // neo4j-embedded/target/neo4j-embedded.jar
	DataDir   string // store and logs; created when missing
	Host      string // default 127.0.0.1
	Port      int    // 0 picks a free port
	Heap      string // JVM -Xmx, e.g. "1g"
	PageCache string // e.g. "256m"
	// PasswordEnv names an environment variable holding a password; when set, auth is
	// on and the neo4j user gets that password. The value never appears in argv.
	PasswordEnv string
	// PortSetting names how the user chooses another port (an environment variable, a
	// flag), for the error when Port is taken; default "choose another port".
	PortSetting string
	// DataSetting names how the user chooses another data directory, for the error when
	// another process holds DataDir; default "choose another data directory".
	DataSetting  string
	Java         string        // default "java" from PATH
	StartTimeout time.Duration // default 120s
	Logger       *slog.Logger
}

// Instance is a running embedded Neo4j.
type Instance struct {
	URI     string
	Version string
	DataDir string

	cmd    *exec.Cmd
	exited chan struct{}
	err    error // set before exited closes
	logger *slog.Logger
}

var readyLine = regexp.MustCompile(`^READY (\S+) neo4j=(\S+)`)

// Start launches the database and returns once Bolt accepts connections, or with the
// launcher's own explanation when it refuses to start (port taken, Java too old).
func Start(ctx context.Context, o Options) (*Instance, error) {
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	if o.Java == "" {
		o.Java = "java"
	}
	if o.StartTimeout == 0 {
		o.StartTimeout = 120 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Heap == "" {
		o.Heap = "1g"
	}
	if o.PageCache == "" {
		o.PageCache = "256m"
	}
	if _, err := os.Stat(o.Jar); err != nil {
		return nil, missingLauncher(o.Jar)
	}
	if err := CheckJava(o.Java); err != nil {
		return nil, err
	}
	if o.Port == 0 {
		p, err := FreePort(o.Host)
		if err != nil {
			return nil, err
		}
		o.Port = p
	} else if err := portFree(o.Host, o.Port, o.PortSetting); err != nil {
		// Found before a JVM starts, and said with the setting that changes the port.
		return nil, err
	}
	dataDir, err := filepath.Abs(o.DataDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dataDir, "logs"), 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	args := []string{
		"-Xms" + o.Heap, "-Xmx" + o.Heap,
		"-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
		// As Neo4j's own neo4j.conf sets: without it, once the JIT has compiled a path
		// that throws often, the exception comes without its message. Neo4j's parser
		// throws one to place a syntax error after an emoji; after about 300 of them
		// the message was null, Bolt could not encode the error, and every later such
		// query hung its connection until the client's timeout.
		"-XX:-OmitStackTraceInFastThrow",
		"-jar", o.Jar,
		"--data", dataDir,
		"--host", o.Host,
		"--port", strconv.Itoa(o.Port),
		"--pagecache", o.PageCache,
	}
	if o.PasswordEnv != "" {
		args = append(args, "--password-env", o.PasswordEnv)
	}
	cmd := exec.Command(o.Java, args...)
	cmd.SysProcAttr = childAttrs()
	// The launcher's own output after READY is rare (Neo4j logs to files under the data
	// directory); keep it in a file too so it never mixes with the server's logs.
	logFile, err := os.OpenFile(filepath.Join(dataDir, "logs", "launcher.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = io.MultiWriter(logFile, &lockedWriter{w: &stderr})
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		logFile.Close()
		return nil, err
	}
	o.Logger.Info("starting embedded Neo4j", "data", dataDir, "port", o.Port, "heap", o.Heap, "pagecache", o.PageCache)
	started := time.Now()
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start %s: %w", o.Java, err)
	}
	inst := &Instance{cmd: cmd, exited: make(chan struct{}), DataDir: dataDir, logger: o.Logger}
	ready := make(chan [2]string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logFile, line)
			if m := readyLine.FindStringSubmatch(line); m != nil {
				ready <- [2]string{m[1], m[2]}
			}
		}
	}()
	go func() {
		inst.err = cmd.Wait()
		logFile.Close()
		if inst.URI != "" {
			_ = os.Remove(filepath.Join(dataDir, runningFile))
		}
		close(inst.exited)
	}()

	timer := time.NewTimer(o.StartTimeout)
	defer timer.Stop()
	select {
	case r := <-ready:
		inst.URI, inst.Version = r[0], r[1]
		if err := os.WriteFile(filepath.Join(dataDir, runningFile), []byte(inst.URI+"\n"), 0o644); err != nil {
			o.Logger.Warn("could not record the running database's URI", "err", err)
		}
		o.Logger.Info("embedded Neo4j ready", "uri", inst.URI, "version", inst.Version, "took", time.Since(started).Round(time.Millisecond))
		return inst, nil
	case <-inst.exited:
		msg := strings.TrimSpace(lastLines(stderr.String(), 5))
		if strings.Contains(msg, "store_lock") || strings.Contains(msg, "FileLockException") {
			return nil, dataDirTaken(dataDir, o.DataSetting)
		}
		if msg == "" {
			msg = fmt.Sprintf("exited (%v); see %s", inst.err, filepath.Join(dataDir, "logs"))
		}
		return nil, errors.New(msg)
	case <-timer.C:
		_ = inst.Stop(context.Background())
		return nil, fmt.Errorf("embedded Neo4j did not become ready within %s; see %s", o.StartTimeout, filepath.Join(dataDir, "logs", "debug.log"))
	case <-ctx.Done():
		_ = inst.Stop(context.Background())
		return nil, ctx.Err()
	}
}

// runningFile, in the data directory, holds the URI of the database serving it while it
// runs, so that another command (`newsgraph load` beside `make run`) can use that
// database instead of failing to open the same data a second time.
const runningFile = "running-uri"

// Running returns the URI that dataDir's database recorded when it became ready, if
// the file is there and a process holds the store's lock. A process killed with SIGKILL
// leaves the file behind; trusting it alone, load wrote into whichever database answered
// at that address afterwards (another Neo4j on 7687 after a reboot).
func Running(dataDir string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(dataDir, runningFile))
	uri := strings.TrimSpace(string(b))
	if err != nil || uri == "" || !storeLocked(filepath.Join(dataDir, "data", "databases", "store_lock")) {
		return "", false
	}
	return uri, true
}

// Exited is closed when the database process ends, for whatever reason.
func (i *Instance) Exited() <-chan struct{} { return i.exited }

// Stop asks Neo4j to shut down cleanly (SIGTERM runs its shutdown hook) and kills it if
// it has not finished when ctx ends or after 60 seconds.
func (i *Instance) Stop(ctx context.Context) error {
	select {
	case <-i.exited:
		return nil
	default:
	}
	_ = i.cmd.Process.Signal(syscall.SIGTERM)
	grace := time.NewTimer(60 * time.Second)
	defer grace.Stop()
	select {
	case <-i.exited:
		i.logger.Info("embedded Neo4j stopped")
		return nil
	case <-ctx.Done():
	case <-grace.C:
	}
	_ = i.cmd.Process.Kill()
	<-i.exited
	return errors.New("embedded Neo4j did not stop in time and was killed")
}

// dataDirTaken explains Neo4j's store lock: another database (a serve, load or neo4j
// started on the same directory) has it open, and says where that one answers when it
// recorded its URI.
func dataDirTaken(dataDir, setting string) error {
	if setting == "" {
		setting = "choose another data directory"
	}
	where := ""
	if uri, ok := Running(dataDir); ok {
		where = " (it recorded " + uri + ")"
	}
	return fmt.Errorf("embedded Neo4j: the data directory %s is already open in another Neo4j process%s, such as another newsgraph serve, load or neo4j; stop it, or %s", dataDir, where, setting)
}

// portFree fails, naming the port and setting (how to choose another), when something
// already listens on host:port.
func portFree(host string, port int, setting string) error {
	l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err == nil {
		return l.Close()
	}
	if setting == "" {
		setting = "choose another port"
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("embedded Neo4j: Bolt port %d on %s is already in use; stop the process that uses it, or %s", port, host, setting)
	}
	return fmt.Errorf("embedded Neo4j: cannot use Bolt port %d on %s (%v); %s", port, host, err, setting)
}

// FreePort asks the kernel for a port that is free right now on host.
func FreePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

var javaVersion = regexp.MustCompile(`version "(\d+)(?:\.(\d+))?`)

// CheckJava fails with what to install when java is missing or older than 17.
func CheckJava(java string) error {
	out, err := exec.Command(java, "-version").CombinedOutput()
	if err != nil {
		return fmt.Errorf("the embedded Neo4j needs Java 17 or newer, and %q did not run (%v); install openjdk-17-jre-headless or set NEO4J_URI to an existing Neo4j", java, err)
	}
	m := javaVersion.FindSubmatch(out)
	if m == nil {
		return fmt.Errorf("could not read the Java version from %q", strings.TrimSpace(string(out)))
	}
	major, _ := strconv.Atoi(string(m[1]))
	if major == 1 && len(m[2]) > 0 { // "1.8.0" style
		major, _ = strconv.Atoi(string(m[2]))
	}
	if major < 17 {
		return fmt.Errorf("the embedded Neo4j 5.26 needs Java 17 or newer, and %q is Java %d (install openjdk-17-jre-headless)", java, major)
	}
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// missingLauncher says where the launcher was looked for and how to fix it. The default
// path is relative to the working directory: run from outside the repository, a built
// launcher is not found, and "build it" alone sent people to build it again.
func missingLauncher(jar string) error {
	where := jar
	if abs, err := filepath.Abs(jar); err == nil && abs != jar {
		where = fmt.Sprintf("%s (%s, relative to the working directory)", jar, abs)
	}
	return fmt.Errorf("embedded Neo4j launcher %s is missing: run newsgraph from the repository's top directory "+
		"or set NEWSGRAPH_NEO4J_JAR to the launcher's path; if it was never built, `make neo4j-embedded` builds it "+
		"(needs Maven and Java 17)", where)
}
