// Package jsonenc appends JSON values to byte slices exactly as encoding/json writes
// them (the same escaping, HTML-safe, and the same float format), without reflection.
// The API's graph answers are written with it: encoding/json spent more time on a
// large neighbourhood than the whole HTTP layer may add (docs/benchmarks.md).
package jsonenc

import (
	"math"
	"strconv"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// safe marks the ASCII bytes that need no escaping: not a control character, not `"`
// or `\`, and not `<`, `>` or `&`, which encoding/json escapes so that JSON can sit in
// HTML.
var safe = func() (t [utf8.RuneSelf]bool) {
	for i := 0x20; i < utf8.RuneSelf; i++ {
		t[i] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// String appends s as a JSON string. Invalid UTF-8 becomes U+FFFD and U+2028/U+2029
// are escaped, as encoding/json does.
func String(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start, i := 0, 0
	for {
		// Skip eight bytes at a time while none needs a second look, also after an
		// escape or a non-ASCII letter: long texts (evidence notes) have a few of
		// those, and a byte-at-a-time tail would make them the slowest part of an
		// answer.
		for i+8 <= len(s) && !needsLook(load64(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// needsLook reports whether any of the eight bytes in w may be a control character,
// non-ASCII, or one of " \ < > &. It may report a byte that needs nothing (a borrow
// crossing into the byte above a flagged one): the caller then looks at the bytes one
// by one, which is only slower. It never misses one.
func needsLook(w uint64) bool {
	// zeroes has the top bit set in each zero byte of x (and maybe above one).
	zeroes := func(x uint64) uint64 { return (x - lsb) &^ x }
	// A byte below 0x20 wraps around when 0x20 is taken off; one from 0x80 has its
	// top bit set already. " and & differ in one bit (0x22, 0x26), as do < and >
	// (0x3c, 0x3e): masking that bit tests each pair at once.
	return ((w-lsb*0x20)|w|
		zeroes((w^(lsb*'"'))&^(lsb*0x04))|
		zeroes((w^(lsb*'<'))&^(lsb*0x02))|
		zeroes(w^(lsb*'\\')))&msb != 0
}

// Strings appends a list of strings; nil is null, as encoding/json writes a nil slice.
func Strings(dst []byte, list []string) []byte { return List(dst, list, String) }

// List appends list as a JSON array, each element written by appendOne; nil is null, as
// encoding/json writes a nil slice.
func List[T any](dst []byte, list []T, appendOne func(dst []byte, v T) []byte) []byte {
	if list == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, v := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendOne(dst, v)
	}
	return append(dst, ']')
}

// Int appends an integer.
func Int(dst []byte, n int64) []byte { return strconv.AppendInt(dst, n, 10) }

// Bool appends true or false.
func Bool(dst []byte, b bool) []byte { return strconv.AppendBool(dst, b) }

// Float appends a finite float the way encoding/json does: the shortest representation,
// with an exponent only below 1e-6 or from 1e21 on. NaN and infinities have no JSON
// form; callers that may meet them (Neo4j values) write them as tagged objects first.
func Float(dst []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// Like encoding/json, write e-07 as e-7.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// load64 reads the eight bytes of s from i as a little-endian word (the compiler makes
// it one load).
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}
