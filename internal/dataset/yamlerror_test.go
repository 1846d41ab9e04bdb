package dataset_test

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/newsgraph/newsgraph/internal/dataset"
)

// TestYAMLSyntaxErrorsNameTheirLine: a syntax error is reported at the line where the
// file stops being YAML. The YAML library names the start of the list it was reading
// instead: a key indented one space too little, ten items into the entities, was
// reported at `entities:`; for a control character or bytes that are no UTF-8 it names
// no line, and the problem had none.
func TestYAMLSyntaxErrorsNameTheirLine(t *testing.T) {
	// entities writes n valid entities, one every three lines from line 2.
	entities := func(n int) string {
		var b strings.Builder
		b.WriteString("dataset: t\nentities:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - id: e-%d\n    kind: Organization\n    name: E %d\n", i, i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		yaml string
		line int
		says string
	}{
		{"a key indented one space too little", entities(10) + "  - id: late\n    kind: Organization\n   name: Late\n", 35,
			"did not find expected '-' indicator (noticed while reading from line 2)"},
		{"a tab in the indentation", entities(2) + "  - id: tabbed\n\tname: Tabbed\n", 10, "tab character"},
		{"a multi-line [list] before the bad indentation", "dataset: t\nentities:\n  - id: a\n    aliases: [One,\n      Two]\n" +
			"    kind: Organization\n  - id: b\n   name: B\n", 8, "(noticed while reading from line 2)"},
		{"a long multi-line [list] half way to the bad indentation", "dataset: t\nentities:\n  - id: a\n    aliases: [" +
			strings.Repeat("Alias,\n      ", 20) + "Last]\n    kind: Organization\n" + entities(5)[len("dataset: t\nentities:\n"):] +
			"  - id: b\n   name: B\n", 42, "(noticed while reading from line 2)"},
		{"where the library is right", entities(1) + "  - id: x\n    kind: Organization: twice\n", 7, "mapping values are not allowed"},
		// What it means, in the words of someone editing the file.
		{"a colon in an unquoted value", entities(1) + "  - id: x\n    kind: Organization\n    description: Meta said: it bought a share\n", 8, "must be in quotes"},
		{"an item's field indented too little", entities(1) + "  - id: x\n    kind: Organization\n  name: X\n", 8, "indentation"},
		{"an unterminated string at the end", entities(1) + "  - id: x\n    name: \"open\n", 7, "found unexpected end of stream"},
		// The library names no line for these at all.
		{"a control character", entities(3) + "  - id: x\n    name: \"A\x01\"\n", 13, "control characters are not allowed"},
		{"bytes that are no UTF-8", entities(3) + "  - id: x\n    name: \xff\xfe\n", 13, "UTF-8"},
		// A Latin-1 letter ending a line was reported on the next one.
		{"a byte that is no UTF-8 ending a line", "dataset: t\nsources: []\nentities:\n  - id: acme\n    kind: Organization\n    name: Caf\xe9\nfacts: []\n", 6, "UTF-8"},
		// In UTF-16, one line late: the search cut the file between the two bytes of a newline.
		{"a syntax error in a UTF-16 file", utf16LE(entities(3) + "  - id: x\n    name: : x\n    kind: Organization\n"), 13, "mapping values are not allowed"},
		// Without its byte order mark, UTF-16 was "control characters are not allowed".
		{"UTF-16 without a byte order mark", utf16LE(entities(1))[2:], 1, "UTF-16 without a byte order mark"},
		{"a syntax error in a big-endian UTF-16 file", utf16BE(entities(10) + "  - id: late\n    kind: Organization\n   name: Late\n" + entities(2)[len("dataset: t\nentities:\n"):]), 35,
			"did not find expected '-' indicator (noticed while reading from line 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dataset.Parse(dataset.File{Name: "t.yaml", Data: []byte(tt.yaml)})
			got := dataset.Problems(err)
			if len(got) != 1 {
				t.Fatalf("want one problem, got %q", got)
			}
			if want := fmt.Sprintf("t.yaml:%d: invalid YAML: ", tt.line); !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], tt.says) {
				t.Errorf("got %q, want %q... saying %q", got[0], want, tt.says)
			}
		})
	}
}

// utf16LE and utf16BE encode s as UTF-16 with its byte order mark, as Windows editors save.
func utf16LE(s string) string { return utf16With(s, binary.LittleEndian) }
func utf16BE(s string) string { return utf16With(s, binary.BigEndian) }

func utf16With(s string, order binary.AppendByteOrder) string {
	b := order.AppendUint16(nil, 0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return string(b)
}
