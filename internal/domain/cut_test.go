package domain

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		max      int
		want     string
	}{
		{"short", "scale-ai", 8, "scale-ai"},
		{"one over", "scale-ai!", 8, "scale…"},                    // the ellipsis is 3 of the 8 bytes
		{"inside a character", "ab" + "é" + "cd" + "…", 6, "ab…"}, // é is 2 bytes: byte 3 is its second
		{"at a character", "ab" + "é" + "cde" + "…", 7, "abé…"},
		{"nothing but continuation bytes", "a" + strings.Repeat("\x80", 10), 5, "…"},
		{"no room but for the ellipsis", "scale-ai", 3, "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Cut(tc.in, tc.max)
			if got != tc.want {
				t.Fatalf("Cut(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
			if len(got) > max(tc.max, 3) {
				t.Fatalf("Cut(%q, %d) = %q has %d bytes", tc.in, tc.max, got, len(got))
			}
			if utf8.ValidString(tc.in) && !utf8.ValidString(got) {
				t.Fatalf("Cut(%q, %d) = %q cut a character", tc.in, tc.max, got)
			}
		})
	}
	if got := Shown(strings.Repeat("x", 250)); got != strings.Repeat("x", 197)+"…" {
		t.Fatalf("Shown gives %d bytes, want 200 with its ellipsis", len(got))
	}
}
