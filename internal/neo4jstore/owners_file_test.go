package neo4jstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// builtinLoaded is the store over a database holding the built-in datasets alone.
func builtinLoaded(t *testing.T) *neo4jstore.Store {
	t.Helper()
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	if _, err := store.Load(context.Background(), builtinDatasets(t), neo4jstore.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	return store
}

// TestLoadNamesTheFileOfATakenID: a dataset (here a copy of the built-in one under
// another name) whose ids other data already has is refused as a whole, and each
// problem line names the file and the line that define the id, as every validation
// problem does.
func TestLoadNamesTheFileOfATakenID(t *testing.T) {
	store := builtinLoaded(t)
	ctx := context.Background()
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
	fileLine := regexp.MustCompile(`^elsewhere/copycat\.yaml:[1-9][0-9]*: id `)
	for _, l := range lines {
		if !fileLine.MatchString(l) || !strings.Contains(l, `already belongs to dataset "scale-ai-v-mercor"`) {
			t.Errorf("problem %q does not start with the file and line that define the id", l)
		}
	}
	// The line of mercor's id in the file, found by reading it.
	data, err2 := os.ReadFile("../../datasets/scale-ai-v-mercor.yaml")
	if err2 != nil {
		t.Fatal(err2)
	}
	line := 0
	for i, text := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(text) == "- id: mercor" || strings.TrimSpace(text) == "id: mercor" {
			line = i + 1
			break
		}
	}
	if want := fmt.Sprintf("\nelsewhere/copycat.yaml:%d: id \"mercor\" already belongs", line); line == 0 || !strings.Contains(domain.ErrorMessageOf(err), want) {
		t.Errorf("the message does not list mercor at its line %d:\n%s", line, domain.ErrorMessageOf(err))
	}
	if after := graphSnapshot(t, "true", nil); after != before {
		t.Errorf("the refused load changed the graph")
	}
}

// TestLoadSaysItsOwnTimeLimit: a load that runs out of its own time limit says so and
// how to raise it, rather than Neo4j's words for it ("no connection came free in
// time", "run it again"), which point away from the limit the user set.
func TestLoadSaysItsOwnTimeLimit(t *testing.T) {
	store := neo4jtest.Store(t)
	_, err := store.Load(context.Background(), builtinDatasets(t), neo4jstore.LoadOptions{Timeout: time.Millisecond})
	if domain.ErrorCodeOf(err) != domain.ETimeout {
		t.Fatalf("got %v (%s), want a timeout", err, domain.ErrorCodeOf(err))
	}
	msg := domain.ErrorMessageOf(err)
	for _, want := range []string{"The load ran past its time limit (1ms)", "newsgraph load -timeout"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
}

// TestLoadRefusesRemovingMostOfADataset: a reload whose files no longer hold most of a
// dataset (a file cut short) is refused whole, saying how many nodes it would remove,
// unless the caller allows it; a smaller removal goes through as before.
func TestLoadRefusesRemovingMostOfADataset(t *testing.T) {
	store := builtinLoaded(t)
	ctx := context.Background()
	before := graphSnapshot(t, "true", nil)
	cut := builtinDatasets(t)[0]
	cut.Entities, cut.Facts, cut.Conflicts = cut.Entities[:2], nil, nil
	_, err := store.Load(ctx, []domain.Dataset{cut}, neo4jstore.LoadOptions{})
	if domain.ErrorCodeOf(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(err), `dataset "scale-ai-v-mercor": the files no longer hold`) ||
		!strings.Contains(domain.ErrorMessageOf(err), "--allow-deletions") {
		t.Fatalf("got %v, want the removal refused", err)
	}
	if after := graphSnapshot(t, "true", nil); after != before {
		t.Fatal("the refused load changed the graph")
	}
	// One fact fewer is an ordinary edit.
	edited := builtinDatasets(t)[0]
	edited.Facts = edited.Facts[:len(edited.Facts)-1]
	if _, err := store.Load(ctx, []domain.Dataset{edited}, neo4jstore.LoadOptions{}); err != nil {
		t.Fatalf("a one-fact removal: %v", err)
	}
	summary, err := store.Load(ctx, []domain.Dataset{cut}, neo4jstore.LoadOptions{AllowMassDeletion: true})
	if err != nil || summary.NodesDeleted < neo4jstore.MassDeletion {
		t.Fatalf("allowed: %+v, %v", summary, err)
	}
}
