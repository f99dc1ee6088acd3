package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// shortHelp is the help bar: the focused pane's keys for its mode, then
// the global keys enabled in that mode.
func (m Model) shortHelp() []key.Binding {
	var pane []key.Binding
	switch m.focus {
	case focusTasks:
		pane = m.tasks.ShortHelp()
	case focusConversation:
		pane = m.conv.tr.ShortHelp()
		switch {
		case m.conv.tr.RawOpen():
			c := m.km.Conversation.Copy
			c.SetHelp(c.Help().Key, "copy JSON")
			pane = append(pane, c)
		case !m.conv.tr.Capturing():
			pane = append(pane, m.km.Conversation.Copy, m.km.Conversation.Export)
		}
	case focusChips:
		pane = m.chips.ShortHelp()
	case focusComposer:
		pane = m.composer.ShortHelp()
	}
	// The bar keeps ? first among the global keys: the rest are a keypress
	// away in the full help.
	return append(pane, m.globalKeys().ShortHelp()...)
}

// helpSection is one titled group of the ? overlay.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpSections lists every binding of the live KeyMap by where it works,
// the focused pane's group first so it survives when the window is too
// small for all.
func (m Model) helpSections() []helpSection {
	ck := m.km.Conversation
	secs := map[focus]helpSection{
		focusTasks: {"Task list", flatten(m.tasks.FullHelp())},
		focusConversation: {"Conversation", append(flatten(m.conv.tr.FullHelp()),
			ck.Copy, ck.CopyAll, ck.Export, ck.ExportJSON)},
		focusComposer: {"Composer", flatten(m.composer.FullHelp())},
		focusChips:    {"Suggestions", flatten(m.chips.FullHelp())},
	}
	out := []helpSection{secs[m.focus], {"Anywhere", flatten(m.km.Global.FullHelp())}}
	for _, f := range focusOrder {
		if f != m.focus {
			out = append(out, secs[f])
		}
	}
	return out
}

func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// renderSection draws a section as aligned "key  description" rows.
func (m Model) renderSection(sec helpSection) string {
	keyW := 0
	for _, b := range sec.keys {
		if b.Enabled() {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	lines := []string{m.st.PaneTitleFocused.Render(sec.title)}
	for _, b := range sec.keys {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		h := b.Help()
		pad := strings.Repeat(" ", keyW-ansi.StringWidth(h.Key)+2)
		lines = append(lines, m.st.Help.Key.Render(h.Key)+pad+m.st.Help.Desc.Render(h.Desc))
	}
	return strings.Join(lines, "\n")
}

// helpLines packs the sections into rows as wide as the window allows and
// returns them as lines, with how many fit at once.
func (m Model) helpLines() (lines []string, view int) {
	ov := m.st.Help.Overlay
	maxW := max(1, m.lay.w-ov.GetHorizontalFrameSize())
	maxH := max(1, m.lay.mainH-ov.GetVerticalFrameSize())
	var rows []string
	var row []string
	rowW := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
	}
	for _, sec := range m.helpSections() {
		block := m.renderSection(sec)
		bw := lipgloss.Width(block) + 4
		if rowW > 0 && rowW+bw > maxW {
			flush()
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(block))
		rowW += bw
	}
	flush()
	lines = strings.Split(strings.Join(rows, "\n\n"), "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, maxW, "…")
	}
	return lines, max(1, maxH-2)
}

// scrollHelp moves the overlay by d lines, within its content.
func (m *Model) scrollHelp(d int) {
	lines, view := m.helpLines()
	m.helpOffset = max(0, min(m.helpOffset+d, len(lines)-view))
}

// helpOverlay shows the packed sections in a box of one width; when they
// are taller than the window, j/k (or ↑↓) scroll them.
func (m Model) helpOverlay() string {
	lines, view := m.helpLines()
	width := 0
	for _, l := range lines {
		width = max(width, ansi.StringWidth(l))
	}
	hk := m.km.Help
	foot := keyHint(hk.Close) + " " + hk.Close.Help().Desc
	if total := len(lines); total > view {
		off := max(0, min(m.helpOffset, total-view))
		lines = lines[off : off+view]
		foot = fmt.Sprintf("%s %s (%d%%) · %s", keyHint(hk.Down), hk.Down.Help().Desc, 100*(off+view)/total, foot)
	}
	for i, l := range lines {
		lines[i] = l + strings.Repeat(" ", max(0, width-ansi.StringWidth(l)))
	}
	ov := m.st.Help.Overlay
	maxW := max(1, m.lay.w-ov.GetHorizontalFrameSize())
	body := strings.Join(lines, "\n") + "\n\n" + m.st.Help.Desc.Render(ansi.Truncate(foot, maxW, "…"))
	return lipgloss.Place(m.lay.w, m.lay.mainH, lipgloss.Center, lipgloss.Center, ov.Render(body))
}
