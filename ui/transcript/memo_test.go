package transcript

import (
	"strings"
	"testing"
	"time"

	"aui-tui/api/demo"
	"aui-tui/theme"
)

// TestRenderAllMemoSameBytes checks that remembering renders by source
// changes nothing: a demo transcript (which repeats answers and products)
// and the golden conversation, rendered with and without the memo, at
// several widths and both themes, are byte-identical, and the memo is
// actually hit.
func TestRenderAllMemoSameBytes(t *testing.T) {
	now := time.Date(2026, 1, 3, 12, 0, 0, 0, time.UTC)
	msgs := demo.GenerateTranscript("t", "u", 400, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	long := make([]Entry, len(msgs))
	for i, m := range msgs {
		long[i] = Entry{Key: m.ID, Msg: m}
	}
	for _, es := range [][]Entry{long, goldenEntries()} {
		for _, dark := range []bool{true, false} {
			st := theme.New(dark, false)
			for _, width := range []int{30, 80, 120} {
				with := renderAll(es, st, NewRenderer(), width, now, true)
				without := renderAll(es, st, NewRenderer(), width, now, false)
				if with != without {
					t.Fatalf("width %d, dark %v: the output with the memo differs at byte %d", width, dark, firstDiff(with, without))
				}
				if !strings.Contains(with, "\x1b[") {
					t.Fatalf("width %d: no styling in the output", width)
				}
			}
		}
	}
	// The memo must save work, or it is only overhead.
	st := theme.New(true, false)
	c := renderCtx{st: st, r: NewRenderer(), width: 80, loc: time.UTC, now: now, memo: newRenderMemo()}
	for _, e := range long {
		renderBody(newItem(e), c)
	}
	if c.r.renders >= len(long)/2 {
		t.Errorf("glamour ran %d times for %d messages: the memo did not hit", c.r.renders, len(long))
	}
	if len(c.memo.cards) == 0 {
		t.Error("no product cards were remembered")
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
