// Constraints and indexes newsgraph needs. Applied by `newsgraph load` before any data.
// Every statement is idempotent (IF NOT EXISTS), so applying it again changes nothing.

// Stable ids: the loader MERGEs on them and the API looks nodes up by them.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (n:Fact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT conflict_id IF NOT EXISTS FOR (n:Conflict) REQUIRE n.id IS UNIQUE;

// A reload finds what its dataset loaded before (to remove what the file no longer has)
// without scanning every node.
CREATE INDEX entity_dataset IF NOT EXISTS FOR (n:Entity) ON (n.dataset);
CREATE INDEX fact_dataset IF NOT EXISTS FOR (n:Fact) ON (n.dataset);
CREATE INDEX source_dataset IF NOT EXISTS FOR (n:Source) ON (n.dataset);
CREATE INDEX conflict_dataset IF NOT EXISTS FOR (n:Conflict) ON (n.dataset);

// Search by name or alias, ignoring case and accents ("mercor", "Meta", "Scale").
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity|Fact|Source) ON EACH [n.name, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
