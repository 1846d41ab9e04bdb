package graphgen_test

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/graphgen"
)

// TestFlagsRefuse: `newsgraph generate 1000` ran the default 100,000-node graph,
// `--edges-per-node 0` and `--sources 0` silently became 3 and 500, and `--dataset
// "Bad Name!"` wrote ids like "Bad Name!-src-00000". Each is refused, naming the flag.
func TestFlagsRefuse(t *testing.T) {
	tests := []struct {
		args []string
		says string
	}{
		{[]string{"1000"}, `generate takes no arguments, only flags: "1000" is not one`},
		{[]string{"--nodes", "50", "extra"}, `"extra" is not one`},
		{[]string{"--edges-per-node", "0"}, "--edges-per-node must be at least 1, got 0"},
		{[]string{"--sources", "0"}, "--sources must be at least 1, got 0"},
		{[]string{"--sources", "-3"}, "--sources must be at least 1, got -3"},
		{[]string{"--nodes", "-1"}, "--nodes must be at least 5 (--edges-per-node + 2), got -1"},
		{[]string{"--hub-degree", "-1"}, "--hub-degree must be at least 0, got -1"},
		{[]string{"--dataset", "Bad Name!"}, `--dataset "Bad Name!" must be kebab-case`},
		{[]string{"--dataset", strings.Repeat("x", 201)}, "--dataset: a dataset name has at most 200 bytes"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fs := flag.NewFlagSet("generate", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			config := graphgen.Flags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			c, err := config()
			if err == nil || domain.ErrorCodeOf(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(err), tt.says) {
				t.Errorf("got %+v, %v; want an %s error saying %q", c, err, domain.EInvalid, tt.says)
			}
		})
	}
	// The defaults and a small valid graph pass, as given.
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	config := graphgen.Flags(fs)
	if err := fs.Parse([]string{"--nodes", "60", "--hub-degree", "5", "--edges-per-node", "1", "--sources", "2", "--dataset", "small-one", "--seed", "7"}); err != nil {
		t.Fatal(err)
	}
	c, err := config()
	if want := (graphgen.Config{Nodes: 60, HubDegree: 5, EdgesPerNode: 1, Sources: 2, Seed: 7, Dataset: "small-one"}); err != nil || c != want {
		t.Errorf("got %+v, %v; want %+v", c, err, want)
	}
}

// TestGenerateRefusesABadDatasetName: Generate is also called without the flags.
func TestGenerateRefusesABadDatasetName(t *testing.T) {
	_, err := graphgen.Generate(graphgen.Config{Nodes: 100, Dataset: "Bad Name!"})
	if domain.ErrorCodeOf(err) != domain.EInvalid {
		t.Errorf("err = %v, want an %s error", err, domain.EInvalid)
	}
}
