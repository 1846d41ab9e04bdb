package cypherguard_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/cypherguard"
)

// The oracle below is a second, independent reading of a query the way Neo4j reads it,
// written with regular expressions instead of a hand-written lexer, so that the fuzzer
// checks the guard against something other than itself.

var (
	oracleEscape = regexp.MustCompile(`\\+u[0-9a-fA-F]{4}`)
	// Leftmost-first alternation tokenises string literals, quoted names and comments in
	// one pass, as Neo4j does: whichever starts first wins.
	oracleNonCode = regexp.MustCompile("'(?:[^'\\\\]|\\\\[\\s\\S])*'|\"(?:[^\"\\\\]|\\\\[\\s\\S])*\"|`[^`]*`|//[^\\n\\r]*|/\\*[\\s\\S]*?\\*/")
	oracleWrite   = regexp.MustCompile(`(?i)(?:^|[^\pL\pN_])(create|insert|merge|set|delete|detach|remove|foreach|drop|alter|grant|deny|revoke|show|terminate|use|transactions|periodic)(?:[^\pL\pN_]|$)`)
	oracleSemi    = regexp.MustCompile(`;[\s\x0b\x1c-\x1f\x{85}\p{Z}]*[^\s\x0b\x1c-\x1f\x{85}\p{Z}]`)
	oracleLoadCSV = regexp.MustCompile(`(?i)(?:^|[^\pL\pN_])load\s+csv(?:[^\pL\pN_]|$)`)
)

// oracleDecode applies \uXXXX escapes whose backslash is not itself escaped.
func oracleDecode(q string) string {
	return oracleEscape.ReplaceAllStringFunc(q, func(m string) string {
		n := strings.Count(m, `\`)
		if n%2 == 0 {
			return m
		}
		v, _ := strconv.ParseUint(m[len(m)-4:], 16, 32)
		return m[:n-1] + string(rune(v))
	})
}

// oracleCode blanks out comments and empties strings and quoted names, leaving the
// code Neo4j reads.
func oracleCode(q string) string {
	return oracleNonCode.ReplaceAllStringFunc(oracleDecode(q), func(m string) string {
		switch m[0] {
		case '`':
			return "`q`" // a quoted name is still a name: SET.`x` reads a property
		case '\'', '"':
			return "''" // a string is still a token: LOAD''CSV is not LOAD CSV
		}
		return " " // a comment is whitespace
	})
}

// oracleWriteKeyword returns a write or admin keyword standing where Neo4j would read it
// as one (not a property key, label, map key or a variable whose property is read).
func oracleWriteKeyword(code string) string {
	for _, loc := range oracleWrite.FindAllStringSubmatchIndex(code, -1) {
		start, end := loc[2], loc[3]
		before := strings.TrimRightFunc(code[:start], oracleSpace)
		after := strings.TrimLeftFunc(code[end:], oracleSpace)
		if strings.HasSuffix(before, ".") || strings.HasSuffix(before, ":") || strings.HasSuffix(before, "$") {
			continue
		}
		if strings.HasPrefix(after, ":") {
			continue
		}
		if rest, ok := strings.CutPrefix(after, "."); ok {
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(rest, oracleSpace)); r == '`' || r == '_' || unicode.IsLetter(r) {
				continue
			}
		}
		return code[start:end]
	}
	return ""
}

// oracleSpace is Java's whitespace, which Neo4j's lexer skips.
func oracleSpace(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) }

func FuzzGuard(f *testing.F) {
	for _, tc := range refused {
		f.Add(tc.query)
	}
	for _, q := range accepted {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		r := cypherguard.Check(q) // must not panic
		if r != nil {
			if r.Offset < 0 || r.Offset > len(utf16.Encode([]rune(q))) || r.Line < 1 || r.Column < 1 || r.Reason == "" {
				t.Fatalf("refusal with a bad position or no reason: %+v", r)
			}
			if again := cypherguard.Check(q); again == nil || *again != *r {
				t.Fatalf("not deterministic: %+v then %+v", r, again)
			}
			return
		}
		if !utf8.ValidString(q) {
			return // Neo4j receives UTF-8 only; the driver would refuse to send it
		}
		code := oracleCode(q)
		if w := oracleWriteKeyword(code); w != "" {
			t.Fatalf("accepted a query with %q outside strings and comments: %q (code %q)", w, q, code)
		}
		if oracleSemi.MatchString(code) {
			t.Fatalf("accepted several statements: %q", q)
		}
		if oracleLoadCSV.MatchString(code) {
			t.Fatalf("accepted LOAD CSV: %q", q)
		}
		// Whatever an accepted query says, a write clause after it must still be seen,
		// unless the query ends expecting a name (n. or n:), which the clause would become.
		trimmed := strings.TrimRightFunc(code, oracleSpace)
		if !strings.HasSuffix(trimmed, ".") && !strings.HasSuffix(trimmed, ":") && !strings.HasSuffix(trimmed, "$") {
			if cypherguard.Check(q+"\nCREATE (x)") == nil {
				t.Fatalf("accepted %q followed by CREATE", q)
			}
		}
		if cypherguard.Check("CALL { "+q+"\n} MERGE (x)") == nil {
			t.Fatalf("accepted MERGE after a subquery %q", q)
		}
	})
}
