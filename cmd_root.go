package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/internal/gctune"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"
	"aui-tui/ui"
)

// newRootCmd is the whole command line: the UI itself, and the tasks,
// transcript and demo-server commands.
func newRootCmd() *cobra.Command {
	var f connFlags
	var g globalFlags
	var themeFlag, exportDir string
	var noMouse, noCache bool
	var pageSize int
	var recordFile string
	var recordUser, presenter bool
	var replyTimeout time.Duration
	cmd := &cobra.Command{
		Use:   "aui-tui",
		Short: "A terminal chat client for the AUI Messaging API",
		Long: "aui-tui browses a user's AUI conversation tasks, reads their transcripts and chats with the agent live, replies streaming in as they are written.\n\n" +
			"With no API key it runs on an embedded demo backend (no account, no network)." +
			envHelp,
		Example: "  # demo mode\n" +
			"  aui-tui\n" +
			"  AUI_NETWORK_API_KEY=... aui-tui --user user_123\n" +
			"  aui-tui --region azure --user user_123\n" +
			"  aui-tui --profile prod\n" +
			"  # no UI: list tasks, save a transcript\n" +
			"  aui-tui tasks --json\n" +
			"  aui-tui transcript TASK_ID -o t.md",
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// No Args check: cobra's own one for a root with subcommands
		// answers a mistyped command with "Did you mean …?".
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return g.load(cmd, os.Getenv)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyPreferences(cmd, setupOf(cmd).file, &themeFlag, &noMouse, &pageSize, &exportDir)
			mode, ok := theme.ParseMode(themeFlag)
			if !ok {
				return fmt.Errorf("--theme must be auto, dark or light, not %q", themeFlag)
			}
			if pageSize < 1 || pageSize > 100 {
				return fmt.Errorf("--page-size must be between 1 and 100")
			}
			boundMemory()
			var hook clientHook
			rec := &recording{path: recordFile, keepUser: recordUser, pageSize: pageSize}
			if recordFile != "" {
				hook = rec.hook
			}
			if replyTimeout < 0 {
				return fmt.Errorf("--reply-timeout must not be negative (0 waits for ever)")
			}
			s := setupOf(cmd)
			km := ui.DefaultKeyMap()
			s.warn(cmd, applyKeys(&km, s.file))
			md, mdName, mdProblems := s.chooseMarkdown(os.Getenv)
			s.warn(cmd, mdProblems)
			wd, _ := os.Getwd() // without it, exported paths show whole
			err := runProfiles(&f, s, hook, func(c *conn, notice string) (next ui.Switch, err error) {
				profile := s.profile
				if c.demo {
					profile = "" // --demo: no profile is in use
				}
				err = runUI(c, ui.Config{
					UserID:       c.userID,
					Demo:         c.demo,
					Host:         c.client.Host(),
					Theme:        mode,
					NoColor:      theme.NoColorRequested(),
					PageSize:     pageSize,
					Timeout:      f.timeout,
					Mouse:        !noMouse,
					ExportDir:    exportDir,
					Clipboard:    nativeClipboard(),
					OpenURL:      nativeOpener(),
					Notice:       firstOf(notice, c.notice, s.notice()),
					InTmux:       os.Getenv("TMUX") != "",
					InScreen:     os.Getenv("STY") != "",
					WorkDir:      wd,
					Presenter:    presenter,
					KeyMap:       &km,
					Editor:       editorCommand,
					Markdown:     md,
					MarkdownName: mdName,
					Profiles:     s.file.ProfileNames(),
					Profile:      profile,
				}, uiHooks{
					filter:  rec.filter(),
					session: []api.SessionOption{api.WithReplyTimeout(replyTimeout)},
					ended:   func(m ui.Model) { next = m.SwitchTo() },
					cache:   !noCache,
				})
				return next, err
			})
			if cerr := rec.close(); err == nil {
				err = cerr
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.StringVar(&themeFlag, "theme", "auto", "the colour theme: auto (follow the terminal), dark or light")
	fl.BoolVar(&noMouse, "no-mouse", false, "leave the mouse to the terminal (native text selection; no wheel scrolling)")
	fl.BoolVar(&noCache, "no-cache", false, "neither read nor write the local cache of task lists and transcripts")
	fl.IntVar(&pageSize, "page-size", 20, "how many tasks each page of the task list loads")
	fl.StringVar(&exportDir, "export-dir", ".", "the folder for exported transcripts (e / E keys)")
	fl.BoolVar(&presenter, "presenter", false, "the presenter layout: no ids or host, a quieter status bar, more space, no help bar (? shows it)")
	fl.StringVar(&recordFile, "record", "", "record the session to this file, for aui-tui replay (the key is never written)")
	fl.BoolVar(&recordUser, "record-user", false, "keep the user id in the recording (by default it is replaced)")
	fl.DurationVar(&replyTimeout, "reply-timeout", 90*time.Second, "give up on a reply after this long with no word from the agent (the reply is then fetched, or the message marked failed; 0 waits for ever)")
	f.register(cmd)
	g.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("theme", completeWords("auto", "dark", "light"))
	_ = cmd.MarkFlagDirname("export-dir")
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (see %s --help)", err, c.CommandPath())
	})
	cmd.AddCommand(newTasksCmd(), newTranscriptCmd(), newDemoServerCmd(), newReplayCmd(), newPlayCmd(), newServeCmd(),
		newConfigCmd(), newLogsCmd(), newManCmd(), newCacheCmd(), newSearchCmd())
	return cmd
}

// boundMemory tunes the collector for a terminal UI (see gctune): few
// collections while the heap is small, a peak of about a third more than
// is live while a long transcript loads (the default doubles it), and
// memory handed back soon after. A GOGC the user set turns it
// off. It is set before the demo backend starts, as that runs in this
// process too, and stays for the process's life.
func boundMemory() {
	if os.Getenv("GOGC") != "" {
		return
	}
	var floor uint64 // a GOMEMLIMIT the user set is theirs too
	if os.Getenv("GOMEMLIMIT") == "" {
		floor = memoryFloor
	}
	gctune.Start(gctune.Headroom, floor)
}

// memoryFloor is the least the soft memory limit is: below it, the heap
// is left to grow by gctune's headroom.
const memoryFloor = 96 << 20

// uiHooks are what the record, replay and play commands add to a run of
// the program; the zero value is an ordinary run.
type uiHooks struct {
	// filter sees every message on its way into the program.
	filter func(tea.Model, tea.Msg) tea.Msg
	// event is called after each session event has been handed to the
	// program.
	event func(api.Event)
	// start runs on its own goroutine once the program exists, until the
	// context ends (when the program has ended).
	start func(ctx context.Context, p *tea.Program)
	// replay marks a run that is not the user's own session: saved drafts
	// are neither loaded nor overwritten, and the start notice is not
	// repeated on exit.
	replay bool
	// options are extra program options (tests run without a terminal).
	options []tea.ProgramOption
	// session are options of the WebSocket session (the reply deadline).
	session []api.SessionOption
	// ended sees the program's final model (to learn of a profile switch).
	ended func(ui.Model)
	// cache: read and write the local cache of task lists and transcripts
	// (the user's own runs, unless --no-cache).
	cache bool
}

// runUI runs the program with a WebSocket session whose events are fed into
// it; the session stops when the program ends. However it ends (quit, a
// signal, a panic anywhere), the terminal is restored and the drafts are
// saved; a panic also leaves a report in the state directory.
func runUI(c *conn, cfg ui.Config, h uiHooks) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	crash := &crashLog{}
	var p *tea.Program
	ready := make(chan struct{})
	pacer := ui.NewEventPacer(func(ev api.Event) { p.Send(ui.SessionEvent{Event: ev}) }, ui.StreamPace)
	defer pacer.Stop()
	sess := c.client.NewSession(func(ev api.Event) {
		<-ready
		pacer.Handle(ev)
		if h.event != nil {
			h.event(ev)
		}
	}, append(h.session, api.WithPanicHandler(crash.record))...)
	cfg.Backend = c.client
	cfg.Sender = sess
	where := c.where()
	var drafts *draftFile
	if !h.replay {
		if path, err := draftsPath(where, c.userID); err == nil {
			drafts = &draftFile{path: path}
			if d, lerr := loadDrafts(path); lerr == nil {
				cfg.Drafts = d
			} else {
				cfg.Notice = "Unsent drafts from the last run could not be read: " + lerr.Error()
			}
			cfg.SaveDrafts = drafts.save
		}
	}
	var lastFile string // a replay neither reopens nor records a task
	if f, lerr := lastTaskPath(where, c.userID); lerr == nil && !h.replay {
		lastFile = f
		cfg.Reopen = loadLastTask(f)
	}
	if h.cache && !h.replay {
		st, notice := openCache(where, c.userID)
		if st != nil {
			defer st.Close()
			cfg.Store = st
			if ix, err := searchIndex(where, c.userID); err == nil {
				cfg.Search = ix
			}
		}
		if notice != "" && cfg.Notice == "" {
			cfg.Notice = notice
		}
	}
	// Lip Gloss detected standard output's colour profile when it loaded
	// (inside tmux that runs `tmux info`, tens of milliseconds); Bubble
	// Tea would detect the same again before the first frame. Options a
	// test passes come later and win.
	opts := append(ui.ProgramOptions(), tea.WithContext(ctx), tea.WithoutSignalHandler(), tea.WithColorProfile(lipgloss.Writer.Profile))
	opts = append(opts, h.options...)
	if h.filter != nil {
		// The hooks see the program's own model, not the crash guard.
		opts = append(opts, tea.WithFilter(func(m tea.Model, msg tea.Msg) tea.Msg {
			if g, ok := m.(guarded); ok {
				m = g.inner
			}
			return h.filter(m, msg)
		}))
	}
	p = tea.NewProgram(guarded{inner: ui.New(cfg), crash: crash}, opts...)
	crash.setStop(func() { go p.Send(crashedMsg{}) })
	c.client.OnRateLimit(func(d time.Duration) { go p.Send(ui.RateLimited{Wait: d}) })
	stopSignals := watchSignals(p.Quit, func() {
		p.Kill()
		// A loop stuck in Update never lets Run return: the terminal is
		// restored by now and the drafts on disk are a second old at most.
		time.AfterFunc(killAfter, func() { os.Exit(1) })
	})
	defer stopSignals()
	close(ready)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer crash.recoverHere()
		sess.Run(ctx)
	}()
	if h.start != nil {
		go func() {
			defer crash.recoverHere()
			h.start(ctx, p)
		}()
	}
	final, err := p.Run()
	// The program has ended: a late signal must not cut short the saving
	// of drafts below.
	stopSignals()
	showCursor()
	cancel()
	<-done
	if g, ok := final.(guarded); ok && lastFile != "" {
		if m, ok := g.inner.(ui.Model); ok {
			_ = saveLastTask(lastFile, m.OpenTaskID()) // losing it only means starting with no task open
		}
	}
	kept := "" // said after a crash when the drafts are safe
	if g, ok := final.(guarded); ok {
		if m, ok := g.inner.(ui.Model); ok {
			if drafts != nil {
				if serr := drafts.final(m.Drafts()); serr != nil {
					fmt.Fprintln(os.Stderr, "aui-tui: could not keep your unsent drafts:", serr)
				} else {
					kept = "; your drafts were saved"
				}
			}
			if h.ended != nil {
				h.ended(m)
			}
		}
	}
	if cfg.Notice != "" && !h.replay {
		// The status bar showed it only briefly and may have cut it
		// short; say it once more where it stays readable.
		fmt.Fprintln(os.Stderr, "aui-tui:", cfg.Notice)
	}
	if v, stack, ok := crash.crashed(); ok {
		now := time.Now()
		path, werr := writeCrashReport(crashReport(v, stack, c.secret, now), now)
		if werr != nil {
			what := textsafe.Line(fmt.Sprint(v))
			if len(c.secret) >= 4 {
				what = strings.ReplaceAll(what, c.secret, "REDACTED")
			}
			return fmt.Errorf("the program hit a bug and stopped (%s)%s. The crash report could not be written: %w", what, kept, werr)
		}
		return fmt.Errorf("the program hit a bug and stopped%s. Please report it with %s", kept, path)
	}
	if err != nil && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled) {
		return err
	}
	return nil
}

// showCursor makes sure the cursor is visible after the program: Bubble
// Tea restores it only when its last frame had none, and the composer's
// frame has one, which a terminal may have left blinked off.
func showCursor() {
	if term.IsTerminal(os.Stdout.Fd()) {
		_, _ = os.Stdout.WriteString(ansi.ShowCursor)
	}
}
