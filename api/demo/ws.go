package demo

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coder/websocket"

	"aui-tui/api"
)

// writeTimeout bounds one frame write to a slow or vanished peer.
const writeTimeout = 10 * time.Second

// errorFrame is AUI's WebSocket error payload.
type errorFrame struct {
	StatusCode  int            `json:"status_code"`
	Description string         `json:"description"`
	Message     string         `json:"message"`
	ExtraData   map[string]any `json:"extra_data"`
}

// streamFrame is the envelope of a streamed text update (AUI's G1 form).
type streamFrame struct {
	Channel   streamChannel `json:"channel"`
	Scope     streamScope   `json:"scope"`
	Data      streamData    `json:"data"`
	Timestamp string        `json:"timestamp"`
}

type streamChannel struct {
	Type        string `json:"type"`
	ChannelName string `json:"channel_name"`
	EventName   string `json:"event_name"`
}

type streamScope struct {
	Type    string        `json:"type"`
	Data    streamStatus  `json:"data"`
	Context streamContext `json:"context"`
}

type streamStatus struct {
	Status string `json:"status"`
}

type streamContext struct {
	MessageID     string `json:"message_id"`
	TaskID        string `json:"task_id"`
	InteractionID string `json:"interaction_id"`
	Pillar        string `json:"pillar"`
}

type streamData struct {
	Text string `json:"text"`
}

// inFrame is one frame read from the client.
type inFrame struct {
	data   []byte
	binary bool
}

// session answers GET /api/v1/external/session. A wrong key is reported
// the way AUI does it: the upgrade succeeds and the socket is closed at
// once with 1008.
func (s *Server) session(w http.ResponseWriter, r *http.Request) {
	if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		writeDetail(w, http.StatusUpgradeRequired, "This endpoint is a WebSocket; connect with a WebSocket client")
		return
	}
	q := r.URL.Query()
	key := q.Get("network_api_key")
	if key == "" {
		key = q.Get("x-network-api-key") // the query name older browser SDKs used
	}
	if key == "" {
		key = r.Header.Get("x-network-api-key")
	}
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return // Accept has answered the request
	}
	if !s.authorised(key) {
		_ = c.Close(websocket.StatusPolicyViolation, "Invalid API key")
		return
	}
	c.SetReadLimit(maxBody)
	s.serveSocket(c)
}

// serveSocket handles one connection's frames in order until the peer
// leaves or the server closes.
func (s *Server) serveSocket(c *websocket.Conn) {
	// connCtx ends when the peer is gone; then streaming stops at once.
	connCtx, connCancel := context.WithCancel(context.Background())
	defer connCancel()
	defer func() { _ = c.CloseNow() }()
	// A peer that stops reading must not hold up shutdown: a second after
	// Close begins, whatever is left of the connection is cut.
	stop := context.AfterFunc(s.ctx, func() { time.AfterFunc(time.Second, connCancel) })
	defer stop()

	frames := make(chan inFrame)
	go func() {
		defer connCancel()
		// A panic ends this connection only, as net/http does for a
		// request, rather than the process the demo may share with the UI.
		defer func() { _ = recover() }()
		for {
			typ, data, err := c.Read(connCtx)
			if err != nil {
				return
			}
			select {
			case frames <- inFrame{data: data, binary: typ != websocket.MessageText}:
			case <-connCtx.Done():
				return
			}
		}
	}()

	channel := newUUID()
	for {
		select {
		case <-s.ctx.Done():
			_ = c.Close(websocket.StatusGoingAway, "demo server shutting down")
			return
		case <-connCtx.Done():
			return
		case f := <-frames:
			s.handleFrame(connCtx, c, channel, f)
		}
	}
}

// handleFrame answers one client frame: an error frame when it is not a
// valid message, else the streamed reply and the final message.
func (s *Server) handleFrame(ctx context.Context, c *websocket.Conn, channel string, f inFrame) {
	if f.binary {
		s.sendError(ctx, c, http.StatusUnprocessableEntity, "Messages must be JSON text frames", nil)
		return
	}
	obj, ferr := decodeObject(f.data, "message")
	if ferr != nil {
		s.sendError(ctx, c, http.StatusUnprocessableEntity, ferr.Msg, nil)
		return
	}
	in, errs := parseUserMessage(obj)
	if len(errs) > 0 {
		parts := make([]string, len(errs))
		for i, e := range errs {
			parts[i] = strings.Join(e.Loc, ".") + ": " + e.Msg
		}
		s.sendError(ctx, c, http.StatusUnprocessableEntity, strings.Join(parts, "; "), nil)
		return
	}
	fault := s.chaos.Load().socketFault()
	switch {
	case fault == "silent" || closeSocket(c, fault):
		return
	case fault == "moderation":
		_ = writeFrame(ctx, c, moderationFrame())
		return
	}
	msg, err := s.exchange(in)
	switch {
	case errors.Is(err, errTaskNotFound):
		s.sendError(ctx, c, http.StatusUnprocessableEntity, "Task not found", map[string]any{"task_id": in.TaskID})
		return
	case err != nil:
		s.sendError(ctx, c, http.StatusInternalServerError, "An unexpected error occurred.", nil)
		return
	}
	limit := -1
	if fault == "ws-drop" {
		limit = len(chunks(msg.Text)) / 2
	}
	if !s.stream(ctx, c, channel, in.TaskID, msg, limit) {
		if fault == "ws-drop" {
			_ = c.CloseNow() // no close frame: the connection just dies
		}
		return
	}
	_ = writeFrame(ctx, c, msg)
}

// stream sends the reply word by word, each frame carrying the next chunk
// (a word with the whitespace before it). It reports false when the
// connection or the server closed meanwhile, or when it stopped after
// limit chunks (a chaos fault; -1 means no limit).
func (s *Server) stream(ctx context.Context, c *websocket.Conn, channel, taskID string, msg api.Message, limit int) bool {
	frame := streamFrame{
		Channel: streamChannel{Type: "WEBSOCKET", ChannelName: channel, EventName: "thread-message-text-content-updated"},
		Scope: streamScope{Type: "LLM_ACTIVATION_EXECUTION", Data: streamStatus{Status: "PENDING"},
			Context: streamContext{MessageID: msg.ID, TaskID: taskID, InteractionID: newObjectID(s.now()), Pillar: "WORK"}},
	}
	var timer *time.Timer
	if s.pace > 0 {
		timer = time.NewTimer(s.pace)
		defer timer.Stop()
	}
	for i, chunk := range chunks(msg.Text) {
		if i == limit {
			return false
		}
		if i > 0 && timer != nil {
			timer.Reset(s.pace)
			select {
			case <-timer.C:
			case <-ctx.Done():
				return false
			case <-s.ctx.Done():
				return false
			}
		}
		if s.ctx.Err() != nil {
			return false
		}
		frame.Data.Text = chunk
		frame.Timestamp = api.NewTimestamp(s.now()).Raw
		if writeFrame(ctx, c, frame) != nil {
			return false
		}
	}
	return s.ctx.Err() == nil
}

// sendError writes an error frame; the socket stays open.
func (s *Server) sendError(ctx context.Context, c *websocket.Conn, status int, message string, extra map[string]any) {
	if extra == nil {
		extra = map[string]any{}
	}
	desc := "Unprocessable Entity"
	if status == http.StatusInternalServerError {
		desc = "Internal server error"
	}
	_ = writeFrame(ctx, c, errorFrame{StatusCode: status, Description: desc, Message: message, ExtraData: extra})
}

// writeFrame writes one JSON text frame.
func writeFrame(ctx context.Context, c *websocket.Conn, v any) error {
	b, err := marshal(v)
	if err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	return c.Write(wctx, websocket.MessageText, b)
}

// chunks splits text into words, each carrying the whitespace before it,
// so the chunks concatenate back to the text exactly.
func chunks(text string) []string {
	var out []string
	i := 0
	for i < len(text) {
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		out = append(out, text[start:i])
	}
	return out
}
