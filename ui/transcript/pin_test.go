package transcript

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// longReply is an agent reply of n short paragraphs.
func longReply(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("Paragraph " + string(rune('A'+i%26)) + " of the reply.")
	}
	return b.String()
}

// TestTallReplyKeepsItsFirstLineAtTheTop streams a reply taller than the
// view: the view follows it until its first line reaches the top, then
// stays there with "↓ more" (during the stream and once it is final) until
// the reader scrolls.
func TestTallReplyKeepsItsFirstLineAtTheTop(t *testing.T) {
	m := newModel(t, 60, 12, true, genEntries(6, testStart))
	m.Upsert(userEntry("u", "Tell me everything.", testStart.Add(time.Hour)))
	m.ScrollToBottom()
	text := longReply(20)
	held := false
	for n := 10; n <= len(text); n += 10 {
		m.SetStreamText("s", text[:n])
		lines := plainLines(m.View())
		top := strings.TrimLeft(lines[0], "▌ ")
		if m.items[len(m.items)-1].height-1 > 11 {
			held = true
			if !strings.HasPrefix(top, "agent · ") || !strings.Contains(lines[11], "↓ more") {
				t.Fatalf("at byte %d the reply's first line is not held at the top:\n%s", n, strings.Join(lines, "\n"))
			}
		} else if !m.AtBottom() {
			t.Fatalf("at byte %d the view stopped following a reply that still fits", n)
		}
	}
	if !held {
		t.Fatal("the reply never grew taller than the view")
	}
	m.ReplaceKey("s", agentEntry("final", text, testStart.Add(time.Hour)))
	lines := plainLines(m.View())
	if !strings.HasPrefix(strings.TrimLeft(lines[0], "▌ "), "agent · ") || !strings.Contains(lines[11], "↓ more") {
		t.Fatalf("the final reply moved the view:\n%s", strings.Join(lines, "\n"))
	}
	m = press(m, "j")
	if v := m.View(); strings.Contains(v, "↓ more") || strings.Contains(v, "new messages") {
		t.Fatalf("a marker is still shown after the reader scrolled, with nothing new:\n%s", v)
	}
	m = press(m, "G")
	m.Upsert(userEntry("u2", "Thanks", testStart.Add(2*time.Hour)))
	if !m.AtBottom() {
		t.Fatal("a user message no longer follows the bottom")
	}
}

// TestJumpRevealsTheWholeMessage: ] onto a message whose header is the
// last visible row scrolls until the whole message is on screen.
func TestJumpRevealsTheWholeMessage(t *testing.T) {
	es := []Entry{
		agentEntry("a0", longReply(3), testStart),
		agentEntry("a1", longReply(2), testStart.Add(time.Minute)),
		agentEntry("a2", "Short.", testStart.Add(2*time.Minute)),
	}
	m := newModel(t, 60, 20, true, es)
	m = press(m, "g")
	h0 := len(m.ensure(0).deco)
	// Make the view end right under a1's header.
	m.SetSize(60, h0+1)
	m = press(m, "g")
	if got := headerRow(m, "agent · 09:01"); got != h0 {
		t.Fatalf("setup: a1's header at row %d, want the last row %d", got, h0)
	}
	m = press(m, "]", "]")
	f, _ := m.FocusedEntry()
	if f.Key != "a1" {
		t.Fatalf("focused %q, want a1", f.Key)
	}
	lines := plainLines(m.View())
	view := strings.Join(lines, "\n")
	if !strings.Contains(view, "agent · 09:01") || !strings.Contains(view, "Paragraph B of the reply.") {
		t.Fatalf("a1 is not wholly in view:\n%s", view)
	}
}

// TestPositionFollowsTheView: the message at the top of the view, the
// count and the percentage, for the border's indicator.
func TestPositionFollowsTheView(t *testing.T) {
	m := newModel(t, 60, 12, true, genEntries(200, testStart))
	if msg, total, pct := m.Position(); msg != 200 || total != 200 || pct != 100 {
		t.Fatalf("at the bottom: %d/%d %d%%", msg, total, pct)
	}
	m = press(m, "g")
	if msg, total, pct := m.Position(); msg != 1 || total != 200 || pct != 0 {
		t.Fatalf("at the top: %d/%d %d%%", msg, total, pct)
	}
	for range 40 {
		m = press(m, "]")
	}
	if msg, _, pct := m.Position(); msg < 30 || msg > 41 || pct <= 0 || pct >= 100 {
		t.Fatalf("after 40 jumps: msg %d, %d%%", msg, pct)
	}
}

// TestJoinedEmojiKeepTheBorder: a ZWJ sequence, a skin tone and a
// variation selector leave every row exactly the pane's width however the
// terminal measures them (clustered or per code point, as tmux does).
func TestJoinedEmojiKeepTheBorder(t *testing.T) {
	text := "日本語のテスト：電子レンジ 🍕🔥 Größe ≥ 25 L — ¿tienen hornos? 👨\u200d👩\u200d👧\u200d👦 👍🏽 ❤️ 🏳️\u200d🌈 "
	text = strings.Repeat(text, 3)
	for _, w := range []int{40, 54, 82} {
		m := newModel(t, w, 30, true, []Entry{
			userEntry("u", text, testStart),
			agentEntry("a", "**"+text+"**\n\n| a | b |\n|---|---|\n| "+text+" | 👨\u200d👩\u200d👧\u200d👦 |", testStart),
		})
		m = press(m, "g")
		for i, l := range strings.Split(m.View(), "\n") {
			if g, c := ansi.StringWidth(l), ansi.WcWidth.StringWidth(l); g != w || c != w {
				t.Fatalf("width %d, row %d: %d cells clustered, %d per code point: %q", w, i, g, c, ansi.Strip(l))
			}
		}
	}
}

// TestNextTurnLeavesTheHeldReply: after a held reply, sending the next
// message shows it and the new reply, not the old reply's start.
func TestNextTurnLeavesTheHeldReply(t *testing.T) {
	m := newModel(t, 60, 12, true, genEntries(4, testStart))
	m.Upsert(agentEntry("r1", longReply(20), testStart.Add(time.Hour)))
	if !strings.Contains(m.View(), "↓ more") {
		t.Fatal("setup: the first reply is not held")
	}
	m.Upsert(userEntry("u2", "And the second question?", testStart.Add(2*time.Hour)))
	m.ScrollToBottom()
	if v := strings.Join(plainLines(m.View()), "\n"); !strings.Contains(v, "And the second question?") || !m.AtBottom() {
		t.Fatalf("the new message is not shown:\n%s", v)
	}
	m.SetStreamText("s2", "Short answer.")
	if v := strings.Join(plainLines(m.View()), "\n"); !strings.Contains(v, "Short answer.") {
		t.Fatalf("the new reply is not shown:\n%s", v)
	}
}
