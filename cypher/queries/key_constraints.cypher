// The labels whose `id` a constraint holds unique: of newsgraph's id labels (Entity,
// Fact, Source, Conflict), only these give their nodes' `id` as the API's key. A
// database newsgraph did not build may use the same labels without the constraint, and
// then two nodes can share an id, which would open one of them for both.
CYPHER expressionEngine=interpreted
SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties
WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_PROPERTY_UNIQUENESS', 'NODE_KEY']
  AND properties = ['id'] AND size(labelsOrTypes) = 1
RETURN labelsOrTypes[0] AS label
