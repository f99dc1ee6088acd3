package api

import (
	"errors"
	"testing"
)

const (
	fullStreamFrame = `{"channel":{"type":"WEBSOCKET","channel_name":"aeab24b2-a335-4561-976e-40f9c2b7babe",
            "event_name":"thread-message-text-content-updated"},
 "scope":{"type":"LLM_ACTIVATION_EXECUTION","data":{"status":"SUCCESS"},
          "context":{"message_id":"8a37d5ea-2182-46dc-b2ca-87584e23f227","task_id":"68e78d0dc5a4b19a030d03d6",
                     "interaction_id":"68e78d98240f9b18e0f578c8","pillar":"WORK"}},
 "data":{"text":"I found several built-in microwaves"},
 "timestamp":"2025-10-19T13:48:13Z"}`
	simpleStreamFrame = `{"event":"thread-message-text-content-updated","data":{"text":"I found"}}`
	errorFrame        = `{"status_code":422,"description":"Unprocessable Entity","message":"text is required","extra_data":{}}`
)

func TestParseFrame(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind frameKind
		want streamUpdate
	}{
		{"full envelope", fullStreamFrame, frameStream, streamUpdate{
			Event: "thread-message-text-content-updated", TaskID: "68e78d0dc5a4b19a030d03d6",
			MessageID: "8a37d5ea-2182-46dc-b2ca-87584e23f227", Text: "I found several built-in microwaves"}},
		{"simplified", simpleStreamFrame, frameStream, streamUpdate{Event: "thread-message-text-content-updated", Text: "I found"}},
		{"envelope without scope", `{"channel":{"type":"WEBSOCKET","channel_name":"c","event_name":"thread-message-text-content-updated"},"data":{"text":"x"}}`,
			frameStream, streamUpdate{Event: "thread-message-text-content-updated", Text: "x"}},
		{"scope with only message id", `{"channel":{"event_name":"e"},"scope":{"context":{"message_id":"m1"}},"data":{"text":""}}`,
			frameStream, streamUpdate{Event: "e", MessageID: "m1"}},
		{"odd scope type keeps text", `{"event":"e","scope":"weird","data":{"text":"t"}}`, frameStream, streamUpdate{Event: "e", Text: "t"}},
		{"event without text", `{"event":"thread-started","data":{}}`, frameUnknown, streamUpdate{}},
		{"final G1", g1Message, frameFinal, streamUpdate{}},
		{"final cards", cardsMessage, frameFinal, streamUpdate{}},
		{"error", errorFrame, frameError, streamUpdate{}},
		// status_code wins over everything else, as the docs order it.
		{"error with id and text", `{"status_code":500,"id":"x","text":"y","description":"Internal server error"}`, frameError, streamUpdate{}},
		{"null status_code ignored", `{"status_code":null,"id":"x","text":"y"}`, frameFinal, streamUpdate{}},
		{"id without text", `{"id":"x"}`, frameUnknown, streamUpdate{}},
		{"not json", `hello`, frameUnknown, streamUpdate{}},
		{"array", `[1,2]`, frameUnknown, streamUpdate{}},
		{"bad final", `{"id":"x","text":5}`, frameUnknown, streamUpdate{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := parseFrame([]byte(tt.in), "")
			if f.kind != tt.kind {
				t.Fatalf("kind = %v, want %v", f.kind, tt.kind)
			}
			if f.kind == frameStream && f.stream != tt.want {
				t.Errorf("stream = %+v\n want %+v", f.stream, tt.want)
			}
		})
	}
	f := parseFrame([]byte(errorFrame), "")
	if !errors.Is(f.err, ErrValidation) || f.err.Error() != "The server did not accept the request (422 Unprocessable Entity): text is required" {
		t.Errorf("error frame: %v", f.err)
	}
	f = parseFrame([]byte(g1Message), "")
	if f.final.ID != "8af51ed1-0181-4bc8-bbc9-29949b8e26da" || len(f.final.Options) != 1 {
		t.Errorf("final: %+v", f.final)
	}
}

func TestMergeText(t *testing.T) {
	merge := func(parts ...string) []string {
		var shown string
		var out []string
		for _, p := range parts {
			shown = mergeText(shown, p)
			out = append(out, shown)
		}
		return out
	}
	tests := []struct {
		name  string
		parts []string
		want  []string
	}{
		{"cumulative", []string{"I", "I found", "I found two"}, []string{"I", "I found", "I found two"}},
		{"chunks", []string{"I", " found", " two"}, []string{"I", "I found", "I found two"}},
		{"repeat", []string{"I found", "I found"}, []string{"I found", "I found"}},
		{"empty update", []string{"I", ""}, []string{"I", "I"}},
	}
	for _, tt := range tests {
		got := merge(tt.parts...)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: step %d = %q, want %q", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestReplyBookAttribution(t *testing.T) {
	r := newReplyBook()
	r.expect("taskA", "first")
	r.expect("taskB", "second")

	// No ids at all: the oldest waiting turn.
	if u := r.update(streamUpdate{Text: "Hel"}); u.TaskID != "taskA" || u.Text != "Hel" {
		t.Errorf("simplified frame: %+v", u)
	}
	// A frame naming the task and message teaches the message id.
	if u := r.update(streamUpdate{TaskID: "taskB", MessageID: "mB", Text: "Wor"}); u.TaskID != "taskB" {
		t.Errorf("%+v", u)
	}
	if u := r.update(streamUpdate{MessageID: "mB", Text: "World"}); u.TaskID != "taskB" || u.Text != "World" {
		t.Errorf("message id lookup: %+v", u)
	}
	if u := r.update(streamUpdate{Text: "lo"}); u.TaskID != "taskA" || u.Text != "Hello" {
		t.Errorf("chunk append: %+v", u)
	}
	// The final for taskB arrives first: its message id says so.
	if got := r.final(Message{ID: "mB"}); got != "taskB" {
		t.Errorf("final mB -> %q", got)
	}
	// A final with an unknown id answers the oldest turn.
	if got := r.final(Message{ID: "other"}); got != "taskA" {
		t.Errorf("final other -> %q", got)
	}
	if len(r.pending) != 0 || len(r.text) != 0 || len(r.msgTask) != 0 {
		t.Errorf("book not emptied: %+v", r)
	}
	if got := r.failed(); got != "" {
		t.Errorf("error with nothing waiting -> %q", got)
	}
	id := r.expect("taskC", "x")
	r.dropped()
	if l := r.takeLost(); len(l) != 1 || l[0].id != id {
		t.Errorf("lost = %+v", l)
	}
	id = r.expect("taskD", "y")
	r.withdraw(id)
	if len(r.pending) != 0 {
		t.Error("withdraw kept the turn")
	}
}

func TestReplyTo(t *testing.T) {
	user := func(text string) Message { return Message{Text: text, Sender: Party{Type: ActorUser}} }
	agent := func(text string) Message { return Message{Text: text, Sender: Party{Type: ActorAgent}} }
	tests := []struct {
		name  string
		msgs  []Message
		reply string
		sent  bool
	}{
		{"answered", []Message{agent("hi"), user("q"), agent("a")}, "a", true},
		{"two agent messages", []Message{user("q"), agent("a1"), agent("a2")}, "a2", true},
		{"not answered yet", []Message{agent("hi"), user("q")}, "", true},
		{"never arrived", []Message{agent("hi"), user("other"), agent("a")}, "", false},
		{"asked twice, latest answered", []Message{user("q"), agent("a1"), user("q"), agent("a2")}, "a2", true},
		{"later turn follows", []Message{user("q"), agent("a"), user("next")}, "a", true},
		{"whitespace", []Message{user("q \n"), agent("a")}, "a", true},
	}
	for _, tt := range tests {
		reply, sent := replyTo(tt.msgs, "q")
		got := ""
		if reply != nil {
			got = reply.Text
		}
		if got != tt.reply || sent != tt.sent {
			t.Errorf("%s: reply %q sent %v, want %q %v", tt.name, got, sent, tt.reply, tt.sent)
		}
	}
}
