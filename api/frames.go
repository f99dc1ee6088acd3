package api

import (
	"bytes"
	"encoding/json"
	"strings"
)

// frameKind is what a server frame turned out to be. Frames carry no common
// type field, so the kind is inferred from which keys are present.
type frameKind int

const (
	frameUnknown frameKind = iota
	frameError
	frameStream
	frameFinal
)

// frame is one decoded server frame.
type frame struct {
	kind   frameKind
	stream streamUpdate
	final  Message
	err    *APIError
}

// streamUpdate is a text update in either documented shape: the full
// channel/scope/data envelope or the simplified {"event","data"} form.
type streamUpdate struct {
	Event     string
	TaskID    string
	MessageID string
	Text      string
}

// parseFrame classifies and decodes a frame in the documented order: a
// status_code means an error, a channel or event means a stream update, an id
// with text means the final message. Anything else, or anything malformed,
// is frameUnknown and ignored. key is scrubbed from error text.
func parseFrame(b []byte, key string) frame {
	var keys map[string]json.RawMessage
	if json.Unmarshal(b, &keys) != nil {
		return frame{}
	}
	has := func(k string) bool {
		v, ok := keys[k]
		return ok && !bytes.Equal(bytes.TrimSpace(v), []byte("null"))
	}
	switch {
	case has("status_code"):
		return frame{kind: frameError, err: parseErrorBody(0, b, key)}
	case has("channel") || has("event"):
		if u, ok := parseStream(keys); ok {
			return frame{kind: frameStream, stream: u}
		}
	case has("id") && has("text"):
		var m Message
		if json.Unmarshal(b, &m) == nil {
			return frame{kind: frameFinal, final: m}
		}
	}
	return frame{}
}

// parseStream reads each part of a stream envelope on its own, so one part
// of an unexpected type does not lose the text. A frame without data.text
// carries nothing to show.
func parseStream(keys map[string]json.RawMessage) (streamUpdate, bool) {
	var data struct {
		Text *string `json:"text"`
	}
	if json.Unmarshal(keys["data"], &data) != nil || data.Text == nil {
		return streamUpdate{}, false
	}
	var channel struct {
		EventName string `json:"event_name"`
	}
	var scope struct {
		Context struct {
			MessageID string `json:"message_id"`
			TaskID    string `json:"task_id"`
		} `json:"context"`
	}
	_ = json.Unmarshal(keys["channel"], &channel)
	_ = json.Unmarshal(keys["scope"], &scope)
	return streamUpdate{
		Event:     firstNonEmpty(channel.EventName, jsonString(keys["event"])),
		TaskID:    scope.Context.TaskID,
		MessageID: scope.Context.MessageID,
		Text:      *data.Text,
	}, true
}

// mergeText combines the text shown so far with a new update. Servers differ:
// some send the whole text so far (which then starts with what is shown, so
// it replaces it), others send the next chunk (which is appended).
func mergeText(shown, incoming string) string {
	if strings.HasPrefix(incoming, shown) {
		return incoming
	}
	return shown + incoming
}
