package transcript

import (
	"testing"
	"time"
	"unicode"

	"aui-tui/internal/textsafe"
	"aui-tui/theme"
)

// Benchmarks at 120x40 with the dark theme. Budgets: open 10k ≤ 50 ms and
// within 2x of open 10; one scroll step ≤ 2 ms; a resize ≤ 30 ms; streaming
// ≤ 15% of one core while the reply streams.

const benchW, benchH = 120, 40

func benchModel(b *testing.B, r *Renderer, es []Entry) Model {
	b.Helper()
	m := New(theme.New(true, false), r, DefaultKeyMap())
	m.SetClock(time.UTC, testNow)
	m.SetSize(benchW, benchH)
	m.SetEntries(es)
	m.Focus()
	return m
}

func benchOpen(b *testing.B, n int) {
	es := genEntries(n, testStart)
	st := theme.New(true, false)
	r := NewRenderer()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := New(st, r, DefaultKeyMap())
		m.SetClock(time.UTC, testNow)
		m.SetSize(benchW, benchH)
		m.SetEntries(es)
		if m.View() == "" {
			b.Fatal("empty view")
		}
	}
}

// BenchmarkOpen10k opens a 10,000-message transcript: SetEntries and the
// first View.
func BenchmarkOpen10k(b *testing.B) { benchOpen(b, 10000) }

// BenchmarkOpen10 opens a 10-message transcript, the reference for Open10k.
func BenchmarkOpen10(b *testing.B) { benchOpen(b, 10) }

// benchScroll scrolls a 10k transcript from the bottom upwards with key,
// one Update and View per op; entries render as they come into view, so
// the figure includes the first render of every entry passed.
func benchScroll(b *testing.B, key string) {
	m := benchModel(b, NewRenderer(), genEntries(10000, testStart))
	up, down := keyMsg(key), keyMsg("G")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, _ = m.Update(up)
		if m.top == (anchor{}) {
			m, _ = m.Update(down)
		}
		_ = m.View()
	}
}

// BenchmarkScrollLine is one line up per op.
func BenchmarkScrollLine(b *testing.B) { benchScroll(b, "k") }

// BenchmarkScrollPage is one page up per op.
func BenchmarkScrollPage(b *testing.B) { benchScroll(b, "pgup") }

// BenchmarkResize resizes 120x40 → 100x30 → 120x40 per op, with a View
// after each resize, in the middle of a 10k transcript.
func BenchmarkResize(b *testing.B) {
	m := benchModel(b, NewRenderer(), genEntries(10000, testStart))
	for i := 0; i < 50; i++ {
		m, _ = m.Update(keyMsg("pgup"))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.SetSize(100, 30)
		_ = m.View()
		m.SetSize(benchW, benchH)
		_ = m.View()
	}
}

// streamBatches cuts text into cumulative prefixes growing by 6 or 7 words,
// as a reply arriving at a reading pace is batched every 30 ms.
func streamBatches(text string) []string {
	var ends []int
	in := false
	for i, r := range text {
		sp := unicode.IsSpace(r)
		if in && sp {
			ends = append(ends, i)
		}
		in = !sp
	}
	if in {
		ends = append(ends, len(text))
	}
	var out []string
	for k, size := 0, 6; k < len(ends); k += size {
		end := ends[min(k+size, len(ends))-1]
		out = append(out, text[:end])
		size = 13 - size // alternate 6 and 7
	}
	return out
}

// BenchmarkStream2000Words streams a 2,000-word markdown reply as
// cumulative text in batches of 6–7 words (one SetStreamText and View per
// ~30 ms batch), then the final message. It reports the CPU time per
// second of streaming and as a share of one core.
func BenchmarkStream2000Words(b *testing.B) {
	reply := textsafe.Text(genLongReply(2000))
	batches := streamBatches(reply)
	streamed := time.Duration(len(batches)) * 30 * time.Millisecond
	r := NewRenderer()
	es := genEntries(10, testStart)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		m := benchModel(b, r, es)
		b.StartTimer()
		for _, t := range batches {
			m.SetStreamText("stream", t)
			_ = m.View()
		}
		m.ReplaceKey("stream", agentEntry("final", reply, testStart))
		_ = m.View()
	}
	perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(perOp/streamed.Seconds(), "ns/streamed-s")
	b.ReportMetric(100*perOp/float64(streamed.Nanoseconds()), "cpu%")
	b.ReportMetric(float64(len(batches)), "batches")
}

// BenchmarkNaiveRenderAll10k renders every message of a 10k transcript with
// glamour (one reused renderer, no fast path for plain prose): the cost
// virtualisation avoids.
func BenchmarkNaiveRenderAll10k(b *testing.B) {
	es := genEntries(10000, testStart)
	st := theme.New(true, false)
	r := NewRenderer()
	b.ResetTimer()
	for b.Loop() {
		for _, e := range es {
			r.glamourPart(st, benchW-gutterWidth, textsafe.Text(e.Msg.Text))
		}
	}
}
