package dataset

import "io"

// Progress is how far the check of dataset files has come, for a terminal to show
// while a large file is checked (28 MB take seconds, most of them reading its YAML).
// The check goes through these steps, in this order:
//
//	"reading"             File's YAML, in bytes of UTF-8 (Unit "bytes")
//	"checking"            File's items (sources, entities, conflicts, facts), their fields
//	"checking ids"        every file's items together: ids, and ids used twice
//	"checking references" every file's items together: what they refer to, kinds, dates
//
// The last three count items (Unit "items"); the last two have no File.
type Progress struct {
	Step  string
	File  string
	Done  int64
	Total int64
	Unit  string
}

// Steps are reported every progressBytes bytes or progressItems items, and when
// they end: often enough for a display that shows one line a second, seldom
// enough to cost nothing next to the work.
const (
	progressBytes = 64 << 10
	progressItems = 1000
)

// progress passes the check's progress on to a callback; a nil *progress, or one
// without a callback, does nothing.
type progress struct {
	fn       func(Progress)
	cur      Progress
	reported int64 // cur.Done when last passed on
}

func (p *progress) start(step, file, unit string, total int64) {
	if p == nil || p.fn == nil {
		return
	}
	p.cur = Progress{Step: step, File: file, Unit: unit, Total: total}
	p.reported = 0
}

// add counts n more bytes or items of the current step.
func (p *progress) add(n int64) {
	if p == nil || p.fn == nil {
		return
	}
	p.cur.Done += n
	every := int64(progressItems)
	if p.cur.Unit == "bytes" {
		every = progressBytes
	}
	if p.cur.Done-p.reported >= every {
		p.reported = p.cur.Done
		p.fn(p.cur)
	}
}

// end reports the current step as done.
func (p *progress) end() {
	if p == nil || p.fn == nil {
		return
	}
	p.cur.Done = p.cur.Total
	p.reported = p.cur.Done
	p.fn(p.cur)
}

// countingReader counts the bytes the YAML library reads, which it does 512 at a
// time as it parses: how far it has got through the file.
type countingReader struct {
	r io.Reader
	p *progress
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.add(int64(n))
	return n, err
}
