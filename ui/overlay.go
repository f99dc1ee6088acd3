package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/internal/cells"
)

// overlayModel is the ? help overlay: every binding of the live KeyMap in
// titled sections, packed as wide as the window allows and scrolled when
// taller. While open it takes every key but Quit (HelpKeys).
type overlayModel struct {
	com      *common
	open     bool
	sections []helpSection
	// text, when set, is shown instead of sections (the notice log), each
	// entry wrapped whole.
	title  string
	text   []string
	offset int
	w, h   int
}

// Open shows the sections, from the top.
func (o *overlayModel) Open(sections []helpSection) {
	o.open, o.sections, o.text, o.title, o.offset = true, sections, nil, "", 0
}

// OpenText shows titled text entries (the notice log), from the top.
func (o *overlayModel) OpenText(title string, entries []string) {
	o.open, o.sections, o.title, o.text, o.offset = true, nil, title, entries, 0
}

// IsOpen reports whether the overlay shows.
func (o *overlayModel) IsOpen() bool { return o.open }

// Update scrolls or closes the overlay.
func (o overlayModel) Update(msg tea.Msg) (overlayModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return o, nil
	}
	hk := o.com.keys.Help
	switch {
	case key.Matches(k, hk.Close):
		o.open = false
	case key.Matches(k, hk.Down):
		o.scroll(1)
	case key.Matches(k, hk.Up):
		o.scroll(-1)
	}
	return o, nil
}

// SetSize sets the area the overlay is centred in.
func (o *overlayModel) SetSize(w, h int) { o.w, o.h = w, h }

// ShortHelp is the help bar while the overlay is open.
func (o overlayModel) ShortHelp() []key.Binding { return o.com.keys.Help.ShortHelp() }

// FullHelp is the overlay's own keys.
func (o overlayModel) FullHelp() [][]key.Binding { return o.com.keys.Help.FullHelp() }

// renderSection draws a section as aligned "key  description" rows.
func (o *overlayModel) renderSection(sec helpSection) string {
	keyW := 0
	for _, b := range sec.keys {
		if b.Enabled() {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	lines := []string{o.com.st.PaneTitleFocused.Render(sec.title)}
	for _, b := range sec.keys {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		h := b.Help()
		pad := strings.Repeat(" ", keyW-ansi.StringWidth(h.Key)+2)
		lines = append(lines, o.com.st.Help.Key.Render(h.Key)+pad+o.com.st.Help.Desc.Render(h.Desc))
	}
	return strings.Join(lines, "\n")
}

// helpLines packs the sections into rows as wide as the window allows and
// returns them as lines, with how many fit at once.
func (o *overlayModel) lines() (lines []string, view int) {
	ov := o.com.st.Help.Overlay
	maxW := max(1, o.w-ov.GetHorizontalFrameSize())
	maxH := max(1, o.h-ov.GetVerticalFrameSize())
	if o.text != nil {
		lines = []string{o.com.st.PaneTitleFocused.Render(o.title)}
		for _, e := range o.text {
			lines = append(lines, cells.WrapLines(e, maxW)...)
		}
		return lines, max(1, maxH-2)
	}
	var rows []string
	var row []string
	rowW := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
	}
	for _, sec := range o.sections {
		block := o.renderSection(sec)
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

// scroll moves the overlay by d lines, within its content.
func (o *overlayModel) scroll(d int) {
	lines, view := o.lines()
	o.offset = max(0, min(o.offset+d, len(lines)-view))
}

// View shows the packed sections in a box of one width; when they are
// taller than the window, HelpKeys.Down and Up scroll them.
func (o overlayModel) View() string {
	lines, view := o.lines()
	width := 0
	for _, l := range lines {
		width = max(width, ansi.StringWidth(l))
	}
	hk := o.com.keys.Help
	foot := keyHint(hk.Close) + " " + hk.Close.Help().Desc
	if total := len(lines); total > view {
		off := max(0, min(o.offset, total-view))
		lines = lines[off : off+view]
		foot = fmt.Sprintf("%s %s (%d%%) · %s", keyHint(hk.Down), hk.Down.Help().Desc, 100*(off+view)/total, foot)
	}
	for i, l := range lines {
		lines[i] = l + strings.Repeat(" ", max(0, width-ansi.StringWidth(l)))
	}
	ov := o.com.st.Help.Overlay
	maxW := max(1, o.w-ov.GetHorizontalFrameSize())
	body := strings.Join(lines, "\n") + "\n\n" + o.com.st.Help.Desc.Render(ansi.Truncate(foot, maxW, "…"))
	return lipgloss.Place(o.w, o.h, lipgloss.Center, lipgloss.Center, ov.Render(body))
}
