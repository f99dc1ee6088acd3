package main

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/theme"
	"aui-tui/ui"
)

func newRootCmd() *cobra.Command {
	var f connFlags
	var themeFlag, exportDir string
	var noMouse bool
	var pageSize int
	cmd := &cobra.Command{
		Use:   "aui-tui",
		Short: "A terminal chat client for the AUI Messaging API",
		Long: "aui-tui browses a user's AUI conversation tasks, reads their transcripts and chats with the agent live.\n\n" +
			"With " + envKey + " unset it runs on an embedded demo backend (no account, no network).",
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
			c, err := connect(f)
			if err != nil {
				return err
			}
			defer c.close()
			return runUI(c, ui.Config{
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
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&themeFlag, "theme", "auto", "colour theme: auto (follow the terminal), dark or light")
	fl.BoolVar(&noMouse, "no-mouse", false, "leave the mouse to the terminal (native text selection; no wheel scrolling)")
	fl.IntVar(&pageSize, "page-size", 20, "tasks per page when loading the task list")
	fl.StringVar(&exportDir, "export-dir", ".", "folder for exported transcripts (e / E keys)")
	cmd.AddCommand(newDemoServerCmd(), newTasksCmd(&f), newTranscriptCmd(&f))
	return cmd
}

// runUI runs the program with a WebSocket session whose events are fed into
// it; the session stops when the program ends.
func runUI(c *conn, cfg ui.Config) error {
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
	p = tea.NewProgram(ui.New(cfg), tea.WithContext(ctx))
	close(ready)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sess.Run(ctx)
	}()
	_, err := p.Run()
	cancel()
	<-done
	if err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return err
	}
	return nil
}
