package bench_test

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// BenchmarkCompression measures what gzip, which serve applies to API answers of 2 KB or
// more for clients that accept it, costs and saves over loopback: the generated graph's
// neighbourhoods fetched as they are and gzipped (the client decompressing, as a browser
// does), in pairs that alternate like the other workloads. Over loopback bytes are
// nearly free, so this is the price paid for the transfer saved on a real network.
func BenchmarkCompression(b *testing.B) {
	e := getEnv(b)
	in := generatedInputs(b, e)
	for _, depth := range []int{1, 2, 3} {
		name := fmt.Sprintf("neighbourhood-d%d", depth)
		b.Run(name, func(b *testing.B) {
			path := func(i int) string {
				return fmt.Sprintf("/api/entities/%s/neighbourhood?depth=%d", in.foci[i%len(in.foci)], depth)
			}
			var plainD, gzipD []time.Duration
			var plainBytes, gzipBytes int64
			plain := func(i int) error {
				start := time.Now()
				body, err := e.get(path(i))
				plainD = append(plainD, time.Since(start))
				plainBytes += int64(len(body))
				return err
			}
			zipped := func(i int) error {
				start := time.Now()
				sent, err := e.getGzip(path(i))
				gzipD = append(gzipD, time.Since(start))
				gzipBytes += int64(sent)
				return err
			}
			for i := 0; i < warmup; i++ {
				if err := errors.Join(plain(i), zipped(i)); err != nil {
					b.Fatal(err)
				}
			}
			plainD, gzipD, plainBytes, gzipBytes = plainD[:0], gzipD[:0], 0, 0
			b.ResetTimer()
			if err := paired(b.N, plain, zipped); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			// summarize's "driver" side is the plain call here: overhead is what gzip adds.
			r := summarize(gzipD, plainD)
			r.op, r.bytes = name, plainBytes/int64(b.N)
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(ms(r.drvP50), "plain-p50-ms")
			b.ReportMetric(ms(r.httpP50), "gzip-p50-ms")
			b.ReportMetric(ms(r.overhead), "gzip-adds-ms")
			compressed[name] = compression{r: r, gzipBytes: gzipBytes / int64(b.N)}
		})
	}
}

type compression struct {
	r         *result
	gzipBytes int64
}

var compressed = map[string]compression{}

// getGzip calls the API asking for gzip, decompresses the answer as a browser would and
// returns how many bytes were sent.
func (e *env) getGzip(path string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := e.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
		return 0, fmt.Errorf("GET %s: %d, Content-Encoding %q", path, resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	counted := &countingReader{r: resp.Body}
	zr, err := gzip.NewReader(counted)
	if err != nil {
		return 0, err
	}
	if _, err := io.ReadAll(zr); err != nil {
		return 0, err
	}
	return counted.n, nil
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func compressionTable() string {
	if len(compressed) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString("\n| gzip (generated) | n | plain p50 / p99 | gzipped p50 / p99 | gzip adds (median of pairs) | answer plain → gzipped |\n")
	sb.WriteString("|---|---:|---:|---:|---:|---:|\n")
	for _, name := range []string{"neighbourhood-d1", "neighbourhood-d2", "neighbourhood-d3"} {
		c, ok := compressed[name]
		if !ok {
			continue
		}
		r := c.r
		fmt.Fprintf(&sb, "| %s | %d | %.2f ms / %.2f ms | %.2f ms / %.2f ms | %.2f ms | %.1f → %.1f KB |\n",
			name, r.n, ms(r.drvP50), ms(r.drvP99), ms(r.httpP50), ms(r.httpP99), ms(r.overhead),
			float64(r.bytes)/1024, float64(c.gzipBytes)/1024)
	}
	return sb.String()
}
