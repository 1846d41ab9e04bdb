package neo4jstore

import "testing"

func TestWithoutJavaClasses(t *testing.T) {
	for in, want := range map[string]string{
		"Caused by: java.lang.IllegalArgumentException: Bad value":                         "Bad value",
		"Could not create analyzer org.neo4j.graphdb.schema.AnalyzerProvider[nonexistent]": "Could not create analyzer AnalyzerProvider[nonexistent]",
		"Cannot parse: org.apache.lucene.queryparser.classic.ParseException-like text":     "Cannot parse: ParseException-like text",
		"Expected java.time.Duration but got Long(1)":                                      "Expected Duration but got Long(1)",
		"Nothing Java here: 3.5 people named org.example and e.g. a.b":                     "Nothing Java here: 3.5 people named org.example and e.g. a.b",
	} {
		if got := withoutJavaClasses(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// TestEchoWithCaret: the caret sits under the character Neo4j's column (UTF-16 units)
// names, whatever comes before it on the line.
func TestEchoWithCaret(t *testing.T) {
	cases := []struct {
		name, line string
		col        int
		want       string // the echoed line, then the caret line
	}{
		{"plain", "RETURN n ORDER", 10, "\"RETURN n ORDER\"\n          ^"},
		{"first column", "nope", 1, "\"nope\"\n ^"},
		{"past the end", "RETURN 1 +", 11, "\"RETURN 1 +\"\n           ^"},
		{"after an emoji, two units and two columns", "RETURN '😀' +", 13, "\"RETURN '😀' +\"\n             ^"},
		{"after escaped quotes", `RETURN "a" x`, 12, "\"RETURN \\\"a\\\" x\"\n              ^"},
		{"after a tab", "RETURN\t1 x", 10, "\"RETURN\\t1 x\"\n           ^"},
		{"a line ending in CRLF", "RETURN x\r", 8, "\"RETURN x\"\n        ^"},
		{"after a combining mark", "RETURN 'e\u0301' x", 13, "\"RETURN 'e\u0301' x\"\n            ^"},
		// U+2764 is one column as text; VS16 asks for the emoji, two columns.
		{"after an emoji by variation selector", "RETURN '\u2764\uFE0F' x", 13, "\"RETURN '\u2764\uFE0F' x\"\n             ^"},
		{"after a keycap", "RETURN '1\uFE0F\u20E3' x", 14, "\"RETURN '1\uFE0F\u20E3' x\"\n             ^"},
		{"after a skin tone", "RETURN '\U0001F44D\U0001F3FD' x", 15, "\"RETURN '\U0001F44D\U0001F3FD' x\"\n             ^"},
		{"a text-style variation selector changes nothing", "RETURN '\u2764\uFE0E' x", 13, "\"RETURN '\u2764\uFE0E' x\"\n            ^"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := echoWithCaret(tc.line, tc.col); got != "\n"+tc.want {
				t.Errorf("echoWithCaret(%q, %d) =\n%s\nwant\n%s", tc.line, tc.col, got, tc.want)
			}
		})
	}
}
