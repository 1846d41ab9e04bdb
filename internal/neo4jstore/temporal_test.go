package neo4jstore

import (
	"testing"
	"time"
)

func TestISOTemporalRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		text                string
		date, clock, offset bool
	}{
		{"2025-06-13", true, false, false},
		{"0000-01-01", true, false, false},
		{"-0001-12-31", true, false, false},
		{"+10000-01-01", true, false, false},
		{"+999999999-12-31", true, false, false},
		{"23:59:59.999", false, true, false},
		{"08:30:00-05:00", false, true, true},
		{"12:00:00+05:45:15", false, true, true},
		{"2024-02-29T12:00:00", true, true, false},
		{"2024-01-01T00:00:00Z", true, true, true},
		{"1800-01-01T00:00:00+00:09:21", true, true, true},
		{"-0044-03-15T12:00:00.000000001-01:00", true, true, true},
	} {
		v, err := parseISOTemporal(tc.text, tc.date, tc.clock, tc.offset)
		if err != nil {
			t.Errorf("%s: %v", tc.text, err)
			continue
		}
		var out []byte
		if tc.date {
			out = appendISODate(out, v)
		}
		if tc.date && tc.clock {
			out = append(out, 'T')
		}
		if tc.clock {
			out = appendClock(out, v)
		}
		if tc.offset {
			out = appendOffset(out, v)
		}
		if string(out) != tc.text {
			t.Errorf("%s came back as %s", tc.text, out)
		}
	}
}

func TestISOTemporalRefused(t *testing.T) {
	for _, tc := range []struct {
		text                string
		date, clock, offset bool
	}{
		{"2025-02-30", true, false, false},          // no such day
		{"2025-13-01", true, false, false},          // no such month
		{"10000-01-01", true, false, false},         // five digits without a sign
		{"2025-06-13T14:30:00", true, false, false}, // a time where a date alone belongs
		{"2025-06-13", true, true, false},           // a date where a time belongs too
		{"24:00:00", false, true, false},            // no such hour
		{"12:60:00", false, true, false},            // no such minute
		{"12:00:00+01:60", false, true, true},       // no such offset minute
		{"12:00:00+01:00:60", false, true, true},    // no such offset second
		{"12:00:00", false, true, true},             // the offset missing
		{"2025-06-13 14:30:00Z", true, true, true},  // a space for the T
		{"", true, false, false},
	} {
		if v, err := parseISOTemporal(tc.text, tc.date, tc.clock, tc.offset); err == nil {
			t.Errorf("%q was read as %v", tc.text, v)
		}
	}
}

func TestAppendOffset(t *testing.T) {
	for secs, want := range map[int]string{0: "Z", 3600: "+01:00", -3 * 3600: "-03:00", 3630: "+01:00:30", -(5*3600 + 45*60 + 15): "-05:45:15"} {
		if got := string(appendOffset(nil, time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", secs)))); got != want {
			t.Errorf("offset %d: %s, want %s", secs, got, want)
		}
	}
}

// FuzzISOTemporal: whatever text parses comes back, once written, as text that parses
// to the same instant and is written the same again.
func FuzzISOTemporal(f *testing.F) {
	for _, s := range []string{"2025-06-13T14:30:00Z", "+10000-01-01T00:00:00+01:00:30", "-0001-12-31T23:59:59.5-05:45", "12:00:00+05:45:15"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, k := range [][3]bool{{true, false, false}, {false, true, false}, {false, true, true}, {true, true, false}, {true, true, true}} {
			v, err := parseISOTemporal(text, k[0], k[1], k[2])
			if err != nil {
				continue
			}
			write := func(v time.Time) string {
				var out []byte
				if k[0] {
					out = appendISODate(out, v)
				}
				if k[0] && k[1] {
					out = append(out, 'T')
				}
				if k[1] {
					out = appendClock(out, v)
				}
				if k[2] {
					out = appendOffset(out, v)
				}
				return string(out)
			}
			once := write(v)
			back, err := parseISOTemporal(once, k[0], k[1], k[2])
			if err != nil {
				t.Fatalf("%q parsed, was written %q, which does not parse: %v", text, once, err)
			}
			if !back.Equal(v) || write(back) != once {
				t.Fatalf("%q: written %q, read back as %v (%q), want %v", text, once, back, write(back), v)
			}
		}
	})
}
