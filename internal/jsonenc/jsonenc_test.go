package jsonenc

import (
	"encoding/json"
	"math"
	"testing"
)

func marshal(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var strings = []string{
	"", "plain", `quote " and backslash \`, "<script>&amp;</script>", "tab\tnewline\nreturn\rbell\a\b\f",
	"\x00\x01\x1f\x7f", "accents: Mézières, Zürich, Łódź", "emoji 🧭 and CJK 北京", "line\u2028para\u2029end",
	"invalid \xff\xfe utf-8 \xc3", "surrogate half \xed\xa0\x80", string([]byte{0xe2, 0x80}),
}

func TestStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range strings {
		if got, want := string(String(nil, s)), marshal(t, s); got != want {
			t.Errorf("String(%q) = %s, encoding/json writes %s", s, got, want)
		}
	}
}

// TestStringEveryByteEveryPosition puts each byte value at each place of two 8-byte
// words, after and before plain text, so that the word-at-a-time skip is checked for
// every byte it must stop at, including neighbours of the masked pairs (" &, < >).
func TestStringEveryByteEveryPosition(t *testing.T) {
	plain := []byte("abcdefghijklmnopqrstuvwx")
	for b := 0; b < 256; b++ {
		for at := 0; at < 17; at++ {
			s := append([]byte(nil), plain...)
			s[at] = byte(b)
			if got, want := string(String(nil, string(s))), marshal(t, string(s)); got != want {
				t.Fatalf("String(%q) = %s, encoding/json writes %s", s, got, want)
			}
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range strings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(String(nil, s)), marshal(t, s); got != want {
			t.Errorf("String(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}

func TestStringsMatchesEncodingJSON(t *testing.T) {
	for _, list := range [][]string{nil, {}, {"a"}, strings} {
		if got, want := string(Strings(nil, list)), marshal(t, list); got != want {
			t.Errorf("Strings(%q) = %s, encoding/json writes %s", list, got, want)
		}
	}
}

func TestNumbersMatchEncodingJSON(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.0 / 3, 123456.789, 1e-6, 9.99e-7, 1e-7, 1.5e-300,
		1e20, 1e21, 1.2345e22, -2.5e-8, math.MaxFloat64, math.SmallestNonzeroFloat64, 5e-324, 0.1 + 0.2}
	for _, f := range floats {
		if got, want := string(Float(nil, f)), marshal(t, f); got != want {
			t.Errorf("Float(%v) = %s, encoding/json writes %s", f, got, want)
		}
	}
	for _, n := range []int64{0, -1, 42, math.MaxInt64, math.MinInt64} {
		if got, want := string(Int(nil, n)), marshal(t, n); got != want {
			t.Errorf("Int(%d) = %s, encoding/json writes %s", n, got, want)
		}
	}
	for _, b := range []bool{false, true} {
		if got, want := string(Bool(nil, b)), marshal(t, b); got != want {
			t.Errorf("Bool(%v) = %s, encoding/json writes %s", b, got, want)
		}
	}
}
