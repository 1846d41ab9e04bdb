package neo4jstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestLoadNamesTheFileOfATakenID: a dataset (here a copy of the built-in one under
// another name) whose ids other data already has is refused as a whole, and each
// problem line names the file that defines the id, as every validation problem does.
func TestLoadNamesTheFileOfATakenID(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	ctx := context.Background()
	if _, err := store.Load(ctx, builtinDatasets(t), neo4jstore.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	before := graphSnapshot(t, "true", nil)
	copycat := builtinDatasets(t)[0]
	copycat.Name, copycat.File = "copycat", "elsewhere/copycat.yaml"
	_, err := store.Load(ctx, []domain.Dataset{copycat}, neo4jstore.LoadOptions{})
	var de *domain.Error
	var lines []string
	if errors.As(err, &de) {
		lines, _ = de.Fields["problems"].([]string)
	}
	if domain.ErrorCodeOf(err) != domain.EInvalid || len(lines) == 0 {
		t.Fatalf("got %v, want the taken ids listed", err)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "elsewhere/copycat.yaml: id ") || !strings.Contains(l, `already belongs to dataset "scale-ai-v-mercor"`) {
			t.Errorf("problem %q does not start with the file that defines the id", l)
		}
	}
	if !strings.Contains(domain.ErrorMessageOf(err), "\nelsewhere/copycat.yaml: id \"mercor\" already belongs") {
		t.Errorf("the message does not list mercor under its file:\n%s", domain.ErrorMessageOf(err))
	}
	if after := graphSnapshot(t, "true", nil); after != before {
		t.Errorf("the refused load changed the graph")
	}
}
