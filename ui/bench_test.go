package ui

// Component benchmarks: the root model's Update and View called directly,
// without Bubble Tea's renderer, timers or the network. What a person
// waits for is measured in program_bench_test.go.

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/api/demo"
)

// benchModel is the whole program at 120x40, dark, with one task listed
// and opened, its transcript in flight.
func benchModel(b *testing.B, n int) (Model, transcriptLoadedMsg) {
	b.Helper()
	h := newHarness(&testing.T{}, 1)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	id := h.b.tasks[0].ID
	h.holdLoads = true
	h.key("enter")
	msg := h.held[0].(transcriptLoadedMsg)
	msg.msgs = demo.GenerateTranscript(id, "u1", n, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	return h.m, msg
}

// BenchmarkOpenTranscript measures a transcript's arrival to the View of
// the whole screen (the data is already decoded: that happens off the
// Update loop; drawing to the terminal is left out).
func BenchmarkOpenTranscript(b *testing.B) {
	for _, n := range []int{10, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m, msg := benchModel(b, n)
			// Loads alternate between two transcripts that differ in their
			// last message: the chat keeps what a load brought, and a load
			// with nothing new would keep the reader's place instead.
			other := msg
			other.msgs = append([]api.Message{}, msg.msgs...)
			other.msgs[len(other.msgs)-1].ID += "-other"
			loads := []transcriptLoadedMsg{msg, other}
			i := 0
			b.ResetTimer()
			for b.Loop() {
				next, _ := m.Update(loads[i%2])
				_ = next.(Model).View()
				i++
			}
		})
	}
}

// BenchmarkScrollOpenTranscript is one line and one page of scrolling in
// an open 10,000-message transcript, Update and View together. "cold"
// pages reach text never rendered before; "warm" pages come after the idle
// prewarm the program runs once scrolling pauses (done outside the timer).
func BenchmarkScrollOpenTranscript(b *testing.B) {
	m, msg := benchModel(b, 10000)
	next, _ := m.Update(msg)
	next, _ = next.Update(keyMsg("esc")) // the composer leaves focus to the conversation
	m = next.(Model)
	cases := []struct {
		name string
		key  tea.KeyPressMsg
		warm bool
	}{
		{"line", keyMsg("k"), false},
		{"page-cold", tea.KeyPressMsg{Code: tea.KeyPgUp}, false},
		{"page-warm", tea.KeyPressMsg{Code: tea.KeyPgUp}, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if c.warm {
					b.StopTimer()
					m.chat.current().Prewarm()
					b.StartTimer()
				}
				next, _ := m.Update(c.key)
				m = next.(Model)
				_ = m.View()
			}
		})
	}
}

// BenchmarkResizeOpenTranscript is a resize of the whole screen with a
// 10,000-message transcript open: 120x40 to 100x30 and back, each with its
// frame.
func BenchmarkResizeOpenTranscript(b *testing.B) {
	m, msg := benchModel(b, 10000)
	next, _ := m.Update(msg)
	m = next.(Model)
	sizes := []tea.WindowSizeMsg{{Width: 100, Height: 30}, {Width: 120, Height: 40}}
	i := 0
	for b.Loop() {
		next, _ := m.Update(sizes[i%2])
		m = next.(Model)
		_ = m.View()
		i++
	}
}

var wordRE = regexp.MustCompile(`\s*\S+`)

// BenchmarkStreamReply streams a 2,000-word reply into an open task the
// way the session delivers it at 200 words per second: one TextUpdate per
// word (each followed by a frame, as Bubble Tea draws after every
// message), a flush every 30 ms (about 6.7 words), then the final message.
// streamed-s/op is the streaming time the work stands for; cpu-% is the
// share of it the program spends.
func BenchmarkStreamReply(b *testing.B) {
	const words, wordsPerSecond = 2000, 200
	m, msg := benchModel(b, 10)
	next, _ := m.Update(msg)
	m = next.(Model)
	id := m.chat.OpenID()
	reply := demo.GenerateTranscript(id, "u1", 2, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))[1]
	// Words with the whitespace before them, as the demo streams them, so
	// the reply keeps its paragraphs, lists and tables.
	var text []string
	for len(text) < words {
		text = append(text, wordRE.FindAllString(reply.Text+"\n\n", -1)...)
	}
	text = text[:words]
	perFlush := float64(wordsPerSecond) * StreamPace.Seconds()
	step := func(msg tea.Msg) {
		next, _ := m.Update(msg)
		m = next.(Model)
		_ = m.View()
	}
	var elapsed time.Duration
	for b.Loop() {
		start := time.Now()
		m.send("bench", false)
		var sb strings.Builder
		flushed := 0.0
		for i, w := range text {
			sb.WriteString(w)
			step(SessionEvent{api.TextUpdate{TaskID: id, Text: sb.String()}})
			if float64(i+1)-flushed >= perFlush {
				flushed = float64(i + 1)
				step(streamFlushMsg{})
			}
		}
		final := reply
		final.ID, final.Text = fmt.Sprint("final-", b.N), sb.String()
		step(SessionEvent{api.FinalMessage{TaskID: id, Message: final}})
		elapsed += time.Since(start)
	}
	streamed := float64(words) / wordsPerSecond
	b.ReportMetric(streamed, "streamed-s/op")
	b.ReportMetric(100*elapsed.Seconds()/float64(b.N)/streamed, "cpu-%")
}
