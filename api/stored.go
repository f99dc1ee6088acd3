package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// DecodeMessages decodes messages from their JSON text (each message's Raw,
// as kept by a local store), exactly as TaskMessages decodes a transcript:
// the same lenient rules, and repeated product data shared between the
// messages. Each message keeps its element of raws as Raw, so the caller
// must not change them afterwards. The order is kept as given.
func DecodeMessages(raws [][]byte) ([]Message, error) {
	pk := newPacker()
	msgs := make([]Message, len(raws))
	for i, raw := range raws {
		if err := pk.decode(&msgs[i], raw); err != nil {
			return nil, err
		}
	}
	return msgs, nil
}

// TaskMessagesRaw downloads a task's transcript as TaskMessages does, but
// only splits it into messages: each element is one message's JSON as
// received (checked to be JSON, not decoded), in the server's order. A
// caller can decode the last few to show at once (DecodeMessages) and the
// whole off the critical path (DecodeTranscript).
func (c *Client) TaskMessagesRaw(ctx context.Context, taskID string) ([][]byte, error) {
	if strings.TrimSpace(taskID) == "" {
		return nil, invalidArg("task_id", "is empty")
	}
	var list rawList
	err := c.call(ctx, c.timeout, http.MethodGet, pathTasks+"/"+url.PathEscape(taskID)+"/messages", nil, nil, &list)
	if err != nil {
		return nil, err
	}
	return list.raws, nil
}

// DecodeTranscript decodes what TaskMessagesRaw returned into what
// TaskMessages returns: the messages, in the server's order.
func DecodeTranscript(raws [][]byte) ([]Message, error) {
	msgs, err := DecodeMessages(raws)
	if err != nil {
		return nil, fmt.Errorf("%w: a message of the transcript is not valid: %v", ErrBadReply, err)
	}
	return nonNil(msgs), nil
}
