package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// maxBodyBytes bounds every request body under /api: the largest legitimate one is a
// Cypher query with its parameters.
const maxBodyBytes = 1 << 20

// limitBody refuses a declared body over max at once (413) and caps what a handler can
// read from an undeclared (chunked) one, which decodeJSON then reports as 413 too.
func (s *Server) limitBody(max int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > max {
			s.problem(c, tooLarge(max))
			return
		}
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		}
		c.Next()
	}
}

// repeatedHeader refuses a request that gives the header name more than once, rather
// than read its first value: two readers of the request (a proxy, a firewall, this
// server) could each take another one. field is the problem's field that shows them
// all, fix what to send instead.
func repeatedHeader(c *gin.Context, name, field, fix string) error {
	values := c.Request.Header.Values(name)
	if len(values) < 2 {
		return nil
	}
	joined := shown(strings.Join(values, ", "))
	return &domain.Error{Code: domain.EUnsupportedMedia,
		Message: fmt.Sprintf("The request has %d %s headers (%q); %s.", len(values), name, joined, fix),
		Fields:  map[string]any{field: joined}}
}

func tooLarge(max int64) error {
	return &domain.Error{Code: domain.ETooLarge, Message: fmt.Sprintf("The request body is over the limit of %d bytes.", max),
		Fields: map[string]any{"max_bytes": max}}
}

// decodeJSON reads the request body as one JSON value into v: 415 unless the content
// type is application/json (in UTF-8, uncompressed), 413 over the body limit, 400 for
// a body that is not UTF-8, malformed JSON, unknown fields (names are matched exactly,
// not as encoding/json does whatever their case), a key given twice in an object, or
// trailing data. Handlers of JSON bodies (POST /api/cypher) use it so that every such
// error looks the same.
func (s *Server) decodeJSON(c *gin.Context, v any) error {
	if err := repeatedHeader(c, "Content-Type", "content_type", "send one, application/json"); err != nil {
		return err
	}
	contentType := c.GetHeader("Content-Type")
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "application/json" {
		return &domain.Error{Code: domain.EUnsupportedMedia,
			Message: fmt.Sprintf("The request body must be application/json, got %q.", shown(contentType)),
			Fields:  map[string]any{"content_type": shown(contentType)}}
	}
	if charset, ok := params["charset"]; ok && !strings.EqualFold(charset, "utf-8") && !strings.EqualFold(charset, "utf8") {
		return &domain.Error{Code: domain.EUnsupportedMedia,
			Message: fmt.Sprintf("The request body must be JSON in UTF-8, got charset %q; send UTF-8 (charset=utf-8, or no charset).", shown(charset)),
			Fields:  map[string]any{"content_type": shown(contentType)}}
	}
	if err := repeatedHeader(c, "Content-Encoding", "content_encoding", "send none, or one: identity"); err != nil {
		return err
	}
	if ce := c.GetHeader("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return &domain.Error{Code: domain.EUnsupportedMedia,
			Message: fmt.Sprintf("The request body must not be compressed, got Content-Encoding %q; send it as it is.", shown(ce)),
			Fields:  map[string]any{"content_encoding": shown(ce)}}
	}
	if c.Request.Body == nil {
		return domain.Errorf(domain.EInvalid, "The request body is empty; send a JSON object.")
	}
	// The body is read whole (limitBody bounds it) so that it can be checked twice: by
	// encoding/json, then for what encoding/json lets through.
	body, err := io.ReadAll(c.Request.Body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return tooLarge(tooBig.Limit)
	case err != nil:
		// The client stopped sending, or sent too slowly for the server's read timeout
		// (problem answers that client, who still waits); the error's words (addresses)
		// are only logged.
		return &domain.Error{Code: domain.EInvalid, Err: err,
			Message: "The request body could not be read whole: it ended early or came too slowly."}
	}
	if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		// Some editors and shells (PowerShell's Out-File) write one; JSON has none.
		return &domain.Error{Code: domain.EInvalid,
			Message: "The request body starts with a byte order mark (EF BB BF); send the JSON without it.",
			Fields:  map[string]any{"offset": 0}}
	}
	if i := invalidUTF8(body); i >= 0 {
		// encoding/json would read each bad byte as U+FFFD, a parameter other than sent.
		return &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("The request body is not UTF-8 (at byte offset %d); JSON is sent in UTF-8.", i),
			Fields:  map[string]any{"offset": i}}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	err = dec.Decode(v)
	if err == nil && dec.More() {
		// The value ends at InputOffset; what follows it starts after the white space.
		at := dec.InputOffset()
		at += int64(len(body[at:]) - len(bytes.TrimLeft(body[at:], " \t\r\n")))
		return &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("The request body has data after its JSON value (at byte offset %d); send one value.", at),
			Fields:  map[string]any{"offset": at}}
	}
	if err == nil {
		if at := loneSurrogate(body); at >= 0 {
			// encoding/json reads it as U+FFFD, a parameter other than sent.
			return &domain.Error{Code: domain.EInvalid,
				Message: fmt.Sprintf("The request body escapes half of a UTF-16 surrogate pair alone (%s at byte offset %d), which is no character; send the whole pair or the character itself.", body[at:at+6], at),
				Fields:  map[string]any{"offset": at}}
		}
		return checkKeys(body, jsonFields(v))
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return domain.Errorf(domain.EInvalid, "The request body is empty; send a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("The request body ends inside its JSON value (at byte offset %d); send the whole value.", len(body)),
			Fields:  map[string]any{"offset": len(body)}}
	case errors.As(err, &syntax):
		// Offset counts the byte at fault as read; fields.offset is that byte's own, as
		// for a byte that is not UTF-8 and in Neo4j's positions.
		at := max(syntax.Offset-1, 0)
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The request body is not valid JSON at byte offset %d: %s.", at, shown(err.Error())),
			Fields: map[string]any{"offset": at}}
	case errors.As(err, &typ):
		if typ.Field == "" {
			return domain.Errorf(domain.EInvalid, "The request body must be a JSON %s, got %s.", jsonKind(typ.Type), shown(typ.Value))
		}
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The field %q must be a JSON %s, got %s.", shown(typ.Field), jsonKind(typ.Type), shown(typ.Value)),
			Fields: map[string]any{"field": shown(typ.Field)}}
	}
	// encoding/json reports an unknown field only in its message.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The request body has an unknown field %q.", shown(name)),
			Fields: map[string]any{"field": shown(name)}}
	}
	return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The request body is not valid: %s.", shown(err.Error()))}
}

// invalidUTF8 is the offset of the first byte of b that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// loneSurrogate is the offset of the first \u escape in b that stands for half of a
// UTF-16 surrogate pair without the other half, or -1. b is valid JSON, so every
// backslash is inside a string and starts an escape.
func loneSurrogate(b []byte) int {
	surrogate := func(i int) (r rune, ok bool) {
		if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
		return rune(n), err == nil && n >= 0xD800 && n <= 0xDFFF
	}
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		r, ok := surrogate(i)
		if !ok {
			i++ // the escaped character, which may be a backslash
			continue
		}
		if next, pair := surrogate(i + 6); r < 0xDC00 && pair && next >= 0xDC00 {
			i += 11
			continue
		}
		return i
	}
	return -1
}

// jsonFields are the JSON names of the fields of the struct v points to.
func jsonFields(v any) []string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" {
			name = t.Field(i).Name
		}
		if name != "-" {
			names = append(names, name)
		}
	}
	return names
}

// checkKeys refuses what encoding/json accepts in a body it has decoded: a key given
// twice in one object, at any depth (it keeps the last, where another reader of the
// same body, a proxy or a log, may take the first), and a top-level key naming one of
// fields in another case ("QUERY"), which it matches to the field. fields nil skips
// the second check.
func checkKeys(body []byte, fields []string) error {
	type frame struct {
		object  bool
		path    string
		keys    map[string]bool
		wantKey bool // an object's next token is a key
		index   int  // an array's next element
	}
	var stack []*frame
	// advance moves the innermost frame past one value.
	advance := func() {
		if len(stack) == 0 {
			return
		}
		if top := stack[len(stack)-1]; top.object {
			top.wantKey = true
		} else {
			top.index++
		}
	}
	var key string // the key whose value comes next
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // io.EOF; Decode has accepted the body, so nothing else
		}
		top := (*frame)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				advance()
				continue
			}
			name, _ := tok.(string)
			path := name
			if top.path != "" {
				path = top.path + "." + name
			}
			if top.keys[name] {
				return &domain.Error{Code: domain.EInvalid,
					Message: fmt.Sprintf("The request body gives the field %q twice; give it once.", shown(path)),
					Fields:  map[string]any{"field": shown(path)}}
			}
			top.keys[name] = true
			if len(stack) == 1 && fields != nil && !slices.Contains(fields, name) {
				for _, f := range fields {
					if strings.EqualFold(f, name) {
						return &domain.Error{Code: domain.EInvalid,
							Message: fmt.Sprintf("The request body has an unknown field %q; names are case-sensitive: %q.", shown(name), f),
							Fields:  map[string]any{"field": shown(name)}}
					}
				}
			}
			top.wantKey, key = false, path
			continue
		}
		// The path of a value that opens an object or an array, which its keys extend.
		path := func() string {
			if top != nil && !top.object {
				return fmt.Sprintf("%s[%d]", top.path, top.index)
			}
			return key
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, path: path(), keys: map[string]bool{}, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{path: path()})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
			advance()
		default:
			advance()
		}
	}
}

// jsonKind names the JSON kind that decodes into t, for error messages: a client knows
// "object", not Go's type names.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer" // encoding/json refuses 1.5 for an int as it refuses a string
	case reflect.Float32, reflect.Float64:
		return "number"
	}
	return "value"
}
