package ui

// Whole-program benchmarks: a real tea.Program with its renderer, fed key
// presses, timed to the frame it writes (see frameWatch), against the demo
// backend over loopback HTTP with the real API client. They measure what a
// person waits for, including the download, the decode, the cache and the
// renderer's frame rate. Process CPU comes from getrusage.

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/internal/cache"
)

// frameWatch is the program's terminal. It is told of each view the
// program renders (see watched) and reports the first write after a view
// that holds want: the frame that shows it. Looking for the text in the
// bytes written is not enough, as the renderer writes only the cells that
// changed, so a line whose start was already on screen is never written
// whole.
type frameWatch struct {
	mu     sync.Mutex
	want   string
	viewed bool   // a view holding want was rendered
	last   string // the last view's text
	seen   chan struct{}
}

func (w *frameWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.viewed {
		w.want, w.viewed = "", false
		close(w.seen)
	}
	return len(p), nil
}

// rendered is called with each view's text.
func (w *frameWatch) rendered(text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.last = text
	if w.want != "" && strings.Contains(ansi.Strip(text), w.want) {
		w.viewed = true
	}
}

// screen is the text of the last view.
func (w *frameWatch) screen() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return ansi.Strip(w.last)
}

// expect arms the watch for want and returns the channel closed when a
// frame shows it.
func (w *frameWatch) expect(want string) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.want, w.viewed = want, false
	w.seen = make(chan struct{})
	return w.seen
}

// watched is the program's model with its views shown to a frameWatch.
type watched struct {
	Model
	w *frameWatch
}

func (m watched) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.Model.Update(msg)
	return watched{next.(Model), m.w}, cmd
}

func (m watched) View() tea.View {
	v := m.Model.View()
	m.w.rendered(v.Content)
	return v
}

// demoBackend serves the demo with an extra task of n messages over
// loopback HTTP, and returns a client for it and that task's id.
func demoBackend(b *testing.B, n int) (*api.Client, api.Task) {
	b.Helper()
	srv, err := demo.New(demo.Options{StorePath: filepath.Join(b.TempDir(), "demo.db"), Seed: true, ExtraLong: n})
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	b.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := api.New(api.WithBaseURL(hs.URL), api.WithAPIKey(demo.DefaultKey), api.WithTimeout(time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	page, err := c.ListTasks(context.Background(), demo.DefaultUserID, 1, 20)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range page.Tasks {
		if strings.HasPrefix(t.Title, "Stress test") {
			return c, t
		}
	}
	b.Fatal("the demo has no stress-test task")
	return nil, api.Task{}
}

// lastChip is text only a fully loaded transcript shows: the first
// follow-up suggestion of its last message, shown as a chip.
func lastChip(b *testing.B, c *api.Client, id string) string {
	msgs, err := c.TaskMessages(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}
	last := msgs[len(msgs)-1]
	if len(last.FollowupSuggestions) == 0 {
		b.Fatal("the last message has no suggestion to watch for")
	}
	return last.FollowupSuggestions[0]
}

// runProgram starts the program at 120x40 with the task list on screen and
// the stress-test task selected; stop ends it.
func runProgram(b *testing.B, cfg Config, taskID string) (p *tea.Program, w *frameWatch, stop func()) {
	b.Helper()
	w = &frameWatch{}
	listed := w.expect("Stress test")
	m := New(cfg)
	m.tasks.selectID(taskID)
	opts := append(ProgramOptions(), tea.WithOutput(w), tea.WithInput(nil), tea.WithWindowSize(120, 40),
		tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm-256color"}))
	p = tea.NewProgram(watched{m, w}, opts...)
	done := make(chan struct{})
	go func() { defer close(done); _, _ = p.Run() }()
	select {
	case <-listed:
	case <-time.After(30 * time.Second):
		b.Fatal("the task list never appeared")
	}
	return p, w, func() { p.Quit(); <-done }
}

func programConfig(c *api.Client, st Store) Config {
	return Config{Backend: c, Sender: nopSender{}, Store: st, UserID: demo.DefaultUserID, Demo: true,
		Host: "127.0.0.1", Theme: "dark", PageSize: 20, Timeout: time.Minute}
}

type nopSender struct{}

func (nopSender) Send(context.Context, string, string, *api.MessageContext) error { return nil }

// BenchmarkProgramOpen is enter on a task in the list to the frame showing
// its last message, whole program: "server" downloads and decodes the
// transcript (no cache), "cached" re-opens one read before, as after a
// restart (a new program on the same cache file).
func BenchmarkProgramOpen(b *testing.B) {
	for _, n := range []int{100, 10000} {
		c, task := demoBackend(b, n)
		want := lastChip(b, c, task.ID)
		for _, mode := range []string{"server", "cached"} {
			b.Run(fmt.Sprintf("%s/%d", mode, n), func(b *testing.B) {
				var st *cache.Cache
				if mode == "cached" {
					var err error
					st, _, err = cache.Open(cache.Options{Dir: b.TempDir(), BaseURL: "demo", UserID: demo.DefaultUserID})
					if err != nil {
						b.Fatal(err)
					}
					defer st.Close()
					msgs, err := c.TaskMessages(context.Background(), task.ID)
					if err != nil {
						b.Fatal(err)
					}
					if err := st.PutTranscript(task, msgs); err != nil {
						b.Fatal(err)
					}
				}
				var total time.Duration
				for b.Loop() {
					b.StopTimer()
					cfg := programConfig(c, nil)
					if st != nil {
						cfg.Store = st
					}
					p, w, stop := runProgram(b, cfg, task.ID)
					shown := w.expect(want)
					b.StartTimer()
					start := time.Now()
					p.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
					select {
					case <-shown:
					case <-time.After(time.Minute):
						b.Fatalf("the last message (%q) never appeared; the screen:\n%s", want, w.screen())
					}
					total += time.Since(start)
					b.StopTimer()
					stop()
					b.StartTimer()
				}
				b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/open")
			})
		}
	}
}

// processCPU is the CPU time this process has used, user and system.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Skip("getrusage:", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkProgramIdle is the process CPU of the program sitting with a
// 10,000-message transcript open, nothing moving, over 5 seconds.
func BenchmarkProgramIdle(b *testing.B) {
	c, task := demoBackend(b, 10000)
	want := lastChip(b, c, task.ID)
	p, w, stop := runProgram(b, programConfig(c, nil), task.ID)
	defer stop()
	shown := w.expect(want)
	p.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	<-shown
	time.Sleep(2 * time.Second) // the prewarm after the open settles
	const window = 5 * time.Second
	var cpu time.Duration
	for b.Loop() {
		before := processCPU(b)
		time.Sleep(window)
		cpu += processCPU(b) - before
	}
	b.ReportMetric(100*cpu.Seconds()/float64(b.N)/window.Seconds(), "cpu-%")
}

// streamSender answers a send by streaming a reply of words into the
// program at rate words a second, as the session does: one TextUpdate per
// word holding the text so far, then the final message.
type streamSender struct {
	p     *tea.Program
	words []string
	rate  int
	done  chan struct{}
}

func (s *streamSender) Send(_ context.Context, taskID, _ string, _ *api.MessageContext) error {
	go func() {
		defer close(s.done)
		tick := time.NewTicker(time.Second / time.Duration(s.rate))
		defer tick.Stop()
		var sb strings.Builder
		for _, w := range s.words {
			<-tick.C
			sb.WriteString(w)
			s.p.Send(SessionEvent{api.TextUpdate{TaskID: taskID, Text: sb.String()}})
		}
		final := api.Message{ID: "final", Text: sb.String(), Sender: api.Party{ID: "agent", Type: api.ActorAgent}}
		s.p.Send(SessionEvent{api.FinalMessage{TaskID: taskID, Message: final}})
	}()
	return nil
}

// BenchmarkProgramStream is the process CPU of streaming a 2,000-word
// reply at 200 words a second into an open task: the program, its
// renderer, timers and garbage collection (the events are injected, as
// the session's reader would; the socket is left out).
func BenchmarkProgramStream(b *testing.B) {
	const words, rate = 2000, 200
	c, task := demoBackend(b, 100)
	reply := demo.GenerateTranscript(task.ID, "u1", 2, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))[1]
	var text []string
	for len(text) < words {
		text = append(text, wordRE.FindAllString(reply.Text+"\n\n", -1)...)
	}
	var cpu, wall time.Duration
	for b.Loop() {
		b.StopTimer()
		ss := &streamSender{words: text[:words], rate: rate, done: make(chan struct{})}
		cfg := programConfig(c, nil)
		cfg.Sender = ss
		p, w, stop := runProgram(b, cfg, task.ID)
		ss.p = p
		shown := w.expect(lastChip(b, c, task.ID))
		p.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
		<-shown
		time.Sleep(time.Second)
		b.StartTimer()
		before, start := processCPU(b), time.Now()
		p.Send(tea.PasteMsg{Content: "tell me everything"})
		p.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
		<-ss.done
		time.Sleep(100 * time.Millisecond) // the last frame
		cpu += processCPU(b) - before
		wall += time.Since(start)
		b.StopTimer()
		stop()
		b.StartTimer()
	}
	b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "cpu-%")
}
