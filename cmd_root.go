package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/theme"
	"aui-tui/ui"
)

// newRootCmd is the whole command line: the UI itself, and the tasks,
// transcript and demo-server commands.
func newRootCmd() *cobra.Command {
	var f connFlags
	var themeFlag, exportDir string
	var noMouse, noCache bool
	var pageSize int
	cmd := &cobra.Command{
		Use:   "aui-tui",
		Short: "A terminal chat client for the AUI Messaging API",
		Long: "aui-tui browses a user's AUI conversation tasks, reads their transcripts and chats with\n" +
			"the agent live, replies streaming in as they are written.\n\n" +
			"With no API key it runs on an embedded demo backend (no account, no network).\n" +
			envHelp,
		Example: "  aui-tui                                  # demo mode\n" +
			"  AUI_NETWORK_API_KEY=... aui-tui --user user_123\n" +
			"  aui-tui --region azure --user user_123\n" +
			"  aui-tui tasks --json                     # no UI: list tasks\n" +
			"  aui-tui transcript TASK_ID -o t.md       # no UI: save a transcript",
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			mode, ok := theme.ParseMode(themeFlag)
			if !ok {
				return fmt.Errorf("--theme must be auto, dark or light, not %q", themeFlag)
			}
			if pageSize < 1 || pageSize > 100 {
				return fmt.Errorf("--page-size must be between 1 and 100")
			}
			boundMemory()
			c, err := connect(f)
			if err != nil {
				return err
			}
			defer c.close()
			return runUI(c, !noCache, ui.Config{
				UserID:    c.userID,
				Demo:      c.demo,
				Host:      c.client.Host(),
				Theme:     mode,
				NoColor:   theme.NoColorRequested(),
				PageSize:  pageSize,
				Timeout:   f.timeout,
				Mouse:     !noMouse,
				ExportDir: exportDir,
				Clipboard: nativeClipboard(),
				Notice:    c.notice,
			})
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.StringVar(&themeFlag, "theme", "auto", "colour theme: auto (follow the terminal), dark or light")
	fl.BoolVar(&noMouse, "no-mouse", false, "leave the mouse to the terminal (native text selection; no wheel scrolling)")
	fl.BoolVar(&noCache, "no-cache", false, "neither read nor write the local cache of task lists and transcripts")
	fl.IntVar(&pageSize, "page-size", 20, "tasks per page when loading the task list")
	fl.StringVar(&exportDir, "export-dir", ".", "folder for exported transcripts (e / E keys)")
	f.register(cmd)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (see %s --help)", err, c.CommandPath())
	})
	cmd.AddCommand(newTasksCmd(), newTranscriptCmd(), newDemoServerCmd(), newCacheCmd(), newSearchCmd())
	return cmd
}

// Soft bounds on the interactive UI's memory, used unless the GOMEMLIMIT
// and GOGC environment variables set others.
const (
	uiMemoryLimit = 96 << 20
	uiGCPercent   = 50
)

// boundMemory keeps the UI's heap close to what it uses. A terminal UI
// stays open for hours, mostly idle, and by default the Go heap grows to
// twice what is live before the next collection and hands freed memory back
// to the system only slowly: opening a long transcript would leave the
// process holding the garbage of the load for good. It is set before the
// demo backend starts, as that runs in this process too.
func boundMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		// Soft: near the limit the collector runs more often and returns
		// memory sooner, but a larger live heap (several long transcripts
		// open) still fits, at the cost of more collections, instead of
		// failing.
		debug.SetMemoryLimit(uiMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		// Collecting when the heap has grown by half, not doubled, lowers
		// the peak of a transcript load, which is when memory use is
		// highest. The extra collections cost little: between loads the
		// UI allocates little.
		debug.SetGCPercent(uiGCPercent)
	}
}

// runUI runs the program with a WebSocket session whose events are fed into
// it; the session stops when the program ends.
func runUI(c *conn, useCache bool, cfg ui.Config) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var p *tea.Program
	ready := make(chan struct{})
	sess := c.client.NewSession(func(ev api.Event) {
		<-ready
		p.Send(ui.SessionEvent{Event: ev})
	})
	cfg.Backend = c.client
	cfg.Sender = sess
	where := c.where()
	draftsFile, derr := draftsPath(where, c.userID)
	if derr == nil {
		if d, lerr := loadDrafts(draftsFile); lerr == nil {
			cfg.Drafts = d
		} else {
			cfg.Notice = "Unsent drafts from the last run could not be read: " + lerr.Error()
		}
	}
	if useCache {
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
	p = tea.NewProgram(ui.New(cfg), append(ui.ProgramOptions(), tea.WithContext(ctx))...)
	close(ready)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sess.Run(ctx)
	}()
	final, err := p.Run()
	cancel()
	<-done
	if m, ok := final.(ui.Model); ok && draftsFile != "" {
		if serr := saveDrafts(draftsFile, m.Drafts()); serr != nil {
			fmt.Fprintln(os.Stderr, "aui-tui: could not keep your unsent drafts:", serr)
		}
	}
	if cfg.Notice != "" {
		// The status bar showed it only briefly and may have cut it
		// short; say it once more where it stays readable.
		fmt.Fprintln(os.Stderr, "aui-tui:", cfg.Notice)
	}
	if err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return err
	}
	return nil
}
