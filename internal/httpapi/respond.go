package httpapi

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// appender is an answer that writes its own JSON: the domain's graph answers, whose
// AppendJSON matches encoding/json's output at a fraction of its cost.
type appender interface{ AppendJSON(dst []byte) []byte }

// answerBuffers recycles the buffers answers are written (and compressed) into; a
// buffer that grew past maxPooledAnswer (a rare huge answer) is left to the garbage
// collector instead.
var answerBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

const maxPooledAnswer = 4 << 20

// gzipMin is the answer size from which the server gzips for clients that accept it:
// below a TCP segment or two, compressing saves no round trip.
const gzipMin = 2 << 10

// gzipWriters recycles compressors: each holds several hundred kilobytes of tables.
// BestSpeed compresses a depth-3 neighbourhood about tenfold at over 200 MB/s here
// (docs/benchmarks.md); the better levels took four times as long for a quarter less.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// ok writes a 200 answer: through AppendJSON when the answer has it, else through
// encoding/json. Every successful API answer leaves here, as every error leaves
// through problem.
func (s *Server) ok(c *gin.Context, answer any) {
	var body []byte
	if a, isAppender := answer.(appender); isAppender {
		bp := answerBuffers.Get().(*[]byte)
		defer recycle(bp)
		*bp = a.AppendJSON((*bp)[:0])
		body = *bp
	} else {
		var err error
		if body, err = json.Marshal(answer); err != nil {
			s.problem(c, err)
			return
		}
	}
	s.okBody(c, body)
}

// okBody writes body, which is JSON, as a 200 answer.
func (s *Server) okBody(c *gin.Context, body []byte) {
	s.writeJSON(c, http.StatusOK, "application/json; charset=utf-8", body)
}

// writeJSON writes body, JSON of the given content type, with status: gzipped when it
// is large enough and the client accepts it (unless NEWSGRAPH_GZIP=off), always with
// its length. Answers and problems alike leave through here.
func (s *Server) writeJSON(c *gin.Context, status int, contentType string, body []byte) {
	if s.compress && len(body) >= gzipMin {
		// Caches must keep the two encodings apart.
		c.Header("Vary", "Accept-Encoding")
		if acceptsGzip(c.Request) {
			zp := answerBuffers.Get().(*[]byte)
			defer recycle(zp)
			*zp = gzipped((*zp)[:0], body)
			body = *zp
			c.Header("Content-Encoding", "gzip")
		}
	}
	// A known length spares the client chunked decoding.
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(status, contentType, body)
}

func recycle(bp *[]byte) {
	if cap(*bp) <= maxPooledAnswer {
		answerBuffers.Put(bp)
	}
}

// gzipped appends body, gzipped, to dst.
func gzipped(dst, body []byte) []byte {
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	out := bytes.NewBuffer(dst)
	w.Reset(out)
	_, _ = w.Write(body) // writes to a bytes.Buffer cannot fail
	_ = w.Close()
	return out.Bytes()
}

// acceptsGzip reports whether the request's Accept-Encoding admits gzip (RFC 9110,
// 12.5.3): named with a non-zero quality, or else covered by a non-zero "*".
func acceptsGzip(r *http.Request) bool {
	gzipQ, anyQ := -1.0, -1.0 // -1: not mentioned
	for _, header := range r.Header.Values("Accept-Encoding") {
		for _, item := range strings.Split(header, ",") {
			coding, params, _ := strings.Cut(item, ";")
			switch strings.ToLower(strings.TrimSpace(coding)) {
			case "gzip", "x-gzip":
				gzipQ = quality(params)
			case "*":
				anyQ = quality(params)
			}
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return anyQ > 0
}

// quality reads the q parameter of a content coding: 1 when absent or unreadable.
func quality(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q >= 0 && q <= 1 {
				return q
			}
		}
	}
	return 1
}
