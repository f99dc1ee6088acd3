package ui

import (
	"context"
	"os/exec"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/glamour/v2/ansi"

	"aui-tui/api"
	"aui-tui/theme"
)

// Backend is the part of the API client the UI reads from. *api.Client
// satisfies it; tests pass a fake.
type Backend interface {
	CreateTask(ctx context.Context, userID string) (api.Task, error)
	ListTasks(ctx context.Context, userID string, page, size int) (api.TaskPage, error)
	TaskMessages(ctx context.Context, taskID string) ([]api.Message, error)
	GetTask(ctx context.Context, taskID string) (api.Task, error)
}

// RawBackend is a Backend that can download a transcript without decoding
// it (*api.Client does), so its tail is shown before the rest is decoded.
type RawBackend interface {
	TaskMessagesRaw(ctx context.Context, taskID string) ([][]byte, error)
}

// Sender delivers a user message. *api.Session satisfies it: over the
// WebSocket when it is live, else over REST; the reply arrives as session
// events (see SessionEvent).
type Sender interface {
	Send(ctx context.Context, taskID, text string, mc *api.MessageContext) error
}

// Config is everything the UI needs from the command line and the wiring.
type Config struct {
	Backend Backend
	Sender  Sender
	// Store is the local cache of what the server sent; nil for none.
	Store Store
	// Search finds messages across the cached transcripts; nil for none.
	Search Searcher
	UserID string
	// Demo is true when the embedded demo backend serves the API.
	Demo bool
	// Host is shown in the status bar ("127.0.0.1:41234", "data-services.aui.io").
	Host string
	// Theme is auto, dark or light; NoColor drops every colour.
	Theme   theme.Mode
	NoColor bool
	// PageSize is how many tasks one ListTasks call asks for.
	PageSize int
	// Timeout bounds each API call.
	Timeout time.Duration
	// Mouse turns on mouse-wheel scrolling (it takes over the terminal's
	// own text selection while on).
	Mouse bool
	// ExportDir is where exported transcripts are written.
	ExportDir string
	// NoFiles is set when the program runs for a visitor on someone else's
	// machine (served over SSH): it writes no file there, so export is
	// refused and copying (y, Y) is the way to take a transcript along.
	NoFiles bool
	// Clipboard writes text to the system clipboard; nil means OSC 52 only.
	Clipboard func(string) error
	// OpenURL opens an http(s) link with the system's opener; nil means
	// links are shown, not opened.
	OpenURL func(string) error
	// Reopen is the task to open once the task list shows it: the one
	// open when the program last ended ("" for none).
	Reopen string
	// Drafts are unsent texts by task id (key "" for no task), as Drafts
	// returned them when the program last ended.
	Drafts map[string]string
	// Presenter lays the screen out for an audience: no task or user ids
	// and no host, only the mode, connection and notices in the
	// status bar, more space between messages, and no help bar until ?
	// asks for it.
	Presenter bool
	// SaveDrafts writes every draft as the user types (a second after the
	// last change) and on each task switch; version increases with each
	// call, so a writer can ignore a snapshot older than one it wrote. Nil
	// means drafts are only returned by Drafts at the end.
	SaveDrafts func(version int, drafts map[string]string) error
	// Notice is shown in the status bar at start (e.g. a demo store that
	// was damaged and moved aside).
	Notice string
	// InTmux says the program runs inside tmux, which changes how the
	// clipboard is reached (the caller reads $TMUX).
	InTmux bool
	// InScreen says it runs inside GNU screen (the caller reads $STY).
	InScreen bool
	// WorkDir is the working directory, against which exported paths are
	// shown shorter ("" shows them whole).
	WorkDir string
	// Editor builds the command that edits the file at path (the user's
	// $VISUAL or $EDITOR); nil turns editing drafts in an editor off.
	Editor func(path string) (*exec.Cmd, error)
	// Markdown, when set, replaces the theme's markdown style for messages
	// (a glamour style chosen in the configuration); MarkdownName names it
	// in render caches.
	Markdown     *ansi.StyleConfig
	MarkdownName string
	// Profiles are the configuration's profiles, offered by the profile
	// picker; Profile is the one in use ("" for none).
	Profiles []string
	Profile  string
	// KeyMap is every binding; nil means DefaultKeyMap.
	KeyMap *KeyMap
	// ViewerKeys, when set, are the only keys that do anything: the
	// program is driven by a recording (replay) and the viewer's presses
	// never reach it, so the help bar lists these instead of the KeyMap.
	ViewerKeys []key.Binding
	// Now and Location make time deterministic in tests.
	Now      func() time.Time
	Location *time.Location
}

// styles is the theme for a dark or light background, with the configured
// markdown style if there is one.
func (c *Config) styles(isDark bool) *theme.Styles {
	st := theme.New(isDark, c.NoColor)
	if c.Markdown != nil {
		st.Markdown = *c.Markdown
		st.Name += "+" + c.MarkdownName
	}
	return st
}

func (c *Config) defaults() {
	if c.PageSize <= 0 {
		c.PageSize = 20
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Location == nil {
		c.Location = time.Local
	}
	if c.KeyMap == nil {
		km := DefaultKeyMap()
		c.KeyMap = &km
	}
	if c.Theme == "" {
		c.Theme = theme.ModeAuto
	}
}
