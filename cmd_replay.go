package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/internal/record"
	"aui-tui/theme"
	"aui-tui/ui"
)

// The presenter's keys during a replay: none reaches the program; space
// plays the next turn (with --step) and q ends the replay, as ctrl+c does.
const (
	replayStepKey = "space"
	replayQuitKey = "q"
)

// newReplayCmd plays a recording back in the full UI, with no network.
func newReplayCmd() *cobra.Command {
	var speed float64
	var step, noMouse, presenter bool
	var themeFlag string
	cmd := &cobra.Command{
		Use:   "replay FILE",
		Short: "Play back a session recorded with --record, in the full UI and without network",
		Long: "replay plays a session recorded with --record: the task list, the transcript, the messages\n" +
			"typed at the pace they were typed, replies streaming with their original timing and the chips\n" +
			"and cards as they came. It needs no key and no network, so a demo cannot fail on stage.\n" +
			"Keys do not reach the program; q or ctrl+c ends the replay.",
		Example: "  aui-tui --record demo.jsonl          # record a session (demo or live)\n" +
			"  aui-tui replay demo.jsonl --speed 2  # play it back twice as fast\n" +
			"  aui-tui replay demo.jsonl --step     # wait for space before each turn",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if speed <= 0 || speed > 100 {
				return errors.New("--speed must be more than 0 and at most 100")
			}
			mode, ok := theme.ParseMode(themeFlag)
			if !ok {
				return fmt.Errorf("--theme must be auto, dark or light, not %q", themeFlag)
			}
			rec, err := record.Load(args[0])
			if err != nil {
				return err
			}
			r, err := startReplay(rec, speed)
			if err != nil {
				return err
			}
			defer r.close()
			how := "q ends it"
			if step {
				how = "space plays the next turn, q ends it"
			}
			cfg := r.config(mode, !noMouse)
			cfg.ViewerKeys = replayKeys(step)
			cfg.Presenter = presenter
			cfg.Notice = "Replaying " + filepath.Base(args[0]) + ": " + how
			return runUI(r.conn, cfg, r.hooks(step))
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.Float64Var(&speed, "speed", 1, "play faster (2) or slower (0.5) than recorded")
	fl.BoolVar(&step, "step", false, "wait for space before each turn")
	fl.BoolVar(&presenter, "presenter", false, "presenter layout: no ids or host, a quieter status bar, more space")
	fl.StringVar(&themeFlag, "theme", "auto", "colour theme: auto (follow the terminal), dark or light")
	fl.BoolVar(&noMouse, "no-mouse", false, "leave the mouse to the terminal")
	return cmd
}

// replay is a recording being served on loopback and played into the
// program.
type replay struct {
	rec    *record.Recording
	speed  float64
	server *record.Server
	conn   *conn
	// delivered counts the frames the program has taken in.
	delivered atomic.Int64
}

// startReplay serves the recording on a random loopback port and connects
// an ordinary client to it, as demo mode does with the demo backend.
func startReplay(rec *record.Recording, speed float64) (*replay, error) {
	r := &replay{rec: rec, speed: speed, server: record.NewServer(rec, speed)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("cannot start the replay: %w", err)
	}
	hs := &http.Server{Handler: r.server, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	c, err := newClient("http://"+ln.Addr().String(), "replay", 30*time.Second,
		api.WithRetry(1, time.Millisecond, time.Millisecond))
	if err != nil {
		hs.Close()
		return nil, err
	}
	r.conn = &conn{client: c, demo: true, userID: rec.Start.User, close: func() { hs.Close() }}
	return r, nil
}

func (r *replay) close() { r.conn.close() }

// config is the UI configuration of the replay: the recorded user and page
// size.
func (r *replay) config(mode theme.Mode, mouse bool) ui.Config {
	return ui.Config{
		UserID:   r.rec.Start.User,
		Demo:     true,
		Host:     "replay",
		Theme:    mode,
		NoColor:  theme.NoColorRequested(),
		PageSize: r.rec.Start.PageSize,
		Mouse:    mouse,
	}
}

// replayKeys are the keys that work during a replay, for its help bar:
// the program's own keys never reach it.
func replayKeys(step bool) []key.Binding {
	ks := []key.Binding{key.NewBinding(key.WithKeys(replayQuitKey, "ctrl+c"), key.WithHelp(replayQuitKey, "end replay"))}
	if step {
		ks = append(ks, key.NewBinding(key.WithKeys(replayStepKey), key.WithHelp(replayStepKey, "next turn")))
	}
	return ks
}

// replayed wraps a recorded key or paste so the filter can tell it from
// the presenter's own keys.
type replayed struct{ e record.Entry }

// hooks plays the recording into the program once it runs: recorded keys
// pass the filter, the presenter's keys do not (q and ctrl+c end the
// replay; with step, space starts the next turn).
func (r *replay) hooks(step bool) uiHooks {
	stepCh := make(chan struct{}, 1)
	var h uiHooks
	h.replay = true
	h.event = func(ev api.Event) {
		switch ev.(type) {
		case api.TextUpdate, api.FinalMessage, api.ErrorFrame:
			r.delivered.Add(1)
		}
	}
	h.filter = func(model tea.Model, msg tea.Msg) tea.Msg {
		switch m := msg.(type) {
		case replayed:
			if m.e.Kind == record.KindPaste {
				return tea.PasteMsg{Content: m.e.Text}
			}
			k := m.e.Key.Msg()
			if um, ok := model.(ui.Model); ok && um.Quits(k) {
				return nil // the replay stays on its last screen until the presenter ends it
			}
			return k
		case tea.KeyPressMsg:
			switch m.String() {
			case "ctrl+c", replayQuitKey:
				return tea.QuitMsg{}
			case replayStepKey:
				select {
				case stepCh <- struct{}{}:
				default:
				}
			}
			return nil
		case tea.PasteMsg:
			return nil
		}
		return msg
	}
	h.start = func(ctx context.Context, p *tea.Program) {
		pl := &record.Player{
			Rec:       r.rec,
			Server:    r.server,
			Speed:     r.speed,
			Send:      func(e record.Entry) { p.Send(replayed{e}) },
			Delivered: func() int { return int(r.delivered.Load()) },
		}
		if step {
			pl.Step = func(ctx context.Context) error {
				select {
				case <-stepCh:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		}
		pl.Run(ctx)
	}
	return h
}
