package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

const pathMessage = "/api/v1/external/message"

var errMissingID = errors.New("missing id")

// userMessage is the body of a REST send and the frame written on the
// WebSocket: the same shape in both places.
type userMessage struct {
	TaskID  string          `json:"task_id"`
	Text    string          `json:"text"`
	Context *MessageContext `json:"context,omitempty"`
}

func newUserMessage(taskID, text string, mc *MessageContext) (userMessage, error) {
	if strings.TrimSpace(taskID) == "" {
		return userMessage{}, invalidArg("task_id", "is empty")
	}
	if strings.TrimSpace(text) == "" {
		return userMessage{}, invalidArg("text", "is empty")
	}
	return userMessage{TaskID: taskID, Text: text, Context: mc}, nil
}

// SendMessage sends the user's text to the agent and waits for the agent's
// whole reply. It is never retried, so a message is never sent twice; the
// deadline is WithSendTimeout's.
func (c *Client) SendMessage(ctx context.Context, taskID, text string, mc *MessageContext) (Message, error) {
	body, err := newUserMessage(taskID, text, mc)
	if err != nil {
		return Message{}, err
	}
	q := url.Values{"is_external_api": {"true"}}
	var m Message
	if err := c.call(ctx, c.sendTimeout, http.MethodPost, pathMessage, q, body, &m); err != nil {
		return Message{}, err
	}
	if m.ID == "" && m.Text == "" {
		return Message{}, c.badReply(nil, errMissingID)
	}
	return m, nil
}

// TaskMessages returns a task's whole transcript, user and agent turns, in
// the server's order. It is never re-sorted by time: the documented
// timestamps come in several forms, some without a zone, and the
// documentation's own examples disagree with the order of the conversation,
// so the server's order is the only one to trust.
//
// A long transcript often recommends the same products many times, so
// messages of one transcript share the memory of identical product
// parameter lists (WidgetParameters, Parameters). Treat those lists as
// read-only: copy one before changing its elements in place. Appending to
// a list is safe; it copies.
func (c *Client) TaskMessages(ctx context.Context, taskID string) ([]Message, error) {
	if strings.TrimSpace(taskID) == "" {
		return nil, invalidArg("task_id", "is empty")
	}
	var list messageList
	err := c.call(ctx, c.timeout, http.MethodGet, pathTasks+"/"+url.PathEscape(taskID)+"/messages", nil, nil, &list)
	if err != nil {
		return nil, err
	}
	return nonNil(list.msgs), nil
}
