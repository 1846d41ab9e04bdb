package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// The page's files need no database: these tests serve a small build from memory.
var (
	pageHTML   = "<!doctype html><title>newsgraph</title>" + strings.Repeat("<!-- page -->", 300)
	pageScript = "console.log('newsgraph');" + strings.Repeat("const x = 1;\n", 500)
	pageBuild  = fstest.MapFS{
		"index.html":              {Data: []byte(pageHTML)},
		"assets/index-abc123.js":  {Data: []byte(pageScript)},
		"assets/tiny-def456.css":  {Data: []byte("body{margin:0}")},
		"assets/logo-0a1b2c.png":  {Data: bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000)},
		".vite/manifest.json":     {Data: []byte(`{"secret":"build details"}`)},
		"assets/nested/deep-9.js": {Data: []byte("export {}")},
	}
)

func pageServer() http.Handler {
	return conforming(httpapi.New(httpapi.Options{Web: pageBuild}).Handler())
}

// fetch requests target with the given Accept-Encoding (and If-None-Match when set).
func fetch(t *testing.T, h http.Handler, method, target, acceptEncoding, ifNoneMatch string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(context.Background(), method, target, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decoded returns the body as the client reads it, gunzipped when it was sent gzipped.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.String()
	}
	r, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("bad gzip: %v", err)
	}
	return string(b)
}

func TestPageFiles(t *testing.T) {
	h := pageServer()
	immutable := "public, max-age=31536000, immutable"
	cases := []struct {
		name, method, target, acceptEncoding string
		status                               int
		body, contentType, cacheControl      string
		gzipped                              bool
	}{
		{"script, gzip accepted", "GET", "/assets/index-abc123.js", "gzip, deflate, br", 200, pageScript, "text/javascript; charset=utf-8", immutable, true},
		{"script, no Accept-Encoding", "GET", "/assets/index-abc123.js", "", 200, pageScript, "text/javascript; charset=utf-8", immutable, false},
		{"script, gzip refused", "GET", "/assets/index-abc123.js", "br, gzip;q=0", 200, pageScript, "text/javascript; charset=utf-8", immutable, false},
		{"script, any coding", "GET", "/assets/index-abc123.js", "*", 200, pageScript, "text/javascript; charset=utf-8", immutable, true},
		{"script, any coding but gzip", "GET", "/assets/index-abc123.js", "*;q=0.5, GZIP;q=0", 200, pageScript, "text/javascript; charset=utf-8", immutable, false},
		{"script, nothing accepted", "GET", "/assets/index-abc123.js", "*;q=0", 200, pageScript, "text/javascript; charset=utf-8", immutable, false},
		{"script, gzip with a quality", "GET", "/assets/index-abc123.js", "identity;q=0.1, gzip;q=0.8", 200, pageScript, "text/javascript; charset=utf-8", immutable, true},
		{"a small file stays as it is", "GET", "/assets/tiny-def456.css", "gzip", 200, "body{margin:0}", "text/css; charset=utf-8", immutable, false},
		{"images are not compressed again", "GET", "/assets/logo-0a1b2c.png", "gzip", 200, string(bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000)), "image/png", immutable, false},
		{"nested asset", "GET", "/assets/nested/deep-9.js", "", 200, "export {}", "text/javascript; charset=utf-8", immutable, false},
		{"the page", "GET", "/", "gzip", 200, pageHTML, "text/html; charset=utf-8", "no-cache", true},
		{"the page by name", "GET", "/index.html", "", 200, pageHTML, "text/html; charset=utf-8", "no-cache", false},
		{"a client-side route loads the page", "GET", "/entity/scale-ai", "", 200, pageHTML, "text/html; charset=utf-8", "no-cache", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := fetch(t, h, tc.method, tc.target, tc.acceptEncoding, "")
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.String())
			}
			if got := rec.Header().Get("Content-Encoding") == "gzip"; got != tc.gzipped {
				t.Errorf("gzipped = %v, want %v", got, tc.gzipped)
			}
			if got := decoded(t, rec); got != tc.body {
				t.Errorf("body differs from the file: %d bytes, want %d", len(got), len(tc.body))
			}
			if got := rec.Header().Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			if got := rec.Header().Get("Cache-Control"); got != tc.cacheControl {
				t.Errorf("Cache-Control %q, want %q", got, tc.cacheControl)
			}
			if rec.Header().Get("ETag") == "" {
				t.Error("no ETag")
			}
		})
	}
}

// TestPageHead checks HEAD over a real connection, where net/http drops the body that
// the router, seeing a GET, writes.
func TestPageHead(t *testing.T) {
	srv := httptest.NewServer(pageServer())
	defer srv.Close()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodHead, srv.URL+"/", nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || len(body) != 0 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" ||
		resp.ContentLength != int64(len(pageHTML)) {
		t.Fatalf("HEAD /: %d, %d bytes of body, %q, length %d", resp.StatusCode, len(body), resp.Header.Get("Content-Type"), resp.ContentLength)
	}
}

func TestPageFilesRevalidate(t *testing.T) {
	h := pageServer()
	for _, ae := range []string{"", "gzip"} {
		first := fetch(t, h, "GET", "/", ae, "")
		etag := first.Header().Get("ETag")
		again := fetch(t, h, "GET", "/", ae, etag)
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("Accept-Encoding %q: If-None-Match %s gave %d with %d bytes, want 304 and none", ae, etag, again.Code, again.Body.Len())
		}
	}
	// The two encodings are different representations: one's tag does not validate the other.
	plain := fetch(t, h, "GET", "/", "", "").Header().Get("ETag")
	if rec := fetch(t, h, "GET", "/", "gzip", plain); rec.Code != http.StatusOK {
		t.Errorf("the identity ETag validated the gzipped page: %d", rec.Code)
	}
	if vary := fetch(t, h, "GET", "/", "gzip", "").Header().Get("Vary"); vary != "Accept-Encoding" {
		t.Errorf("Vary %q, want Accept-Encoding", vary)
	}
}

func TestPageFilesNotFound(t *testing.T) {
	h := pageServer()
	for _, target := range []string{
		"/assets/index-old999.js", // a stale page asking for a replaced script must not get HTML
		"/favicon.ico",
		"/.vite/manifest.json", // build details are not served
		"/assets/",
		"/api/nothing-here",
		// A route's path with a trailing slash is not a page route: a probe set up as
		// /readyz/ must not get the page's 200.
		"/readyz/",
		"/healthz/",
		"/metrics/",
		"/api/search/",
	} {
		rec := fetch(t, h, "GET", target, "gzip", "")
		if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Errorf("GET %s: %d %s, want 404 problem+json", target, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	// The page's paths take GET and HEAD only: another method is a 405, not the page.
	if rec := fetch(t, h, "POST", "/", "", ""); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d with Allow %q, want 405 with Allow GET, HEAD", rec.Code, rec.Header().Get("Allow"))
	}
}

// TestAnswersCompressed checks that API answers of 2 KB or more (the OpenAPI document
// and the metrics too) are gzipped for clients that accept it, byte-equal to the
// identity answer once decompressed, and that small answers and DisableCompression are
// left alone.
func TestAnswersCompressed(t *testing.T) {
	loadNews(t)
	store := neo4jtest.Store(t)
	h := serverOn(store)
	big, small := "/api/entities/mercor/neighbourhood?per_node=100", "/api/search?q=Meta&limit=1"
	plain := fetch(t, h, "GET", big, "", "")
	zipped := fetch(t, h, "GET", big, "gzip", "")
	if plain.Code != 200 || zipped.Code != 200 {
		t.Fatalf("statuses %d and %d", plain.Code, zipped.Code)
	}
	if plain.Body.Len() < 2048 {
		t.Fatalf("the test needs an answer of 2 KB or more, got %d bytes", plain.Body.Len())
	}
	if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("not gzipped: %v", zipped.Header())
	}
	if got := decoded(t, zipped); got != plain.Body.String() {
		t.Errorf("the gzipped answer differs from the plain one once decompressed")
	}
	if n := zipped.Body.Len(); n*3 > plain.Body.Len() {
		t.Errorf("gzip made %d bytes of %d", n, plain.Body.Len())
	}
	if cl := zipped.Header().Get("Content-Length"); cl != fmt.Sprint(zipped.Body.Len()) {
		t.Errorf("Content-Length %s for %d bytes", cl, zipped.Body.Len())
	}
	if plain.Header().Get("Content-Encoding") != "" {
		t.Errorf("a client that asked for no coding got %q", plain.Header().Get("Content-Encoding"))
	}

	rec := fetch(t, h, "GET", small, "gzip", "")
	if rec.Code != 200 || rec.Body.Len() >= 2048 {
		t.Fatalf("the test needs a small answer: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	if rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("a %d-byte answer was compressed", rec.Body.Len())
	}

	// The OpenAPI document and the metrics follow the same setting.
	for _, path := range []string{"/api/openapi.json", "/metrics"} {
		if rec := fetch(t, h, "GET", path, "gzip", ""); rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: %d, Content-Encoding %q, want gzip", path, rec.Code, rec.Header().Get("Content-Encoding"))
		}
	}
	if rec := fetch(t, h, "GET", "/api/openapi.json", "gzip", ""); decoded(t, rec) != string(httpapi.OpenAPI()) {
		t.Errorf("the gzipped OpenAPI document differs from the document")
	}

	off := conforming(httpapi.New(httpapi.Options{Store: store, RequestTimeout: time.Minute, DisableCompression: true}).Handler())
	for _, path := range []string{big, "/api/openapi.json", "/metrics"} {
		if rec := fetch(t, off, "GET", path, "gzip", ""); rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("DisableCompression still compressed %s (%d, %q)", path, rec.Code, rec.Header().Get("Content-Encoding"))
		}
	}
	if rec := fetch(t, off, "GET", big, "gzip", ""); rec.Body.String() != plain.Body.String() {
		t.Errorf("DisableCompression changed the answer")
	}
}

// TestPageMetrics: the page and its files count under the route "page", apart from the
// paths nothing serves ("unmatched"), so that a 404 alert is not drowned by page hits.
func TestPageMetrics(t *testing.T) {
	h := pageServer()
	for _, r := range []struct{ method, target string }{
		{"GET", "/"}, {"GET", "/assets/index-abc123.js"}, {"HEAD", "/"}, {"POST", "/"}, {"GET", "/api/no-such-route"},
	} {
		fetch(t, h, r.method, r.target, "", "")
	}
	text := fetch(t, h, "GET", "/metrics", "", "").Body.String()
	for _, want := range []string{
		`newsgraph_http_requests_total{method="GET",route="page",status="200"} 2` + "\n",
		`newsgraph_http_requests_total{method="HEAD",route="page",status="200"} 1` + "\n",
		`newsgraph_http_requests_total{method="POST",route="page",status="405"} 1` + "\n",
		`newsgraph_http_requests_total{method="GET",route="unmatched",status="404"} 1` + "\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
