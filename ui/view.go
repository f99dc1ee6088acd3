package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	"aui-tui/internal/cells"
	"aui-tui/theme"
)

// The smallest window that lays out; below it a short note says so.
const (
	minWidth  = 30
	minHeight = 8
)

func (m Model) render() string {
	if m.lay.w == 0 {
		return "starting…"
	}
	if m.lay.w < minWidth || m.lay.h < minHeight {
		msg := fmt.Sprintf("aui-tui needs %dx%d; this is %dx%d", minWidth, minHeight, m.lay.w, m.lay.h)
		lines := padLines(cells.WrapLines(msg, m.lay.w), m.lay.h, m.lay.w)
		return strings.Join(lines, "\n")
	}
	var main string
	switch {
	case m.finder.open:
		main = m.finderView()
	case m.overlay.IsOpen():
		main = m.overlay.View()
	case m.picker.IsOpen():
		main = m.picker.View()
	case m.lay.narrow && m.lay.showList:
		main = m.tasksPane()
	case m.lay.narrow:
		main = m.convPane()
	default:
		tp, cp := m.tasksPane(), m.convPane()
		main = m.cache.sides.get(sidesKey{tp, cp}, func() string { return joinSideBySide(tp, cp) })
	}
	sk := screenKey{main: main, status: m.cache.status.get(m.status, m.status.View)}
	if m.lay.h >= 5 && m.helpBar {
		keys := m.helpBarKeys()
		hk := helpBarMemoKey{keys: bindingsKey(keys), w: m.lay.w, st: m.com.st}
		sk.help, sk.hasHelp = m.cache.help.get(hk, func() string {
			return m.helpBarLine(keys)
		}), true
	}
	// The same string as the last frame when nothing changed, which the
	// renderer then recognises at once.
	return m.cache.screen.get(sk, func() string {
		if !sk.hasHelp {
			return sk.main + "\n" + sk.status
		}
		return sk.main + "\n" + sk.status + "\n" + sk.help
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
	status   memo[statusModel]
	help     memo[helpBarMemoKey]
	composer memo[composerMemoKey]
	chips    memo[chipsKey]
	conv     memo[convPaneKey]
	sides    memo[sidesKey]
	screen   memo[screenKey]
}

// convPaneKey is everything the conversation pane's frame shows. The
// strings are the parts' own memos, so comparing them is cheap when they
// did not change (the same string): a streamed word that is not drawn yet
// costs no new frame.
type convPaneKey struct {
	chat, chips, sep, composer string
	title                      string
	focused                    bool
	w, h                       int
	st                         *theme.Styles
}

// sidesKey is the two panes joined side by side.
type sidesKey struct{ tasks, conv string }

// screenKey is the whole screen: the panes, the status bar, the help bar.
type screenKey struct {
	main, status, help string
	hasHelp            bool
}

// chipRows is the chip rows, drawn again only when they change; the rows
// are joined with newlines in the memo.
func (m Model) chipRows() []string {
	s := m.cache.chips.get(m.chips.key(), m.chips.View)
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

// helpBarMemoKey is what the help bar depends on: the bindings it shows
// (see bindingsKey), the width and the theme.
type helpBarMemoKey struct {
	keys string
	w    int
	st   *theme.Styles
}

type composerMemoKey struct {
	value           string
	line, col, w, h int
	focused         bool
	st              *theme.Styles
}

// tasksTitle names the task list and, outside presenter mode, the user.
func (m Model) tasksTitle() string {
	if m.com.cfg.Presenter {
		return "tasks"
	}
	return "tasks · " + m.status.userLabel()
}

func (m Model) tasksPane() string {
	border, title := m.com.st.Pane, m.com.st.PaneTitle
	if m.focus == focusTasks {
		border, title = m.com.st.PaneFocused, m.com.st.PaneTitleFocused
	}
	w := m.lay.listW
	if m.lay.narrow {
		w = m.lay.w
	}
	k := tasksPaneKey{tasksViewKey: m.tasks.viewKey(), border: m.focus == focusTasks,
		title: m.tasksTitle(), w: w, h: m.lay.mainH}
	return m.cache.tasks.get(k, func() string {
		return frame(border, title, k.title, strings.Split(m.tasks.View(), "\n"), w, m.lay.mainH)
	})
}

func (m Model) convPane() string {
	border, title := m.com.st.Pane, m.com.st.PaneTitle
	if m.focus != focusTasks {
		border, title = m.com.st.PaneFocused, m.com.st.PaneTitleFocused
	}
	w, h := m.convInner()
	k := convPaneKey{chat: m.chat.View(), title: m.convTitle(), focused: m.focus != focusTasks,
		w: m.lay.convW, h: m.lay.mainH, st: m.com.st}
	k.chips = m.cache.chips.get(m.chips.key(), m.chips.View)
	if m.sepHeight(h) > 0 {
		label := ""
		if m.focus == focusChips {
			ck := m.com.keys.Chips
			label = fmt.Sprintf(" %s %s · %s %s ", keyHint(ck.Left), ck.Left.Help().Desc, keyHint(ck.Send), ck.Send.Help().Desc)
		}
		k.sep = label + "\x00" // present, even when unlabelled
	}
	ck := m.composer.memoKey(w, m.com.st)
	k.composer = m.cache.composer.get(ck, func() string {
		return strings.Join(fitAll(nil, m.composer.View(), w), "\n")
	})
	return m.cache.conv.get(k, func() string {
		rows := make([]string, 0, h)
		rows = append(rows, strings.Split(k.chat, "\n")...)
		if k.chips != "" {
			for _, l := range strings.Split(k.chips, "\n") {
				rows = append(rows, cells.Fit(l, w))
			}
		}
		if k.sep != "" {
			label := strings.TrimSuffix(k.sep, "\x00")
			rows = append(rows, m.com.st.Help.Sep.Render(cells.Fit(label+strings.Repeat("─", w), w)))
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
		return "compose" + m.convPosition()
	}
	return "conversation" + m.convPosition()
}

// convPosition is " · msg 120/2,400 · 5%" while the transcript is longer
// than its pane, so the reader knows where in a long history they are.
func (m Model) convPosition() string {
	msg, total, pct, fits := m.chat.Position()
	if total == 0 || fits {
		return ""
	}
	return fmt.Sprintf(" · msg %s/%s · %d%%", thousands(msg), thousands(total), pct)
}

// helpBarKeys is the bindings the help bar shows: the overlay's while it
// is open, else the focused pane's and the global ones for the mode.
func (m Model) helpBarKeys() []key.Binding {
	if m.finder.open {
		return m.com.keys.Search.ShortHelp()
	}
	if m.overlay.IsOpen() {
		return m.overlay.ShortHelp()
	}
	if m.picker.IsOpen() {
		return m.picker.ShortHelp()
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
