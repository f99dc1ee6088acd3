package api

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
)

// errNotTranscript is a reply that is JSON but neither an array of messages,
// null, nor an object holding the array.
var errNotTranscript = errors.New("not a list of messages")

// messageBlock is how many messages readArray gathers per block.
const messageBlock = 256

// messageList is a transcript read from the body one message at a time:
// only the message being decoded is buffered, never the whole reply, which
// for a long transcript is tens of megabytes.
type messageList struct {
	msgs []Message
	// split: keep each message's JSON in raws, undecoded (see
	// TaskMessagesRaw).
	split bool
	raws  [][]byte
}

// decodeStream reads the documented bare array, null, or an object holding
// the array under "messages" (a wrapper some API generations use).
func (l *messageList) decodeStream(dec *json.Decoder) error {
	// The target is reused when a GET is retried; start each try afresh.
	l.msgs, l.raws = nil, nil
	tok, err := dec.Token()
	if err != nil {
		return err // io.EOF here is an empty body
	}
	switch tok {
	case nil:
		return nil
	case json.Delim('['):
		return l.readArray(dec)
	case json.Delim('{'):
		return l.readWrapper(dec)
	}
	return errNotTranscript
}

// readArray reads the messages after the opening bracket, and the closing
// one.
func (l *messageList) readArray(dec *json.Decoder) error {
	raws := newSlab[byte](1)
	sink := rawSink{slab: &raws}
	pk := newPacker()
	// Messages are gathered in blocks and copied into one slice of the
	// right length at the end: appending to one slice as it grows would
	// allocate about four times its final size on the way, and leave it
	// with up to twice the room it needs.
	var blocks [][]Message
	block := make([]Message, 0, messageBlock)
	for dec.More() {
		// The message's bytes are copied into the slab first and decoded
		// from that copy, which the message keeps as Raw.
		if err := dec.Decode(&sink); err != nil {
			return unexpectedEOF(err)
		}
		if l.split {
			l.raws = append(l.raws, sink.raw)
			continue
		}
		var m Message
		if err := pk.decode(&m, sink.raw); err != nil {
			return err
		}
		if len(block) == cap(block) {
			blocks = append(blocks, block)
			block = make([]Message, 0, messageBlock)
		}
		block = append(block, m)
	}
	if _, err := dec.Token(); err != nil {
		return unexpectedEOF(err)
	}
	l.msgs = make([]Message, 0, len(blocks)*messageBlock+len(block))
	for _, b := range blocks {
		l.msgs = append(l.msgs, b...)
	}
	l.msgs = append(l.msgs, block...)
	return nil
}

// readWrapper reads an object's members after its opening brace, taking
// the transcript from "messages" and skipping the rest. Keys match without
// regard to case and the last "messages" wins, as json.Unmarshal would have
// it.
func (l *messageList) readWrapper(dec *json.Decoder) error {
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return unexpectedEOF(err)
		}
		if key, _ := tok.(string); !strings.EqualFold(key, "messages") {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return unexpectedEOF(err)
			}
			continue
		}
		tok, err = dec.Token()
		switch {
		case err != nil:
			return unexpectedEOF(err)
		case tok == nil:
			l.msgs = nil
		case tok == json.Delim('['):
			l.msgs = nil
			if err := l.readArray(dec); err != nil {
				return inMessages(err)
			}
		default:
			return &json.UnmarshalTypeError{Value: tokenKind(tok), Type: reflect.TypeFor[[]Message](), Field: "messages"}
		}
	}
	_, err := dec.Token()
	return unexpectedEOF(err)
}

// inMessages names a wrong type inside the wrapper's list by its path from
// the top, "messages.id", as json.Unmarshal does.
func inMessages(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		te.Field = "messages." + te.Field
	}
	return err
}

// tokenKind names the JSON value a token starts in json.UnmarshalTypeError's
// words.
func tokenKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		if tok == json.Delim('{') {
			return "object"
		}
		return "array"
	case string:
		return "string"
	case bool:
		return "bool"
	}
	return "number"
}
