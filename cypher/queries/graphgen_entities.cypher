// Creates one batch of generated entities ($rows: id, kind, name, aliases, description);
// kind is the second label, Person or Organization.
UNWIND $rows AS row
CREATE (n:Entity:$(row.kind) {id: row.id, name: row.name, aliases: row.aliases,
                              description: row.description, dataset: $dataset})
