package transcript

import (
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/theme"
)

// BenchmarkRenderAll10k is `transcript --format ansi` of the demo's
// 10,000-message transcript without the download: every message rendered
// as the pane renders it, one after another.
func BenchmarkRenderAll10k(b *testing.B) {
	msgs := demo.GenerateTranscript("t", "u", 10000, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	es := entriesOf(msgs)
	st := theme.New(true, false)
	for b.Loop() {
		_ = RenderAll(es, st, NewRenderer(), 120)
	}
}

// BenchmarkRenderAll10kNoMemo is the same with nothing remembered across
// messages: what a transcript that never repeats itself costs.
func BenchmarkRenderAll10kNoMemo(b *testing.B) {
	msgs := demo.GenerateTranscript("t", "u", 10000, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	es := entriesOf(msgs)
	st := theme.New(true, false)
	now := time.Now()
	for b.Loop() {
		_ = renderAll(es, st, NewRenderer(), 120, now, false)
	}
}

// BenchmarkRenderAll10kVaried is `transcript --format ansi` of the demo's
// varied 10,000-message transcript (demo-server --long 10000 --varied)
// without the download: no reply or card set repeats, so nothing is
// rendered once for many messages.
func BenchmarkRenderAll10kVaried(b *testing.B) {
	msgs := demo.GenerateVariedTranscript("t", "u", 10000, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	es := entriesOf(msgs)
	st := theme.New(true, false)
	for b.Loop() {
		_ = RenderAll(es, st, NewRenderer(), 120)
	}
}

// entriesOf is a transcript's messages as the pane's entries.
func entriesOf(msgs []api.Message) []Entry {
	es := make([]Entry, len(msgs))
	for i, m := range msgs {
		es[i] = Entry{Key: m.ID, Msg: m}
	}
	return es
}
