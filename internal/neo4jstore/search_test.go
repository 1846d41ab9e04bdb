package neo4jstore_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

func TestLuceneQuery(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Mercor", "(mercor^4 OR mercor*^2 OR mercor~1)"},
		{"AI", "(ai^4 OR ai*^2)"},
		{"Núñez", "(nunez^4 OR nunez*^2 OR nunez~1)"},
		{"Bakayevv", "(bakayevv^4 OR bakayevv*^2 OR bakayevv~2)"},
		{"scale AND (ai", "(scale^4 OR scale*^2 OR scale~1) OR (and^4 OR and*^2) OR (ai^4 OR ai*^2) OR (+scale* +and* +ai*)^8"},
		{`name:x~9^3 "*"`, "(name^4 OR name*^2 OR name~1) OR (+name* +3*)^8"},
		{"Eugene Ling's drive", "(eugene^4 OR eugene*^2 OR eugene~1) OR (ling^4 OR ling*^2 OR ling~1) OR (drive^4 OR drive*^2 OR drive~1) OR (+eugene* +ling* +drive*)^8"},
		{"customer a", "(customer^4 OR customer*^2 OR customer~2) OR (+customer* +a*)^8"},
		{"a", "(a^4 OR a*^2)"},
		{"Carrie-Anne", "(carrie^4 OR carrie*^2 OR carrie~1) OR (anne^4 OR anne*^2 OR anne~1) OR (+carrie* +anne*)^8"},
		{"  !?* ", ""},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			if got := neo4jstore.LuceneQuery(tc.in); got != tc.want {
				t.Fatalf("LuceneQuery(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestLuceneQueryConcurrent: searches run at once must not share state. A transformer
// shared by all requests once panicked and gave one search another's words.
func TestLuceneQueryConcurrent(t *testing.T) {
	inputs := []string{"Mércor", "Scálé AI", "midha", "Bakayev", "Núñez-García", "ling", "Meta TBD Labs", "Ëugène"}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i] = neo4jstore.LuceneQuery(in)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3000 {
				k := (g + i) % len(inputs)
				if got := neo4jstore.LuceneQuery(inputs[k]); got != want[k] {
					select {
					case errs <- fmt.Sprintf("%q gave %q, want %q", inputs[k], got, want[k]):
					default:
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
