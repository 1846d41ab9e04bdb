package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

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

func tooLarge(max int64) error {
	return &domain.Error{Code: domain.ETooLarge, Message: fmt.Sprintf("The request body is over the limit of %d bytes.", max),
		Fields: map[string]any{"max_bytes": max}}
}

// decodeJSON reads the request body as one JSON value into v: 415 unless the content
// type is application/json, 413 over the body limit, 400 for malformed JSON, unknown
// fields or trailing data. Handlers of JSON bodies (POST /api/cypher) use it so that
// every such error looks the same.
func (s *Server) decodeJSON(c *gin.Context, v any) error {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		return &domain.Error{Code: domain.EUnsupportedMedia,
			Message: fmt.Sprintf("The request body must be application/json, got %q.", c.GetHeader("Content-Type")),
			Fields:  map[string]any{"content_type": c.GetHeader("Content-Type")}}
	}
	if c.Request.Body == nil {
		return domain.Errorf(domain.EInvalid, "The request body is empty; send a JSON object.")
	}
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	dec.UseNumber()
	err = dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON value")
	}
	if err == nil {
		return nil
	}
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return tooLarge(tooBig.Limit)
	case errors.Is(err, io.EOF):
		return domain.Errorf(domain.EInvalid, "The request body is empty; send a JSON object.")
	case errors.As(err, &syntax):
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The request body is not valid JSON: %v.", err),
			Fields: map[string]any{"offset": syntax.Offset}}
	case errors.As(err, &typ):
		if typ.Field == "" {
			return domain.Errorf(domain.EInvalid, "The request body must be a JSON %s, got %s.", jsonKind(typ.Type), typ.Value)
		}
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The field %q must be a JSON %s, got %s.", typ.Field, jsonKind(typ.Type), typ.Value),
			Fields: map[string]any{"field": typ.Field}}
	}
	// encoding/json reports an unknown field only in its message.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The request body has an unknown field %q.", name),
			Fields: map[string]any{"field": name}}
	}
	return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("The request body is not valid: %v.", err)}
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
