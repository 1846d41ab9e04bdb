package neo4jstore

import (
	"testing"
	"time"
)

func TestISOTemporalRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		text, kind string
	}{
		{"2025-06-13", "Date"},
		{"0000-01-01", "Date"},
		{"-0001-12-31", "Date"},
		{"+10000-01-01", "Date"},
		{"+999999999-12-31", "Date"},
		{"23:59:59.999", "LocalTime"},
		{"08:30:00-05:00", "Time"},
		{"12:00:00+05:45:15", "Time"},
		{"2024-02-29T12:00:00", "LocalDateTime"},
		{"2024-01-01T00:00:00Z", "DateTime"},
		{"1800-01-01T00:00:00+00:09:21", "DateTime"},
		{"-0044-03-15T12:00:00.000000001-01:00", "DateTime"},
	} {
		v, err := parseISOTemporal(tc.text, temporalKinds[tc.kind])
		if err != nil {
			t.Errorf("%s: %v", tc.text, err)
			continue
		}
		if out := appendISOTemporal(nil, v, temporalKinds[tc.kind]); string(out) != tc.text {
			t.Errorf("%s came back as %s", tc.text, out)
		}
	}
}

func TestISOTemporalRefused(t *testing.T) {
	for _, tc := range []struct {
		text, kind string
	}{
		{"2025-02-30", "Date"},               // no such day
		{"2025-13-01", "Date"},               // no such month
		{"10000-01-01", "Date"},              // five digits without a sign
		{"2025-06-13T14:30:00", "Date"},      // a time where a date alone belongs
		{"2025-06-13", "LocalDateTime"},      // a date where a time belongs too
		{"24:00:00", "LocalTime"},            // no such hour
		{"12:60:00", "LocalTime"},            // no such minute
		{"12:00:00+01:60", "Time"},           // no such offset minute
		{"12:00:00+01:00:60", "Time"},        // no such offset second
		{"12:00:00", "Time"},                 // the offset missing
		{"2025-06-13 14:30:00Z", "DateTime"}, // a space for the T
		{"", "Date"},
	} {
		if v, err := parseISOTemporal(tc.text, temporalKinds[tc.kind]); err == nil {
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
		for _, kind := range temporalKinds {
			v, err := parseISOTemporal(text, kind)
			if err != nil {
				continue
			}
			once := appendISOTemporal(nil, v, kind)
			back, err := parseISOTemporal(string(once), kind)
			if err != nil {
				t.Fatalf("%q parsed, was written %q, which does not parse: %v", text, once, err)
			}
			if again := appendISOTemporal(nil, back, kind); !back.Equal(v) || string(again) != string(once) {
				t.Fatalf("%q: written %q, read back as %v (%q), want %v", text, once, back, again, v)
			}
		}
	})
}
