// Package ui is the Bubble Tea program: a root model that only dispatches,
// and one file per component (task list, conversation, chips, composer,
// status bar, help).
package ui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"
	"aui-tui/ui/transcript"
)

// focus says which pane receives keys.
type focus int

const (
	focusTasks focus = iota
	focusConversation
	focusChips
	focusComposer
)

// Model is the root of the program.
type Model struct {
	cfg      Config
	km       KeyMap
	st       *theme.Styles
	renderer *transcript.Renderer

	tasks    tasksModel
	conv     conversationModel
	chips    chipsModel
	composer composerModel
	finder   finderModel
	status   statusModel
	help     help.Model
	spin     spinner.Model

	focus      focus
	lay        layout
	showHelp   bool
	helpOffset int
	spinning   bool
	// streamTicking is true while a stream flush is scheduled.
	streamTicking bool
	// reqSeq numbers transcript fetches so stale replies can be dropped.
	reqSeq int
	tick   ticker
	// refreshNotice is the "refreshing…" notice, cleared when the list
	// arrives rather than left to expire.
	refreshNotice int
	prewarmSeq    int
	cache         *viewCache
}

// New builds the root model. Styles start dark (or from --theme) and are
// rebuilt when the terminal reports its background.
func New(cfg Config) Model {
	cfg.defaults()
	km := *cfg.KeyMap
	st := theme.New(cfg.Theme != theme.ModeLight, cfg.NoColor)
	r := transcript.NewRenderer()
	m := Model{
		cfg:      cfg,
		km:       km,
		st:       st,
		renderer: r,
		tasks:    newTasks(st, km, cfg.PageSize),
		conv:     newConversation(st, r, km),
		chips:    newChips(st, km.Chips),
		composer: newComposer(st, km.Composer, cfg.Drafts),
		finder:   newFinder(st, km.Search),
		status:   statusModel{st: st, demo: cfg.Demo, host: textsafe.Line(cfg.Host), user: textsafe.Line(cfg.UserID), conn: api.StateConnecting},
		help:     help.New(),
		spin:     spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		tick:     tea.Tick,
		cache:    &viewCache{},
	}
	m.conv.tr.SetClock(cfg.Location, cfg.Now)
	m.tasks.setDrafted(m.composer.drafted())
	m.applyStyles(st)
	m.setFocus(focusTasks)
	if cfg.Notice != "" {
		m.status.setNotice(levelWarn, cfg.Notice)
	}
	// Init cannot change the model, so the first load is marked here.
	m.tasks.beginRefresh()
	m.spinning = true
	return m
}

// Init loads the first page of tasks and asks the terminal for its
// background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{
		listTasksCmd(m.cfg.Backend, m.cfg.Timeout, m.tasks.gen, m.cfg.UserID, 1, m.cfg.PageSize),
		m.spin.Tick,
	}
	if m.cfg.Store != nil {
		cmds = append(cmds, cachedTasksCmd(m.cfg.Store, m.tasks.gen, 1, m.cfg.PageSize, false))
	}
	if m.status.notice != "" {
		cmds = append(cmds, noticeExpireCmd(m.tick, m.status.noticeID))
	}
	if m.cfg.Theme == theme.ModeAuto && !m.cfg.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update dispatches: resize, keys, then results by type. Each case is one
// handler call.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		if m.tasks.wantMore() {
			cmd = m.loadTasks(m.tasks.nextPage()) // a taller list wants more rows
		}
	case tea.BackgroundColorMsg:
		m.onBackground(msg.IsDark())
	case tea.KeyPressMsg:
		cmd = m.onKey(msg)
	case tea.PasteMsg:
		cmd = m.onPaste(msg)
	case tea.MouseWheelMsg:
		cmd = tea.Batch(m.onWheel(msg), m.schedulePrewarm())
	case prewarmMsg:
		if msg.seq == m.prewarmSeq {
			m.conv.tr.Prewarm()
		}
	case spinner.TickMsg:
		cmd = m.onSpin(msg)
	case tasksLoadedMsg:
		cmd = m.onTasksLoaded(msg)
	case taskCreatedMsg:
		cmd = m.onTaskCreated(msg)
	case taskRefreshedMsg:
		cmd = m.onTaskRefreshed(msg)
	case transcriptLoadedMsg:
		cmd = m.onTranscriptLoaded(msg)
	case tasksCachedMsg:
		cmd = m.onTasksCached(msg)
	case transcriptCachedMsg:
		cmd = m.onTranscriptCached(msg)
	case sendDoneMsg:
		cmd = m.onSendDone(msg)
	case SessionEvent:
		cmd = m.onSessionEvent(msg.Event)
	case streamFlushMsg:
		m.onStreamFlush()
	case noticeExpiredMsg:
		m.status.expire(msg.id)
	case clipboardDoneMsg:
		cmd = m.onClipboardDone(msg)
	case exportDoneMsg:
		cmd = m.onExportDone(msg)
	case finderResultMsg:
		m.finder.onResult(msg)
	default:
		cmd = m.toFocused(msg)
	}
	return m, tea.Batch(cmd, m.landSearchJump())
}

// View lays out the panes and bars; components only join cached strings.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "aui-tui"
	if m.cfg.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

func (m *Model) applyStyles(st *theme.Styles) {
	m.st = st
	m.tasks.applyStyles(st)
	m.conv.applyStyles(st)
	m.chips.st = st
	m.composer.applyStyles(st)
	m.finder.applyStyles(st)
	m.status.st = st
	m.spin.Style = st.Spinner
	hs := help.DefaultStyles(st.IsDark)
	hs.ShortKey, hs.FullKey = st.Help.Key, st.Help.Key
	hs.ShortDesc, hs.FullDesc = st.Help.Desc, st.Help.Desc
	hs.ShortSeparator, hs.FullSeparator = st.Help.Sep, st.Help.Sep
	hs.Ellipsis = st.Help.Desc
	m.help.Styles = hs
}

func (m *Model) onBackground(isDark bool) {
	if m.cfg.Theme != theme.ModeAuto || isDark == m.st.IsDark {
		return
	}
	m.applyStyles(theme.New(isDark, m.cfg.NoColor))
}

// schedulePrewarm asks for the pages around the transcript's view to be
// rendered once scrolling pauses.
func (m *Model) schedulePrewarm() tea.Cmd {
	m.prewarmSeq++
	seq := m.prewarmSeq
	return m.tick(prewarmDelay, func(time.Time) tea.Msg { return prewarmMsg{seq: seq} })
}

// Drafts returns every task's unsent text, so a caller can keep it for the
// next start.
func (m Model) Drafts() map[string]string { return m.composer.allDrafts() }
