package httpapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// site is the built front end, held in memory as it will be sent. Vite names every
// file under assets/ after a hash of its content, so a URL there never changes what it
// serves: browsers may keep those files for a year without asking again. index.html
// (the page behind every client-side route) is asked for again on each load, and its
// ETag makes the answer a 304 when nothing changed. Text files are gzipped once, at
// start, at the best level (about 0.15 s): the page's script goes from 470 to 149 KB
// and the console's from 1.1 MB to 263 KB.
type site struct {
	files map[string]*siteFile // by path, without the leading slash
	index *siteFile
}

type siteFile struct {
	name         string
	body, gz     []byte // gz is nil when gzip would not make the file smaller
	etag, gzETag string
	contentType  string
	cacheControl string
}

// compressible lists the extensions of the text files worth gzipping.
var compressible = map[string]bool{".html": true, ".js": true, ".mjs": true, ".css": true, ".svg": true, ".json": true, ".txt": true, ".map": true}

// newSite reads every file of web except dot-directories (Vite's manifest).
func newSite(web fs.FS) (*site, error) {
	s := &site{files: map[string]*siteFile{}}
	err := fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		body, err := fs.ReadFile(web, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		tag := base64.RawURLEncoding.EncodeToString(sum[:12])
		f := &siteFile{name: p, body: body, etag: `"` + tag + `"`, gzETag: `"` + tag + `-gz"`, cacheControl: "no-cache"}
		ext := path.Ext(p)
		f.contentType = mime.TypeByExtension(ext)
		if f.contentType == "" {
			f.contentType = http.DetectContentType(body)
		}
		if strings.HasPrefix(p, "assets/") {
			f.cacheControl = "public, max-age=31536000, immutable"
		}
		if compressible[ext] && len(body) >= gzipMin {
			var buf bytes.Buffer
			w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = w.Write(body)
			_ = w.Close()
			if buf.Len() < len(body)*9/10 {
				f.gz = buf.Bytes()
			}
		}
		s.files[p] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.index = s.files["index.html"]
	return s, nil
}

// serve answers GET (and so HEAD, which Handler turns into GET) for the page's files.
// A path that names no file loads the page (client-side routes), except under assets/
// or with an extension: a stale page asking for a script that a new build replaced gets
// a 404, not HTML it would try to run.
func (s *site) serve(c *gin.Context) bool {
	f := s.lookup(c.Request.URL.Path)
	if f == nil {
		return false
	}
	h := c.Writer.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cacheControl)
	body, etag := f.body, f.etag
	if f.gz != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(c.Request) {
			body, etag = f.gz, f.gzETag
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	// ServeContent answers If-None-Match with 304, HEAD and ranges.
	http.ServeContent(c.Writer, c.Request, f.name, time.Time{}, bytes.NewReader(body))
	return true
}

// lookup is the file a GET of urlPath serves, or nil for a 404.
func (s *site) lookup(urlPath string) *siteFile {
	p := strings.TrimPrefix(urlPath, "/")
	if f := s.files[p]; f != nil {
		return f
	}
	if strings.HasPrefix(p, "assets/") || path.Ext(p) != "" {
		return nil
	}
	return s.index
}
