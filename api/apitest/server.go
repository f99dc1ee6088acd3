// Package apitest is a docs-conformance server: an http.Handler that serves
// only what AUI's API reference documents, answering with the reference's
// own example payloads (see examples.go). The client, the command line and
// the end-to-end tests run against it as well as against the demo backend,
// so the program is checked against the documentation, not only against a
// backend written alongside it.
//
// It serves the documented calls and nothing else: POST and GET
// /api/v1/external/tasks, GET /api/v1/external/tasks/{id}/messages, POST
// /api/v1/external/message and the WebSocket /api/v1/external/session.
// Every other path, the SDK-only task record included, is a 404.
package apitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

const pathBase = "/api/v1/external"

// Server serves the documented API from the reference's examples. Tasks
// created and messages sent are kept in memory, so a conversation held
// against it reads back as it happened. It is safe for concurrent use.
type Server struct {
	mux *http.ServeMux

	mu          sync.Mutex
	tasks       []string            // listed tasks, newest first, as JSON objects
	transcripts map[string][]string // task id -> messages, as JSON objects
	turns       int                 // replies given, to vary shapes and ids
	// pace is the pause between streamed frames.
	pace time.Duration
}

// New returns a server holding the documented tasks and transcript. pace
// spaces the streamed frames of a reply (0: none).
func New(pace time.Duration) *Server {
	s := &Server{
		tasks: []string{exampleListedTask, exampleEmptyTask},
		transcripts: map[string][]string{
			TranscriptTaskID: append([]string(nil), exampleTranscript...),
			EmptyTaskID:      {},
		},
		pace: pace,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+pathBase+"/tasks", s.authed(s.createTask))
	mux.HandleFunc("GET "+pathBase+"/tasks", s.authed(s.listTasks))
	mux.HandleFunc("GET "+pathBase+"/tasks/{id}/messages", s.authed(s.taskMessages))
	mux.HandleFunc("POST "+pathBase+"/message", s.authed(s.sendMessage))
	mux.HandleFunc("GET "+pathBase+"/session", s.session)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, http.StatusNotFound, errorNotFound)
	})
	s.mux = mux
	return s
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// Transcript is the task's messages as the server would send them, in
// order, as one JSON array (nil for an unknown task).
func (s *Server) Transcript(taskID string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs, ok := s.transcripts[taskID]
	if !ok {
		return nil
	}
	return []byte("[" + strings.Join(msgs, ",") + "]")
}

// authed checks the x-network-api-key header first, as the API does (§2).
func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-network-api-key") != Key {
			writeBody(w, http.StatusUnauthorized, errorUnauthorized)
			return
		}
		h(w, r)
	}
}

func writeBody(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// createTask answers §3.1's example whatever the user, once the body names
// one; the task joins the listing the first time.
func (s *Server) createTask(w http.ResponseWriter, r *http.Request) {
	var body struct {
		UserID string `json:"user_id"`
	}
	if json.NewDecoder(r.Body).Decode(&body) != nil || body.UserID == "" {
		writeBody(w, http.StatusUnprocessableEntity, strings.Replace(errorValidation, `"task_id"`, `"user_id"`, 1))
		return
	}
	s.mu.Lock()
	if _, ok := s.transcripts[NewTaskID]; !ok {
		s.transcripts[NewTaskID] = []string{}
		s.tasks = append([]string{exampleCreateTask}, s.tasks...)
	}
	s.mu.Unlock()
	writeBody(w, http.StatusOK, exampleCreateTask)
}

// listTasks answers §3.2's ListTasksResponse; only UserID has tasks.
func (s *Server) listTasks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	user := q.Get("user_id")
	if user == "" {
		writeBody(w, http.StatusUnprocessableEntity,
			`{"detail":[{"loc":["query","user_id"],"msg":"field required","type":"value_error.missing"}]}`)
		return
	}
	page, size := intParam(q.Get("page"), 1), intParam(q.Get("size"), 10)
	s.mu.Lock()
	var all []string
	if user == UserID {
		all = append(all, s.tasks...)
	}
	s.mu.Unlock()
	from := min((page-1)*size, len(all))
	to := min(from+size, len(all))
	writeBody(w, http.StatusOK, fmt.Sprintf(`{"tasks":[%s],"total":%d,"page":%d,"size":%d}`,
		strings.Join(all[from:to], ","), len(all), page, size))
}

func intParam(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return def
}

// taskMessages answers §3.3: the bare array, in the conversation's order.
func (s *Server) taskMessages(w http.ResponseWriter, r *http.Request) {
	b := s.Transcript(r.PathValue("id"))
	if b == nil {
		writeBody(w, http.StatusNotFound, errorNotFound)
		return
	}
	writeBody(w, http.StatusOK, string(b))
}

// userMessage is §3.4's body and §4's client frame.
type userMessage struct {
	TaskID string `json:"task_id"`
	Text   string `json:"text"`
}

// sendMessage answers §3.4: the agent's reply, or one of §5's errors.
func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	var um userMessage
	if json.NewDecoder(r.Body).Decode(&um) != nil || um.TaskID == "" {
		writeBody(w, http.StatusUnprocessableEntity, errorValidation)
		return
	}
	status, body := s.answer(um)
	writeBody(w, status, body)
}

// answer records a user message and the agent's reply, or says which
// documented error the message gets instead.
func (s *Server) answer(um userMessage) (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs, ok := s.transcripts[um.TaskID]
	switch {
	case !ok:
		return http.StatusForbidden, errorForbidden
	case strings.TrimSpace(um.Text) == "":
		return http.StatusUnprocessableEntity, strings.Replace(errorValidation, `"task_id"`, `"text"`, 1)
	case strings.Contains(um.Text, FlagWord):
		return http.StatusBadRequest, errorModeration
	case strings.Contains(um.Text, FailWord):
		return http.StatusInternalServerError, errorServer
	}
	s.turns++
	n := s.turns
	reply := replyFor(n)
	s.transcripts[um.TaskID] = append(msgs, userTurn(n, um.Text), reply)
	return http.StatusOK, reply
}

// replies are the documented agent messages, given in turn: each shape of
// product data once.
var replies = []string{exampleG2Reply, exampleG1Reply, exampleCardsReply}

// replyFor is the nth reply: a documented agent message with an id of its
// own, so replies to one task can be told apart.
func replyFor(n int) string {
	r := replies[(n-1)%len(replies)]
	var m map[string]json.RawMessage
	_ = json.Unmarshal([]byte(r), &m)
	m["id"] = json.RawMessage(strconv.Quote(fmt.Sprintf("a0000000-0000-4000-8000-%012d", n)))
	b, _ := json.Marshal(m)
	return string(b)
}

// userTurn is the nth user message as the transcript keeps it, shaped as
// exampleUserQuestion.
func userTurn(n int, text string) string {
	var m map[string]json.RawMessage
	_ = json.Unmarshal([]byte(exampleUserQuestion), &m)
	m["id"] = json.RawMessage(strconv.Quote(fmt.Sprintf("b0000000-0000-4000-8000-%012d", n)))
	t, _ := json.Marshal(text)
	m["text"] = t
	b, _ := json.Marshal(m)
	return string(b)
}
