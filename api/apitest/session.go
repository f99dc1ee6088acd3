package apitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// session is §4's WebSocket: the key in the network_api_key query
// parameter (a wrong one closes the socket at once with 1008), one user
// message frame in, stream updates and a bare final message out. Replies
// alternate between the two documented stream shapes: the full envelope
// carrying chunks, and the simplified form carrying the text so far. A
// refused message gets §4's error frame, after which the server closes the
// socket (1008 for the application error, 1011 for its own failure).
func (s *Server) session(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	if r.URL.Query().Get("network_api_key") != Key {
		c.Close(websocket.StatusPolicyViolation, "Invalid API key")
		return
	}
	ctx := r.Context()
	for {
		_, b, err := c.Read(ctx)
		if err != nil {
			return
		}
		var um userMessage
		if json.Unmarshal(b, &um) != nil || um.TaskID == "" {
			c.Write(ctx, websocket.MessageText, []byte(wsErrorValidation))
			c.Close(websocket.StatusPolicyViolation, "Unprocessable Entity")
			return
		}
		status, body := s.answer(um)
		switch {
		case status == http.StatusInternalServerError:
			c.Write(ctx, websocket.MessageText, []byte(body))
			c.Close(websocket.StatusInternalError, "Internal server error")
			return
		case status != http.StatusOK:
			c.Write(ctx, websocket.MessageText, []byte(wsError(status, body)))
			c.Close(websocket.StatusPolicyViolation, "Request refused")
			return
		}
		if err := s.stream(ctx, c, um.TaskID, body); err != nil {
			return
		}
	}
}

// wsErrorValidation is the asyncapi ErrorMessagePayload (§4) for a frame
// that is not a user message.
const wsErrorValidation = `{"status_code":422,"description":"Unprocessable Entity","message":"field required: task_id","extra_data":{}}`

// wsError is an error body in the error frame's shape: §5's bodies that
// already have it are sent as they are.
func wsError(status int, body string) string {
	if strings.Contains(body, `"status_code"`) {
		return body
	}
	return fmt.Sprintf(`{"status_code":%d,"description":%q,"message":%q,"extra_data":{}}`,
		status, http.StatusText(status), http.StatusText(status))
}

// stream sends the reply's text word by word in one of the two documented
// update shapes, then the reply itself.
func (s *Server) stream(ctx context.Context, c *websocket.Conn, taskID, reply string) error {
	var m struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	_ = json.Unmarshal([]byte(reply), &m)
	s.mu.Lock()
	envelope := s.turns%2 == 0
	s.mu.Unlock()
	words := strings.SplitAfter(m.Text, " ")
	sofar := ""
	for _, w := range words {
		sofar += w
		var frame []byte
		if envelope {
			frame = envelopeFrame(taskID, m.ID, w)
		} else {
			frame = simpleFrame(sofar)
		}
		if err := c.Write(ctx, websocket.MessageText, frame); err != nil {
			return err
		}
		if s.pace > 0 {
			select {
			case <-time.After(s.pace):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return c.Write(ctx, websocket.MessageText, []byte(reply))
}

// envelopeFrame is exampleStreamEnvelope carrying one chunk of the reply
// to taskID.
func envelopeFrame(taskID, messageID, chunk string) []byte {
	var f map[string]any
	_ = json.Unmarshal([]byte(exampleStreamEnvelope), &f)
	f["data"] = map[string]any{"text": chunk}
	if scope, ok := f["scope"].(map[string]any); ok {
		if sc, ok := scope["context"].(map[string]any); ok {
			sc["task_id"] = taskID
			sc["message_id"] = messageID
		}
	}
	b, _ := json.Marshal(f)
	return b
}

// simpleFrame is exampleStreamSimple carrying the text so far.
func simpleFrame(sofar string) []byte {
	var f map[string]any
	_ = json.Unmarshal([]byte(exampleStreamSimple), &f)
	f["data"] = map[string]any{"text": sofar}
	b, _ := json.Marshal(f)
	return b
}
