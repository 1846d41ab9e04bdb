package httpapi

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

// appender is an answer that writes its own JSON: the domain's graph answers, whose
// AppendJSON matches encoding/json's output at a fraction of its cost.
type appender interface{ AppendJSON(dst []byte) []byte }

// answerBuffers recycles the buffers answers are written into; a buffer that grew past
// maxPooledAnswer (a rare huge answer) is left to the garbage collector instead.
var answerBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

const maxPooledAnswer = 4 << 20

// ok writes a 200 answer: through AppendJSON when the answer has it, else through
// encoding/json. Every successful API answer leaves here, as every error leaves
// through problem.
func (s *Server) ok(c *gin.Context, answer any) {
	a, isAppender := answer.(appender)
	if !isAppender {
		c.JSON(http.StatusOK, answer)
		return
	}
	bp := answerBuffers.Get().(*[]byte)
	body := a.AppendJSON((*bp)[:0])
	// A known length spares the client chunked decoding.
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	if cap(body) <= maxPooledAnswer {
		*bp = body
		answerBuffers.Put(bp)
	}
}
