package api

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
)

const fuzzKey = "fuzz-Secret-Key-1234"

// seedBodies are payloads and frames of every documented shape, plus
// hostile and broken ones.
var seedBodies = []string{
	`[{"id":"8af51ed1","created_at":"2025-10-09 12:26:07.576000","text":"I need a microwave","sender":{"id":"u","type":"user","email":null},"receiver":{"id":"a","type":"agent"},"options":[],"variants_options":[],"followup_suggestions":["a"]}]`,
	`{"tasks":[{"id":"t","user_id":"u","title":"x","created_at":"2026-03-09T14:22:01.000Z"}],"total":1,"page":1,"size":10}`,
	`{"status_code":400,"description":"Content moderation triggered","message":"flagged","extra_data":{"flagged_text":"\u001b]52;c;eA==\u0007"}}`,
	`{"detail":[{"loc":["body","task_id"],"msg":"field required","type":"value_error.missing"}]}`,
	`{"channel":{"type":"WEBSOCKET","channel_name":"c","event_name":"thread-message-text-content-updated"},"data":{"text":"Hel"},"scope":{"context":{"message_id":"m","task_id":"t"}}}`,
	`{"event":"thread-message-text-content-updated","data":{"text":"lo \u009b2J"}}`,
	`{"id":"m","text":"final \u202e","sender":{"type":"agent"},"options":[{"widget_parameters":[{"title":"Price","value":358.08}]}]}`,
	`{"detail":"network_api_key=` + fuzzKey + ` rejected"}`,
	`<html><title>502 Bad Gateway</title></html>`, `[`, `{"id":1}`, ``, `null`, `"x"`,
}

// FuzzPayloadDecode: any body decodes to typed values or to one sentence
// of error; never a panic, never the key or a control character in the
// error.
func FuzzPayloadDecode(f *testing.F) {
	for _, s := range seedBodies {
		f.Add([]byte(s))
	}
	c, err := New(WithBaseURL("http://127.0.0.1:1"), WithAPIKey(fuzzKey))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var msgs messageList
		var page TaskPage
		var task Task
		for _, out := range []any{&msgs, &page, &task} {
			if err := c.decodeReply(context.Background(), bytes.NewReader(b), out); err != nil {
				checkSentence(t, err.Error())
				if json.Valid(b) && !strings.Contains(err.Error(), "expected JSON") && !strings.Contains(err.Error(), "without an id") && !strings.Contains(err.Error(), "unexpected") && !strings.Contains(err.Error(), "empty body") {
					t.Fatalf("valid JSON gave %q", err)
				}
			}
		}
	})
}

// FuzzFrameDispatch: any socket frame is parsed and dispatched through the
// reply book without a panic, and stream text only grows by what came.
func FuzzFrameDispatch(f *testing.F) {
	for _, s := range seedBodies {
		f.Add([]byte(s), []byte(`{"event":"x","data":{"text":"more"}}`))
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		r := newReplyBook()
		r.expect("t1", "hello")
		for _, raw := range [][]byte{a, b, a} {
			fr := parseFrame(raw, fuzzKey)
			switch fr.kind {
			case frameStream:
				_ = r.update(fr.stream)
			case frameFinal:
				_ = r.final(fr.final)
			case frameError:
				checkSentence(t, fr.err.Error())
				_ = r.failed()
			}
		}
	})
}

// FuzzErrorBody: whatever the status and body, the error is one line with
// no control character and no key.
func FuzzErrorBody(f *testing.F) {
	for _, s := range seedBodies {
		f.Add(500, []byte(s))
		f.Add(429, []byte(s))
	}
	f.Fuzz(func(t *testing.T, status int, b []byte) {
		e := parseErrorBody(status, b, fuzzKey)
		checkSentence(t, e.Error())
	})
}

// FuzzTimestamp: any timestamp text parses or is kept as given; a parsed
// one prints and parses back to the same instant.
func FuzzTimestamp(f *testing.F) {
	for _, s := range []string{"2025-10-09 12:26:07.576000", "2026-03-09T14:22:01.000Z", "2026-03-09T14:22:01+02:00", "1760012767", "", "not a time", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, ok := ParseTimestamp(s)
		if !ok {
			return
		}
		b, err := json.Marshal(ts)
		if err != nil {
			t.Fatal(err)
		}
		var back Timestamp
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s does not parse back: %v", b, err)
		}
		if !back.Equal(ts.Time) {
			t.Fatalf("%q -> %s -> %v, want %v", s, b, back.Time, ts.Time)
		}
	})
}

// checkSentence fails on an error text with a control character, a bidi
// control or the key.
func checkSentence(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, fuzzKey) {
		t.Fatalf("the key is in %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Fatalf("control %U in %q", r, s)
		}
	}
}
