package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/internal/export"
	"aui-tui/internal/textsafe"
	"aui-tui/ui/transcript"
)

// maxOSC52 is the most text sent through the terminal's clipboard sequence
// (about 133 KB once base64-encoded); a larger copy needs a clipboard tool.
const maxOSC52 = 100_000

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// osc52 is the escape sequence that asks the terminal to put text on the
// clipboard. Inside tmux it is sent twice: plain, which tmux takes when
// set-clipboard is on, and wrapped in tmux's passthrough, which reaches the
// outer terminal when allow-passthrough is on. Inside GNU screen, which
// keeps OSC 52 to itself, it is wrapped in screen's passthrough, in pieces
// short enough for screen's limit on one string.
func osc52(text string, inTmux, inScreen bool) string {
	seq := ansi.SetSystemClipboard(text)
	switch {
	case inTmux:
		return seq + ansi.TmuxPassthrough(seq)
	case inScreen:
		return seq + ansi.ScreenPassthrough(seq, screenStringLimit)
	}
	return seq
}

// screenStringLimit is the longest string GNU screen passes on (768 bytes
// since 2014).
const screenStringLimit = 768

// copyText writes text to the clipboard by OSC 52 and, when a native
// clipboard tool is configured, by that tool too (its outcome is reported).
func (m *Model) copyText(what, text string) tea.Cmd {
	clip := m.com.cfg.Clipboard
	if len(text) > maxOSC52 {
		// Terminals drop (or choke on) escape sequences this long, and
		// would do so silently.
		if clip == nil && m.com.cfg.NoFiles {
			// No export here to point to.
			return m.notify(levelWarn, fmt.Sprintf("Too large to copy (%s) through the terminal.", byteSize(len(text))))
		}
		if clip == nil {
			return m.notify(levelWarn, fmt.Sprintf("Too large to copy (%s): %s exports it", byteSize(len(text)), m.exportKeys()))
		}
		return func() tea.Msg { return clipboardDoneMsg{what: what, err: clip(text), native: true} }
	}
	raw := tea.Raw(osc52(text, m.com.cfg.InTmux, m.com.cfg.InScreen))
	if clip == nil {
		return tea.Batch(raw, func() tea.Msg { return clipboardDoneMsg{what: what} })
	}
	return tea.Batch(raw, func() tea.Msg { return clipboardDoneMsg{what: what, err: clip(text)} })
}

// exportKeys names the export keys for a hint ("e or E").
func (m *Model) exportKeys() string {
	ck := m.com.keys.Conversation
	return keyHint(ck.Export) + " or " + keyHint(ck.ExportJSON)
}

// copyFocused copies what the reader is looking at: the JSON when the raw
// view is open, else the focused message when it is on screen, else the
// message at the top of the view; the notice says which.
func (m *Model) copyFocused() tea.Cmd {
	if card, ok := m.chat.DetailsText(); ok {
		return m.copyText("card", card)
	}
	if raw, ok := m.chat.RawText(); ok {
		return m.copyText(fmt.Sprintf("raw JSON (%s characters)", thousands(utf8.RuneCountInString(raw))), raw)
	}
	e, ok := m.chat.Target()
	if !ok {
		return m.notify(levelWarn, "Nothing to copy: the conversation is empty.")
	}
	text := textsafe.Text(e.Msg.Text)
	what := fmt.Sprintf("%s (%s characters)", m.chat.Describe(e), thousands(utf8.RuneCountInString(text)))
	return m.copyText(what, text)
}

func (m *Model) copyTranscript() tea.Cmd {
	task, ok := m.chat.OpenTask()
	if !ok {
		return m.notify(levelWarn, "Open a task first.")
	}
	return m.copyText("transcript", export.Markdown(task, messagesOf(m.chat.Entries()), m.com.cfg.Location))
}

func (m *Model) onClipboardDone(msg clipboardDoneMsg) tea.Cmd {
	if msg.native && msg.err != nil {
		return m.notify(levelError, fmt.Sprintf("Could not copy the %s: %s; press %s to export it instead.", msg.what, humanError(msg.err), m.exportKeys()))
	}
	if msg.err != nil {
		return m.notify(levelWarn, fmt.Sprintf("Copied the %s with OSC 52 only (%s); your terminal must allow it.", msg.what, humanError(msg.err)))
	}
	if m.com.cfg.Clipboard == nil {
		where := "works where the terminal allows it"
		if m.com.cfg.InTmux {
			where = "in tmux this needs set-clipboard on or allow-passthrough on"
		}
		return m.notify(levelInfo, fmt.Sprintf("Copied the %s with OSC 52 (%s).", msg.what, where))
	}
	return m.notify(levelInfo, "Copied the "+msg.what+" to the clipboard.")
}

// messagesOf keeps the entries that are real messages: not the welcome
// greeting (exported separately) and not a reply still streaming.
func messagesOf(es []transcript.Entry) []api.Message {
	out := make([]api.Message, 0, len(es))
	for _, e := range es {
		if e.Welcome || e.Status == transcript.StatusStreaming || e.Status == transcript.StatusQueued {
			continue
		}
		out = append(out, e.Msg)
	}
	return out
}

// export writes the open transcript to a Markdown file (JSON with asJSON)
// in a command, so neither the fetch nor the write blocks Update. The
// transcript is fetched afresh, so the file holds every message as the
// server has it (ids included); what is on screen is the fallback when the
// server cannot be reached.
func (m *Model) export(asJSON bool) tea.Cmd {
	if m.com.cfg.NoFiles {
		return m.notify(levelWarn, "No export in a shared demo (it writes files); Y copies the transcript.")
	}
	task, ok := m.chat.OpenTask()
	if !ok {
		return m.notify(levelWarn, "Open a task first.")
	}
	shown, loc, dir := messagesOf(m.chat.Entries()), m.com.cfg.Location, m.com.cfg.ExportDir
	b, timeout, st := m.com.cfg.Backend, m.com.cfg.Timeout, m.com.cfg.Store
	// A long transcript takes seconds to fetch and write: say so until it
	// is done (the notice stays; the outcome replaces it).
	format := "Markdown"
	if asJSON {
		format = "JSON"
	}
	m.status.setNotice(levelInfo, fmt.Sprintf("Exporting %s messages as %s…", thousands(len(shown)), format), exportTag)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		msgs, err := b.TaskMessages(ctx, task.ID)
		local := err != nil
		if local {
			msgs = shown
		} else if st != nil {
			_ = st.PutTranscript(task, msgs) // the server's copy, kept (and searchable) like any other
		}
		path, err := export.WriteFile(dir, task, msgs, loc, asJSON)
		return exportDoneMsg{path: path, err: err, local: local}
	}
}

// exportTag marks the notice that an export is under way.
const exportTag = "export"

func (m *Model) onExportDone(msg exportDoneMsg) tea.Cmd {
	if msg.err != nil {
		return m.notify(levelError, "Export failed: "+humanError(msg.err))
	}
	path := msg.path
	if wd := m.com.cfg.WorkDir; wd != "" {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			path = rel // shorter, so the status bar shows all of it
		}
	}
	if msg.local {
		return m.notify(levelWarn, "Exported what is on screen (server unreachable): "+path)
	}
	return m.notify(levelInfo, "Exported "+path)
}
