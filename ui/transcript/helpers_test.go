package transcript

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"aui-tui/api"
	"aui-tui/theme"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// testNow is the pinned clock: goldens must not depend on the machine's
// zone or date.
var (
	testStart = time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	testNow   = func() time.Time { return time.Date(2026, 3, 9, 23, 0, 0, 0, time.UTC) }
)

// newModel makes a focused transcript of size w x h with a fixed clock.
func newModel(t testing.TB, w, h int, dark bool, es []Entry) Model {
	t.Helper()
	m := New(theme.New(dark, false), NewRenderer(), DefaultKeyMap())
	m.SetClock(time.UTC, testNow)
	m.SetSize(w, h)
	m.SetEntries(es)
	m.Focus()
	return m
}

// keyMsg builds the key press that msg.String() reports as name.
func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "enter": tea.KeyEnter, "esc": tea.KeyEscape,
		"backspace": tea.KeyBackspace, "tab": tea.KeyTab,
	}
	if c, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if name == "space" {
		return tea.KeyPressMsg{Code: ' ', Text: " "}
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		r, _ := utf8.DecodeRuneInString(rest)
		return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return tea.KeyPressMsg{Code: r, Text: name}
}

// press feeds keys one by one.
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(keyMsg(k))
	}
	return m
}

// typeText feeds each rune of s as a key press.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// plainLines is the view without ANSI, one string per row, right-trimmed.
func plainLines(v string) []string {
	ls := strings.Split(ansi.Strip(v), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " ")
	}
	return ls
}

// checkFrame asserts the View contract: exactly h lines, each at most w
// cells (exactly w here, as the pane pads), no control sequence but SGR.
func checkFrame(t testing.TB, m Model, w, h int) {
	t.Helper()
	v := m.View()
	if h == 0 {
		if v != "" {
			t.Fatalf("h=0: want empty view, got %q", v)
		}
		return
	}
	ls := strings.Split(v, "\n")
	if len(ls) != h {
		t.Fatalf("w=%d h=%d: view has %d lines", w, h, len(ls))
	}
	for i, l := range ls {
		if lw := ansi.StringWidth(l); lw != w {
			t.Fatalf("w=%d h=%d: line %d is %d cells: %q", w, h, i, lw, l)
		}
	}
	assertOnlySGR(t, v)
}

// osc8 matches the hyperlinks the program writes itself: an http(s)
// target of printable ASCII, or the closing sequence.
var osc8 = regexp.MustCompile(`^\x1b\]8;;(https?://[!-~]+)?\x1b\\`)

// assertOnlySGR fails when s holds any control other than "\n", SGR
// sequences and OSC 8 hyperlinks to http(s) URLs.
func assertOnlySGR(t testing.TB, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		c := s[i]
		if l := osc8.FindString(s[i:]); l != "" && !strings.Contains(l[5:len(l)-2], "\x1b") {
			i += len(l) - 1
			continue
		}
		switch {
		case c == 0x1b:
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				t.Fatalf("non-CSI escape at %d: %q", i, around(s, i))
			}
			for j++; j < len(s) && (s[j] < 0x40 || s[j] > 0x7e); j++ {
				if s[j] < 0x20 {
					t.Fatalf("control inside CSI at %d: %q", i, around(s, i))
				}
			}
			if j >= len(s) || s[j] != 'm' {
				t.Fatalf("non-SGR CSI at %d: %q", i, around(s, i))
			}
			i = j
		case c < 0x20 && c != '\n', c == 0x7f:
			t.Fatalf("control %#x at %d: %q", c, i, around(s, i))
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			t.Fatalf("C1 control at %d: %q", i, around(s, i))
		}
	}
}

func around(s string, i int) string {
	return s[max(i-20, 0):min(i+40, len(s))]
}

func userEntry(key, text string, at time.Time) Entry {
	return Entry{Key: key, Status: StatusSent, Msg: api.Message{
		ID: key, Text: text, CreatedAt: api.NewTimestamp(at), Sender: api.Party{Type: api.ActorUser},
	}}
}

func agentEntry(key, text string, at time.Time) Entry {
	return Entry{Key: key, Status: StatusSent, Msg: api.Message{
		ID: key, Text: text, CreatedAt: api.NewTimestamp(at), Sender: api.Party{Type: api.ActorAgent},
	}}
}

// absLine is the absolute line number of the view's top row, from measured
// heights (valid once every entry above has been rendered).
func absLine(m Model) int {
	n := 0
	for i := 0; i < m.top.idx; i++ {
		n += len(m.items[i].rendered())
	}
	return n + m.top.off
}

// headerRow returns the row of the first view line starting with prefix
// (after the gutter), or -1.
func headerRow(m Model, prefix string) int {
	for i, l := range plainLines(m.View()) {
		if strings.HasPrefix(strings.TrimLeft(l, "▌ "), prefix) {
			return i
		}
	}
	return -1
}
