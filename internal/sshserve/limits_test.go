package sshserve

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
)

func TestRateLimitIsASlidingWindow(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	r := newRateLimit(2, time.Minute, func() time.Time { return now })
	for i := range 2 {
		if _, ok := r.take(); !ok {
			t.Fatalf("event %d refused under the limit", i+1)
		}
		now = now.Add(20 * time.Second)
	}
	// 40 s after the first: the third waits until a minute after the first.
	if wait, ok := r.take(); ok || wait != 20*time.Second {
		t.Fatalf("third event: ok %v, wait %v; want a 20s wait", ok, wait)
	}
	now = now.Add(20 * time.Second)
	if _, ok := r.take(); !ok {
		t.Fatal("refused once the first event left the window")
	}
	if wait, ok := r.take(); ok || wait != 20*time.Second {
		t.Fatalf("then: ok %v, wait %v; want the second event's 20s", ok, wait)
	}
	if _, ok := newRateLimit(0, time.Minute, time.Now).take(); !ok {
		t.Fatal("a limit of 0 refused")
	}
}

type recordingSender struct {
	texts []string
	err   error
}

func (r *recordingSender) Send(_ context.Context, _, text string, _ *api.MessageContext) error {
	r.texts = append(r.texts, text)
	return r.err
}

func TestLimitRefusesMessagesOverTheRateAndCountsTheRest(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	v := &Visitor{rate: newRateLimit(1, time.Minute, func() time.Time { return now }), perMin: 1}
	next := &recordingSender{}
	s := v.Limit(next)
	if err := s.Send(context.Background(), "t", "first", nil); err != nil {
		t.Fatal(err)
	}
	now = now.Add(15500 * time.Millisecond)
	err := s.Send(context.Background(), "t", "second", nil)
	if err == nil || err.Error() != "this demo takes 1 message a minute; try again in 45 seconds" {
		t.Fatalf("over the limit: %v", err)
	}
	if len(next.texts) != 1 {
		t.Fatalf("a refused message reached the backend: %q", next.texts)
	}
	now = now.Add(45 * time.Second)
	next.err = errors.New("offline")
	if err := s.Send(context.Background(), "t", "third", nil); err == nil {
		t.Fatal("the backend's error was lost")
	}
	if got := v.sent.Load(); got != 1 {
		t.Errorf("counted %d messages sent, want 1 (refused and failed ones do not count)", got)
	}
}

func TestFilterCountsInputAndNeverSuspends(t *testing.T) {
	v := &Visitor{}
	if _, ok := v.filter(nil, tea.SuspendMsg{}).(tea.ResumeMsg); !ok {
		t.Fatal("ctrl+z would suspend a remote program")
	}
	if v.filter(nil, tea.WindowSizeMsg{}); v.touched.Load() != 0 {
		t.Fatal("a resize counted as the visitor's input")
	}
	if v.filter(nil, tea.KeyPressMsg{Code: 'q'}); v.quit.Load() {
		t.Fatal("a key press counted as the program quitting")
	}
	if v.filter(nil, tea.QuitMsg{}); !v.quit.Load() {
		t.Fatal("a quit was not noted, so a clean exit would read as a crash")
	}
	for _, msg := range []tea.Msg{tea.KeyPressMsg{Code: 'a'}, tea.PasteMsg{Content: "x"}, tea.MouseWheelMsg{}} {
		v.touched.Store(0)
		if got := v.filter(nil, msg); got != msg {
			t.Fatalf("%T changed to %T", msg, got)
		}
		if v.touched.Load() == 0 {
			t.Errorf("%T did not count as input", msg)
		}
	}
}

func TestSpell(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second:                     "1 second",
		45 * time.Second:                "45 seconds",
		90 * time.Second:                "90 seconds",
		15 * time.Minute:                "15 minutes",
		15*time.Minute + 30*time.Second: "15 minutes 30 seconds",
		time.Hour:                       "1 hour",
		2 * time.Hour:                   "2 hours",
		90 * time.Minute:                "1 hour 30 minutes",
	} {
		if got := spell(d); got != want {
			t.Errorf("spell(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestGetenvTakesTheLastValue(t *testing.T) {
	v := &Visitor{Env: []string{"NO_COLOR=", "TERM=xterm", "NO_COLOR=1", "BROKEN"}}
	if v.Getenv("NO_COLOR") != "1" || v.Getenv("TERM") != "xterm" || v.Getenv("HOME") != "" {
		t.Errorf("Getenv: NO_COLOR %q TERM %q HOME %q", v.Getenv("NO_COLOR"), v.Getenv("TERM"), v.Getenv("HOME"))
	}
	if strings.Contains(v.Getenv("BROKEN"), "=") {
		t.Error("a malformed entry was read")
	}
}

func TestAppFilterRunsAfterTheServersAndItsQuitCounts(t *testing.T) {
	v := &Visitor{}
	f := v.filterWith(func(_ tea.Model, msg tea.Msg) tea.Msg {
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
			return tea.QuitMsg{}
		}
		if _, ok := msg.(tea.KeyPressMsg); ok {
			return nil
		}
		return msg
	})
	if got := f(nil, tea.WindowSizeMsg{Width: 5000, Height: 10}); got != (tea.WindowSizeMsg{Width: maxWidth, Height: 10}) {
		t.Errorf("the app saw %v, not the capped size", got)
	}
	if got := f(nil, tea.KeyPressMsg{Code: 'x'}); got != nil || v.touched.Load() == 0 {
		t.Errorf("a key the app drops: %v, counted as input %v", got, v.touched.Load() != 0)
	}
	if _, ok := f(nil, tea.KeyPressMsg{Code: 'q'}).(tea.QuitMsg); !ok || !v.quit.Load() {
		t.Error("the app's quit was not noted, so it would read as a crash")
	}
}
