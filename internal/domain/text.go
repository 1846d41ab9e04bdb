package domain

import "unicode"

// Blank reports whether s shows nothing: every character is white space or an
// invisible format character (zero-width space and joiners, U+2060 word joiner, the
// byte order mark, the soft hyphen: Unicode's Cf). strings.TrimSpace leaves the format
// characters, so a name of a zero-width space passed for a name and showed as nothing.
func Blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsControl(r) {
			return false
		}
	}
	return true
}
