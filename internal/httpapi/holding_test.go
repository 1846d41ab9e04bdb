package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestTimeoutWhileNotReadySaysSo: a query that runs out of time while the server is not
// ready (Neo4j back after a restart, planning every query again) says that, not "narrow
// the query", which blamed the request for the database's warm-up.
func TestTimeoutWhileNotReadySaysSo(t *testing.T) {
	store := neo4jtest.Store(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := httpapi.New(httpapi.Options{Store: store, Logger: log, RequestTimeout: 1500 * time.Millisecond})
	api.Hold("planning the API's queries on the database")
	status, out, body := postCypher(t, conforming(api.Handler()),
		"UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a * b = -1 RETURN count(*) AS n", nil, nil)
	if status != http.StatusGatewayTimeout {
		t.Fatalf("status %d, want 504: %s", status, body)
	}
	if detail := str(out["detail"]); !strings.Contains(detail, "not ready yet (planning the API's queries on the database)") || strings.Contains(detail, "narrow") {
		t.Errorf("detail %q", detail)
	}
}
