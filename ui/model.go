// Package ui is the Bubble Tea program. The root model (model.go) routes
// messages to the components and carries out what they ask of each other;
// each component owns its state: the task list (tasks.go), the chat with
// every conversation and turn (chat*.go), the chip row (chips.go), the
// composer (composer.go), the status bar (statusbar.go), the help
// overlay (help.go) and the profile picker (profiles.go). Keys live in one KeyMap (keys.go). See README.md here.
package ui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

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
	// com is shared with every component: configuration, keys, styles,
	// timer. Value copies of Model share it.
	com *common

	tasks    tasksModel
	chat     chatModel
	chips    chipsModel
	composer composerModel
	finder   finderModel
	status   statusModel
	help     help.Model
	spin     spinner.Model

	overlay overlayModel
	picker  pickerModel
	// switchTo is the profile chosen in the picker; the program ends so
	// the caller can connect to it and start again.
	switchTo Switch
	// helpBar is whether the bottom help bar shows; in presenter mode it
	// is off until ? asks for it.
	helpBar   bool
	focus     focus
	lay       layout
	spinning  bool
	cache     *viewCache
	draftSave draftTracker
	// listHidden: the reader hid the task list (ToggleList).
	listHidden bool
	// reopen is the task to open once the list has loaded (Config.Reopen).
	reopen string
}

// New builds the root model. Styles start dark (or from --theme) and are
// rebuilt when the terminal reports its background.
func New(cfg Config) Model {
	cfg.defaults()
	st := cfg.styles(cfg.Theme != theme.ModeLight)
	keys := *cfg.KeyMap
	// A failed message's hint names the key that retries it, whatever it
	// is mapped to.
	keys.Conversation.Transcript.Retry = keys.Global.Refresh
	if cfg.NoFiles {
		// Export writes files on the host: the help shows it only where
		// it works (conversationKey still explains a press).
		off(&keys.Conversation.Export, &keys.Conversation.ExportJSON)
	}
	com := &common{cfg: cfg, keys: keys, st: st, tick: tea.Tick, renderer: transcript.NewRenderer()}
	m := Model{
		com:      com,
		tasks:    newTasks(st, com.keys, cfg.PageSize),
		chat:     newChat(com),
		chips:    newChips(st, com.keys.Chips),
		composer: newComposer(st, com.keys.Composer, cfg.Drafts),
		finder:   newFinder(com),
		status:   newStatus(st, cfg),
		overlay:  overlayModel{com: com},
		picker:   pickerModel{com: com},
		help:     help.New(),
		spin:     spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		cache:    &viewCache{},
		helpBar:  !cfg.Presenter,
	}
	if cfg.Presenter {
		m.tasks.HideIDs()
	}
	m.tasks.loc, m.tasks.now, m.tasks.host = cfg.Location, cfg.Now, textsafe.Line(cfg.Host)
	m.tasks.setDrafted(m.composer.drafted())
	m.reopen = cfg.Reopen
	m.draftSave.task, m.draftSave.rev, m.draftSave.value = m.composer.taskID, m.composer.rev, m.composer.value()
	m.applyStyles(st)
	m.setFocus(focusTasks)
	if cfg.Notice != "" {
		m.status.setNotice(levelWarn, cfg.Notice, "")
	}
	// Init cannot change the model, so the first load is marked here.
	m.tasks.beginRefresh()
	m.spinning = true
	return m
}

// Init loads the first page of tasks and asks the terminal for its
// background colour.
func (m Model) Init() tea.Cmd {
	cfg := m.com.cfg
	cmds := []tea.Cmd{
		listTasksCmd(cfg.Backend, cfg.Timeout, cfg.Now, m.tasks.generation(), cfg.UserID, 1, cfg.PageSize),
		m.spin.Tick,
	}
	if cfg.Store != nil {
		cmds = append(cmds, cachedTasksCmd(cfg.Store, m.tasks.generation(), 1, cfg.PageSize, nil))
	}
	if id := m.status.pendingNotice(); id != 0 {
		cmds = append(cmds, noticeExpireCmd(m.com.tick, id))
	}
	if cfg.Theme == theme.ModeAuto && !cfg.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes: resize, keys, then results by type to the component that
// owns them. Each case is one call.
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
	case tea.MouseClickMsg:
		cmd = m.onClick(msg)
	case tea.MouseWheelMsg:
		cmd = m.onWheel(msg)
	case spinner.TickMsg:
		cmd = m.onSpin(msg)
	case tasksLoadedMsg:
		cmd = m.onTasksLoaded(msg)
	case taskCreatedMsg:
		cmd = m.onTaskCreated(msg)
	case taskRefreshedMsg:
		cmd = m.onTaskRefreshed(msg)
	case tasksCachedMsg:
		cmd = m.onTasksCached(msg)
	case transcriptLoadedMsg, transcriptCachedMsg, sendDoneMsg, streamFlushMsg, prewarmMsg:
		cmd = m.toChat(msg)
	case SessionEvent:
		cmd = m.onSessionEvent(msg.Event)
	case noticeExpiredMsg:
		m.status, cmd = m.status.Update(msg)
	case clipboardDoneMsg:
		cmd = m.onClipboardDone(msg)
	case exportDoneMsg:
		cmd = m.onExportDone(msg)
	case finderResultMsg:
		cmd = m.onFinderResult(msg)
	case finderCountMsg:
		m.finder.onCount(msg)
	case finderListedMsg, finderFetchedMsg:
		cmd = m.onFinderFetch(msg)
	case transcript.OpenLinkMsg:
		cmd = m.openLink(msg)
	case linkOpenedMsg:
		cmd = m.onLinkOpened(msg)
	case RateLimited:
		cmd = m.onRateLimited(msg)
	case editorDoneMsg:
		cmd = m.onEditorDone(msg)
	case draftSaveMsg:
		cmd = m.onDraftSave(msg)
	case draftsSavedMsg:
		cmd = m.onDraftsSaved(msg)
	default:
		cmd = m.toFocused(msg)
	}
	if save := m.trackDrafts(); save != nil {
		cmd = tea.Batch(cmd, save)
	}
	return m, tea.Batch(cmd, m.landSearchJump())
}

// View lays out the panes and bars; components only join cached strings.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "aui-tui"
	if m.com.cfg.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

func (m *Model) applyStyles(st *theme.Styles) {
	m.com.st = st
	m.tasks.applyStyles(st)
	m.chat.SetStyles()
	m.chips.setStyles(st)
	m.composer.applyStyles(st)
	m.finder.applyStyles(st)
	m.status.setStyles(st)
	m.spin.Style = st.Spinner
	m.syncSpinner()
	hs := help.DefaultStyles(st.IsDark)
	hs.ShortKey, hs.FullKey = st.Help.Key, st.Help.Key
	hs.ShortDesc, hs.FullDesc = st.Help.Desc, st.Help.Desc
	hs.ShortSeparator, hs.FullSeparator = st.Help.Sep, st.Help.Sep
	hs.Ellipsis = st.Help.Desc
	m.help.Styles = hs
}

func (m *Model) onBackground(isDark bool) {
	if m.com.cfg.Theme != theme.ModeAuto || isDark == m.com.st.IsDark {
		return
	}
	m.applyStyles(m.com.cfg.styles(isDark))
}

// Drafts returns every task's unsent text, so a caller can keep it for the
// next start.
func (m Model) Drafts() map[string]string { return m.composer.allDrafts() }

// OpenTaskID is the task open now ("" when none), for the next start to
// reopen.
func (m Model) OpenTaskID() string { return m.chat.OpenID() }

// prewarmDelay lets a burst of scrolling (a held key) finish before the
// pages around the view are rendered.
const prewarmDelay = 40 * time.Millisecond
