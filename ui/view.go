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
	case m.finder.open:
		main = m.finderView()
	case m.showHelp:
		main = m.helpOverlay()
	case m.lay.narrow && m.lay.showList:
		main = m.tasksPane(spin)
	case m.lay.narrow:
		main = m.convPane(spin)
	default:
		tp, cp := m.tasksPane(spin), m.convPane(spin)
		main = m.cache.sides.get(sidesKey{tp, cp}, func() string { return joinSideBySide(tp, cp) })
	}
	status := m.cache.status.get(statusKey{s: m.status, w: m.lay.w}, func() string { return m.status.view(m.lay.w) })
	sk := screenKey{main: main, status: status}
	if m.lay.h >= 5 {
		keys := m.helpBarKeys()
		hk := helpBarMemoKey{keys: bindingsKey(keys), w: m.lay.w, st: m.st}
		sk.help = m.cache.help.get(hk, func() string {
			return ansi.Truncate(m.help.ShortHelpView(keys), m.lay.w, "…")
		})
	}
	// The same string as the last frame when nothing changed, which the
	// renderer then recognises at once.
	return m.cache.screen.get(sk, func() string {
		if m.lay.h < 5 {
			return main + "\n" + status
		}
		return main + "\n" + status + "\n" + sk.help
	})
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
	conv     memo[convPaneKey]
	sides    memo[sidesKey]
	screen   memo[screenKey]
}

// screenKey is the whole screen: the panes, the status bar, the help bar.
type screenKey struct{ main, status, help string }

// convPaneKey is everything the conversation pane's frame shows. The
// strings are the parts' own memos, so comparing them is cheap when they
// did not change (the same string): a streamed word that is not drawn yet
// costs no new frame.
type convPaneKey struct {
	header, transcript, chips, sep, composer string
	title                                    string
	focused                                  bool
	w, h                                     int
	st                                       *theme.Styles
}

// sidesKey is the two panes joined side by side.
type sidesKey struct{ tasks, conv string }

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
	k := convPaneKey{header: m.conv.header(spin), transcript: m.conv.tr.View(), title: m.convTitle(),
		focused: m.focus != focusTasks, w: m.lay.convW, h: m.lay.mainH, st: m.st}
	k.chips = m.cache.chips.get(m.chips.key(), func() string { return strings.Join(m.chips.lines(), "\n") })
	if m.sepHeight(h) > 0 {
		label := ""
		if m.focus == focusChips {
			ck := m.km.Chips
			label = fmt.Sprintf(" %s %s · %s %s ", keyHint(ck.Left), ck.Left.Help().Desc, keyHint(ck.Send), ck.Send.Help().Desc)
		}
		k.sep = label + "\x00" // present, even when unlabelled
	}
	ck := composerKey{value: m.composer.ta.Value(), line: m.composer.ta.Line(), col: m.composer.ta.Column(),
		w: w, h: m.composer.height(), focused: m.composer.ta.Focused(), st: m.st}
	k.composer = m.cache.composer.get(ck, func() string {
		return strings.Join(fitAll(nil, m.composer.view(), w), "\n")
	})
	return m.cache.conv.get(k, func() string {
		rows := make([]string, 0, h)
		rows = append(rows, fit(k.header, w))
		if k.transcript != "" {
			rows = append(rows, strings.Split(k.transcript, "\n")...) // already w wide
		}
		for _, l := range m.chipRows() {
			rows = append(rows, fit(l, w))
		}
		if k.sep != "" {
			label := strings.TrimSuffix(k.sep, "\x00")
			rows = append(rows, m.st.Help.Sep.Render(fit(label+strings.Repeat("─", w), w)))
		}
		rows = append(rows, strings.Split(k.composer, "\n")...)
		return frame(border, title, k.title, rows, m.lay.convW, m.lay.mainH)
	})
}

func (m Model) convTitle() string {
	switch m.focus {
	case focusChips:
		return "suggestions"
	case focusComposer:
		return "compose"
	}
	return "conversation"
}

// helpBarKeys is the bindings the help bar shows: the overlay's while it
// is open, else the focused pane's and the global ones for the mode.
func (m Model) helpBarKeys() []key.Binding {
	if m.finder.open {
		return m.km.Search.ShortHelp()
	}
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
