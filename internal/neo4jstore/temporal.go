package neo4jstore

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// The console writes temporal values as ISO 8601 text the way Neo4j (java.time) writes
// them, and reads the same text back in parameters. Go's layouts cannot do either for
// two cases Neo4j has: years outside 0000-9999 (+10000-01-01, -0001-01-01) and offsets
// with seconds (+01:00:30, which historic local mean times have).

// temporalKind is which parts a kind of temporal value has in its text: a date, a time
// of day, an offset.
type temporalKind struct{ date, clock, offset bool }

// The temporal kinds, by the name ToJSON tags them with.
var temporalKinds = map[string]temporalKind{
	"Date":          {date: true},
	"LocalTime":     {clock: true},
	"Time":          {clock: true, offset: true},
	"LocalDateTime": {date: true, clock: true},
	"DateTime":      {date: true, clock: true, offset: true},
}

// appendISOTemporal writes the parts of t that kind has, as ISO 8601 text.
func appendISOTemporal(dst []byte, t time.Time, kind temporalKind) []byte {
	if kind.date {
		dst = appendISODate(dst, t)
	}
	if kind.date && kind.clock {
		dst = append(dst, 'T')
	}
	if kind.clock {
		dst = appendClock(dst, t)
	}
	if kind.offset {
		dst = appendOffset(dst, t)
	}
	return dst
}

// appendISODate writes t's date: a year beyond 9999 gets a plus sign, a year before
// year 0 (1 BC) a minus sign and at least four digits.
func appendISODate(dst []byte, t time.Time) []byte {
	switch y := t.Year(); {
	case y > 9999:
		dst = append(dst, '+')
		dst = strconv.AppendInt(dst, int64(y), 10)
	case y < 0:
		dst = append(dst, '-')
		dst = appendPadded(dst, -y, 4)
	default:
		dst = appendPadded(dst, y, 4)
	}
	return t.AppendFormat(dst, "-01-02")
}

// appendClock writes t's time of day, with as many fraction digits as it needs.
func appendClock(dst []byte, t time.Time) []byte {
	return t.AppendFormat(dst, "15:04:05.999999999")
}

// appendOffset writes t's offset: Z for none, else ±hh:mm, and :ss when it has seconds.
func appendOffset(dst []byte, t time.Time) []byte {
	_, offset := t.Zone()
	if offset == 0 {
		return append(dst, 'Z')
	}
	sign := byte('+')
	if offset < 0 {
		sign, offset = '-', -offset
	}
	dst = append(dst, sign)
	dst = appendPadded(dst, offset/3600, 2)
	dst = append(dst, ':')
	dst = appendPadded(dst, offset/60%60, 2)
	if s := offset % 60; s != 0 {
		dst = append(dst, ':')
		dst = appendPadded(dst, s, 2)
	}
	return dst
}

func appendPadded(dst []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// isoTemporal matches the text forms appendISOTemporal writes: an optional date, an
// optional time of day and an optional offset.
var isoTemporal = regexp.MustCompile(`^(?:([+-]?\d{4,9})-(\d{2})-(\d{2}))?` +
	`(?:(^|T)(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?` +
	`(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?$`)

// parseISOTemporal reads text with exactly the parts kind has. A time without an
// offset is in UTC.
func parseISOTemporal(text string, kind temporalKind) (time.Time, error) {
	m := isoTemporal.FindStringSubmatch(text)
	if m == nil || (m[1] != "") != kind.date || (m[5] != "") != kind.clock || (m[9] != "") != kind.offset ||
		(kind.date && kind.clock && m[4] != "T") {
		return time.Time{}, fmt.Errorf("not in the expected form")
	}
	num := func(s string) int {
		n, _ := strconv.Atoi(s)
		return n
	}
	year, month, day := 1970, 1, 1
	if kind.date {
		if len(m[1]) > 4 && m[1][0] != '+' && m[1][0] != '-' {
			return time.Time{}, fmt.Errorf("a year of more than four digits needs a sign")
		}
		year, month, day = num(m[1]), num(m[2]), num(m[3])
	}
	hour, minute, second, nanos := 0, 0, 0, 0
	if kind.clock {
		hour, minute, second = num(m[5]), num(m[6]), num(m[7])
		if f := m[8]; f != "" {
			nanos = num(f + "000000000"[len(f):])
		}
	}
	loc := time.UTC
	if kind.offset && m[9] != "Z" {
		o := m[9]
		secs := num(o[1:3])*3600 + num(o[4:6])*60
		if len(o) > 6 {
			secs += num(o[7:9])
		}
		if o[4:6] > "59" || (len(o) > 6 && o[7:9] > "59") {
			return time.Time{}, fmt.Errorf("the offset's minutes or seconds are beyond 59")
		}
		if o[0] == '-' {
			secs = -secs
		}
		loc = time.FixedZone("", secs)
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, nanos, loc)
	// time.Date normalises 2025-02-30 into March; a field that moved was out of range.
	if t.Year() != year || int(t.Month()) != month || t.Day() != day || t.Hour() != hour || t.Minute() != minute || t.Second() != second {
		return time.Time{}, fmt.Errorf("a field is out of range")
	}
	return t, nil
}
