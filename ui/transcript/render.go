package transcript

import (
	"runtime"
	"strings"
	"sync"
	"time"

	"aui-tui/internal/cells"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
)

// Glyphs of the transcript.
const (
	typingGlyph = "▍"
	userBar     = "│"
	failedGlyph = "✗"
)

// renderCtx is what an entry's body render depends on.
type renderCtx struct {
	st    *theme.Styles
	r     *Renderer
	width int // content width in cells, gutter excluded
	loc   *time.Location
	now   time.Time
	// tables keeps the entry's table layouts (nil: lay out afresh).
	tables *tableMemo
	// retry names the key that sends a failed message again ("" outside
	// the program: no hint).
	retry string
	// spacing is how many extra blank lines follow each message.
	spacing int
	// memo remembers renders by source across entries (nil: none).
	memo *renderMemo
}

// lineBuf collects rendered lines with their widths in cells.
type lineBuf struct {
	lines  []string
	widths []int
}

func (b *lineBuf) add(l string) {
	b.lines = append(b.lines, l)
	b.widths = append(b.widths, ansi.StringWidth(l))
}

func (b *lineBuf) addAll(ls []string, ws []int) {
	b.lines = append(b.lines, ls...)
	b.widths = append(b.widths, ws...)
}

// renderBody renders one entry: header, text, cards, status and the blank
// separator line. This is the only place glamour runs for settled entries.
func renderBody(it *item, c renderCtx) ([]string, []int) {
	e := it.e
	c.tables = it.need().tables.forWidth(c.width)
	var b lineBuf
	b.add(ansi.Truncate(header(e, c), c.width, "…"))
	// Cells before wrapping, so the wrap counts the cells terminals draw.
	text := textsafe.Cells(textsafe.Text(e.Msg.Text))
	switch {
	case e.fromUser():
		userText(&b, text, c)
	case e.Status == StatusStreaming:
		if it.need().stream == nil {
			it.stream = &stream{}
		}
		ls, ws := it.stream.render(text, c)
		b.addAll(ls, ws)
		typing(&b, c)
	case strings.TrimSpace(text) != "":
		b.addAll(c.memo.renderMarkdown(c, text))
	}
	if prods, vars := e.Msg.Products(); len(prods) > 0 || len(vars) > 0 {
		b.addAll(c.memo.renderCards(prods, vars, c))
	}
	statusLines(&b, e, c)
	for range c.spacing {
		b.add("")
	}
	b.add("")
	// The rest (card values, names) is made terminal-proof line by line.
	for i, l := range b.lines {
		if cl := textsafe.Cells(l); cl != l {
			b.lines[i], b.widths[i] = ansi.Truncate(cl, c.width, "…"), min(ansi.StringWidth(cl), c.width)
		}
	}
	return b.lines, b.widths
}

// header is "agent · 14:03" or "you · 14:03" in the sender's colours.
func header(e Entry, c renderCtx) string {
	label, style := "agent", c.st.Chat.AgentLabel
	switch {
	case e.fromUser():
		label, style = "you", c.st.Chat.UserLabel
	case e.Welcome:
		label = "welcome"
	}
	h := style.Render(label)
	if t := formatTime(e.Msg.CreatedAt.Time, c.loc, c.now); t != "" {
		h += c.st.Chat.Time.Render(" · " + t)
	}
	return h
}

// formatTime shows the time of day for today's messages and adds the date
// for older ones.
func formatTime(t time.Time, loc *time.Location, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	lt, ln := t.In(loc), now.In(loc)
	switch {
	case lt.Year() == ln.Year() && lt.YearDay() == ln.YearDay():
		return lt.Format("15:04")
	case lt.Year() == ln.Year():
		return lt.Format("Jan 2 15:04")
	default:
		return lt.Format("2006-01-02 15:04")
	}
}

// userText renders the user's words as typed (no markdown), wrapped, behind
// a bar in the user's colour so user and agent turns differ at a glance.
func userText(b *lineBuf, text string, c renderCtx) {
	text = strings.TrimRight(text, "\n ")
	if text == "" {
		return
	}
	bar, inner := c.st.Chat.UserLabel.Render(userBar)+" ", c.width-2
	if inner < 1 {
		bar, inner = "", c.width
	}
	for _, l := range cells.WrapLines(text, inner) {
		l = strings.TrimRight(l, " ")
		if l == "" {
			b.add(bar)
			continue
		}
		b.add(bar + c.st.Chat.UserBody.Render(l))
	}
}

// typing puts the typing indicator after the streamed text.
func typing(b *lineBuf, c renderCtx) {
	g := c.st.Spinner.Render(typingGlyph)
	n := len(b.lines)
	if n > 1 && b.widths[n-1] > 0 && b.widths[n-1]+2 <= c.width {
		b.lines[n-1] += " " + g
		b.widths[n-1] += 2
		return
	}
	b.add(g)
}

// statusLines says "sending…" under a pending entry and why a failed one
// failed, with the retry key.
func statusLines(b *lineBuf, e Entry, c renderCtx) {
	switch e.Status {
	case StatusPending:
		b.add(ansi.Truncate(c.st.Chat.Pending.Render("sending…"), c.width, "…"))
	case StatusQueued:
		b.add(ansi.Truncate(c.st.Chat.Pending.Render("queued · sent when the reply ends"), c.width, "…"))
	case StatusFailed:
		reason := textsafe.Line(e.Err)
		if reason == "" {
			reason = "not sent"
		}
		msg := failedGlyph + " " + reason
		switch {
		case e.Refused:
			msg += " · edit it and send again"
		case c.retry != "":
			msg += " · " + c.retry + " to retry"
		}
		for _, l := range cells.WrapLines(msg, c.width) {
			b.add(c.st.Chat.Failed.Render(strings.TrimRight(l, " ")))
		}
	case StatusInterrupted:
		for _, l := range cells.WrapLines(textsafe.Line(e.Err), c.width) {
			b.add(c.st.Chat.Pending.Render(strings.TrimRight(l, " ")))
		}
	}
}

// RenderAll renders a whole transcript at width, with the same item
// renderer the pane uses (no focus, no find, no virtualisation), for
// printing outside the TUI. Times are shown in the local zone. Entries are
// rendered on every processor, in runs of consecutive entries, each run
// with its own Renderer (r serves the first): a glamour renderer is not
// safe for concurrent use.
func RenderAll(es []Entry, st *theme.Styles, r *Renderer, width int) string {
	return renderAll(es, st, r, width, time.Now(), true)
}

// renderAll is RenderAll at the time now, with or without each worker
// remembering renders by source (tests compare the two).
func renderAll(es []Entry, st *theme.Styles, r *Renderer, width int, now time.Time, memo bool) string {
	if r == nil {
		r = NewRenderer()
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(es)/renderAllMinRun))
	parts := make([]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		from, to := w*len(es)/workers, (w+1)*len(es)/workers
		wr := r
		if w > 0 {
			wr = NewRenderer()
		}
		wg.Go(func() {
			c := renderCtx{st: st, r: wr, width: max(width, 1), loc: time.Local, now: now}
			if memo {
				c.memo = newRenderMemo()
			}
			var sb strings.Builder
			for i := from; i < to; i++ {
				lines, _ := renderBody(newItem(es[i]), c)
				if i == len(es)-1 && len(lines) > 0 && lines[len(lines)-1] == "" {
					lines = lines[:len(lines)-1]
				}
				for _, l := range lines {
					sb.WriteString(l)
					sb.WriteByte('\n')
				}
			}
			parts[w] = sb.String()
		})
	}
	wg.Wait()
	return strings.Join(parts, "")
}

// renderAllMinRun is the fewest entries worth a processor of their own.
const renderAllMinRun = 64
