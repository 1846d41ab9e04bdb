package httpapi

import (
	"fmt"
	"strings"
	"testing"
)

// TestQuotedNamesReadBack: names written as quoteName writes them, comma-separated,
// read back as themselves, whatever they hold: the rule a client (the web page) follows
// to send any list of names.
func TestQuotedNamesReadBack(t *testing.T) {
	lists := [][]string{
		{"HIRED"},
		{"WORKS,WITH", "Tag, Two"},
		{" PADDED ", "\tTAB", "trailing "},
		{"it`s", "`", "``", "`start", "end`"},
		{"Ünïcödé", "with space", "a,b,c", ",", " , "},
	}
	for _, names := range lists {
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = quoteName(n)
		}
		value := strings.Join(quoted, ",")
		got, err := splitNames("types", value)
		if err != nil || fmt.Sprintf("%q", got) != fmt.Sprintf("%q", names) {
			t.Errorf("%q: read back %q, %v; want %q", value, got, err, names)
		}
	}
	if got := quoteName("HIRED"); got != "HIRED" {
		t.Errorf("a plain name is quoted: %s", got)
	}
}
