package main

// Whole-process benchmarks: the built program in a real terminal (tmux at
// 120x40), driven by key presses, against the demo backend served over
// loopback HTTP and WebSocket as a separate server would be. Times run from
// the key press (or the launch) to the screen showing the result, polled
// every few milliseconds (the polling is in the figures); CPU and memory
// are the program's own, read from /proc. They are the README's headline
// figures:
//
//	go test -run '^$' -bench Process -benchtime 5x .

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/api/demo"
)

// processServer is the demo backend with a task of long messages, replies
// of 2,000 words streamed at 200 words a second, and the API client the
// benchmarks look things up with.
type processServer struct {
	url    string
	client *api.Client
	long   api.Task
}

func newProcessServer(b *testing.B, long int) *processServer {
	b.Helper()
	srv, err := demo.New(demo.Options{StorePath: filepath.Join(b.TempDir(), "demo.db"), Seed: true,
		ExtraLong: long, Pace: 5 * time.Millisecond, ReplyWords: 2000})
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	b.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := api.New(api.WithBaseURL(hs.URL), api.WithAPIKey(demo.DefaultKey), api.WithTimeout(time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	ps := &processServer{url: hs.URL, client: c}
	page, err := c.ListTasks(context.Background(), demo.DefaultUserID, 1, 20)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range page.Tasks {
		if strings.HasPrefix(t.Title, "Stress test") {
			ps.long = t
		}
	}
	if long > 0 && ps.long.ID == "" {
		b.Fatal("the demo has no stress-test task")
	}
	return ps
}

// start runs the program against the server in a fresh tmux session, with
// its state and cache under dir.
func (ps *processServer) start(b *testing.B, bin, dir string) *tmuxSession {
	return startTmuxBin(b, bin, dir, 120, 40, []string{"AUI_NETWORK_API_KEY=" + demo.DefaultKey},
		"--base-url", ps.url, "--user", demo.DefaultUserID, "--theme", "dark")
}

// download is how long fetching the long task's transcript takes, body
// read whole and nothing else done with it: the median of five.
func (ps *processServer) download(b *testing.B) time.Duration {
	var ds []time.Duration
	for range 5 {
		req, _ := http.NewRequest(http.MethodGet, ps.url+"/api/v1/external/tasks/"+ps.long.ID+"/messages", nil)
		req.Header.Set("x-network-api-key", demo.DefaultKey)
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// lastMessage is text only the fully shown end of a long transcript has:
// its last message's first suggestion and the header's position at 100 %.
func (ps *processServer) lastMessage(b *testing.B, id string) []string {
	msgs, err := ps.client.TaskMessages(context.Background(), id)
	if err != nil || len(msgs) == 0 || len(msgs[len(msgs)-1].FollowupSuggestions) == 0 {
		b.Fatalf("the last message of %s has no suggestion to watch for (%v)", id, err)
	}
	// The chip alone is not enough: the loading screen shows the task's
	// first message, whose chips may be the same. The header shows a
	// position only once the transcript is longer than its pane.
	return []string{msgs[len(msgs)-1].FollowupSuggestions[0], " · 100% "}
}

// pollFor polls the screen every 2 ms until every want is on it and
// returns when it first was.
func (s *tmuxSession) pollFor(what string, want ...string) time.Time {
	s.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		scr := s.screen()
		if containsAll(scr, want) {
			return time.Now()
		}
		time.Sleep(2 * time.Millisecond)
	}
	s.t.Fatalf("waiting for %s (%q); screen:\n%s", what, want, s.screen())
	return time.Time{}
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// pid is the program's process id (the pane's command execs it).
func (s *tmuxSession) pid() int {
	s.t.Helper()
	out, err := s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}")
	pid, perr := strconv.Atoi(strings.TrimSpace(out))
	if err != nil || perr != nil {
		s.t.Fatalf("the program's pid: %v %v: %s", err, perr, out)
	}
	return pid
}

// cpuTime is the CPU time, user and system, a process has used.
func cpuTime(b *testing.B, pid int) time.Duration {
	b.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skip("no /proc:", err)
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// clockTicks is the kernel's USER_HZ, 100 on every Linux this runs on.
const clockTicks = 100

// peakRSS is a process's peak resident memory, in MiB.
func peakRSS(b *testing.B, pid int) float64 {
	b.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skip("no /proc:", err)
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	b.Fatal("no VmHWM in /proc status")
	return 0
}

func processBinary(b *testing.B) string {
	b.Helper()
	if testing.Short() {
		b.Skip("whole-process benchmark skipped in -short mode")
	}
	return buildBinary(b, b.TempDir())
}

// BenchmarkProcessLaunch is starting the program in demo mode (`aui-tui`
// alone) to its task list on screen, tmux's own start included, as on any
// day but the first: the demo's store is made by a first launch, untimed.
func BenchmarkProcessLaunch(b *testing.B) {
	bin := processBinary(b)
	dir := b.TempDir()
	first := startTmuxBin(b, bin, dir, 120, 40, nil, "--theme", "dark")
	first.pollFor("the task list", "page 1 of")
	first.stop()
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		s := startTmuxBin(b, bin, dir, 120, 40, nil, "--theme", "dark")
		times = append(times, s.pollFor("the task list", "page 1 of").Sub(start))
		b.StopTimer()
		s.stop()
		b.StartTimer()
	}
	reportMedian(b, times, "ms/launch")
}

// BenchmarkProcessOpen is enter on a long transcript never read (an empty
// cache) to its last message on screen, then the program's peak memory
// once it is decoded, cached and indexed. "download-ms" is fetching the
// transcript alone.
func BenchmarkProcessOpen(b *testing.B) {
	bin := processBinary(b)
	for _, n := range []int{10000, 50000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			ps := newProcessServer(b, n)
			want := ps.lastMessage(b, ps.long.ID)
			var times []time.Duration
			var rss float64
			for b.Loop() {
				b.StopTimer()
				s := ps.start(b, bin, b.TempDir())
				s.pollFor("the task list", "page 1 of", "Stress test")
				time.Sleep(300 * time.Millisecond) // settled
				b.StartTimer()
				start := time.Now()
				s.keys("Enter")
				times = append(times, s.pollFor("the last message", want...).Sub(start))
				b.StopTimer()
				time.Sleep(time.Duration(n/2500+1) * time.Second) // the rest decoded, cached and indexed
				rss = max(rss, peakRSS(b, s.pid()))
				s.stop()
				b.StartTimer()
			}
			reportMedian(b, times, "ms/open")
			b.ReportMetric(float64(ps.download(b).Milliseconds()), "download-ms")
			b.ReportMetric(rss, "peak-RSS-MiB")
		})
	}
}

// BenchmarkProcessReopen is enter on the 10,000-message transcript read
// in an earlier run (the program started again on the same cache) to its
// last message on screen: from the cache, then refreshed from the server.
// The earlier run's note of the task last open is removed, or the program
// would open it by itself at start.
func BenchmarkProcessReopen(b *testing.B) {
	bin := processBinary(b)
	ps := newProcessServer(b, 10000)
	want := ps.lastMessage(b, ps.long.ID)
	dir := b.TempDir()
	first := ps.start(b, bin, dir)
	first.pollFor("the task list", "page 1 of", "Stress test")
	first.keys("Enter")
	first.pollFor("the last message", want...)
	time.Sleep(3 * time.Second) // cached
	first.stop()
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(filepath.Join(dir, "state", "aui-tui", "last-task")); err != nil {
			b.Fatal(err)
		}
		s := ps.start(b, bin, dir)
		s.pollFor("the task list", "page 1 of", "Stress test")
		time.Sleep(300 * time.Millisecond) // settled
		if containsAll(s.screen(), want) {
			b.Fatal("the transcript is on screen before enter")
		}
		b.StartTimer()
		start := time.Now()
		s.keys("Enter")
		times = append(times, s.pollFor("the last message", want...).Sub(start))
		b.StopTimer()
		time.Sleep(time.Second) // refreshed
		s.stop()
		b.StartTimer()
	}
	reportMedian(b, times, "ms/open")
}

// BenchmarkProcessStream is a reply of 2,000 words streamed at 200 words a
// second over the WebSocket into a new task: the program's CPU from the
// send to the reply's end on screen, as a share of one core.
func BenchmarkProcessStream(b *testing.B) {
	bin := processBinary(b)
	ps := newProcessServer(b, 0)
	var cpu, wall time.Duration
	for b.Loop() {
		b.StopTimer()
		s := ps.start(b, bin, b.TempDir())
		s.pollFor("the task list", "page 1 of")
		s.keys("C-n")
		s.pollFor("a new task", "perfect product")
		s.typeText("show me espresso machines")
		time.Sleep(time.Second)
		c, w := measureCPU(b, s, func() {
			s.keys("Enter")
			s.pollFor("the end of the reply", "1 ", "2 ", "›")
			waitForChips(b, s)
		})
		cpu, wall = cpu+c, wall+w
	}
	b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "cpu-%")
	b.ReportMetric(wall.Seconds()/float64(b.N), "stream-s")
}

// reportMedian reports the median of times in milliseconds, and the
// fastest and slowest: a person's waits are noisy on a shared machine, and
// one slow run would move a mean.
func reportMedian(b *testing.B, times []time.Duration, unit string) {
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(times[len(times)/2]), unit)
	b.ReportMetric(ms(times[0]), "min-"+unit)
	b.ReportMetric(ms(times[len(times)-1]), "max-"+unit)
}

// measureCPU times act, with the benchmark's timer running, and returns
// the program's CPU time and the wall time it took; then it ends the
// program, the timer stopped.
func measureCPU(b *testing.B, s *tmuxSession, act func()) (cpu, wall time.Duration) {
	pid := s.pid()
	b.StartTimer()
	before, start := cpuTime(b, pid), time.Now()
	act()
	cpu, wall = cpuTime(b, pid)-before, time.Since(start)
	b.StopTimer()
	s.stop()
	b.StartTimer()
	return cpu, wall
}

// waitForChips waits until the reply has ended: its suggestions replace
// the starter ones and the screen stops changing.
func waitForChips(b *testing.B, s *tmuxSession) {
	b.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	last, same := "", 0
	for time.Now().Before(deadline) {
		scr := s.screen()
		if !strings.Contains(scr, "Show me your best sellers") && strings.Contains(scr, "\n") && scr == last {
			if same++; same >= 10 {
				return
			}
		} else {
			same = 0
		}
		last = scr
		time.Sleep(20 * time.Millisecond)
	}
	b.Fatalf("the reply never ended:\n%s", s.screen())
}

// BenchmarkProcessIdle is the program's CPU over 20 s (the kernel counts
// it in 10 ms ticks) with the 10,000-message transcript open and nothing
// moving.
func BenchmarkProcessIdle(b *testing.B) {
	bin := processBinary(b)
	ps := newProcessServer(b, 10000)
	want := ps.lastMessage(b, ps.long.ID)
	var cpu, wall time.Duration
	var wakes int64
	for b.Loop() {
		b.StopTimer()
		s := ps.start(b, bin, b.TempDir())
		s.pollFor("the task list", "page 1 of", "Stress test")
		s.keys("Enter")
		s.pollFor("the last message", want...)
		time.Sleep(3 * time.Second) // decoded, cached, indexed
		pid := s.pid()
		c, w := measureCPU(b, s, func() {
			before := contextSwitches(b, pid)
			time.Sleep(20 * time.Second)
			wakes += contextSwitches(b, pid) - before
		})
		cpu, wall = cpu+c, wall+w
	}
	b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "cpu-%")
	b.ReportMetric(float64(wakes)/wall.Seconds(), "switches/s")
}

// contextSwitches is how many times the threads of a process have been
// switched out so far: each wake-up of an idle program costs one or more.
func contextSwitches(b *testing.B, pid int) int64 {
	b.Helper()
	files, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", pid))
	var n int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue // the thread has ended
		}
		for line := range strings.Lines(string(raw)) {
			if name, v, ok := strings.Cut(line, ":"); ok && strings.HasSuffix(name, "ctxt_switches") {
				c, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				n += c
			}
		}
	}
	return n
}
