package transcript

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestStreamingReusesFinishedPrefix(t *testing.T) {
	m := newModel(t, 80, 40, true, genEntries(4, testStart))
	r := m.r
	text := "First paragraph with **bold** words.\n\n- one\n- two\n\nThird paragraph"
	m.SetStreamText("s", text)
	if !strings.Contains(ansi.Strip(m.View()), "Third paragraph ▍") {
		t.Fatalf("typing indicator missing:\n%s", ansi.Strip(m.View()))
	}
	// The next updates only extend the third paragraph: one render each,
	// for the tail, and the prefix render is reused.
	si, _ := m.lookup("s")
	it := &m.items[si]
	prefix := it.stream.doneL
	for _, more := range []string{" grows", " and grows", " more."} {
		before := r.renders
		text += more
		m.SetStreamText("s", text)
		if got := r.renders - before; got != 1 {
			t.Fatalf("update rendered %d times, want 1 (tail only)", got)
		}
		if &it.stream.doneL[0] != &prefix[0] {
			t.Fatal("the prefix render was rebuilt")
		}
	}
	// A new block finishes the third paragraph: one render for the newly
	// finished part and one for the new tail.
	before := r.renders
	text += "\n\nFourth"
	m.SetStreamText("s", text)
	if got := r.renders - before; got != 2 {
		t.Fatalf("boundary update rendered %d times, want 2", got)
	}
	v := ansi.Strip(m.View())
	for _, want := range []string{"First paragraph with bold words.", "• one", "Third paragraph grows and grows more.", "Fourth ▍"} {
		if !strings.Contains(v, want) {
			t.Fatalf("streamed view lacks %q:\n%s", want, v)
		}
	}
	// The final message renders once, in full, without the indicator.
	before = r.renders
	final := agentEntry("final-id", text+" Done.", testStart.Add(time.Hour))
	m.ReplaceKey("s", final)
	if got := r.renders - before; got != 1 {
		t.Fatalf("final message rendered %d times, want 1", got)
	}
	v = ansi.Strip(m.View())
	if strings.Contains(v, "▍") || !strings.Contains(v, "Fourth Done.") {
		t.Fatalf("final view:\n%s", v)
	}
	if _, ok := m.lookup("s"); ok || len(m.Entries()) != 5 {
		t.Fatal("ReplaceKey must replace, not add")
	}
	// A late stream frame must not turn the final message back.
	m.SetStreamText("final-id", "partial")
	if e := m.Entries()[4]; e.Status != StatusSent || e.Msg.Text != text+" Done." {
		t.Fatal("late stream text overwrote the final message")
	}
	// Views after the final cost no render.
	before = r.renders
	m = press(m, "k", "j")
	if r.renders != before {
		t.Fatal("scrolling cached entries must not render")
	}
}

func TestStreamingOutOfViewRendersNothing(t *testing.T) {
	m := newModel(t, 80, 20, true, genEntries(100, testStart))
	m = press(m, "g")
	before := m.r.renders
	for i := 0; i < 10; i++ {
		m.SetStreamText("s", strings.Repeat("word ", i*5))
	}
	if m.r.renders != before {
		t.Fatalf("a reply streaming below the view rendered %d times", m.r.renders-before)
	}
	if !strings.Contains(ansi.Strip(m.View()), "↓ new messages") {
		t.Fatal("marker missing")
	}
}

func TestStreamingOpenFenceAndNonCumulativeText(t *testing.T) {
	m := newModel(t, 60, 30, true, nil)
	m.SetStreamText("s", "Code:\n\n```go\nfunc main() {")
	if !strings.Contains(ansi.Strip(m.View()), "func main() {") {
		t.Fatal("open fence must render its code")
	}
	// Text that does not extend the previous one starts over.
	m.SetStreamText("s", "Something else entirely")
	v := ansi.Strip(m.View())
	if strings.Contains(v, "func main") || !strings.Contains(v, "Something else entirely") {
		t.Fatalf("replaced text:\n%s", v)
	}
}

func TestLastBoundary(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // text before the boundary
	}{
		{"none yet", "one paragraph", ""},
		{"after a paragraph", "para one\n\npara two", "para one\n\n"},
		{"last of several", "a\n\nb\n\ncccc", "a\n\nb\n\n"},
		{"inside a fence", "a\n\n```\ncode\n\nmore code", "a\n\n"},
		{"after a closed fence", "```\ncode\n\n```\n\nafter", "```\ncode\n\n```\n\n"},
		{"list continues", "- a\n\n- b", ""},
		{"list ends", "- a\n\n- b\n\nparagraph", "- a\n\n- b\n\n"},
		{"list item continuation", "- a\n\n  more of a", ""},
		{"table continues", "| a |\n|---|\n\n| b |", ""},
		{"paragraph then list", "intro\n\n- a\n- b", "intro\n\n"},
		{"short line may be a marker", "para\n\n1", ""},
		{"ordered list", "1. a\n\n2. b\n\ntext", "1. a\n\n2. b\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := lastBoundary(tt.text, 0)
			if got := tt.text[:b]; got != tt.want {
				t.Errorf("prefix = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCloseFence(t *testing.T) {
	if got := closeFence("a\n```go\nx"); got != "a\n```go\nx\n```" {
		t.Errorf("closeFence = %q", got)
	}
	if got := closeFence("~~~~\nx\n~~~~\n"); got != "~~~~\nx\n~~~~\n" {
		t.Errorf("closed fence changed: %q", got)
	}
}
