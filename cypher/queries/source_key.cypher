// The id property of the node whose element id is $request.element_id: what the
// relationships' `sources` lists name it by. The source filter takes an element id too,
// as every parameter that names a node does.
CYPHER expressionEngine=interpreted
MATCH (s) WHERE elementId(s) = $request.element_id
RETURN s.id AS id
