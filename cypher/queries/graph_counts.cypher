// Labels, relationship types and totals from Neo4j's count store (constant time on any
// database, unlike counting with dynamic labels, which scans every node), and every
// property key but the loader's lock (load_lock.cypher), which no element keeps but
// Neo4j remembers. Feeds /api/schema and /api/stats.
CYPHER expressionEngine=interpreted
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
CALL () {
  CALL db.propertyKeys() YIELD propertyKey
  WHERE propertyKey <> 'newsgraph_load_lock'
  RETURN collect(propertyKey) AS property_keys
}
RETURN [x IN data.nodes WHERE x.label IS NOT NULL AND x.count > 0 | {name: x.label, count: x.count}] AS labels,
       [x IN data.relationships WHERE x.relationshipType IS NOT NULL AND x.startLabel IS NULL AND x.endLabel IS NULL AND x.count > 0
          | {name: x.relationshipType, count: x.count}] AS relationship_types,
       coalesce([x IN data.nodes WHERE x.label IS NULL | x.count][0], 0) AS nodes,
       coalesce([x IN data.relationships WHERE x.relationshipType IS NULL AND x.startLabel IS NULL AND x.endLabel IS NULL | x.count][0], 0) AS relationships,
       property_keys
