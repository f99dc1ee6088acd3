package api

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestTaskMessagesRawDecodesToTaskMessages(t *testing.T) {
	items := make([]string, 600)
	for i := range items {
		// Out of time order in places: the server's order is kept.
		items[i] = variedMessage((i*7 + 3) % len(items))
	}
	for _, body := range []string{"[" + strings.Join(items, ",") + "]", `{"messages":[` + strings.Join(items, ",") + `]}`} {
		c, _ := transcriptClient(t, body)
		want, err := c.TaskMessages(context.Background(), "t1")
		if err != nil {
			t.Fatal(err)
		}
		raws, err := c.TaskMessagesRaw(context.Background(), "t1")
		if err != nil {
			t.Fatal(err)
		}
		if len(raws) != len(items) || string(raws[5]) != items[5] {
			t.Fatalf("split into %d messages; the sixth is %.60q", len(raws), raws[5])
		}
		tail, err := DecodeMessages(raws[len(raws)-10:])
		if err != nil || len(tail) != 10 || string(tail[9].Raw) != items[len(items)-1] || tail[9].ID == "" {
			t.Fatalf("the tail decoded alone: %v", err)
		}
		got, err := DecodeTranscript(raws)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatal("TaskMessagesRaw then DecodeTranscript differs from TaskMessages")
		}
	}
}

func TestDecodeTranscriptBadMessage(t *testing.T) {
	_, err := DecodeTranscript([][]byte{[]byte(`{"id":"a","text":"ok"}`), []byte(`{"id":7}`)})
	if !errors.Is(err, ErrBadReply) {
		t.Fatalf("a message of the wrong shape: %v, want ErrBadReply", err)
	}
	if got, err := DecodeTranscript(nil); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("no messages: %v, %v; want an empty list", got, err)
	}
}

func TestSplitArray(t *testing.T) {
	ok := map[string][]string{
		`[]`:                            {},
		` [ {"a":1} , {"b":"}]{\"["} ]`: {`{"a":1}`, `{"b":"}]{\"["}`},
		"[{\"x\":[{\"y\":{}}],\"z\":\"\\\\\"}]\n": {`{"x":[{"y":{}}],"z":"\\"}`},
	}
	for in, want := range ok {
		raws, good := splitArray([]byte(in))
		if !good || len(raws) != len(want) {
			t.Fatalf("splitArray(%q) = %q, %v", in, raws, good)
		}
		for i := range want {
			if string(raws[i]) != want[i] {
				t.Fatalf("splitArray(%q)[%d] = %q, want %q", in, i, raws[i], want[i])
			}
		}
	}
	for _, in := range []string{``, `null`, `{"messages":[]}`, `[{"a":1}`, `[{"a":1},]`, `[{"a":1} {"b":2}]`,
		`[{"a":1}] x`, `[1,2]`, `[{"a":"unterminated}]`} {
		if raws, good := splitArray([]byte(in)); good {
			t.Fatalf("splitArray(%q) accepted it: %q", in, raws)
		}
	}
}

func TestTaskMessagesRawErrorsAsTaskMessages(t *testing.T) {
	for _, body := range []string{`[{"id":"a"},`, `[{"id":"a"}] trailing`, `<html>`, `null`, `{"messages":null}`} {
		c, _ := transcriptClient(t, body)
		_, want := c.TaskMessages(context.Background(), "t1")
		raws, got := c.TaskMessagesRaw(context.Background(), "t1")
		if (want == nil) != (got == nil) || want != nil && want.Error() != got.Error() {
			t.Fatalf("body %q: TaskMessagesRaw says %v, TaskMessages %v", body, got, want)
		}
		if got == nil && len(raws) != 0 {
			t.Fatalf("body %q: %d messages", body, len(raws))
		}
	}
}
