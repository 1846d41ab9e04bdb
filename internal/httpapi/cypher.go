package httpapi

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// ConsoleSlots is how many console queries run at once unless Options.ConsoleSlots
// says otherwise. Each may hold a Neo4j worker for the whole request timeout, so on a
// small machine a handful is plenty; the rest wait briefly, then get a 503 with
// Retry-After rather than queue without end. The same number bounds the console
// queries Neo4j may still be computing after their 504 (ConsoleQuery.MaxRunning).
const ConsoleSlots = 4

// consoleWait is how long a console query waits for a slot.
const consoleWait = 2 * time.Second

// cypherRequest is the body of POST /api/cypher.
type cypherRequest struct {
	Query string `json:"query"`
	// Params are JSON values; integral numbers become integers and {"$type": ...}
	// objects the Neo4j values they describe (neo4jstore.ParamsFromJSON).
	Params map[string]any `json:"params"`
	// Limit is a pointer so that an explicit 0 is refused rather than taken as the
	// default.
	Limit *consoleLimit `json:"limit"`
}

// consoleLimit is the console's row cap as sent: any integral JSON number counts, as
// JSON Schema's "integer" (the OpenAPI document's) has it, 1e3 and 1000.0 as well as
// 1000, and the number's text is kept so that one beyond a float's range (1e400) is
// told the allowed range like any other, in its own words. (A json.Number would take
// the string "10" too.)
type consoleLimit struct {
	value float64 // ±Inf or 0 beyond a float's range
	text  string
}

func (l *consoleLimit) UnmarshalJSON(b []byte) error {
	// Anything but a number is refused as encoding/json refuses it for a float, which
	// names the field and words the problem as for any other.
	switch b[0] {
	case '"':
		return &json.UnmarshalTypeError{Value: "string", Type: reflect.TypeFor[float64]()}
	case 't', 'f':
		return &json.UnmarshalTypeError{Value: "bool", Type: reflect.TypeFor[float64]()}
	case '{':
		return &json.UnmarshalTypeError{Value: "object", Type: reflect.TypeFor[float64]()}
	case '[':
		return &json.UnmarshalTypeError{Value: "array", Type: reflect.TypeFor[float64]()}
	}
	l.text = string(b)
	l.value, _ = strconv.ParseFloat(l.text, 64)
	return nil
}

// cypherRoutes registers the public, read-only Cypher console.
func (s *Server) cypherRoutes(api *gin.RouterGroup) {
	slots := make(chan struct{}, s.consoleSlots)
	api.POST("/cypher", s.cypher(slots))
}

// cypher runs an ad-hoc query for anyone: the store refuses anything that is not a
// bounded read (403 with the reason), and answers rows, a graph of the nodes and
// relationships they hold, and whether the row cap cut the answer short.
func (s *Server) cypher(slots chan struct{}) gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.consoleOff {
			s.problem(c, domain.Errorf(domain.ERefused,
				"The Cypher console is turned off on this server (NEWSGRAPH_CONSOLE_SLOTS=0); the rest of the API answers as usual."))
			return
		}
		var req cypherRequest
		if err := s.decodeJSON(c, &req); err != nil {
			s.problem(c, err)
			return
		}
		q := neo4jstore.ConsoleQuery{Query: req.Query, Limit: neo4jstore.ConsoleDefaultLimit}
		if req.Limit != nil {
			f := req.Limit.value
			if f != math.Trunc(f) || f < 1 || f > neo4jstore.ConsoleMaxLimit {
				var value any = f
				if math.IsInf(f, 0) {
					value = shown(req.Limit.text)
				}
				s.problem(c, &domain.Error{Code: domain.EInvalid,
					Message: fmt.Sprintf("limit must be an integer from 1 to %d, got %s.", neo4jstore.ConsoleMaxLimit, shown(req.Limit.text)),
					Fields:  map[string]any{"parameter": "limit", "value": value, "min": 1, "max": neo4jstore.ConsoleMaxLimit}})
				return
			}
			q.Limit = int(f)
		}
		params, err := neo4jstore.ParamsFromJSON(req.Params)
		if err != nil {
			s.problem(c, err)
			return
		}
		q.Params = params

		ctx, cancel := s.ctx(c)
		defer cancel()
		wait := time.NewTimer(consoleWait)
		defer wait.Stop()
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		case <-wait.C:
			s.problem(c, domain.Errorf(domain.EUnavailable, "The console is busy with other queries; try again in a few seconds."))
			return
		case <-ctx.Done():
			s.problem(c, domain.Errorf(domain.ETimeout, "The request ran out of time waiting for the console."))
			return
		}

		// A query that outran its time limit inside one expression keeps a Neo4j worker
		// busy after its 504; counting those too keeps a client from piling them up.
		q.MaxRunning = cap(slots)
		res, err := s.store.Console(ctx, q)
		if err != nil {
			s.problem(c, err)
			return
		}
		s.ok(c, res)
	}
}
