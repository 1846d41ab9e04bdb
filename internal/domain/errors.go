package domain

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrorCode classifies a failure so that every adapter can map it to its own terms
// (an HTTP status, an exit code) from one table.
type ErrorCode string

// The error codes newsgraph uses. The HTTP mapping lives in httpapi's status table.
const (
	EInvalid          ErrorCode = "invalid"            // the caller asked for something malformed or out of range
	ENotFound         ErrorCode = "not_found"          // the named entity, source or fact does not exist
	ERefused          ErrorCode = "refused"            // a Cypher query the read-only console will not run
	ESyntax           ErrorCode = "syntax"             // Neo4j could not parse a query
	ETimeout          ErrorCode = "timeout"            // the query ran past its time limit
	EUnavailable      ErrorCode = "unavailable"        // Neo4j cannot be reached right now
	ETooLarge         ErrorCode = "too_large"          // a request body over the size limit
	EUnsupportedMedia ErrorCode = "unsupported_media"  // a request body that is not JSON
	EMethodNotAllowed ErrorCode = "method_not_allowed" // a route asked for with a method it does not take
	EInternal         ErrorCode = "internal"           // a bug or an unexpected failure; details are only logged
)

// Error is newsgraph's one error type. Message is safe to show to a client; Err, when
// set, is the underlying cause and is only logged.
type Error struct {
	Code    ErrorCode
	Message string
	// Fields carries machine-readable details for the client (an allowed range, a
	// query position); it is copied into the problem+json body.
	Fields map[string]any
	Err    error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted client-safe message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCodeOf returns the code of the first *Error in err's chain, or EInternal.
func ErrorCodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessageOf returns the client-safe message of err, or a generic one for
// internal errors so that nothing private leaks.
func ErrorMessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EInternal {
		return e.Message
	}
	return "Internal error."
}

// Shown cuts what a client sent to a length worth repeating in a message: 200 bytes at
// most (Cut). An error must not echo a 40,000-byte id three times over.
func Shown(s string) string { return Cut(s, 200) }

// Cut returns s when it has at most max bytes, else as much of its beginning as fits
// in max bytes with "…" (3 bytes) after it, cut at a character boundary: at most max
// bytes in all, as the documents promise (a detail of at most 2,000 bytes).
func Cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const ellipsis = "…"
	for i := max - len(ellipsis); i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + ellipsis
		}
	}
	return ellipsis
}
