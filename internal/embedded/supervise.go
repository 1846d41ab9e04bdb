package embedded

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Supervisor keeps an embedded Neo4j running: when the process exits without being
// asked to (Neo4j exits on an OutOfMemoryError, -XX:+ExitOnOutOfMemoryError as its own
// packaging sets, and a single console query can exhaust the heap: docs/console.md),
// it starts it again on the same port and data, so that the driver reconnects and the
// API, which answers 503 meanwhile, recovers by itself.
type Supervisor struct {
	// URI is where the database answers, before and after any restart.
	URI string

	opts     Options
	mu       sync.Mutex
	current  *Instance
	stopping bool
	stop     chan struct{}
	done     chan struct{}
	restarts int // so far, for Restarts
}

// restartBackoff is how long the supervisor waits after a failed restart, doubling up
// to maxRestartBackoff.
const (
	restartBackoff    = time.Second
	maxRestartBackoff = 30 * time.Second
)

// Supervise starts the database (failing as Start does) and keeps it running until
// Stop or ctx ends.
func Supervise(ctx context.Context, o Options) (*Supervisor, error) {
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	if o.Port == 0 {
		// A restart must come back where the driver looks for it.
		p, err := FreePort(o.Host)
		if err != nil {
			return nil, err
		}
		o.Port = p
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	inst, err := Start(ctx, o)
	if err != nil {
		return nil, err
	}
	s := &Supervisor{URI: inst.URI, opts: o, current: inst,
		stop: make(chan struct{}), done: make(chan struct{})}
	go s.watch(ctx)
	return s, nil
}

func (s *Supervisor) watch(ctx context.Context) {
	defer close(s.done)
	for {
		s.mu.Lock()
		inst := s.current
		s.mu.Unlock()
		select {
		case <-s.stop:
			return
		case <-ctx.Done():
			return
		case <-inst.Exited():
		}
		s.mu.Lock()
		stopping := s.stopping
		s.mu.Unlock()
		if stopping || ctx.Err() != nil {
			return // a shutdown, not a crash
		}
		s.opts.Logger.Error("embedded Neo4j exited on its own; restarting it (the API answers 503 meanwhile)",
			"err", inst.err, "logs", inst.DataDir+"/logs")
		next := s.restart(ctx)
		if next == nil {
			return // stopping
		}
		s.mu.Lock()
		if s.stopping {
			s.mu.Unlock()
			_ = next.Stop(context.Background())
			return
		}
		s.current = next
		s.restarts++
		s.mu.Unlock()
	}
}

// restart starts the database again, retrying with backoff, until it runs or the
// supervisor stops (nil).
func (s *Supervisor) restart(ctx context.Context) *Instance {
	for wait := restartBackoff; ; wait = min(2*wait, maxRestartBackoff) {
		inst, err := Start(ctx, s.opts)
		if err == nil {
			return inst
		}
		if ctx.Err() != nil {
			return nil // shutting down: the start was cut short, which is no failure to report
		}
		s.opts.Logger.Error("embedded Neo4j did not restart; trying again", "err", err, "in", wait)
		select {
		case <-time.After(wait):
		case <-s.stop:
			return nil
		case <-ctx.Done():
			return nil
		}
	}
}

// Restarts is how many times the database has been restarted.
func (s *Supervisor) Restarts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.restarts
}

// Stop ends supervision and stops the database as Instance.Stop does.
func (s *Supervisor) Stop(ctx context.Context) error {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		<-s.done
		return nil
	}
	s.stopping = true
	close(s.stop)
	s.mu.Unlock()
	<-s.done
	s.mu.Lock()
	inst := s.current
	s.mu.Unlock()
	return inst.Stop(ctx)
}
