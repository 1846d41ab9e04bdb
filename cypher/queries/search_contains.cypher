// Search for databases without newsgraph's full-text index: a substring match of
// $request.text over the values of the properties $request.keys names (the display
// name's candidates and aliases), ignoring case and the accents Unicode decomposes (é,
// ñ, ü, the dot of İ; not letters such as ø or ł) and runs of white space: both sides
// are lower-cased, decomposed (NFD), stripped of the combining marks U+0300-U+036F and
// have each run of white space made one space. Values are read as
// a display name reads them (values.go, displayText): text trimmed, numbers and booleans
// as text (an integral float as an integer), and every element of a list. Scored 1 for
// a whole value, 0.75 for a prefix, 0.5 otherwise. It reads every node, which is
// acceptable for the databases that lack the index, but of each only those properties
// (keys(n) names the ones it has without reading any), and a hit returns only what it
// shows, as search.cypher's do.
CYPHER expressionEngine=interpreted
// Stripping walks the characters, so it is done only to text that holds a mark (the
// regular expression), which spares nearly every plain name; values fold the same way.
WITH normalize(toLower($request.text), NFD) AS text
WITH CASE WHEN text =~ '(?s).*[\u0300-\u036f].*'
  THEN reduce(s = '', c IN split(text, '') | s + CASE WHEN '\u0300' <= c <= '\u036f' THEN '' ELSE c END)
  ELSE text
END AS text
// Text of accents alone folds to nothing, which every value contains: no hits.
WITH text WHERE text <> ''
MATCH (n)
WITH text, n, [k IN keys(n) WHERE k IN $request.keys | n[k]] AS values
WITH text, n, reduce(names = [], v IN values | names + CASE
    WHEN v IS :: STRING THEN [trim(v)]
    WHEN v IS :: INTEGER | BOOLEAN THEN [toString(v)]
    WHEN v IS :: FLOAT THEN [CASE WHEN v = round(v) AND abs(v) < 9007199254740992.0 THEN toString(toInteger(v)) ELSE toString(v) END]
    WHEN v IS :: LIST<STRING> THEN [x IN v | trim(x)]
    WHEN v IS :: LIST<INTEGER | BOOLEAN> THEN [x IN v | toString(x)]
    WHEN v IS :: LIST<FLOAT> THEN [x IN v | CASE WHEN x = round(x) AND abs(x) < 9007199254740992.0 THEN toString(toInteger(x)) ELSE toString(x) END]
    ELSE []
  END) AS names
WITH text, n, [x IN names | normalize(toLower(x), NFD)] AS names
// A run of white space (Unicode's, as Go's strings.Fields splits $request.text on) is one
// space, as in the text: a name holding two spaces, a tab or a line break is found by
// what it shows (trimmed again: trim() leaves a no-break space at the ends, which the
// walk makes a space). The same walk strips the marks; plain names skip it. Which names
// take the walk is decided cheaply, since it is asked of every name: two spaces, or a
// character outside printable ASCII (one negated range) and then one of the marks or a
// white space other than the space. The class of those alone, asked of every name, made
// the search 1.6 times slower; alternatives in the expression, 1.7 times.
WITH text, n, [x IN names | CASE WHEN x CONTAINS '  ' OR (x =~ '(?s).*[^ -~].*' AND x =~ '(?s).*[\u0300-\u036f\t\n\u000b\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000].*')
  THEN trim(reduce(s = '', c IN split(x, '') | s + CASE WHEN '\u0300' <= c <= '\u036f' THEN ''
    WHEN c =~ '(?U)\\s' THEN CASE WHEN s ENDS WITH ' ' THEN '' ELSE ' ' END ELSE c END))
  ELSE x
END] AS names
WITH text, n, [x IN names WHERE x CONTAINS text] AS hits
WHERE size(hits) > 0
WITH n, CASE WHEN text IN hits THEN 1.0 WHEN any(x IN hits WHERE x STARTS WITH text) THEN 0.75 ELSE 0.5 END AS score
ORDER BY score DESC, CASE WHEN n.id IS :: STRING NOT NULL THEN n.id ELSE '' END, elementId(n)
WITH collect({node: n, score: score}) AS hits
RETURN size(hits) AS total,
       [h IN hits[$request.offset..($request.offset + $request.limit)] |
        {id: elementId(h.node), labels: labels(h.node), values: [k IN $request.keys | h.node[k]], score: h.score}] AS page
