package ui

import (
	tea "charm.land/bubbletea/v2"

	"aui-tui/internal/textsafe"
	"aui-tui/ui/transcript"
)

// linkOpenedMsg reports the system opener's outcome for url.
type linkOpenedMsg struct {
	url string
	err error
}

// openLink shows the URL, then hands it to the system opener (the URL
// comes from the transcript, which accepts only http and https links).
func (m *Model) openLink(msg transcript.OpenLinkMsg) tea.Cmd {
	if msg.URL == "" {
		return m.notify(levelWarn, "This message has no link to open.")
	}
	url := textsafe.Line(msg.URL)
	if m.com.cfg.OpenURL == nil {
		return m.notify(levelWarn, "No program to open links here; the link is "+url)
	}
	open := m.com.cfg.OpenURL
	return tea.Batch(m.notify(levelInfo, "Opening "+url),
		func() tea.Msg { return linkOpenedMsg{url: url, err: open(url)} })
}

func (m *Model) onLinkOpened(msg linkOpenedMsg) tea.Cmd {
	if msg.err == nil {
		return nil
	}
	return m.notify(levelError, "Could not open "+msg.url+" ("+humanError(msg.err)+"); enter shows the card, y copies it.")
}
