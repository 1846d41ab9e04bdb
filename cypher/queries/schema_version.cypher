// Every index and its state, as one text that changes whenever the schema does. Neo4j
// empties its plan cache when an index or constraint comes or goes (or an index comes
// online), and the first requests after it planned the API's queries again, taking
// seconds: serve asks this every few seconds and plans them ahead again when it changed.
CYPHER expressionEngine=interpreted
SHOW INDEXES YIELD id, name, state
ORDER BY id
RETURN reduce(text = '', i IN collect(toString(id) + ' ' + name + ' ' + state) | text + i + ';') AS version
