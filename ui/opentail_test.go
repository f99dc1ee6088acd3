package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
)

// rawBackend serves the fake's transcripts as JSON, split per message, as
// the API client does.
type rawBackend struct{ *fakeBackend }

func (b rawBackend) TaskMessagesRaw(ctx context.Context, id string) ([][]byte, error) {
	msgs, err := b.TaskMessages(ctx, id)
	if err != nil {
		return nil, err
	}
	raws := make([][]byte, len(msgs))
	for i, m := range msgs {
		if raws[i], err = json.Marshal(m); err != nil {
			return nil, err
		}
	}
	return raws, nil
}

func TestLongTranscriptShowsItsTailBeforeTheRestIsDecoded(t *testing.T) {
	b := newFakeBackend(1)
	id := b.tasks[0].ID
	var long []api.Message
	for i := range 500 {
		long = append(long, agentMsg(fmt.Sprintf("m%03d", i), fmt.Sprintf("server message %d", i)))
	}
	b.msgs[id] = long
	h := newHarness(t, 0)
	h.m.com.cfg.Backend = rawBackend{b}
	h.m.tasks.applyPage(api.TaskPage{Tasks: b.tasks, Total: 1, Page: 1, Size: 10})
	next, _ := h.m.Update(keyMsg("enter"))
	h.m = next.(Model)
	s := h.m.chat.state(id)

	first := loadTranscriptCmd(h.m.com.cfg.Backend, time.Second, time.Now, id, s.reqID)().(transcriptLoadedMsg)
	if len(first.msgs) != cacheTail || len(first.rest) != 500 {
		t.Fatalf("first answer: %d decoded, %d in all; want the last %d of 500", len(first.msgs), len(first.rest), cacheTail)
	}
	next, rest := h.m.Update(first)
	h.m = next.(Model)
	if v := plainView(h.m); !strings.Contains(v, "server message 499") {
		t.Fatalf("the tail is not shown once downloaded:\n%s", v)
	}
	if !s.loading || s.loaded {
		t.Fatal("with only the tail shown the history counts as still loading")
	}
	// The position counts the whole transcript, not only the tail shown.
	if msg, total, pct, fits := h.m.chat.Position(); msg != 500 || total != 500 || pct != 100 || fits {
		t.Fatalf("position with the tail shown: msg %d of %d, %d%%, fits %v; want 500 of 500, 100%%", msg, total, pct, fits)
	}
	h.run(rest)
	if n := len(s.tr.Entries()); n != 500 {
		t.Fatalf("after the rest is decoded %d entries, want 500", n)
	}
	if msg, total, _, _ := h.m.chat.Position(); msg != 500 || total != 500 {
		t.Fatalf("position with the whole transcript: msg %d of %d, want 500 of 500", msg, total)
	}
	if !s.loaded || s.loading || !s.tr.AtBottom() {
		t.Fatalf("loaded %v loading %v at bottom %v", s.loaded, s.loading, s.tr.AtBottom())
	}
}
