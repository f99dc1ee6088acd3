package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/ui/transcript"
)

// contextHelp is the help for the focused pane plus the global keys; it
// implements help.KeyMap.
type contextHelp struct {
	pane   []key.Binding
	global []key.Binding
	more   [][]key.Binding
}

// ShortHelp is the one-line help bar: the pane's keys, then global ones.
func (c contextHelp) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, c.pane...), c.global...)
}

// FullHelp groups every binding by where it works.
func (c contextHelp) FullHelp() [][]key.Binding {
	return append(append([][]key.Binding{}, c.more...), c.global)
}

func (m Model) contextHelp() contextHelp {
	k := m.km
	// The short bar keeps ? first among the global keys: the rest are a
	// keypress away in the full help.
	global := []key.Binding{k.Help, k.NextFocus, k.NewTask, k.Refresh, k.Quit}
	var pane []key.Binding
	switch m.focus {
	case focusTasks:
		if m.tasks.capturing() {
			pane = []key.Binding{k.FilterApply, k.FilterClear}
			global = []key.Binding{k.Quit}
		} else {
			pane = []key.Binding{k.TaskUp, k.TaskDown, k.TaskOpen, k.TaskFilter, k.Chip}
		}
	case focusConversation:
		tk := transcript.DefaultKeyMap()
		pane = append(tk.ShortHelp(), k.Copy, k.Export)
		if m.conv.tr.Capturing() {
			pane = []key.Binding{tk.Confirm, tk.Cancel, tk.FindNext, tk.FindPrev}
			global = []key.Binding{k.Quit}
		}
	case focusChips:
		pane = []key.Binding{k.ChipLeft, k.ChipSend}
	case focusComposer:
		pane = []key.Binding{k.Send, k.Newline, k.LeaveComposer, k.ChipAlt}
		global = []key.Binding{k.NextFocus, k.NewTask, k.Quit}
	}
	more := [][]key.Binding{
		{k.TaskUp, k.TaskDown, k.TaskOpen, k.TaskFilter, k.TaskPageDown, k.TaskTop, k.TaskBottom},
		{k.Send, k.Newline, k.LeaveComposer, k.ChipLeft, k.ChipSend, k.Chip},
		append(transcript.DefaultKeyMap().ShortHelp(), k.Copy, k.CopyAll, k.Export, k.ExportJSON),
	}
	return contextHelp{pane: pane, global: global, more: more}
}

// helpSection is one titled group of the ? overlay.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpSections lists every binding by where it works, the focused pane's
// group first so it survives when the window is too small for all.
func (m Model) helpSections() []helpSection {
	k := m.km
	tk := transcript.DefaultKeyMap()
	secs := map[focus]helpSection{
		focusTasks: {"Task list", []key.Binding{k.TaskUp, k.TaskDown, k.TaskOpen, k.TaskFilter,
			k.TaskPageUp, k.TaskPageDown, k.TaskTop, k.TaskBottom, k.Chip}},
		focusConversation: {"Conversation", append(flatten(tk.FullHelp()),
			k.Copy, k.CopyAll, k.Export, k.ExportJSON)},
		focusComposer: {"Composer", []key.Binding{k.Send, k.Newline, k.LeaveComposer}},
		focusChips:    {"Suggestions", []key.Binding{k.ChipLeft, k.ChipSend, k.Chip, k.ChipAlt}},
	}
	out := []helpSection{secs[m.focus], {"Anywhere", []key.Binding{k.NextFocus, k.PrevFocus, k.NewTask,
		k.Refresh, k.ChipAlt, k.Help, k.QuitQ, k.Quit}}}
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
	foot := "? or esc closes"
	if total := len(lines); total > view {
		off := max(0, min(m.helpOffset, total-view))
		lines = lines[off : off+view]
		foot = fmt.Sprintf("j/k scroll (%d%%) · %s", 100*(off+view)/total, foot)
	}
	for i, l := range lines {
		lines[i] = l + strings.Repeat(" ", max(0, width-ansi.StringWidth(l)))
	}
	ov := m.st.Help.Overlay
	maxW := max(1, m.lay.w-ov.GetHorizontalFrameSize())
	body := strings.Join(lines, "\n") + "\n\n" + m.st.Help.Desc.Render(ansi.Truncate(foot, maxW, "…"))
	return lipgloss.Place(m.lay.w, m.lay.mainH, lipgloss.Center, lipgloss.Center, ov.Render(body))
}
