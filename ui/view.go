package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"strings"

	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
)

// The smallest window that lays out; below it a short note says so.
const (
	minWidth  = 30
	minHeight = 8
)

func (m *Model) resize(w, h int) {
	m.lay.w, m.lay.h = w, h
	m.relayout()
}

// convInner is the conversation pane's inner size.
func (m *Model) convInner() (w, h int) {
	return max(1, m.lay.convW-2), max(1, m.lay.mainH-2)
}

// relayout recomputes every size from the window size; it runs on resize
// and whenever something that changes heights (composer, chips) changes.
func (m *Model) relayout() {
	if m.lay.w == 0 {
		return
	}
	m.lay = computeLayout(m.lay.w, m.lay.h, m.focus == focusTasks)
	listW := m.lay.listW
	if m.lay.narrow {
		// Size the hidden pane as if it were shown, so switching panes
		// needs no re-wrap.
		listW = m.lay.w
		m.lay.convW = m.lay.w
	}
	m.tasks.setSize(max(1, listW-2), max(1, m.lay.mainH-2))
	w, h := m.convInner()
	m.composer.setWidth(w)
	m.chips.w = w
	switch {
	case h >= 14:
		m.chips.maxRows = 2
	case h >= 7:
		m.chips.maxRows = 1
	default:
		m.chips.maxRows = 0
	}
	chips := len(m.chipRows())
	used := 1 + m.sepHeight(h) + m.composer.height() + chips
	m.conv.setSize(w, max(1, h-used+1))
	if m.focus == focusChips && chips == 0 {
		// The chips left the screen (a resize, a taller draft): focus
		// must not stay on something invisible.
		m.focus = focusComposer
		m.chips.focused = false
		m.composer.ta.Focus()
	}
	m.help.SetWidth(m.lay.w)
}

// sepHeight is the rule above the composer, dropped when space is short.
func (m *Model) sepHeight(h int) int {
	if h >= 8 {
		return 1
	}
	return 0
}

func (m Model) render() string {
	if m.lay.w == 0 {
		return "starting…"
	}
	if m.lay.w < minWidth || m.lay.h < minHeight {
		msg := fmt.Sprintf("aui-tui needs %dx%d; this is %dx%d", minWidth, minHeight, m.lay.w, m.lay.h)
		lines := padLines(strings.Split(ansi.Wrap(msg, m.lay.w, ""), "\n"), m.lay.h, m.lay.w)
		return strings.Join(lines, "\n")
	}
	spin := m.spin.View()
	var main string
	switch {
	case m.showHelp:
		main = m.helpOverlay()
	case m.lay.narrow && m.lay.showList:
		main = m.tasksPane(spin)
	case m.lay.narrow:
		main = m.convPane(spin)
	default:
		main = joinSideBySide(m.tasksPane(spin), m.convPane(spin))
	}
	status := m.cache.status.get(statusKey{s: m.status, w: m.lay.w}, func() string { return m.status.view(m.lay.w) })
	lines := []string{main, status}
	if m.lay.h >= 5 {
		keys := m.helpBarKeys()
		hk := helpBarMemoKey{keys: bindingsKey(keys), w: m.lay.w, st: m.st}
		lines = append(lines, m.cache.help.get(hk, func() string {
			return ansi.Truncate(m.help.ShortHelpView(keys), m.lay.w, "…")
		}))
	}
	return strings.Join(lines, "\n")
}

// memo keeps one rendered string and the key it was rendered for: the
// parts of the screen that did not change are not drawn again (a streamed
// token, a cursor move in one pane).
type memo[K comparable] struct {
	key K
	val string
	ok  bool
}

func (c *memo[K]) get(k K, render func() string) string {
	if !c.ok || c.key != k {
		c.key, c.val, c.ok = k, render(), true
	}
	return c.val
}

// viewCache holds the memos of the screen's parts. Model keeps a pointer:
// Bubble Tea copies the model on every Update, and the cache must survive.
type viewCache struct {
	tasks    memo[tasksPaneKey]
	status   memo[statusKey]
	help     memo[helpBarMemoKey]
	composer memo[composerKey]
	chips    memo[chipsKey]
}

// chipRows is the chip rows, drawn again only when they change; the rows
// are joined with newlines in the memo.
func (m Model) chipRows() []string {
	s := m.cache.chips.get(m.chips.key(), func() string { return strings.Join(m.chips.lines(), "\n") })
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

type tasksPaneKey struct {
	tasksViewKey
	border bool
	title  string
	w, h   int
}

type statusKey struct {
	s statusModel
	w int
}

// helpBarMemoKey is what the help bar depends on: the bindings it shows
// (see bindingsKey), the width and the theme.
type helpBarMemoKey struct {
	keys string
	w    int
	st   *theme.Styles
}

type composerKey struct {
	value           string
	line, col, w, h int
	focused         bool
	st              *theme.Styles
}

func (m Model) tasksPane(spin string) string {
	border, title := m.st.Pane, m.st.PaneTitle
	if m.focus == focusTasks {
		border, title = m.st.PaneFocused, m.st.PaneTitleFocused
	}
	w := m.lay.listW
	if m.lay.narrow {
		w = m.lay.w
	}
	k := tasksPaneKey{tasksViewKey: m.tasks.viewKey(spin), border: m.focus == focusTasks,
		title: "tasks · " + m.status.user, w: w, h: m.lay.mainH}
	return m.cache.tasks.get(k, func() string {
		return frame(border, title, k.title, m.tasks.view(spin), w, m.lay.mainH)
	})
}

func (m Model) convPane(spin string) string {
	border, title := m.st.Pane, m.st.PaneTitle
	if m.focus != focusTasks {
		border, title = m.st.PaneFocused, m.st.PaneTitleFocused
	}
	w, h := m.convInner()
	rows := make([]string, 0, h)
	rows = append(rows, fit(m.conv.header(spin), w))
	if tv := m.conv.tr.View(); tv != "" {
		rows = append(rows, strings.Split(tv, "\n")...) // already w wide
	}
	for _, l := range m.chipRows() {
		rows = append(rows, fit(l, w))
	}
	if m.sepHeight(h) > 0 {
		label := ""
		if m.focus == focusChips {
			ck := m.km.Chips
			label = fmt.Sprintf(" %s %s · %s %s ", keyHint(ck.Left), ck.Left.Help().Desc, keyHint(ck.Send), ck.Send.Help().Desc)
		}
		rows = append(rows, m.st.Help.Sep.Render(fit(label+strings.Repeat("─", w), w)))
	}
	ck := composerKey{value: m.composer.ta.Value(), line: m.composer.ta.Line(), col: m.composer.ta.Column(),
		w: w, h: m.composer.height(), focused: m.composer.ta.Focused(), st: m.st}
	rows = append(rows, strings.Split(m.cache.composer.get(ck, func() string {
		return strings.Join(fitAll(nil, m.composer.view(), w), "\n")
	}), "\n")...)
	return frame(border, title, m.convTitle(), rows, m.lay.convW, m.lay.mainH)
}

func (m Model) convTitle() string {
	switch m.focus {
	case focusChips:
		return "suggestions"
	case focusComposer:
		return "compose" + m.convPosition()
	}
	return "conversation" + m.convPosition()
}

// convPosition is " · msg 120/2,400 · 5%" while the transcript is longer
// than its pane, so the reader knows where in a long history they are.
func (m Model) convPosition() string {
	msg, total, pct := m.conv.tr.Position()
	if total == 0 || m.conv.tr.AtBottom() && msg == total && m.conv.tr.AtTop() {
		return ""
	}
	return fmt.Sprintf(" · msg %s/%s · %d%%", thousands(msg), thousands(total), pct)
}

// helpBarKeys is the bindings the help bar shows: the overlay's while it
// is open, else the focused pane's and the global ones for the mode.
func (m Model) helpBarKeys() []key.Binding {
	if m.showHelp {
		return m.km.Help.ShortHelp()
	}
	return m.shortHelp()
}

// bindingsKey sums up the help text of the enabled bindings, so the bar is
// drawn again exactly when what it shows changes.
func bindingsKey(bs []key.Binding) string {
	var sb strings.Builder
	for _, b := range bs {
		if b.Enabled() {
			sb.WriteString(b.Help().Key)
			sb.WriteByte(0)
			sb.WriteString(b.Help().Desc)
			sb.WriteByte(0)
		}
	}
	return sb.String()
}

// joinSideBySide puts two panes of equal height next to each other. Both
// are exactly sized by frame, so unlike lipgloss.JoinHorizontal nothing is
// measured.
func joinSideBySide(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var sb strings.Builder
	sb.Grow(len(a) + len(b) + len(al))
	for i := range max(len(al), len(bl)) {
		if i > 0 {
			sb.WriteByte('\n')
		}
		if i < len(al) {
			sb.WriteString(al[i])
		}
		if i < len(bl) {
			sb.WriteString(bl[i])
		}
	}
	return sb.String()
}
