package transcript

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// expectedLines renders every entry on its own (as the pane would at this
// width) and returns the plain lines of the whole transcript.
func expectedLines(m Model) []string {
	var out []string
	for i := range m.items {
		for _, l := range m.ensure(i).body {
			out = append(out, strings.TrimRight(ansi.Strip(l), " "))
		}
	}
	return out
}

// stripGutter removes the two-cell gutter (blank or focus bar) from a
// plain, right-trimmed view line.
func stripGutter(l string) string {
	if rest, ok := strings.CutPrefix(l, "▌"); ok {
		l = " " + rest
	}
	if len(l) <= 2 {
		return ""
	}
	return l[2:]
}

func TestScrollTopToBottomShowsEveryMessageOnceInOrder(t *testing.T) {
	for _, key := range []string{"pgdown", "space", "ctrl+d"} {
		t.Run(key, func(t *testing.T) {
			m := newModel(t, 80, 24, true, genEntries(500, testStart))
			if !m.AtBottom() {
				t.Fatal("SetEntries must show the bottom")
			}
			m = press(m, "g")
			if m.top != (anchor{}) || m.AtBottom() {
				t.Fatalf("g: top=%+v atBottom=%v", m.top, m.AtBottom())
			}
			var got []string
			take := func(from int) {
				ls := plainLines(m.View())
				for _, l := range ls[from:] {
					got = append(got, stripGutter(l))
				}
			}
			take(0)
			pos := absLine(m)
			for steps := 0; !m.AtBottom(); steps++ {
				if steps > 10000 {
					t.Fatal("never reached the bottom")
				}
				m = press(m, key)
				np := absLine(m)
				moved := np - pos
				if moved <= 0 {
					t.Fatalf("%s did not move (pos %d)", key, pos)
				}
				take(max(24-moved, 0))
				pos = np
			}
			want := expectedLines(m)
			// The last entry's trailing separator is the view's last row.
			if len(got) != len(want) {
				t.Fatalf("scrolled through %d lines, transcript has %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("line %d: got %q want %q", i, got[i], want[i])
				}
			}
			// Every message exactly once, in order, by its header.
			var headers []string
			for _, l := range got {
				if strings.HasPrefix(l, "you · ") || strings.HasPrefix(l, "agent · ") {
					headers = append(headers, l)
				}
			}
			if len(headers) != 500 {
				t.Fatalf("saw %d headers, want 500", len(headers))
			}
			for i, h := range headers {
				want := formatTime(testStart.Add(time.Duration(i)*time.Minute), time.UTC, testNow())
				if !strings.HasSuffix(h, want) {
					t.Fatalf("header %d = %q, want time %s", i, h, want)
				}
			}
		})
	}
}

func TestScrollUpFromBottomMatchesDown(t *testing.T) {
	m := newModel(t, 60, 15, true, genEntries(40, testStart))
	bottom := m.View()
	m = press(m, "k", "k", "k")
	if m.AtBottom() {
		t.Fatal("k at bottom must leave the bottom")
	}
	m = press(m, "j", "j", "j")
	if !m.AtBottom() || m.View() != bottom {
		t.Fatal("three lines up and down must return to the same frame")
	}
	m = press(m, "pgup", "pgup", "pgdown", "pgdown")
	if m.View() != bottom {
		t.Fatal("pages up and down must return to the same frame")
	}
	m = press(m, "home")
	top := m.View()
	m = press(m, "end", "g")
	if m.View() != top {
		t.Fatal("home and g must show the same top frame")
	}
	m = press(m, "G")
	if m.View() != bottom || !m.AtBottom() {
		t.Fatal("G must return to the bottom")
	}
	m = press(m, "k")
	for i := 0; i < 2; i++ {
		m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	}
	if !m.AtBottom() {
		t.Fatal("wheel down must reach the bottom")
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if got := absLine(m); got != absLineAtBottom(m)-3 {
		t.Fatalf("wheel up moved to %d, want 3 lines above %d", got, absLineAtBottom(m))
	}
}

func absLineAtBottom(m Model) int {
	m.follow = true
	m.sync()
	return absLine(m)
}

func TestKeysIgnoredWhenBlurred(t *testing.T) {
	m := newModel(t, 60, 15, true, genEntries(40, testStart))
	m.Blur()
	before := m.View()
	m = press(m, "g", "k", "[", "/", "v")
	if m.View() != before || m.Capturing() {
		t.Fatal("a blurred transcript must ignore keys")
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.AtBottom() {
		t.Fatal("the wheel scrolls even when blurred")
	}
}

func TestResizeKeepsFocusedEntryRow(t *testing.T) {
	m := newModel(t, 100, 30, true, genEntries(200, testStart))
	m = press(m, "[", "[", "[", "[", "[")
	f, _ := m.FocusedEntry()
	hdr := func() string {
		return "agent · " + formatTime(f.Msg.CreatedAt.Time, time.UTC, testNow())
	}
	if f.fromUser() {
		hdr = func() string { return "you · " + formatTime(f.Msg.CreatedAt.Time, time.UTC, testNow()) }
	}
	m = press(m, "k", "k") // move it off row 0
	row := headerRow(m, hdr())
	if row <= 0 {
		t.Fatalf("focused header row %d, want it visible below the top", row)
	}
	for _, sz := range [][2]int{{70, 30}, {130, 34}, {45, 30}, {100, 30}} {
		m.SetSize(sz[0], sz[1])
		if got := headerRow(m, hdr()); got != row {
			t.Fatalf("after resize to %v the focused entry is at row %d, want %d", sz, got, row)
		}
		checkFrame(t, m, sz[0], sz[1])
	}
}

func TestResizeKeepsTopEntry(t *testing.T) {
	m := newModel(t, 100, 30, true, genEntries(200, testStart))
	m.Blur()
	m.Focus()
	m = press(m, "g")
	for i := 0; i < 30; i++ {
		m = press(m, "j")
	}
	// Align an entry with the top row.
	for m.top.off != 0 {
		m = press(m, "j")
	}
	first := plainLines(m.View())[0]
	for _, sz := range [][2]int{{60, 20}, {140, 40}, {100, 30}} {
		m.SetSize(sz[0], sz[1])
		if got := plainLines(m.View())[0]; got != first {
			t.Fatalf("after resize to %v row 0 is %q, want %q", sz, got, first)
		}
	}
}

func TestResizeAtBottomStaysAtBottom(t *testing.T) {
	m := newModel(t, 100, 30, true, genEntries(100, testStart))
	for _, sz := range [][2]int{{60, 20}, {140, 40}, {30, 10}} {
		m.SetSize(sz[0], sz[1])
		if !m.AtBottom() {
			t.Fatalf("resize to %v left the bottom", sz)
		}
	}
}

func TestFollowTailOnlyAtBottom(t *testing.T) {
	m := newModel(t, 70, 20, true, genEntries(30, testStart))
	m.Upsert(userEntry("new1", "first new message", testStart.Add(time.Hour)))
	if !m.AtBottom() || !strings.Contains(ansi.Strip(m.View()), "first new message") {
		t.Fatal("at the bottom, a new message must be followed")
	}
	m.SetStreamText("s1", "streaming words arrive here")
	if !m.AtBottom() || !strings.Contains(ansi.Strip(m.View()), "streaming words arrive here") {
		t.Fatal("at the bottom, streaming text must be followed")
	}
	m = press(m, "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k")
	before := absLine(m)
	m.Upsert(userEntry("new2", "second new message", testStart.Add(2*time.Hour)))
	v := ansi.Strip(m.View())
	if m.AtBottom() || strings.Contains(v, "second new message") {
		t.Fatal("away from the bottom, a new message must not scroll the view")
	}
	if absLine(m) != before {
		t.Fatalf("view moved from %d to %d", before, absLine(m))
	}
	if !strings.Contains(v, "↓ new messages") {
		t.Fatal("the new-messages marker is missing")
	}
	m = press(m, "G")
	v = ansi.Strip(m.View())
	if !m.AtBottom() || !strings.Contains(v, "second new message") || strings.Contains(v, "↓ new messages") {
		t.Fatal("G must show the new message and clear the marker")
	}
}

func TestJumpsBetweenMessages(t *testing.T) {
	es := genEntries(60, testStart)
	m := newModel(t, 80, 20, true, es)
	f, _ := m.FocusedEntry()
	if f.Key != es[59].Key {
		t.Fatalf("default focus %q, want the last entry", f.Key)
	}
	m = press(m, "[")
	if f, _ := m.FocusedEntry(); f.Key != es[58].Key {
		t.Fatalf("[ focused %q, want %q", f.Key, es[58].Key)
	}
	m = press(m, "[", "[", "]")
	if f, _ := m.FocusedEntry(); f.Key != es[57].Key {
		t.Fatalf("[[] focused %q, want %q", f.Key, es[57].Key)
	}
	// The focused entry is marked and on screen.
	hdr := "agent · " + formatTime(es[57].Msg.CreatedAt.Time, time.UTC, testNow())
	row := headerRow(m, hdr)
	if row < 0 {
		t.Fatal("focused entry is not visible")
	}
	if !strings.HasPrefix(plainLines(m.View())[row], "▌") {
		t.Fatal("focused entry has no focus bar")
	}
	// { and } visit user messages only.
	m = press(m, "{")
	f, _ = m.FocusedEntry()
	if !f.fromUser() || f.Key != es[56].Key {
		t.Fatalf("{ focused %q (user %v), want %q", f.Key, f.fromUser(), es[56].Key)
	}
	m = press(m, "{", "{")
	if f, _ := m.FocusedEntry(); f.Key != es[52].Key {
		t.Fatalf("{{{ focused %q, want %q", f.Key, es[52].Key)
	}
	m = press(m, "}")
	if f, _ := m.FocusedEntry(); f.Key != es[54].Key {
		t.Fatalf("} focused %q, want %q", f.Key, es[54].Key)
	}
	// From the top, ] starts at what is on screen.
	m = press(m, "g", "]")
	if f, _ := m.FocusedEntry(); f.Key != es[0].Key {
		t.Fatalf("g ] focused %q, want the first entry", f.Key)
	}
	m = press(m, "[")
	if f, _ := m.FocusedEntry(); f.Key != es[0].Key {
		t.Fatal("[ at the first entry must stay")
	}
	for i := 0; i < 100; i++ {
		m = press(m, "]")
	}
	if f, _ := m.FocusedEntry(); f.Key != es[59].Key || !m.AtBottom() {
		t.Fatal("] past the end must stop at the last entry, in view")
	}
}

func TestFocusKeyFollowsReplaceAndRemove(t *testing.T) {
	es := genEntries(10, testStart)
	m := newModel(t, 80, 20, true, es)
	m = press(m, "[", "[")
	m.ReplaceKey(es[7].Key, agentEntry("final-7", "replaced", testStart))
	if f, _ := m.FocusedEntry(); f.Key != "final-7" {
		t.Fatalf("focus after ReplaceKey = %q", f.Key)
	}
	m.Remove("final-7")
	if f, _ := m.FocusedEntry(); f.Key != es[9].Key || len(m.Entries()) != 9 {
		t.Fatalf("after Remove focus %q, %d entries", f.Key, len(m.Entries()))
	}
	// The final message arrived (by REST) before the stream was replaced:
	// one entry remains, holding the final text.
	m.SetStreamText("stream-1", "partial reply")
	m.Upsert(agentEntry("srv-9", "final reply", testStart))
	m.ReplaceKey("stream-1", agentEntry("srv-9", "final reply, complete", testStart))
	got := m.Entries()
	if len(got) != 10 || got[9].Key != "srv-9" || got[9].Msg.Text != "final reply, complete" {
		t.Fatalf("after duplicate ReplaceKey: %d entries, last %q %q", len(got), got[9].Key, got[9].Msg.Text)
	}
	if _, ok := m.lookup("stream-1"); ok {
		t.Fatal("old key still indexed")
	}
	checkFrame(t, m, 80, 20)
}

func TestTinySizesDoNotPanic(t *testing.T) {
	cases := [][]Entry{nil, {}, genEntries(7, testStart), {agentEntry("e", "", testStart), userEntry("u", "", testStart)}}
	for ci, es := range cases {
		for _, w := range []int{0, 1, 2, 3, 5, 8, 12, 20, 33} {
			for _, h := range []int{0, 1, 2, 3, 5} {
				t.Run(fmt.Sprintf("c%d_%dx%d", ci, w, h), func(t *testing.T) {
					m := newModel(t, w, h, true, es)
					checkFrame(t, m, w, h)
					for _, k := range []string{"k", "g", "pgdown", "]", "[", "{", "}", "G", "ctrl+u", "n", "v", "j", "esc", "/", "x", "enter", "N", "n", "esc"} {
						m = press(m, k)
						checkFrame(t, m, w, h)
					}
					m.SetStreamText("s", "# Title\n\n- a\n- b\n\n```go\nx")
					checkFrame(t, m, w, h)
					m.Upsert(Entry{Key: "f", Status: StatusFailed, Err: "network down", Msg: userEntry("f", "retry me", testStart).Msg})
					checkFrame(t, m, w, h)
					m.SetSize(h, w)
					checkFrame(t, m, h, w)
				})
			}
		}
	}
}

func TestNarrowWidthCardsOnePerRow(t *testing.T) {
	e := agentEntry("a", "Here are **options**:", testStart)
	e.Msg.Options = genEntriesOptions()
	m := newModel(t, 20, 40, true, []Entry{e})
	checkFrame(t, m, 20, 40)
	for _, l := range plainLines(m.View()) {
		if strings.Count(l, "╭") > 1 {
			t.Fatalf("two cards on one row at width 20: %q", l)
		}
	}
}

func TestZeroModelDoesNotPanic(t *testing.T) {
	var m Model
	m.SetSize(40, 10)
	m.Upsert(userEntry("u", "hello", testStart))
	m.SetStreamText("s", "reply")
	m, _ = m.Update(keyMsg("k"))
	checkFrame(t, m, 40, 10)
}

func TestScrollPercent(t *testing.T) {
	m := newModel(t, 80, 20, true, genEntries(300, testStart))
	if p := m.ScrollPercent(); p != 100 {
		t.Fatalf("at the bottom: %d%%", p)
	}
	m = press(m, "g")
	if p := m.ScrollPercent(); p != 0 {
		t.Fatalf("at the top: %d%%", p)
	}
	prev := 0
	for i := 0; i < 20; i++ {
		m = press(m, "pgdown")
		p := m.ScrollPercent()
		if p < prev || p > 100 {
			t.Fatalf("percent went from %d to %d", prev, p)
		}
		prev = p
	}
	if prev == 0 || prev >= 50 {
		t.Fatalf("20 pages into 300 messages shows %d%%", prev)
	}
}
