package domain_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
)

func TestBlank(t *testing.T) {
	for s, want := range map[string]bool{
		"":                           true,
		" \t\n":                      true,
		"\u00a0\u3000":               true,  // no-break and ideographic spaces
		"\u200b":                     true,  // zero-width space
		"\u200c\u200d":               true,  // zero-width non-joiner and joiner
		"\u2060\ufeff\u00ad":         true,  // word joiner, byte order mark, soft hyphen
		"\x00\x1b":                   true,  // control characters
		"\u3164\u115f\u1160\uffa0":   true,  // Hangul fillers
		"\u2800":                     true,  // Braille pattern blank
		"\u034f\ufe0f\U000E0100":     true,  // combining grapheme joiner, variation selectors
		"\u2764\ufe0f":               false, // a heart with its emoji variation selector
		"\u3164\uc2a4\ucf00\uc77c":   false, // a filler before Hangul text
		"\u2801":                     false, // a Braille pattern with a dot
		"a":                          false,
		"\u200bMercor":               false,
		"\U0001F469\u200d\U0001F4BB": false, // an emoji sequence joined by U+200D
		"·":                          false,
	} {
		if got := domain.Blank(s); got != want {
			t.Errorf("Blank(%+q) = %v, want %v", s, got, want)
		}
	}
}
