package main

import (
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api/demo"
	"aui-tui/internal/record"
	"aui-tui/theme"
	"aui-tui/ui"
)

// probe asks the screen watcher for the screen as it is now; the filter
// drops it before it reaches the program.
type probe struct{}

// screens follows what the program shows, as plain text.
type screens struct {
	mu   sync.Mutex
	last string
	seen chan struct{} // a value after each probe is answered
}

func newScreens() *screens { return &screens{seen: make(chan struct{}, 1)} }

// reLatency matches the request latency of the status bar.
var reLatency = regexp.MustCompile(`(<1|\d+) ms`)

// plain is a screen without styling and without the status bar, which
// holds wall-clock figures (latency) and notices that expire on a timer.
func plain(view string) string {
	var keep []string
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if strings.HasPrefix(l, " DEMO ") {
			continue
		}
		keep = append(keep, strings.TrimRight(reLatency.ReplaceAllString(l, "N ms"), " "))
	}
	return strings.Join(keep, "\n")
}

// wrap puts the watcher in front of a filter: on a probe it keeps the
// screen of the model as it is and drops the probe.
func (s *screens) wrap(next func(tea.Model, tea.Msg) tea.Msg) func(tea.Model, tea.Msg) tea.Msg {
	return func(m tea.Model, msg tea.Msg) tea.Msg {
		if _, ok := msg.(probe); ok {
			s.mu.Lock()
			s.last = plain(m.(ui.Model).View().Content)
			s.mu.Unlock()
			select {
			case s.seen <- struct{}{}:
			default:
			}
			return nil
		}
		if next != nil {
			return next(m, msg)
		}
		return msg
	}
}

// await probes the program until the screen satisfies ok, failing the test
// after a generous limit; it returns that screen.
func (s *screens) await(t *testing.T, p *tea.Program, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		p.Send(probe{})
		select {
		case <-s.seen:
		case <-time.After(time.Second):
		}
		s.mu.Lock()
		cur := s.last
		s.mu.Unlock()
		if ok(cur) {
			return cur
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t.Errorf("never saw %s; the screen was:\n%s", what, s.last)
	return s.last
}

// headless runs the program without a terminal, at a fixed size.
func headless(w, h int) []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithWindowSize(w, h), tea.WithoutSignals()}
}

// testUIConfig is the UI configuration both runs share: fixed clock, theme
// and host, so the screens can be compared.
func testUIConfig(user string) ui.Config {
	return ui.Config{UserID: user, Demo: true, Host: "test", Theme: theme.ModeDark, NoColor: true, PageSize: 20,
		Now: func() time.Time { return testNow }, Location: time.UTC}
}

var testNow = time.Date(2026, 3, 9, 14, 30, 0, 0, time.UTC)

// typeLine types text into the program one key at a time and presses enter.
func typeLine(p *tea.Program, text string) {
	for _, r := range text {
		p.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	p.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
}

func TestRecordThenReplayShowsTheSameScreens(t *testing.T) {
	isolate(t)
	file := filepath.Join(t.TempDir(), "session.jsonl")

	// Record: a demo session driven as a user would, its screens kept at
	// the end of every reply.
	srv, err := demo.New(demo.Options{StorePath: filepath.Join(t.TempDir(), "demo.db"), Seed: true,
		Pace: time.Millisecond, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer srv.Close()
	defer hs.Close()
	rec := &recording{path: file, keepUser: true, pageSize: 20}
	opts, err := rec.hook(hs.URL, demo.DefaultKey, demo.DefaultUserID, true)
	if err != nil {
		t.Fatal(err)
	}
	client, err := newClient(hs.URL, demo.DefaultKey, 10*time.Second, opts...)
	if err != nil {
		t.Fatal(err)
	}
	// A turn has ended when the reply's text and suggestions are on screen,
	// the streaming cursor is gone and the task list shows the title the
	// first message gave the task (it is fetched after the reply).
	settled := func(text, chip string) func(string) bool {
		return func(s string) bool {
			return strings.Contains(s, text) && strings.Contains(s, chip) && !strings.Contains(s, "▍") &&
				strings.Contains(s, "● Washing machine")
		}
	}
	turns := []struct{ line, text, chip string }{
		{"I need a washing machine for a family of 5, under $800", "Nordvik WM9", "best energy rating"},
		{"which one is the quietest?", "It costs $99.01 more", "What's the warranty on it?"},
		{"", "5-year", "How long does delivery take?"}, // alt+2: the second suggestion, the warranty
	}
	var want []string
	sc := newScreens()
	err = runUI(&conn{client: client, demo: true, userID: demo.DefaultUserID, close: func() {}}, testUIConfig(demo.DefaultUserID), uiHooks{
		replay:  true,
		filter:  sc.wrap(rec.filter()),
		options: headless(100, 30),
		start: func(ctx context.Context, p *tea.Program) {
			sc.await(t, p, "the task list", func(s string) bool { return strings.Contains(s, "page 1 of") })
			p.Send(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
			sc.await(t, p, "a new task", func(s string) bool { return strings.Contains(s, "perfect product") })
			for _, turn := range turns {
				if turn.line == "" {
					p.Send(tea.KeyPressMsg{Code: '2', Mod: tea.ModAlt})
				} else {
					typeLine(p, turn.line)
				}
				want = append(want, sc.await(t, p, "the reply with "+turn.text, settled(turn.text, turn.chip)))
			}
			p.Quit()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.close(); err != nil {
		t.Fatal(err)
	}

	// Replay it with no demo backend at all, stepping turn by turn: each
	// turn must end on the screen the recording ended it on.
	loaded, err := record.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := startReplay(loaded, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	h := r.hooks(true)
	h.filter = sc.wrap(h.filter)
	h.options = headless(100, 30)
	play := h.start
	h.start = func(ctx context.Context, p *tea.Program) {
		go play(ctx, p)
		for i, w := range want {
			got := sc.await(t, p, "the screen of turn "+string(rune('1'+i)), func(s string) bool { return s == w })
			if got != w {
				t.Errorf("turn %d: replayed screen differs from the recorded one\nrecorded:\n%s\nreplayed:\n%s", i+1, w, got)
				break
			}
			p.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		}
		p.Quit()
	}
	if err := runUI(r.conn, testUIConfig(demo.DefaultUserID), h); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(turns) {
		t.Fatalf("recorded %d turns, want %d", len(want), len(turns))
	}
}

// TestReplayKeysNameWhatWorks: the replay's help bar names the quit key,
// and the step key only when stepping.
func TestReplayKeysNameWhatWorks(t *testing.T) {
	for _, step := range []bool{false, true} {
		var help []string
		for _, b := range replayKeys(step) {
			help = append(help, b.Help().Key)
		}
		want := []string{replayQuitKey}
		if step {
			want = append(want, replayStepKey)
		}
		if !slices.Equal(help, want) {
			t.Errorf("step=%v: keys %q, want %q", step, help, want)
		}
	}
}
