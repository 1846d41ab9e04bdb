package domain

import "unicode"

// Blank reports whether s shows nothing: every character is white space, a control
// character, an invisible format character (zero-width space and joiners, U+2060 word
// joiner, the byte order mark, the soft hyphen: Unicode's Cf), another character Unicode
// says to draw as nothing (its Default_Ignorable_Code_Point: variation selectors, the
// combining grapheme joiner, the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0), or
// U+2800 BRAILLE PATTERN BLANK, a printable character that prints as a space.
// strings.TrimSpace leaves all but the spaces, so a name of a zero-width space passed
// for a name and showed as nothing. web/src/text.ts's blank is the same test.
func Blank(s string) bool {
	for _, r := range s {
		if !invisible(r) {
			return false
		}
	}
	return true
}

func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2800' ||
		unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}
