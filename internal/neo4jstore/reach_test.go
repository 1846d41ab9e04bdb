package neo4jstore_test

import (
	"context"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestReadsFailFastWhileNeo4jIsOutOfReach puts a switchable proxy between the store and
// the real database. The first read after Neo4j goes away retries, as it must for a
// connection lost in passing; once a read has given up, the next ones try once and
// fail at once, so that the page gets its 503 without waiting out the retries. The
// first read after Neo4j returns answers, and a later outage is retried again.
func TestReadsFailFastWhileNeo4jIsOutOfReach(t *testing.T) {
	neo4jtest.Reset(t)
	o := neo4jtest.Options(t)
	p := newSwitchProxy(t, o.URI)
	o.URI = "bolt://" + p.addr()
	store, err := neo4jstore.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	ctx := context.Background()
	read := func() error { _, err := store.ServerVersion(ctx); return err }

	if err := read(); err != nil {
		t.Fatalf("through the open proxy: %v", err)
	}
	// attempts counts the connections a read opened while the proxy refuses them.
	attempts := func(call func() error) int64 {
		t.Helper()
		before := p.refused.Load()
		if err := call(); domain.ErrorCodeOf(err) != domain.EUnavailable {
			t.Fatalf("with Neo4j out of reach: %v, want unavailable", err)
		}
		return p.refused.Load() - before
	}

	p.setDown(true)
	if n := attempts(read); n < 2 {
		t.Fatalf("the first read after Neo4j went away tried %d time(s); it should retry", n)
	}
	for i := 0; i < 3; i++ {
		if n := attempts(read); n != 1 {
			t.Fatalf("read %d while Neo4j is known out of reach tried %d times, want 1", i+2, n)
		}
	}

	p.setDown(false)
	if err := read(); err != nil {
		t.Fatalf("the first read after Neo4j came back: %v", err)
	}
	p.setDown(true)
	if n := attempts(read); n < 2 {
		t.Fatalf("after Neo4j answered again, a new outage was tried %d time(s); it should retry", n)
	}

	// A failed ping counts as knowing, as serve pings every few seconds; a ping that
	// reaches Neo4j clears it.
	p.setDown(false)
	if err := store.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	p.setDown(true)
	if err := store.Ping(ctx); domain.ErrorCodeOf(err) != domain.EUnavailable {
		t.Fatalf("ping with Neo4j out of reach: %v", err)
	}
	if n := attempts(read); n != 1 {
		t.Fatalf("a read after a failed ping tried %d times, want 1", n)
	}
}

// TestAFrozenNeo4jIsUnavailableAtOnce: a Neo4j that keeps its connections but stops
// answering (SIGSTOP, a partition) is found by the ping; reads then answer 503 at once
// instead of each waiting for a connection, a query already waiting runs out of time
// as a 503 ("does not answer"), not a 504 telling the client to narrow it, and the
// first ping that Neo4j answers lets reads through again.
func TestAFrozenNeo4jIsUnavailableAtOnce(t *testing.T) {
	o := neo4jtest.Options(t)
	p := newSwitchProxy(t, o.URI)
	o.URI = "bolt://" + p.addr()
	o.QueryTimeout = 5 * time.Second
	store, err := neo4jstore.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.frozen.Store(false); _ = store.Close(context.Background()) })
	ctx := context.Background()
	read := func() error { _, err := store.ServerVersion(ctx); return err }
	if err := read(); err != nil {
		t.Fatalf("through the open proxy: %v", err)
	}

	p.frozen.Store(true)
	waiting := make(chan error, 1)
	go func() { waiting <- read() }() // under way when Neo4j stops answering
	if err := store.Ping(ctx); domain.ErrorCodeOf(err) != domain.EUnavailable {
		t.Fatalf("ping of a frozen Neo4j: %v", err)
	}
	start := time.Now()
	if err := read(); domain.ErrorCodeOf(err) != domain.EUnavailable || time.Since(start) > time.Second {
		t.Errorf("a read once the ping found Neo4j frozen: %v after %s, want unavailable at once", err, time.Since(start))
	}
	if err := <-waiting; domain.ErrorCodeOf(err) != domain.EUnavailable || !strings.Contains(domain.ErrorMessageOf(err), "does not answer") {
		t.Errorf("the read under way: %v (%s), want unavailable: Neo4j does not answer", err, domain.ErrorCodeOf(err))
	}

	p.frozen.Store(false)
	if err := store.Ping(ctx); err != nil {
		t.Fatalf("ping after Neo4j answers again: %v", err)
	}
	if err := read(); err != nil {
		t.Errorf("a read after Neo4j answers again: %v", err)
	}
}

// switchProxy forwards TCP connections to Neo4j, or, while down, drops the connections
// it holds and closes every new one at once: Neo4j gone, as the driver sees it.
type switchProxy struct {
	ln      net.Listener
	target  string
	down    atomic.Bool
	frozen  atomic.Bool  // holds every byte, both ways, as a stopped process would
	refused atomic.Int64 // connections closed at once while down
	mu      sync.Mutex
	open    map[net.Conn]bool
}

func newSwitchProxy(t *testing.T, uri string) *switchProxy {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &switchProxy{ln: ln, target: u.Host, open: map[net.Conn]bool{}}
	t.Cleanup(func() { _ = ln.Close(); p.setDown(true) })
	go p.serve()
	return p
}

func (p *switchProxy) addr() string { return p.ln.Addr().String() }

func (p *switchProxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		if p.down.Load() {
			p.refused.Add(1)
			_ = client.Close()
			continue
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		p.track(client, server)
		go p.pipe(client, server)
		go p.pipe(server, client)
	}
}

func (p *switchProxy) track(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		p.open[c] = true
	}
}

func (p *switchProxy) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		for p.frozen.Load() {
			time.Sleep(10 * time.Millisecond)
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	_ = dst.Close()
	_ = src.Close()
}

// setDown switches the proxy; going down closes the connections the driver pools.
func (p *switchProxy) setDown(down bool) {
	p.down.Store(down)
	if !down {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.open {
		_ = c.Close()
		delete(p.open, c)
	}
}
