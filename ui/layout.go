package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/internal/cells"
)

// narrowWidth is the width below which one pane shows at a time.
const narrowWidth = 80

// layout is computed once per resize; every size below comes from it.
type layout struct {
	w, h     int
	narrow   bool
	listW    int // outer width of the task pane (0 when hidden)
	convW    int // outer width of the conversation pane
	mainH    int // outer height of both panes
	showList bool
}

// computeLayout sizes the panes. A hidden list (listHidden) lays out as a
// narrow terminal does: one pane at a time, the list only while focused.
func computeLayout(w, h int, listFocused, listHidden bool) layout {
	l := layout{w: max(w, 1), h: max(h, 1)}
	l.mainH = max(3, l.h-2) // status bar + help bar
	if l.h < 5 {
		l.mainH = max(1, l.h-1)
	}
	l.narrow = l.w < narrowWidth || listHidden
	if l.narrow {
		l.showList = listFocused
		if l.showList {
			l.listW = l.w
		} else {
			l.convW = l.w
		}
		return l
	}
	l.showList = true
	l.listW = max(24, l.w*30/100)
	l.convW = l.w - l.listW
	return l
}

// toggleList hides the task list (the conversation takes the window) or
// shows it again; focus leaves a list that is hidden.
func (m *Model) toggleList() {
	m.listHidden = !m.listHidden
	if m.listHidden && m.focus == focusTasks && m.chat.OpenID() != "" {
		m.setFocus(focusConversation)
		return
	}
	m.relayout()
}

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
	m.lay = computeLayout(m.lay.w, m.lay.h, m.focus == focusTasks, m.listHidden)
	if !m.helpBar && m.lay.h >= 5 {
		m.lay.mainH++ // the hidden help bar's row goes to the panes
	}
	listW := m.lay.listW
	if m.lay.narrow {
		// Size the hidden pane as if it were shown, so switching panes
		// needs no re-wrap.
		listW = m.lay.w
		m.lay.convW = m.lay.w
	}
	m.tasks.SetSize(max(1, listW-2), max(1, m.lay.mainH-2))
	w, h := m.convInner()
	m.composer.SetSize(w, composerMaxLines)
	switch {
	case h >= 14:
		m.chips.SetSize(w, 2)
	case h >= 7:
		m.chips.SetSize(w, 1)
	default:
		m.chips.SetSize(w, 0)
	}
	chips := len(m.chipRows())
	used := 1 + m.sepHeight(h) + m.composer.height() + chips
	m.chat.SetSize(w, max(1, h-used+1))
	if m.focus == focusChips && chips == 0 {
		// The chips left the screen (a resize, a taller draft): focus
		// must not stay on something invisible.
		m.setFocus(focusComposer)
	}
	m.help.SetWidth(m.lay.w)
	m.status.SetSize(m.lay.w, 1)
	m.overlay.SetSize(m.lay.w, m.lay.mainH)
	m.picker.SetSize(m.lay.w, m.lay.mainH)
}

// sepHeight is the rule above the composer, dropped when space is short.
func (m *Model) sepHeight(h int) int {
	if h >= 8 {
		return 1
	}
	return 0
}

// frame draws a rounded box of exactly w x h cells around rows, with the
// title set into the top border, so pane titles cost no extra row. Rows
// must already be exactly w-2 cells wide (see fit): measuring every line of
// both panes on every frame would cost more than the rest of the view.
func frame(border, title lipgloss.Style, titleText string, rows []string, w, h int) string {
	if w < 2 || h < 2 {
		return strings.Join(padLines(rows, h, w), "\n")
	}
	b := lipgloss.RoundedBorder()
	// Only the border's colour is wanted; rendering with the pane style
	// itself would draw a whole box around each piece.
	border = lipgloss.NewStyle().Foreground(border.GetBorderTopForeground())
	innerW, innerH := w-2, h-2
	t := ""
	if titleText != "" && innerW > 4 {
		t = title.Render(" " + ansi.Truncate(titleText, innerW-4, "…") + " ")
	}
	fill := max(0, innerW-1-ansi.StringWidth(t))
	top := border.Render(b.TopLeft+b.Top) + t + border.Render(strings.Repeat(b.Top, fill)+b.TopRight)
	if t == "" {
		top = border.Render(b.TopLeft + strings.Repeat(b.Top, innerW) + b.TopRight)
	}
	var sb strings.Builder
	sb.WriteString(top)
	left, right := border.Render(b.Left), border.Render(b.Right)
	blank := strings.Repeat(" ", innerW)
	for i := range innerH {
		r := blank
		if i < len(rows) {
			r = rows[i]
		}
		sb.WriteByte('\n')
		sb.WriteString(left)
		sb.WriteString(r)
		sb.WriteString(right)
	}
	sb.WriteByte('\n')
	sb.WriteString(border.Render(b.BottomLeft + strings.Repeat(b.Bottom, innerW) + b.BottomRight))
	return sb.String()
}

// fitAll fits every line of a multi-line string.
func fitAll(out []string, s string, w int) []string {
	for _, l := range strings.Split(s, "\n") {
		out = append(out, cells.Fit(l, w))
	}
	return out
}

// padLines returns exactly h lines, each exactly w cells wide (cut or
// space-padded), so panes never overlap or leave ragged edges.
func padLines(lines []string, h, w int) []string {
	out := make([]string, h)
	for i := range out {
		var l string
		if i < len(lines) {
			l = lines[i]
		}
		out[i] = cells.Fit(l, w)
	}
	return out
}

// wrapLines word-wraps text to w cells in a style, at most maxLines lines.
func wrapLines(st lipgloss.Style, text string, w, maxLines int) []string {
	wrapped := cells.WrapLines(text, w)
	if maxLines > 0 && len(wrapped) > maxLines {
		wrapped = wrapped[:maxLines]
		wrapped[maxLines-1] = ansi.Truncate(wrapped[maxLines-1], max(1, w-1), "") + "…"
	}
	for i, l := range wrapped {
		wrapped[i] = st.Render(l)
	}
	return wrapped
}
