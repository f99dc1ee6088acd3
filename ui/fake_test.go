package ui

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
)

// fakeBackend serves tasks and transcripts from memory and counts calls.
type fakeBackend struct {
	mu       sync.Mutex
	tasks    []api.Task
	msgs     map[string][]api.Message
	listErr  error
	msgsErr  error
	creates  int
	lists    []int // pages asked for
	fetches  []string
	nextTask int
	// getErr, when set, is every GetTask's answer; gets counts the calls.
	getErr error
	gets   int
}

func newFakeBackend(n int) *fakeBackend {
	b := &fakeBackend{msgs: map[string][]api.Message{}}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("%024x", i+1)
		b.tasks = append(b.tasks, api.Task{ID: id, UserID: "u1", Title: fmt.Sprintf("Task number %d", i+1)})
		b.msgs[id] = []api.Message{
			userMsg(fmt.Sprintf("question for task %d", i+1)),
			agentMsg(fmt.Sprintf("m-%d", i+1), fmt.Sprintf("answer for task %d", i+1), "Tell me more", "Show cheaper"),
		}
	}
	return b
}

func userMsg(text string) api.Message {
	return api.Message{Text: text, Sender: api.Party{ID: "u1", Type: api.ActorUser},
		CreatedAt: api.NewTimestamp(time.Date(2026, 3, 9, 14, 22, 0, 0, time.UTC))}
}

func agentMsg(id, text string, sugg ...string) api.Message {
	return api.Message{ID: id, Text: text, Sender: api.Party{ID: "agent", Type: api.ActorAgent},
		FollowupSuggestions: sugg, CreatedAt: api.NewTimestamp(time.Date(2026, 3, 9, 14, 23, 0, 0, time.UTC))}
}

func (b *fakeBackend) CreateTask(_ context.Context, userID string) (api.Task, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.creates++
	b.nextTask++
	t := api.Task{ID: fmt.Sprintf("new%021x", b.nextTask), UserID: userID, Title: "New Conversation",
		WelcomeMessage: "Hi! What are you looking for?", FollowupSuggestions: []string{"Best sellers", "On sale"}}
	b.tasks = append([]api.Task{t}, b.tasks...)
	return t, nil
}

func (b *fakeBackend) ListTasks(_ context.Context, _ string, page, size int) (api.TaskPage, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lists = append(b.lists, page)
	if b.listErr != nil {
		return api.TaskPage{}, b.listErr
	}
	from := min(len(b.tasks), (page-1)*size)
	to := min(len(b.tasks), from+size)
	return api.TaskPage{Tasks: append([]api.Task{}, b.tasks[from:to]...), Total: len(b.tasks), Page: page, Size: size}, nil
}

func (b *fakeBackend) TaskMessages(_ context.Context, id string) ([]api.Message, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fetches = append(b.fetches, id)
	if b.msgsErr != nil {
		return nil, b.msgsErr
	}
	return append([]api.Message{}, b.msgs[id]...), nil
}

func (b *fakeBackend) GetTask(_ context.Context, id string) (api.Task, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.gets++
	if b.getErr != nil {
		return api.Task{}, b.getErr
	}
	for _, t := range b.tasks {
		if t.ID == id {
			return t, nil
		}
	}
	return api.Task{}, api.ErrNotFound
}

// fakeSender records sends; err makes them fail.
type fakeSender struct {
	mu    sync.Mutex
	sent  []string
	tasks []string
	err   error
}

func (s *fakeSender) Send(_ context.Context, taskID, text string, _ *api.MessageContext) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	s.sent = append(s.sent, text)
	s.tasks = append(s.tasks, taskID)
	return nil
}

func (s *fakeSender) last() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sent) == 0 {
		return ""
	}
	return s.sent[len(s.sent)-1]
}

// harness runs a Model the way the Bubble Tea runtime would: each Cmd in
// its own goroutine, results fed back into Update. Timers that only animate
// (spinner, notice expiry) are dropped so a test ends; stream flushes fire
// at once. The clock is pinned, so every latency and time on screen is the
// same on every run.
type harness struct {
	t *testing.T
	m Model
	b *fakeBackend
	s *fakeSender
	// holdLoads keeps transcripts back as if the network were slow: they
	// wait in held until release.
	holdLoads bool
	held      []tea.Msg
}

// testStart is when the harness's clock starts: 15:00 on the day the fake
// messages were written.
var testStart = time.Date(2026, 3, 9, 15, 0, 0, 0, time.UTC)

// steppingClock is a clock that moves on by step each time it is read, so
// a request the harness runs takes exactly one step: latencies on screen
// are the same on every run, however loaded the machine.
func steppingClock(start time.Time, step time.Duration) func() time.Time {
	var n atomic.Int64
	return func() time.Time { return start.Add(time.Duration(n.Add(1)-1) * step) }
}

// newHarness runs the program on a fake backend with n tasks at 120x40;
// opts adjust the configuration first.
func newHarness(t *testing.T, tasks int, opts ...func(*Config)) *harness {
	t.Helper()
	b := newFakeBackend(tasks)
	s := &fakeSender{}
	cfg := Config{Backend: b, Sender: s, UserID: "u1", Demo: true, Host: "127.0.0.1:1",
		Theme: "dark", PageSize: 10, Location: time.UTC, Now: steppingClock(testStart, 5*time.Millisecond)}
	for _, o := range opts {
		o(&cfg)
	}
	h := &harness{t: t, m: newTestModel(cfg), b: b, s: s}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.run(h.m.Init())
	return h
}

// newTestModel is New with timers that return at once as timerMsg.
func newTestModel(cfg Config) Model {
	m := New(cfg)
	m.com.tick = testTicker
	return m
}

// send delivers one message and runs what it returns to completion.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	h.run(cmd)
}

func (h *harness) key(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// release delivers the held transcripts, oldest first, and stops holding.
func (h *harness) release() {
	h.t.Helper()
	held := h.held
	h.held, h.holdLoads = nil, false
	for _, msg := range held {
		h.send(msg)
	}
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			h.t.Fatal("commands did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := runCmd(h.t, c)
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case spinner.TickMsg:
		case timerMsg:
			// Stream flushes happen at once; notices stay so tests can read them.
			if _, ok := msg.msg.(streamFlushMsg); ok {
				queue = append(queue, func() tea.Msg { return msg.msg })
			}
		case transcriptLoadedMsg:
			if h.holdLoads {
				h.held = append(h.held, msg)
				continue
			}
			queue = append(queue, h.update(msg))
		default:
			queue = append(queue, h.update(msg))
		}
	}
}

func (h *harness) update(msg tea.Msg) tea.Cmd {
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	return cmd
}

// testTicker makes timers return at once as timerMsg, so tests never sleep.
func testTicker(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return timerMsg{d: d, msg: fn(time.Time{})} }
}

// timerMsg is what the test ticker produces instead of sleeping.
type timerMsg struct {
	d   time.Duration
	msg tea.Msg
}

// cmdTimeout is how long a command may take. Every command here talks to
// a fake or returns at once, so one that takes longer is a bug (a real
// timer, a blocked call) and fails the test rather than being dropped.
const cmdTimeout = 10 * time.Second

// runCmd runs a command and returns its message.
func runCmd(t testing.TB, c tea.Cmd) tea.Msg {
	t.Helper()
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(cmdTimeout):
		t.Fatalf("a command did not return within %v", cmdTimeout)
		return nil
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"enter":     {Code: tea.KeyEnter},
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"esc":       {Code: tea.KeyEscape},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"left":      {Code: tea.KeyLeft},
		"right":     {Code: tea.KeyRight},
		"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+n":    {Code: 'n', Mod: tea.ModCtrl},
		"ctrl+r":    {Code: 'r', Mod: tea.ModCtrl},
		"ctrl+j":    {Code: 'j', Mod: tea.ModCtrl},
		"ctrl+e":    {Code: 'e', Mod: tea.ModCtrl},
		"ctrl+p":    {Code: 'p', Mod: tea.ModCtrl},
		"alt+enter": {Code: tea.KeyEnter, Mod: tea.ModAlt},
		"backspace": {Code: tea.KeyBackspace},
	}
	if k, ok := special[k]; ok {
		return k
	}
	if len(k) == 5 && k[:4] == "alt+" {
		return tea.KeyPressMsg{Code: rune(k[4]), Mod: tea.ModAlt}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}
