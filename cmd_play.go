package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/internal/script"
	"aui-tui/theme"
	"aui-tui/ui"
)

// Limits on how long the autopilot waits for the program.
const (
	pilotReplyLimit = 3 * time.Minute  // an agent's reply
	pilotUILimit    = 15 * time.Second // the task list, a new or opened task
)

// newPlayCmd drives a live or demo session from a script, typing into the
// real composer at a human pace.
func newPlayCmd() *cobra.Command {
	var f connFlags
	var themeFlag, recordFile string
	var pace time.Duration
	var presenter bool
	cmd := &cobra.Command{
		Use:   "play SCRIPT",
		Short: "Drive a session from a script, typing at a human pace (an autopilot for demos)",
		Long: "play runs the UI and drives it from a script, so the audience sees exactly what a user\n" +
			"would: each line is typed into the composer at a human pace and sent. Commands:\n\n" +
			"  pick N          send suggestion N\n" +
			"  wait reply      wait for the agent's reply (typing a line waits for it too)\n" +
			"  pause 2s        wait\n" +
			"  open \"title\"    open the task with that title\n" +
			"  new             start a new task\n" +
			"  say TEXT        type TEXT even when it starts like a command\n" +
			"  # comment\n\n" +
			"Errors in the script are reported with their line number before anything starts. Keys\n" +
			"other than ctrl+c are ignored until the script ends; then the session is yours.\n" + envHelp,
		Example: "  aui-tui play demo.txt                       # against the demo backend\n" +
			"  aui-tui play demo.txt --record demo.jsonl   # and record it for aui-tui replay",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			mode, ok := theme.ParseMode(themeFlag)
			if !ok {
				return fmt.Errorf("--theme must be auto, dark or light, not %q", themeFlag)
			}
			if pace < 0 || pace > time.Second {
				return errors.New("--type-delay must be between 0 and 1s")
			}
			file, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("cannot open the script: %w", err)
			}
			steps, err := script.Parse(file)
			file.Close()
			if err != nil {
				return fmt.Errorf("%s %w", filepath.Base(args[0]), err)
			}
			boundMemory()
			rec := &recording{path: recordFile, pageSize: 20}
			var hook clientHook
			if recordFile != "" {
				hook = rec.hook
			}
			c, err := connect(f, hook)
			if err != nil {
				return err
			}
			defer c.close()
			ap := &autopilot{steps: steps, pace: pace}
			h := ap.hooks()
			if rf := rec.filter(); rf != nil {
				inner := h.filter
				h.filter = func(m tea.Model, msg tea.Msg) tea.Msg {
					if msg = inner(m, msg); msg != nil {
						msg = rf(m, msg)
					}
					return msg
				}
			}
			wd, _ := os.Getwd()
			err = runUI(c, ui.Config{
				UserID: c.userID, Demo: c.demo, Host: c.client.Host(), Theme: mode,
				NoColor: theme.NoColorRequested(), Timeout: f.timeout, Mouse: true, Notice: c.notice,
				Presenter: presenter, Clipboard: nativeClipboard(), OpenURL: nativeOpener(), ExportDir: ".",
				InTmux: os.Getenv("TMUX") != "", InScreen: os.Getenv("STY") != "", WorkDir: wd,
			}, h)
			if cerr := rec.close(); err == nil {
				err = cerr
			}
			if err == nil {
				err = ap.failure()
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.DurationVar(&pace, "type-delay", 60*time.Millisecond, "average delay between typed characters")
	fl.BoolVar(&presenter, "presenter", false, "presenter layout: no ids or host, a quieter status bar, more space")
	fl.StringVar(&themeFlag, "theme", "auto", "colour theme: auto (follow the terminal), dark or light")
	fl.StringVar(&recordFile, "record", "", "also record the session to this file, for aui-tui replay")
	f.register(cmd)
	return cmd
}

// autopilot plays a script into the program as key presses.
type autopilot struct {
	steps []script.Step
	pace  time.Duration
	// uiLimit bounds each wait for the program (pilotUILimit when 0).
	uiLimit time.Duration

	// sent counts the messages the script sent; answered the replies
	// (or failures) that came back.
	sent     int64
	answered atomic.Int64
	// state is what the program last reported, refreshed by probes.
	mu    sync.Mutex
	state ui.Pilot
	probe chan struct{}
	done  atomic.Bool
	err   error
}

// piloted is a key the autopilot presses; pilotProbe asks the filter for
// the program's state. The filter tells both from the keyboard's keys.
type (
	piloted    struct{ k tea.KeyPressMsg }
	pilotProbe struct{}
)

// hooks lets the autopilot's keys through, and the presenter's only once
// the script is over (ctrl+c always).
func (a *autopilot) hooks() uiHooks {
	a.probe = make(chan struct{}, 1)
	return uiHooks{
		event: func(ev api.Event) {
			switch e := ev.(type) {
			case api.FinalMessage:
				a.answered.Add(1)
			case api.ErrorFrame:
				if e.TaskID != "" {
					a.answered.Add(1)
				}
			}
		},
		filter: func(m tea.Model, msg tea.Msg) tea.Msg {
			switch k := msg.(type) {
			case pilotProbe:
				if um, ok := m.(ui.Model); ok {
					a.mu.Lock()
					a.state = um.Pilot()
					a.mu.Unlock()
				}
				select {
				case a.probe <- struct{}{}:
				default:
				}
				return nil
			case piloted:
				return k.k
			case tea.KeyPressMsg:
				if a.done.Load() || k.String() == "ctrl+c" {
					return msg
				}
				return nil
			}
			return msg
		},
		start: func(ctx context.Context, p *tea.Program) {
			err := a.run(ctx, p)
			a.mu.Lock()
			a.err = err
			a.mu.Unlock()
			a.done.Store(true)
			if err != nil && ctx.Err() == nil {
				p.Quit()
			}
		},
	}
}

// failure is why the script stopped early, if it did.
func (a *autopilot) failure() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err == nil || errors.Is(a.err, context.Canceled) {
		return nil
	}
	return a.err
}

// run plays every step.
func (a *autopilot) run(ctx context.Context, p *tea.Program) error {
	if a.uiLimit == 0 {
		a.uiLimit = pilotUILimit
	}
	if err := a.until(ctx, p, a.uiLimit, func(s ui.Pilot) bool { return s.TasksLoaded }); err != nil {
		return errors.New("the task list did not load, so the script did not start")
	}
	typing := false // the composer has focus; at start the task list has
	for _, st := range a.steps {
		fail := func(what string) error { return fmt.Errorf("script line %d: %s", st.Line, what) }
		switch st.Kind {
		case script.Type:
			if !typing {
				return fail("no task is open to type into; start the script with new or open \"title\"")
			}
			if err := a.awaitReply(ctx); err != nil {
				return fail(err.Error())
			}
			if err := a.typeText(ctx, p, st.Text, uint64(st.Line)); err != nil {
				return err
			}
			a.press(p, tea.KeyPressMsg{Code: tea.KeyEnter})
			a.sent++
		case script.Pick:
			if err := a.awaitReply(ctx); err != nil {
				return fail(err.Error())
			}
			a.press(p, tea.KeyPressMsg{Code: rune('0' + st.N), Mod: tea.ModAlt})
			a.sent++
		case script.Wait:
			if err := a.awaitReply(ctx); err != nil {
				return fail(err.Error())
			}
		case script.Pause:
			if err := sleep(ctx, st.D); err != nil {
				return err
			}
		case script.New:
			a.press(p, tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
			if err := a.until(ctx, p, a.uiLimit, func(s ui.Pilot) bool { return s.Typing }); err != nil {
				return fail("the new task did not open")
			}
			typing = true
		case script.Open:
			if typing {
				// From the composer: leave it (to the conversation), then
				// go back one pane to the task list.
				a.press(p, tea.KeyPressMsg{Code: tea.KeyEscape})
				a.press(p, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
			}
			a.press(p, tea.KeyPressMsg{Code: '/', Text: "/"})
			if err := a.typeText(ctx, p, st.Text, uint64(st.Line)); err != nil {
				return err
			}
			a.press(p, tea.KeyPressMsg{Code: tea.KeyEnter})
			a.press(p, tea.KeyPressMsg{Code: tea.KeyEnter})
			if err := a.until(ctx, p, a.uiLimit, func(s ui.Pilot) bool { return s.Typing }); err != nil {
				return fail(fmt.Sprintf("no task titled %q is in the task list", st.Text))
			}
			typing = true
		}
	}
	return nil
}

func (a *autopilot) press(p *tea.Program, k tea.KeyPressMsg) { p.Send(piloted{k}) }

// typeText types text a key at a time at a human pace: an uneven rhythm
// around the set delay, a little longer after a space or punctuation. The
// rhythm is the same on every run of the same script.
func (a *autopilot) typeText(ctx context.Context, p *tea.Program, text string, seed uint64) error {
	h := fnv.New64a()
	h.Write([]byte(text))
	rng := rand.New(rand.NewPCG(h.Sum64(), seed))
	for _, r := range text {
		a.press(p, tea.KeyPressMsg{Code: r, Text: string(r)})
		d := time.Duration(float64(a.pace) * (0.5 + rng.Float64()))
		switch r {
		case ' ':
			d += a.pace / 2
		case ',', '.', '?', '!':
			d += a.pace * 2
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// awaitReply waits until every message the script sent has been answered.
func (a *autopilot) awaitReply(ctx context.Context) error {
	deadline := time.Now().Add(pilotReplyLimit)
	for a.answered.Load() < a.sent {
		if time.Now().After(deadline) {
			return fmt.Errorf("no reply came within %s", pilotReplyLimit)
		}
		if err := sleep(ctx, 20*time.Millisecond); err != nil {
			return err
		}
	}
	return nil
}

// until asks the program for its state until ok holds or limit passes.
func (a *autopilot) until(ctx context.Context, p *tea.Program, limit time.Duration, ok func(ui.Pilot) bool) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		p.Send(pilotProbe{})
		select {
		case <-a.probe:
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
		a.mu.Lock()
		s := a.state
		a.mu.Unlock()
		if ok(s) {
			return nil
		}
		if err := sleep(ctx, 20*time.Millisecond); err != nil {
			return err
		}
	}
	return errors.New("timed out")
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
