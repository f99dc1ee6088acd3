package demo

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
)

// maxBody bounds request bodies; a chat message is far smaller.
const maxBody = 1 << 20

// authorised compares the key in constant time.
func (s *Server) authorised(key string) bool {
	return subtle.ConstantTimeCompare([]byte(key), []byte(s.key)) == 1
}

// writeJSON writes v with a status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, internalErrorBody()
	}
	writeRaw(w, status, b)
}

// writeRaw writes bytes that already are JSON.
func writeRaw(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeDetail writes AUI's simple error body {"detail": "..."}.
func writeDetail(w http.ResponseWriter, status int, detail string) {
	writeJSON(w, status, map[string]string{"detail": detail})
}

// internalErrorBody is AUI's documented 500 body.
func internalErrorBody() []byte {
	return []byte(`{"status_code":500,"description":"Internal server error","message":"An unexpected error occurred.","extra_data":{}}`)
}

// writeInternal answers an unexpected failure without leaking details.
func writeInternal(w http.ResponseWriter) {
	writeRaw(w, http.StatusInternalServerError, internalErrorBody())
}

// fieldError is one item of a 422 body, in FastAPI's form.
type fieldError struct {
	Loc  []string `json:"loc"`
	Msg  string   `json:"msg"`
	Type string   `json:"type"`
}

// writeValidation writes a 422 body {"detail": [...]}.
func writeValidation(w http.ResponseWriter, errs ...fieldError) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string][]fieldError{"detail": errs})
}

// Common validation errors.
func missing(loc ...string) fieldError {
	return fieldError{Loc: loc, Msg: "field required", Type: "value_error.missing"}
}

func notString(loc ...string) fieldError {
	return fieldError{Loc: loc, Msg: "str type expected", Type: "type_error.str"}
}

func tooShort(loc ...string) fieldError {
	return fieldError{Loc: loc, Msg: "ensure this value has at least 1 characters", Type: "value_error.any_str.min_length"}
}

func notDict(loc ...string) fieldError {
	return fieldError{Loc: loc, Msg: "value is not a valid dict", Type: "type_error.dict"}
}

// object is a decoded JSON request body, fields kept raw.
type object map[string]json.RawMessage

// decodeObject parses a JSON object; the error describes the problem as
// a validation item.
func decodeObject(data []byte, loc string) (object, *fieldError) {
	if len(strings.TrimSpace(string(data))) == 0 {
		e := missing(loc)
		return nil, &e
	}
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &fieldError{Loc: []string{loc}, Msg: "Expecting a JSON object: " + jsonProblem(err), Type: "value_error.jsondecode"}
	}
	var obj object
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		e := notDict(loc)
		return nil, &e
	}
	return obj, nil
}

// jsonProblem describes a JSON syntax error without echoing the input.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "invalid JSON at byte " + strconv.FormatInt(se.Offset, 10)
	}
	return "invalid JSON"
}

// str reads a required non-empty string field.
func (o object) str(name string, loc ...string) (string, *fieldError) {
	loc = append(append([]string(nil), loc...), name)
	v, ok := o[name]
	if !ok || string(v) == "null" {
		e := missing(loc...)
		return "", &e
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		e := notString(loc...)
		return "", &e
	}
	if s == "" {
		e := tooShort(loc...)
		return "", &e
	}
	return s, nil
}

// readBody reads a POST body as a JSON object, answering 422 itself when
// it is not one.
func readBody(w http.ResponseWriter, r *http.Request) (object, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeDetail(w, http.StatusRequestEntityTooLarge, "Request Entity Too Large")
		} else {
			writeValidation(w, fieldError{Loc: []string{"body"}, Msg: "could not read the request body", Type: "value_error"})
		}
		return nil, false
	}
	obj, ferr := decodeObject(data, "body")
	if ferr != nil {
		writeValidation(w, *ferr)
		return nil, false
	}
	return obj, true
}

// createTask answers POST /api/v1/external/tasks. task_origin_type and
// agent (sent by newer SDKs) are accepted and ignored.
func (s *Server) createTask(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	userID, ferr := body.str("user_id", "body")
	if ferr != nil {
		writeValidation(w, *ferr)
		return
	}
	now := s.now()
	rec := taskRecord{ID: newObjectID(now), UserID: userID, Title: newTaskTitle, Created: now}
	if err := s.store.createTask(rec); err != nil {
		writeInternal(w)
		return
	}
	writeJSON(w, http.StatusOK, rec.apiTask())
}

// Page size bounds for task listings.
const (
	defaultPageSize = 10
	maxPageSize     = 100
)

// listTasks answers GET /api/v1/external/tasks?user_id=&page=&size=.
func (s *Server) listTasks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var errs []fieldError
	userID := q.Get("user_id")
	if !q.Has("user_id") {
		errs = append(errs, missing("query", "user_id"))
	}
	page, size := 1, defaultPageSize
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &page}, {"size", &size}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fieldError{Loc: []string{"query", p.name}, Msg: "value is not a valid integer", Type: "type_error.integer"})
				continue
			}
			*p.dst = n
		}
	}
	if len(errs) > 0 {
		writeValidation(w, errs...)
		return
	}
	page = max(page, 1)
	size = min(max(size, 1), maxPageSize)
	recs, total, err := s.store.listTasks(userID, page, size)
	if err != nil {
		writeInternal(w)
		return
	}
	out := api.TaskPage{Tasks: make([]api.Task, 0, len(recs)), Total: total, Page: page, Size: size}
	for _, rec := range recs {
		out.Tasks = append(out.Tasks, rec.apiTask())
	}
	writeJSON(w, http.StatusOK, out)
}

// getTask answers GET /api/v1/external/tasks/{task_id}.
func (s *Server) getTask(w http.ResponseWriter, id string) {
	rec, err := s.store.task(id)
	switch {
	case errors.Is(err, errTaskNotFound):
		writeDetail(w, http.StatusNotFound, "Task not found")
	case err != nil:
		writeInternal(w)
	default:
		writeJSON(w, http.StatusOK, rec.apiTask())
	}
}

// taskMessages answers GET /api/v1/external/tasks/{task_id}/messages with
// the whole transcript, oldest first.
func (s *Server) taskMessages(w http.ResponseWriter, id string) {
	b, err := s.store.messagesJSON(id)
	switch {
	case errors.Is(err, errTaskNotFound):
		writeDetail(w, http.StatusNotFound, "Task not found")
	case err != nil:
		writeInternal(w)
	default:
		writeRaw(w, http.StatusOK, b)
	}
}

// sendMessage answers POST /api/v1/external/message: it stores the user's
// message and the agent's reply and returns the reply. The query
// parameters (is_external_api, trace flags) change nothing here.
func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	in, errs := parseUserMessage(body, "body")
	if len(errs) > 0 {
		writeValidation(w, errs...)
		return
	}
	msg, err := s.exchange(in)
	switch {
	case errors.Is(err, errTaskNotFound):
		writeDetail(w, http.StatusNotFound, "Task not found")
	case err != nil:
		writeInternal(w)
	default:
		writeJSON(w, http.StatusOK, msg)
	}
}

// userMessageIn is a user message as sent over REST or the WebSocket.
type userMessageIn struct {
	TaskID, Text string
	BudgetHint   string // context.lead_details.budget_range, if any
}

// parseUserMessage validates {"task_id","text","context"?}; loc prefixes
// the error locations ("body" for REST).
func parseUserMessage(o object, loc ...string) (userMessageIn, []fieldError) {
	var in userMessageIn
	var errs []fieldError
	var ferr *fieldError
	if in.TaskID, ferr = o.str("task_id", loc...); ferr != nil {
		errs = append(errs, *ferr)
	}
	if in.Text, ferr = o.str("text", loc...); ferr != nil {
		errs = append(errs, *ferr)
	}
	if raw, ok := o["context"]; ok && string(raw) != "null" {
		var ctx struct {
			LeadDetails map[string]any `json:"lead_details"`
		}
		if err := json.Unmarshal(raw, &ctx); err != nil {
			errs = append(errs, notDict(append(append([]string(nil), loc...), "context")...))
		} else if v, ok := ctx.LeadDetails["budget_range"].(string); ok {
			in.BudgetHint = v
		}
	}
	return in, errs
}

// exchange runs one turn: stores the user's message and the agent's reply
// together (so a client that lost its socket finds the reply over REST)
// and returns the reply.
func (s *Server) exchange(in userMessageIn) (api.Message, error) {
	var out api.Message
	err := s.store.turn(in.TaskID, func(rec *taskRecord) ([]api.Message, error) {
		user := userMessage(newUUID(), rec.UserID, in.Text, s.now())
		r := respond(&rec.State, in.Text, in.BudgetHint)
		r.Text = lengthen(r.Text, s.replyWords)
		rec.Title = nextTitle(rec.Title, in.Text)
		out = agentMessage(newUUID(), rec.UserID, r, s.now())
		return []api.Message{user, out}, nil
	})
	return out, err
}

// marshal encodes v as compact JSON without escaping <, > and & (product
// names like "Espresso & Milk" stay readable in curl output), with control
// characters escaped so curl output cannot act on the terminal.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return textsafe.JSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}
