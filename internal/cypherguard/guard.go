// Package cypherguard is the first, lexical layer of the public Cypher console's
// read-only guard. It tokenises a query the way Neo4j does (unicode escapes first, then
// string literals, backtick-quoted names and comments) and refuses anything that writes,
// administers the server, reads files or URLs, runs several statements or calls a
// procedure or function that is not on a small read-only allow-list.
//
// It never talks to Neo4j, so it is cheap and can be fuzzed. It is deliberately
// conservative: a variable named like a write clause (say `set`) is refused too, because
// a false refusal costs a rename while a false acceptance could cost the data. The
// second layer (EXPLAIN, in neo4jstore) must agree before a query runs.
package cypherguard

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
)

// Refusal says why the guard will not pass a query on to Neo4j, and where.
type Refusal struct {
	// Reason is a sentence for a human: what was found and why it is not allowed.
	Reason string
	// Keyword is the offending word or name as written, when there is one.
	Keyword string
	// Offset (0-based), Line and Column (1-based) locate the problem in the query as
	// submitted, counted like Neo4j counts them: in UTF-16 units.
	Offset, Line, Column int
	// Syntax is true when the query is malformed (an unterminated string or comment)
	// rather than forbidden, so that callers can answer like a Neo4j syntax error.
	Syntax bool
}

func (r *Refusal) Error() string {
	return fmt.Sprintf("%s (line %d, column %d)", r.Reason, r.Line, r.Column)
}

// allowedProcedures are the only procedures the console may CALL: each reads schema or
// the full-text indexes and has no side effect.
var allowedProcedures = []string{
	"db.labels",
	"db.relationshipTypes",
	"db.propertyKeys",
	"db.schema.visualization",
	"db.schema.nodeTypeProperties",
	"db.schema.relTypeProperties",
	"db.index.fulltext.queryNodes",
	"db.index.fulltext.queryRelationships",
}

// allowedFunctionNamespaces are the namespaces of Neo4j's built-in functions, all pure.
// Functions without a namespace (count, toUpper, ...) are built in and always allowed;
// namespaced ones could come from a plugin, so only these pass.
var allowedFunctionNamespaces = []string{"date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector.similarity"}

// AllowedProcedures lists the procedures the console may call, sorted.
func AllowedProcedures() []string {
	out := append([]string(nil), allowedProcedures...)
	sort.Strings(out)
	return out
}

// writeWords are clauses that change data; each maps to the reason shown to the user.
var writeWords = map[string]string{
	"CREATE":   "CREATE adds nodes or relationships",
	"INSERT":   "INSERT adds nodes or relationships",
	"MERGE":    "MERGE may add nodes or relationships",
	"SET":      "SET changes properties or labels",
	"DELETE":   "DELETE removes nodes or relationships",
	"DETACH":   "DETACH DELETE removes nodes and their relationships",
	"NODETACH": "NODETACH DELETE removes nodes",
	"REMOVE":   "REMOVE deletes properties or labels",
	"FOREACH":  "FOREACH exists to run write clauses for each element of a list",
}

// adminWords start administration commands (users, roles, databases, indexes,
// constraints, servers, transactions of other users); none belongs in a data console.
var adminWords = map[string]string{
	"ALTER":      "ALTER changes users, databases or servers",
	"DROP":       "DROP removes indexes, constraints, users or databases",
	"GRANT":      "GRANT changes privileges",
	"DENY":       "DENY changes privileges",
	"REVOKE":     "REVOKE changes privileges",
	"RENAME":     "RENAME changes users, roles or servers",
	"TERMINATE":  "TERMINATE stops other users' transactions",
	"SHOW":       "SHOW commands describe users, databases, settings and other administration data",
	"DEALLOCATE": "DEALLOCATE moves databases between servers",
	"REALLOCATE": "REALLOCATE moves databases between servers",
	"DRYRUN":     "DRYRUN previews server administration",
	"USE":        "USE switches to another database or graph (such as system); the console always queries its own database",
	"PERIODIC":   "USING PERIODIC COMMIT commits in batches outside the console's read transaction",
	// IN TRANSACTIONS and IN n CONCURRENT TRANSACTIONS commit in batches of their own,
	// outside the read-only transaction and its timeout.
	"TRANSACTIONS": "CALL { ... } IN TRANSACTIONS commits in separate transactions",
	"CONCURRENT":   "CALL { ... } IN CONCURRENT TRANSACTIONS commits in separate transactions",
}

// adminObjects follow CREATE in administration commands, for a more precise reason.
var adminObjects = map[string]bool{
	"USER": true, "ROLE": true, "DATABASE": true, "COMPOSITE": true, "ALIAS": true,
	"INDEX": true, "CONSTRAINT": true, "RANGE": true, "TEXT": true, "POINT": true,
	"LOOKUP": true, "FULLTEXT": true, "VECTOR": true, "BTREE": true, "OR": true, "SERVER": true,
}

const readOnly = "; the console only runs read-only queries"

// adminSuffix ends the reason an administration command is refused: most change
// something, which a read-only console refuses; SHOW and DRYRUN only look, but at
// something other than the graph; USE's own reason says it all.
func adminSuffix(w string) string {
	switch w {
	case "USE":
		return ""
	case "SHOW", "DRYRUN":
		return "; the console only queries the graph"
	}
	return readOnly
}

// Check returns nil when the query may go on to the EXPLAIN check, or a Refusal saying
// why not. It never panics, whatever the input.
func Check(query string) *Refusal {
	src := []rune(query)
	g := &guard{src: src}
	if r := g.decode(); r != nil {
		return r
	}
	if r := g.checkEscapedQuotes(); r != nil {
		return r
	}
	if r := g.lex(); r != nil {
		return r
	}
	if r := g.checkEscapesInStrings(); r != nil {
		return r
	}
	if len(g.tokens) == 0 {
		return g.refuseAt(0, true, "", "the query has no statement, only comments or whitespace")
	}
	if r := g.checkSize(); r != nil {
		return r
	}
	return g.checkTokens()
}

// Size limits, because Neo4j's parser and planner are where an untrusted query can
// cost most before any time limit applies: planning a sum of 8,000 terms took 15 s
// here, and a few thousand nested brackets overflow the parser's stack, after which
// Neo4j never answers the request at all.
const (
	// MaxTokens bounds a query's words, names, numbers, strings and symbols; a long
	// list belongs in a parameter.
	MaxTokens = 2000
	// MaxNesting bounds how deeply brackets, parentheses and braces nest.
	MaxNesting = 64
	// MaxOperatorChain bounds how many operators one expression strings together
	// (counting those of enclosing expressions, and a bracketed group, an index or a
	// call as one more): Neo4j builds `a + b + c ...`, `a || b || ...`, `n:!!!A`,
	// `$m.a.a...` and `x[0][0]...` into trees as deep as the chain, and a sum of 300
	// terms overflowed its stack while 200 planned in 0.35 s. A path pattern's dashes
	// and arrows count too (30 hops took 7.7 s to plan).
	MaxOperatorChain = 100
	// MaxPatternRelationships bounds the relationships in all of a query's patterns
	// together: planning grows fast with them (a MATCH of 30 one-hop parts took 8.9 s,
	// 40 ran past the time limit), however they are split into parts or clauses.
	MaxPatternRelationships = 20
	// MaxSubqueryNesting bounds how deeply subqueries (EXISTS { }, COUNT { },
	// COLLECT { }, CALL { }) nest in one another: Neo4j's planner slows steeply with
	// each level (nested EXISTS planned in 0.1-0.2 s at 8 levels, 0.6 s at 14, 5.1 s
	// at 18, and 31 kept a core busy for 260 s, long after the request's 504), and
	// Neo4j's time limit does not stop planning.
	MaxSubqueryNesting = 8
	// MaxSubqueries bounds the subqueries in the whole query, however they nest: a
	// tree of 127 EXISTS, 7 levels deep, took 2.1 s to plan, 63 of them 0.6 s.
	MaxSubqueries = 32
)

// operatorWords are the operators written as words; clauseWords start a new expression.
var (
	operatorWords = map[string]bool{"AND": true, "OR": true, "XOR": true, "NOT": true, "CONTAINS": true, "STARTS": true, "ENDS": true, "IN": true, "IS": true}
	clauseWords   = map[string]bool{"MATCH": true, "OPTIONAL": true, "WHERE": true, "WITH": true, "RETURN": true, "UNWIND": true, "ORDER": true,
		"SKIP": true, "OFFSET": true, "LIMIT": true, "UNION": true, "CALL": true, "YIELD": true, "AS": true}
)

// punctAt tells whether the token at i is the punctuation p.
func (g *guard) punctAt(i int, p string) bool {
	return i >= 0 && i < len(g.tokens) && g.tokens[i].kind == kPunct && g.tokens[i].text == p
}

// isOperator tells whether the token at i is an operator, as checkSize counts them.
func (g *guard) isOperator(i int) bool {
	if i < 0 || i >= len(g.tokens) {
		return false
	}
	switch tk := g.tokens[i]; tk.kind {
	case kPunct:
		return strings.Contains("+-*/%^=<>|!.&", tk.text)
	case kWord:
		return operatorWords[strings.ToUpper(tk.text)]
	}
	return false
}

// checkSize refuses a query over MaxTokens tokens, nesting deeper than MaxNesting,
// chaining more than MaxOperatorChain operators or with patterns of more than
// MaxPatternRelationships relationships.
func (g *guard) checkSize() *Refusal {
	if len(g.tokens) > MaxTokens {
		return g.refuseTok(g.tokens[MaxTokens], fmt.Sprintf(
			"the query has %d tokens (words, names, numbers, strings and symbols), over the console's %d; pass long lists as parameters",
			len(g.tokens), MaxTokens))
	}
	// chain counts the operators strung together up to here; opened holds its value
	// where each enclosing bracket (or CASE) opened, which a comma or the bracket's end
	// goes back to, so that a bracketed group counts as one operand of the chain around
	// it.
	type group struct {
		chain  int
		isCase bool
	}
	chain, opened, hops := 0, []group{}, 0
	// braces holds whether each open brace opens a subquery; parens the token index of
	// each open parenthesis, so that CALL (x) { } is known at its brace.
	braces, parens, subqueries, depth := []bool{}, []int{}, 0, 0
	closedParen := map[int]int{} // a closing parenthesis' index → its opening one's
	enclosing := func() int {
		if len(opened) == 0 {
			return 0
		}
		return opened[len(opened)-1].chain
	}
	open := func(tk token, isCase bool) *Refusal {
		if opened = append(opened, group{chain, isCase}); len(opened) > MaxNesting {
			return g.refuseTok(tk, fmt.Sprintf("brackets (or CASE expressions) nest more than %d deep here", MaxNesting))
		}
		return nil
	}
	// closing ends a group, which counts as one more link of the chain around it (an
	// index, a call), so that x[0][0]... is a chain too.
	closing := func() {
		if len(opened) > 0 {
			chain, opened = opened[len(opened)-1].chain+1, opened[:len(opened)-1]
		}
	}
	for i, tk := range g.tokens {
		switch {
		case tk.kind == kPunct:
			switch tk.text {
			case "(":
				// A node after a dash or an arrow ends one relationship of a pattern.
				if g.punctAt(i-1, "-") || (g.punctAt(i-1, ">") && g.punctAt(i-2, "-")) {
					if hops++; hops > MaxPatternRelationships {
						return g.refuseTok(tk, fmt.Sprintf("the query's patterns hold more than %d relationships; Neo4j's planner slows with each (30 took 8.9 s here)", MaxPatternRelationships))
					}
				}
				if r := open(tk, false); r != nil {
					return r
				}
				parens = append(parens, i)
			case "[":
				if r := open(tk, false); r != nil {
					return r
				}
			case "{":
				if r := open(tk, false); r != nil {
					return r
				}
				at, isSubquery := g.subqueryAt(i, closedParen)
				braces = append(braces, isSubquery)
				if isSubquery {
					if subqueries++; subqueries > MaxSubqueries {
						return g.refuseTok(g.tokens[at], fmt.Sprintf("the query holds more than %d subqueries (EXISTS, COUNT, COLLECT or CALL { }); Neo4j's planner slows with each (127 took 2.1 s here)", MaxSubqueries))
					}
					if depth++; depth > MaxSubqueryNesting {
						return g.refuseTok(g.tokens[at], fmt.Sprintf("subqueries (EXISTS, COUNT, COLLECT or CALL { }) nest more than %d deep here; Neo4j's planner slows steeply with each level (18 took 5 s here)", MaxSubqueryNesting))
					}
				}
			case ")":
				closing()
				if len(parens) > 0 {
					closedParen[i], parens = parens[len(parens)-1], parens[:len(parens)-1]
				}
			case "]":
				closing()
			case "}":
				closing()
				if len(braces) > 0 {
					if braces[len(braces)-1] {
						depth--
					}
					braces = braces[:len(braces)-1]
				}
			case ",", ";":
				chain = enclosing()
			default:
				if g.isOperator(i) {
					chain++
				}
			}
		case tk.kind == kWord:
			w := strings.ToUpper(tk.text)
			keyword := g.isKeyword(i)
			switch {
			case g.isOperator(i):
				chain++
			case keyword && w == "CASE":
				if r := open(tk, true); r != nil {
					return r
				}
			case keyword && w == "END" && len(opened) > 0 && opened[len(opened)-1].isCase:
				closing()
			case keyword && clauseWords[w] && !g.isOperator(i-1) && !g.isOperator(i+1):
				// Between operators the word is a variable (WITH 1 AS limit RETURN
				// limit + limit), and the chain goes on.
				chain = enclosing()
			}
		}
		if chain > MaxOperatorChain {
			return g.refuseTok(tk, fmt.Sprintf("more than %d operators, property lookups, indexes or pattern dashes and arrows are strung together here; break the expression up with WITH", MaxOperatorChain))
		}
	}
	return nil
}

// subqueryAt tells whether the brace at token i opens a subquery: it follows EXISTS,
// COUNT, COLLECT or CALL, or CALL's parenthesised scope (closedParen maps each closing
// parenthesis before i to its opening one). It returns the keyword's index, where a
// refusal points. The word counts wherever it stands, also where it could not be a
// keyword (isKeyword): after ':' it opens a subquery as a map's value ({k: EXISTS {...}}),
// which nested past every limit when it was skipped as a label. A variable named exists
// before a map projection (exists {.a}) or a label EXISTS before a node's properties
// counts too, which only makes the guard stricter.
func (g *guard) subqueryAt(i int, closedParen map[int]int) (int, bool) {
	at := i - 1
	if g.punctAt(at, ")") {
		opener, ok := closedParen[at]
		if !ok {
			return 0, false
		}
		at = opener - 1
		if at < 0 || g.tokens[at].kind != kWord || !strings.EqualFold(g.tokens[at].text, "CALL") {
			return 0, false
		}
	}
	if at < 0 || g.tokens[at].kind != kWord {
		return 0, false
	}
	switch strings.ToUpper(g.tokens[at].text) {
	case "EXISTS", "COUNT", "COLLECT", "CALL":
		return at, true
	}
	return 0, false
}

type kind int

const (
	kWord   kind = iota // an unquoted name or keyword
	kQuoted             // a `backtick-quoted` name: never a keyword
	kString             // a string literal
	kNumber
	kParam // $name
	kPunct // any other single character
)

type token struct {
	kind kind
	text string // for kQuoted, the name without backticks
	pos  int    // index into guard.text
}

type guard struct {
	src    []rune // the query as submitted
	text   []rune // after decoding \uXXXX escapes, as Neo4j reads it
	origin []int  // origin[i] is the index in src of text[i]; one extra entry for the end
	// escapes are the positions in text of characters that came from a \uXXXX escape.
	escapes []int
	// strings are the [start, end) ranges in text of string literals.
	strings [][2]int
	tokens  []token
}

// decode replaces \uXXXX escapes as Neo4j does before it tokenises, everywhere in the
// query (in strings, names and comments alike): a backslash escaped by another
// backslash does not start one, exactly one 'u' and four hex digits follow.
func (g *guard) decode() *Refusal {
	src := g.src
	g.text = make([]rune, 0, len(src))
	g.origin = make([]int, 0, len(src)+1)
	backslashes := 0 // consecutive raw backslashes just before i
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\\' && backslashes%2 == 0 && i+1 < len(src) && src[i+1] == 'u' {
			if i+5 < len(src) && isHex(src[i+2:i+6]) {
				var v rune
				for _, h := range src[i+2 : i+6] {
					v = v<<4 | hexVal(h)
				}
				g.escapes = append(g.escapes, len(g.text))
				g.text = append(g.text, v)
				g.origin = append(g.origin, i)
				i += 5
				backslashes = 0
				continue
			}
			// Neo4j rejects a malformed escape; so do we, rather than guess how it reads.
			return g.refuseAt(i, true, `\u`, `a unicode escape needs exactly four hexadecimal digits after \u`)
		}
		if c == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		g.text = append(g.text, c)
		g.origin = append(g.origin, i)
	}
	g.origin = append(g.origin, len(src))
	return nil
}

func isHex(rs []rune) bool {
	for _, r := range rs {
		if hexVal(r) < 0 {
			return false
		}
	}
	return true
}

func hexVal(r rune) rune {
	switch {
	case r >= '0' && r <= '9':
		return r - '0'
	case r >= 'a' && r <= 'f':
		return r - 'a' + 10
	case r >= 'A' && r <= 'F':
		return r - 'A' + 10
	}
	return -1
}

// isLineEnd ends a // comment exactly where Neo4j's parser does, at \n and \r only.
// Ending it anywhere else is not "safer": text Neo4j still reads as comment would be
// checked as code, and a keyword before it could be mistaken for a variable (SET//\u2028.x).
func isLineEnd(r rune) bool {
	return r == '\n' || r == '\r'
}

// isWordStart and isWordPart are deliberately narrow: a character Neo4j takes as part of
// a name but we take as a separator can only make us see a keyword that is not there.
func isWordStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isWordPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// isSpace is whitespace as Neo4j's lexer has it (Java's, which adds the four ASCII
// separators). Any other odd character stays a token of its own, so it can never make
// a keyword look like a property key.
func isSpace(r rune) bool { return unicode.IsSpace(r) || (r >= '\u001c' && r <= '\u001f') }

// lex splits the decoded text into tokens, dropping comments and whitespace.
func (g *guard) lex() *Refusal {
	t := g.text
	n := len(t)
	for i := 0; i < n; {
		c := t[i]
		switch {
		case c == '/' && i+1 < n && t[i+1] == '/':
			for i < n && !isLineEnd(t[i]) {
				i++
			}
		case c == '/' && i+1 < n && t[i+1] == '*':
			end := -1
			for j := i + 2; j+1 < n; j++ {
				if t[j] == '*' && t[j+1] == '/' {
					end = j + 2
					break
				}
			}
			if end < 0 {
				return g.refuseText(i, true, "/*", "a comment starting with /* is never closed with */")
			}
			i = end
		case c == '\'' || c == '"':
			j := i + 1
			closed := false
			for j < n {
				if t[j] == '\\' {
					j += 2 // the backslash escapes whatever follows, including a quote
					continue
				}
				if t[j] == c {
					closed = true
					j++
					break
				}
				j++
			}
			if !closed {
				return g.refuseText(i, true, string(c), "a string literal is never closed")
			}
			g.strings = append(g.strings, [2]int{i, j})
			g.tokens = append(g.tokens, token{kind: kString, pos: i})
			i = j
		case c == '`':
			var name strings.Builder
			j := i + 1
			closed := false
			for j < n {
				if t[j] == '`' {
					if j+1 < n && t[j+1] == '`' { // a doubled backtick is one backtick
						name.WriteRune('`')
						j += 2
						continue
					}
					closed = true
					j++
					break
				}
				name.WriteRune(t[j])
				j++
			}
			if !closed {
				return g.refuseText(i, true, "`", "a `quoted name` is never closed")
			}
			g.tokens = append(g.tokens, token{kind: kQuoted, text: name.String(), pos: i})
			i = j
		case c == '$':
			j := i + 1
			for j < n && isWordPart(t[j]) {
				j++
			}
			g.tokens = append(g.tokens, token{kind: kParam, text: string(t[i:j]), pos: i})
			i = j
		case unicode.IsDigit(c):
			// Digits only: letters after them (1e3, 0x1F, 1CREATE) start a word of their
			// own, so a keyword glued to a number is still seen.
			j := i + 1
			for j < n && (unicode.IsDigit(t[j]) || (t[j] == '.' && j+1 < n && unicode.IsDigit(t[j+1]))) {
				j++
			}
			g.tokens = append(g.tokens, token{kind: kNumber, text: string(t[i:j]), pos: i})
			i = j
		case isWordStart(c):
			j := i + 1
			for j < n && isWordPart(t[j]) {
				j++
			}
			g.tokens = append(g.tokens, token{kind: kWord, text: string(t[i:j]), pos: i})
			i = j
		case isSpace(c):
			i++
		default:
			text := string(c)
			if ascii, ok := patternPunct[c]; ok {
				text = ascii
			}
			g.tokens = append(g.tokens, token{kind: kPunct, text: text, pos: i})
			i++
		}
	}
	return nil
}

// patternPunct are the characters besides '-', '<' and '>' that Neo4j's lexer reads as a
// pattern's dash or arrowhead (MATCH (a)－－＞(b) is a relationship), taken as those three
// so that the size limits count them: 21 hops of fullwidth dashes ran past the time
// limit where 21 of '-' were refused. Read as minus or less-than elsewhere, they only
// make the guard stricter.
var patternPunct = map[rune]string{
	'\u00AD': "-", '\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-", '\u2015': "-",
	'\u2212': "-", '\uFE58': "-", '\uFE63': "-", '\uFF0D': "-",
	'\u27E8': "<", '\u3008': "<", '\uFE64': "<", '\uFF1C': "<",
	'\u27E9': ">", '\u3009': ">", '\uFE65': ">", '\uFF1E': ">",
}

// checkEscapedQuotes refuses \uXXXX escapes that turn into a quote, backtick or
// backslash: those change where a literal ends, which is how escapes smuggle code past
// a reader.
func (g *guard) checkEscapedQuotes() *Refusal {
	for _, p := range g.escapes {
		switch g.text[p] {
		case '\'', '"', '`', '\\':
			esc := string(g.src[g.origin[p] : g.origin[p]+6])
			return g.refuseText(p, false, esc, fmt.Sprintf(
				"the unicode escape %s stands for %q, which would change where a string or name ends; write the character with a backslash escape instead",
				esc, string(g.text[p])))
		}
	}
	return nil
}

// checkEscapesInStrings allows the remaining \uXXXX escapes only inside string
// literals, where they stand for text; elsewhere they can only disguise code.
func (g *guard) checkEscapesInStrings() *Refusal {
	// Both lists are in text order, so one pass over each suffices (a long query full
	// of escapes and strings must not cost quadratic time).
	k := 0
	for _, p := range g.escapes {
		for k < len(g.strings) && g.strings[k][1] <= p {
			k++
		}
		if inside := k < len(g.strings) && p > g.strings[k][0] && p < g.strings[k][1]-1; !inside {
			return g.refuseText(p, false, string(g.src[g.origin[p]:g.origin[p]+6]),
				"unicode escapes (\\uXXXX) are only accepted inside string literals")
		}
	}
	return nil
}

// checkTokens walks the tokens looking for refused clauses, commands and calls.
func (g *guard) checkTokens() *Refusal {
	toks := g.tokens
	if len(toks) > 0 && toks[0].kind == kWord {
		switch w := strings.ToUpper(toks[0].text); w {
		case "EXPLAIN", "PROFILE":
			return g.refuseTok(toks[0], fmt.Sprintf("%s is added by the console itself (it checks every query's plan); send the query without it", w))
		case "CYPHER":
			return g.refuseTok(toks[0], "query options (CYPHER ...) are not accepted by the console; send the query without them")
		}
	}
	for i, tk := range toks {
		if tk.kind == kPunct && tk.text == ";" {
			if i+1 < len(toks) {
				return g.refuseTok(tk, "only one statement can run at a time; remove the ';' and what follows it")
			}
			continue
		}
		if r := g.checkFunction(i); r != nil {
			return r
		}
		if (tk.kind == kParam || tk.kind == kWord) && strings.EqualFold(strings.TrimPrefix(tk.text, "$"), "LOAD") && g.nextWord(i) == "CSV" {
			// Never valid Cypher, but refused all the same: LOAD CSV is refused wherever
			// the two words meet, without relying on the parser to reject the rest.
			return g.refuseTok(tk, "LOAD CSV reads files and URLs from the server"+readOnly)
		}
		if tk.kind != kWord || !g.isKeyword(i) {
			continue
		}
		w := strings.ToUpper(tk.text)
		next := g.nextWord(i)
		switch {
		case w == "CREATE" && adminObjects[next]:
			return g.refuseTok(tk, fmt.Sprintf("CREATE %s is an administration command%s", next, readOnly))
		case writeWords[w] != "":
			return g.refuseTok(tk, writeWords[w]+readOnly)
		case adminWords[w] != "":
			return g.refuseTok(tk, adminWords[w]+adminSuffix(w))
		case (w == "START" || w == "STOP") && (next == "DATABASE" || next == "DATABASES"):
			return g.refuseTok(tk, w+" DATABASE is an administration command"+readOnly)
		case w == "ENABLE" && next == "SERVER":
			return g.refuseTok(tk, "ENABLE SERVER is an administration command"+readOnly)
		case w == "LOAD" && next == "CSV":
			return g.refuseTok(tk, "LOAD CSV reads files and URLs from the server"+readOnly)
		case w == "CALL":
			if r := g.checkProcedure(i); r != nil {
				return r
			}
		}
	}
	return nil
}

// isKeyword tells whether the word at i sits where Neo4j could read it as a keyword:
// not after '.' (a property key or namespace) or ':' (a label or relationship type),
// not before ':' (a map key or a variable given a label) and not before '.name' (a
// variable whose property is read). No clause keyword can stand in those places.
func (g *guard) isKeyword(i int) bool {
	toks := g.tokens
	if i > 0 && toks[i-1].kind == kPunct && (toks[i-1].text == "." || toks[i-1].text == ":") {
		return false
	}
	if i+1 < len(toks) && toks[i+1].kind == kPunct && toks[i+1].text == ":" {
		return false
	}
	if i+2 < len(toks) && toks[i+1].kind == kPunct && toks[i+1].text == "." &&
		(toks[i+2].kind == kWord || toks[i+2].kind == kQuoted) {
		return false
	}
	return true
}

// nextWord returns the upper-cased word after token i, or "".
func (g *guard) nextWord(i int) string {
	if i+1 < len(g.tokens) && g.tokens[i+1].kind == kWord {
		return strings.ToUpper(g.tokens[i+1].text)
	}
	return ""
}

// qualifiedName reads name(.name)* starting at token i, returning the dotted name and
// the index just past it.
func (g *guard) qualifiedName(i int) (string, int) {
	toks := g.tokens
	var parts []string
	for i < len(toks) && (toks[i].kind == kWord || toks[i].kind == kQuoted) {
		parts = append(parts, toks[i].text)
		if i+1 < len(toks) && toks[i+1].kind == kPunct && toks[i+1].text == "." {
			i += 2
			continue
		}
		i++
		break
	}
	return strings.Join(parts, "."), i
}

// checkProcedure vets CALL at token i: a subquery (CALL { } or CALL (x) { }) is checked
// token by token like the rest; a procedure must be on the allow-list.
func (g *guard) checkProcedure(i int) *Refusal {
	toks := g.tokens
	if i+1 >= len(toks) {
		return nil
	}
	if toks[i+1].kind == kPunct && (toks[i+1].text == "{" || toks[i+1].text == "(") {
		return nil
	}
	name, _ := g.qualifiedName(i + 1)
	if name == "" {
		return g.refuseTok(toks[i+1], "CALL must be followed by a subquery in braces or an allowed procedure name")
	}
	for _, p := range allowedProcedures {
		if strings.EqualFold(name, p) {
			return nil
		}
	}
	if len(name) >= 5 && strings.EqualFold(name[:5], "dbms.") {
		return g.refuseText(toks[i+1].pos, false, name, fmt.Sprintf("the procedure %s administers the server; dbms.* procedures are not allowed in the console", name))
	}
	return g.refuseText(toks[i+1].pos, false, name, fmt.Sprintf("the procedure %s is not on the console's allow-list (%s)", name, strings.Join(allowedProcedures, ", ")))
}

// checkFunction vets a namespaced function call starting at token i (ns.name( ... ),
// wherever it appears, even as a map value. Namespaced functions may come from plugins
// with side effects, so only built-in namespaces pass.
func (g *guard) checkFunction(i int) *Refusal {
	toks := g.tokens
	if toks[i].kind != kWord && toks[i].kind != kQuoted {
		return nil
	}
	if i > 0 && toks[i-1].kind == kPunct && toks[i-1].text == "." {
		return nil // inside a name already checked from its start
	}
	if i > 0 && toks[i-1].kind == kWord && strings.EqualFold(toks[i-1].text, "CALL") && g.isKeyword(i-1) {
		return nil // a procedure, vetted by checkProcedure
	}
	name, end := g.qualifiedName(i)
	if !strings.Contains(name, ".") || end >= len(toks) || toks[end].kind != kPunct || toks[end].text != "(" {
		return nil
	}
	ns := name[:strings.LastIndex(name, ".")]
	for _, a := range allowedFunctionNamespaces {
		if strings.EqualFold(ns, a) {
			return nil
		}
	}
	return g.refuseText(toks[i].pos, false, name, fmt.Sprintf("the function %s is not a built-in read-only function; only the %s namespaces are allowed",
		name, strings.Join(allowedFunctionNamespaces, ", ")))
}

func (g *guard) refuseTok(t token, reason string) *Refusal {
	word := t.text
	if t.kind == kQuoted {
		word = "`" + t.text + "`"
	}
	return g.refuseText(t.pos, false, word, reason)
}

// refuseText locates a refusal at index p of the decoded text.
func (g *guard) refuseText(p int, syntax bool, word, reason string) *Refusal {
	return g.refuseAt(g.origin[p], syntax, word, reason)
}

// refuseAt locates a refusal at index off (in characters) of the submitted query. Neo4j
// counts offsets and columns in UTF-16 units, as Java strings are: a character beyond
// 16 bits (an emoji) counts twice, here too.
func (g *guard) refuseAt(off int, syntax bool, word, reason string) *Refusal {
	line, col, units := 1, 1, 0
	for _, r := range g.src[:off] {
		n := utf16.RuneLen(r)
		if n < 1 {
			n = 1 // an invalid character stands for one replacement character
		}
		units += n
		if r == '\n' {
			line++
			col = 1
		} else {
			col += n
		}
	}
	return &Refusal{Reason: reason, Keyword: word, Offset: units, Line: line, Column: col, Syntax: syntax}
}
