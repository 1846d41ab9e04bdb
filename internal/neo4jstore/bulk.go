package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// WriteBatches runs the named write query once per batch of at most size rows, passing
// the batch as $rows next to params. Each batch is its own transaction: a graph of
// hundreds of thousands of elements never has to fit in one transaction's memory, and a
// failure leaves only whole batches behind (callers delete by dataset and start over).
func (s *Store) WriteBatches(ctx context.Context, name string, params map[string]any, rows []map[string]any, size int) error {
	if size < 1 {
		return domain.Errorf(domain.EInvalid, "batch size must be at least 1, got %d", size)
	}
	query := cypher.Query(name)
	for start := 0; start < len(rows); start += size {
		end := min(start+size, len(rows))
		p := make(map[string]any, len(params)+1)
		for k, v := range params {
			p[k] = v
		}
		p["rows"] = rows[start:end]
		if _, err := s.write(ctx, query, p); err != nil {
			return err
		}
	}
	return nil
}

// DeleteDataset removes every node whose dataset property is dataset, with its
// relationships, and returns how many nodes it removed. It works in batches, the
// relationships first, so that no transaction outgrows the per-transaction memory cap
// however large the graph or its supernodes.
func (s *Store) DeleteDataset(ctx context.Context, dataset string) (int64, error) {
	if _, err := s.deleteInBatches(ctx, "dataset_delete_relationships_batch", dataset, 10000); err != nil {
		return 0, err
	}
	return s.deleteInBatches(ctx, "dataset_delete_batch", dataset, 5000)
}

// DatasetStranger returns the id of a node of dataset whose id does not match pattern
// (a Java regular expression over the whole id), and whether there is one: generate
// checks that what it would replace is a graph it wrote.
func (s *Store) DatasetStranger(ctx context.Context, dataset, pattern string) (string, bool, error) {
	res, err := s.write(ctx, cypher.Query("dataset_foreign_node"), map[string]any{"dataset": dataset, "pattern": pattern})
	if err != nil || len(res.Records) == 0 {
		return "", false, err
	}
	id, _ := res.Records[0].Get("id")
	return fmt.Sprint(id), true, nil
}

// deleteInBatches repeats a delete query until it deletes nothing, and returns the total.
func (s *Store) deleteInBatches(ctx context.Context, query, dataset string, batch int) (int64, error) {
	var total int64
	for {
		res, err := s.write(ctx, cypher.Query(query), map[string]any{"dataset": dataset, "batch": batch})
		if err != nil {
			return total, err
		}
		n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "deleted")
		total += n
		if n == 0 {
			return total, nil
		}
	}
}

// EnsureSchema applies the constraints and indexes of cypher/schema.cypher. Every
// statement is idempotent, so running it on a database that has them changes nothing.
// The store's answer on which labels are keyed is dropped, made or not: the first
// answers after `serve --load` filled a new database named every node by element id
// for up to keyCheckAge, since the constraints did not exist when it was asked.
func (s *Store) EnsureSchema(ctx context.Context) error {
	defer s.forgetKeys()
	for _, stmt := range cypher.Schema() {
		if _, err := s.write(ctx, stmt, nil); err != nil {
			return err
		}
	}
	return nil
}

// AwaitIndexes blocks until every index is online or the wait runs out, so that reads
// right after a bulk write (full-text search in particular) see all of it.
func (s *Store) AwaitIndexes(ctx context.Context, wait time.Duration) error {
	_, err := s.write(ctx, cypher.Query("indexes_await"), map[string]any{"seconds": int64(wait / time.Second)})
	return err
}
