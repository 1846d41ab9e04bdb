// Constraints and indexes newsgraph needs. Applied by `newsgraph load` before any data.
// Every statement is idempotent (IF NOT EXISTS), so applying it again changes nothing.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
