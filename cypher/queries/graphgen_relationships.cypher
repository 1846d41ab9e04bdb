// Creates one batch of generated fact relationships between entities found by id (the
// Entity.id constraint makes each end an index seek). $rows carry the type and the fact
// properties of docs/contracts.md.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[:$(row.type) {id: row.id, status: row.status, alleged_by: row.alleged_by,
                          denied_by: [], sources: row.sources, evidence: row.evidence,
                          conflicts: [], date: row.date, dataset: $dataset}]->(b)
