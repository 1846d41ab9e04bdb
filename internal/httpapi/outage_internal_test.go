package httpapi

import (
	"testing"
	"time"
)

// TestUnavailableWarningsAreRateLimited: while Neo4j stays away, a 503 is logged as a
// warning once every unavailableEvery, counting the ones in between; one warning per
// 503 wrote 60 MB of log in a 50-second outage.
func TestUnavailableWarningsAreRateLimited(t *testing.T) {
	var s Server
	t0 := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	steps := []struct {
		after   time.Duration
		warn    bool
		earlier int
	}{
		{0, true, 0},
		{time.Second, false, 0},
		{2 * time.Second, false, 0},
		{unavailableEvery + time.Second, true, 2},
		{unavailableEvery + 2*time.Second, false, 0},
	}
	for _, st := range steps {
		warn, earlier := s.unavailableWarning(t0.Add(st.after))
		if warn != st.warn || earlier != st.earlier {
			t.Errorf("a 503 after %s: warn %v with %d earlier, want %v with %d", st.after, warn, earlier, st.warn, st.earlier)
		}
	}
}
