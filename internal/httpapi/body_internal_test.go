package httpapi

import "testing"

// TestLoneSurrogate: only half a surrogate pair escaped alone is refused; a whole pair,
// an escaped backslash before "ud800" and other escapes are not.
func TestLoneSurrogate(t *testing.T) {
	cases := []struct {
		body string
		want int
	}{
		{`{"q": "plain"}`, -1},
		{`{"q": "\ud83d\ude00"}`, -1}, // 😀, a whole pair
		{`{"q": "\uD83D\uDE00"}`, -1},
		{`{"q": "\\ud800"}`, -1}, // a backslash, then the letters ud800
		{`{"q": "\\\ud83d\ude00"}`, -1},
		{`{"q": "\u00e9\n\"\/"}`, -1},
		{`{"q": "\ud800"}`, 7},
		{`{"q": "\udc00"}`, 7},              // a low half first
		{`{"q": "\ud83d\u0041"}`, 7},        // a high half, then no low one
		{`{"q": "\ud83d\ud83d\ude00"}`, 7},  // two high halves
		{`{"q": "\ude00\ud83d\ude00"}`, 7},  // a low half, then a pair
		{`{"q": "\ud83d\ude00\ude00"}`, 19}, // a pair, then a low half
		{`{"q": "\\\ud800"}`, 9},
		{`{"q": "x", "r": "\ud800`, 17}, // at the end of the body
	}
	for _, c := range cases {
		if got := loneSurrogate([]byte(c.body)); got != c.want {
			t.Errorf("loneSurrogate(%s) = %d, want %d", c.body, got, c.want)
		}
	}
}
