package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors for errors.Is. Every error the client returns for a failed
// call matches at most one of them; the UI decides what to offer (re-enter the
// key, retry, go back) from these rather than from status codes.
var (
	// ErrUnauthorized: the API key was missing or rejected (HTTP 401, or a
	// WebSocket closed with 1008 before it ever worked).
	ErrUnauthorized = errors.New("the API key was rejected")
	// ErrForbidden: the key is valid but may not touch this task (HTTP 403).
	ErrForbidden = errors.New("the API key has no access to this")
	// ErrNotFound: no such task or path (HTTP 404).
	ErrNotFound = errors.New("not found")
	// ErrValidation: the request was malformed (HTTP 422, or refused locally
	// before it was sent).
	ErrValidation = errors.New("the request was not valid")
	// ErrBadRequest: the server refused the request for an application
	// reason such as content moderation (HTTP 400).
	ErrBadRequest = errors.New("the server refused the request")
	// ErrServer: the server failed (HTTP 5xx, or WebSocket close 1011).
	ErrServer = errors.New("the server had a problem")
	// ErrTimeout: no answer before the deadline.
	ErrTimeout = errors.New("the server did not answer in time")
	// ErrOffline: the server could not be reached at all (connection
	// refused, unknown host, no network, connection lost).
	ErrOffline = errors.New("the server could not be reached")
	// ErrBadReply: the server answered with a success status but a body
	// that is not the documented JSON (often a proxy or captive portal page).
	ErrBadReply = errors.New("the server's reply could not be read")
	// ErrRateLimited: the server refused the call because too many were
	// made (HTTP 429); APIError.RetryAfter says how long it asked to wait.
	ErrRateLimited = errors.New("the server is limiting requests")
	// ErrSessionClosed: Send was called after the session's Run returned.
	ErrSessionClosed = errors.New("the live session has ended")
)

// ValidationDetail is one item of a validation error: where (Loc, e.g.
// ["body","task_id"]; integer positions are written as decimal strings) and
// what (Msg, e.g. "field required").
type ValidationDetail struct {
	Loc  []string
	Msg  string
	Type string
}

// Field is the location without its leading "body"/"query"/"path"/"header"
// part, joined with dots: "task_id", "items.0.name".
func (d ValidationDetail) Field() string {
	loc := d.Loc
	if len(loc) > 1 {
		switch loc[0] {
		case "body", "query", "path", "header", "cookie":
			loc = loc[1:]
		}
	}
	return strings.Join(loc, ".")
}

// APIError is a failed call as the server described it, whichever of AUI's
// error body forms it used. StatusCode is the HTTP status (or the
// status_code of a WebSocket error frame; 0 when the failure was detected by
// the client itself, in which case the cause is reachable with errors.Unwrap).
// All text fields come from the server and are untrusted: the client removes
// control characters and the API key from them, but a UI should still treat
// them as plain text.
type APIError struct {
	StatusCode  int
	Description string
	Message     string
	Details     []ValidationDetail
	Extra       map[string]any
	// RetryAfter is how long the server asked the client to wait (the
	// Retry-After header of a 429 or 503), or 0.
	RetryAfter time.Duration

	cause error
}

// Error is a sentence a person can act on, never the raw body.
func (e *APIError) Error() string {
	if len(e.Details) > 0 {
		parts := make([]string, 0, len(e.Details))
		for _, d := range e.Details {
			switch f := d.Field(); {
			case f != "" && d.Msg != "":
				parts = append(parts, f+": "+d.Msg)
			case d.Msg != "":
				parts = append(parts, d.Msg)
			case f != "":
				parts = append(parts, f+": invalid")
			}
		}
		if len(parts) > 0 {
			return strings.Join(parts, "; ")
		}
	}
	if e.StatusCode == 0 {
		msg := firstNonEmpty(e.Message, e.Description, "The request failed")
		if e.cause != nil {
			return msg + ": " + midSentence(e.cause.Error())
		}
		return msg
	}
	if e.StatusCode == http.StatusBadRequest && e.Message != "" {
		// A refusal says what refused it and why, in the server's words:
		// "Content moderation triggered (harmful_content): The message
		// was flagged by content moderation."
		if cat := e.ModerationCategory(); cat != "" {
			return firstNonEmpty(e.Description, "Refused by content moderation") + " (" + cat + "): " + e.Message
		}
		return e.Message
	}
	var lead string
	switch {
	case e.StatusCode == http.StatusUnauthorized:
		lead = "The API key was rejected"
	case e.StatusCode == http.StatusForbidden:
		lead = "The API key has no access to this"
	case e.StatusCode == http.StatusNotFound:
		lead = "The server has no such item"
	case e.StatusCode == http.StatusUnprocessableEntity:
		lead = "The server did not accept the request"
	case e.StatusCode == http.StatusBadRequest:
		lead = "The server refused the request"
	case e.StatusCode == http.StatusTooManyRequests:
		lead = "The server is rate limiting requests"
	case e.StatusCode >= 500:
		lead = "The server had a problem"
	default:
		lead = "The request failed"
	}
	reason := e.reason()
	code := strconv.Itoa(e.StatusCode)
	s := lead + " (" + code
	// Proxy pages title themselves "502 Bad Gateway"; say the code once.
	if r := strings.TrimPrefix(reason, code+" "); r != "" {
		reason = r
	}
	if reason != "" {
		s += " " + reason
	}
	s += ")"
	if e.Message != "" && e.Message != reason {
		s += ": " + e.Message
	}
	if e.StatusCode == http.StatusTooManyRequests {
		s += "; " + waitWords(e.RetryAfter)
	}
	return s
}

// ModerationCategory is the category a content-moderation refusal names
// in its extra data (AUI's "moderation_category"), or "".
func (e *APIError) ModerationCategory() string {
	cat, _ := e.Extra["moderation_category"].(string)
	return cat
}

// reason is the short label shown in parentheses after the status code: the
// server's description, or the standard status text.
func (e *APIError) reason() string {
	if e.Description != "" {
		return e.Description
	}
	if e.Message != "" && e.StatusCode != http.StatusBadRequest {
		return e.Message
	}
	return http.StatusText(e.StatusCode)
}

// Is matches the sentinel that corresponds to the status code.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrValidation:
		return e.StatusCode == http.StatusUnprocessableEntity
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode < 600
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	}
	return false
}

// waitWords tells the user when to try again.
func waitWords(d time.Duration) string {
	if d <= 0 {
		return "wait a moment and try again"
	}
	return fmt.Sprintf("try again in %d s", int((d+time.Second-1)/time.Second))
}

// Unwrap returns the cause of a failure the client detected itself (for
// example a reply lost when the connection dropped), or nil.
func (e *APIError) Unwrap() error { return e.cause }

// localError is an APIError raised by the client rather than the server.
func localError(msg string, cause error) *APIError {
	return &APIError{Message: msg, cause: cause}
}

// invalidArg is a request refused before it was sent.
func invalidArg(field, msg string) error {
	return fmt.Errorf("%w: %s %s", ErrValidation, field, msg)
}

// CloseError is the server closing the live WebSocket connection with a
// status code. Code 1008 (policy violation) means the key was rejected and
// matches ErrUnauthorized; 1011 (internal error) matches ErrServer.
type CloseError struct {
	Code   int
	Reason string
	// AfterErrorFrame: the server closed the connection right after an
	// error frame refusing a message, as AUI does after an application
	// error; the refusal was reported with the frame, and nothing else
	// went wrong.
	AfterErrorFrame bool
}

// Error describes the close in plain words.
func (e *CloseError) Error() string {
	var s string
	switch {
	case e.AfterErrorFrame:
		s = "The server closed the live connection after refusing a message"
	case e.Code == 1008:
		s = "The server closed the live connection: the API key was rejected"
	case e.Code == 1011:
		s = "The server closed the live connection after an internal error"
	default:
		s = "The server closed the live connection"
	}
	s += " (" + strconv.Itoa(e.Code)
	if e.Reason != "" {
		s += " " + e.Reason
	}
	return s + ")"
}

// Is matches ErrUnauthorized for 1008 and ErrServer for 1011.
func (e *CloseError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.Code == 1008 && !e.AfterErrorFrame
	case ErrServer:
		return e.Code == 1011
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// midSentence lowers the capital that starts a cause's own sentence when it
// continues another ("The reply was not received: the server closed…"),
// leaving acronyms and names ("API key", "WebSocket") as they are.
func midSentence(s string) string {
	word, _, _ := strings.Cut(s, " ")
	r, n := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) || len(word) == n || strings.IndexFunc(word[n:], unicode.IsUpper) >= 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
