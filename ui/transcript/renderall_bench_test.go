package transcript

import (
	"testing"
	"time"

	"aui-tui/api/demo"
	"aui-tui/theme"
)

// BenchmarkRenderAll10k is `transcript --format ansi` of the demo's
// 10,000-message transcript without the download: every message rendered
// as the pane renders it, one after another.
func BenchmarkRenderAll10k(b *testing.B) {
	msgs := demo.GenerateTranscript("t", "u", 10000, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	es := make([]Entry, len(msgs))
	for i, m := range msgs {
		es[i] = Entry{Key: m.ID, Msg: m}
	}
	st := theme.New(true, false)
	for b.Loop() {
		_ = RenderAll(es, st, NewRenderer(), 120)
	}
}
