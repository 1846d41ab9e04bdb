package graphgen

import (
	"flag"

	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Flags defines `newsgraph generate`'s flags on fs. Once fs has parsed the command's
// arguments, the function it returns gives the Config they describe, or an EInvalid
// error naming the flag at fault. Values are taken as given: a zero Config field picks
// a default, so `--sources 0` would otherwise have become 500 without a word.
func Flags(fs *flag.FlagSet) func() (Config, error) {
	nodes := fs.Int("nodes", 100_000, "entity nodes, the hub included")
	hub := fs.Int("hub-degree", 50_000, "relationships on the hub node ("+HubID+" in the default dataset)")
	edges := fs.Int("edges-per-node", 3, "preferential-attachment edges each new node adds (at least 1)")
	sources := fs.Int("sources", 500, "Source nodes the relationships cite (at least 1)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same graph")
	name := fs.String("dataset", DefaultDataset, "dataset property of every generated node and relationship (kebab-case)")
	return func() (Config, error) {
		if fs.NArg() > 0 {
			return Config{}, domain.Errorf(domain.EInvalid, "generate takes no arguments, only flags: %q is not one (the number of entities is --nodes N)", fs.Arg(0))
		}
		switch {
		case *edges < 1:
			return Config{}, domain.Errorf(domain.EInvalid, "--edges-per-node must be at least 1, got %d", *edges)
		case *sources < 1:
			return Config{}, domain.Errorf(domain.EInvalid, "--sources must be at least 1, got %d", *sources)
		case *nodes < *edges+2:
			return Config{}, domain.Errorf(domain.EInvalid, "--nodes must be at least %d (--edges-per-node + 2), got %d", *edges+2, *nodes)
		case *hub < 0:
			return Config{}, domain.Errorf(domain.EInvalid, "--hub-degree must be at least 0, got %d", *hub)
		}
		if err := checkDataset("--dataset", *name); err != nil {
			return Config{}, err
		}
		return Config{Nodes: *nodes, HubDegree: *hub, EdgesPerNode: *edges, Sources: *sources, Seed: *seed, Dataset: *name}, nil
	}
}

// checkDataset holds a generated dataset's name to the rule of a dataset file's: its
// ids start with it, and ids are kebab-case (docs/contracts.md).
func checkDataset(what, name string) error {
	switch {
	case len(name) > dataset.MaxIDBytes:
		return domain.Errorf(domain.EInvalid, "%s: a dataset name has at most %d bytes, got %d", what, dataset.MaxIDBytes, len(name))
	case !dataset.IsKebabCase(name):
		return domain.Errorf(domain.EInvalid, "%s %q must be kebab-case (a-z, 0-9 and single dashes), like every dataset name: the generated ids start with it", what, name)
	}
	return nil
}
