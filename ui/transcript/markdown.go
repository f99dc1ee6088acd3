package transcript

import (
	"strings"
	"sync"

	"aui-tui/internal/cells"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// poolMax bounds the renderers kept: a resize by dragging passes through
// many widths, and only the last few are worth keeping.
const poolMax = 8

// Renderer renders markdown with glamour, keeping one TermRenderer per
// (theme name, width) and reusing it: building one per message is the
// classic slow path. Renders are serialised because a TermRenderer is not
// safe for concurrent use; share one Renderer across the program.
type Renderer struct {
	mu   sync.Mutex
	pool map[poolKey]*pooled
	tick uint64
	// cards holds each theme's card styles and frames (see cardpaint.go).
	cards map[*theme.Styles]*cardPaint

	// renders counts markdown renders, by glamour or by the plain fast
	// path; tests use it to prove caches hit.
	renders int
}

type poolKey struct {
	theme string
	width int
}

type pooled struct {
	tr   *glamour.TermRenderer
	used uint64
	// plain is how this renderer writes plain prose, found on first use
	// (plainChecked); plainOK is false where the fast path must not be
	// used.
	plain                 plainStyle
	plainChecked, plainOK bool
}

// NewRenderer makes an empty renderer pool.
func NewRenderer() *Renderer {
	return &Renderer{pool: map[poolKey]*pooled{}}
}

// markdown renders src (already sanitised) at width cells and returns the
// lines, trimmed of glamour's padding, and their widths. It never fails: if
// glamour cannot render, the text is wrapped plainly. What glamour would
// take too long over is shown as plain text with a note (see
// boundMarkdown), so no message holds the program up.
func (r *Renderer) markdown(st *theme.Styles, width int, src string) ([]string, []int) {
	width = max(width, 1)
	parts := boundMarkdown(src)
	if len(parts) == 1 && !parts[0].plain {
		return r.markdownPart(st, width, src)
	}
	var lines []string
	var widths []int
	for _, p := range parts {
		var ls []string
		var ws []int
		if p.plain {
			ls, ws = splitRendered(cells.Wrap(p.text, width), width)
			if p.note != "" {
				note := ansi.Truncate(p.note, width, "…")
				ls, ws = append(ls, st.Chat.Notice.Render(note)), append(ws, ansi.StringWidth(note))
			}
		} else {
			ls, ws = r.markdownPart(st, width, p.text)
		}
		lines, widths = appendBlock(lines, widths, ls, ws)
	}
	return lines, widths
}

// markdownPart renders src with glamour, or as glamour would when it is
// plain prose (see plain.go), falling back to wrapped text.
func (r *Renderer) markdownPart(st *theme.Styles, width int, src string) ([]string, []int) {
	if ls, ws, ok := r.plainPart(st, width, src); ok {
		return ls, ws
	}
	if ls, ws, ok := r.mixedPart(st, width, src); ok {
		return ls, ws
	}
	return r.glamourPart(st, width, src)
}

// glamourPart renders src with glamour, falling back to wrapped text.
func (r *Renderer) glamourPart(st *theme.Styles, width int, src string) ([]string, []int) {
	protected, swapped := protectTokens(src)
	r.mu.Lock()
	r.renders++
	out, ok := r.render(st, width, plainFences(protected))
	r.mu.Unlock()
	if !ok {
		out = cells.Wrap(src, width)
	} else if swapped {
		out = restoreTokens(out)
	}
	return splitRendered(out, width)
}

func (r *Renderer) render(st *theme.Styles, width int, src string) (out string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	tr := r.get(st, width)
	if tr == nil {
		return "", false
	}
	s, err := tr.Render(src)
	if err != nil {
		return "", false
	}
	// Keep colours only: glamour wraps links in OSC 8 hyperlinks whose
	// target could differ from what the reader sees.
	return textsafe.StyledOnly(s), true
}

func (r *Renderer) get(st *theme.Styles, width int) *glamour.TermRenderer {
	if p := r.getPooled(st, width); p != nil {
		return p.tr
	}
	return nil
}

func (r *Renderer) getPooled(st *theme.Styles, width int) *pooled {
	r.tick++
	k := poolKey{st.Name, width}
	if p, ok := r.pool[k]; ok {
		p.used = r.tick
		return p
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(st.Markdown), glamour.WithWordWrap(width))
	if err != nil {
		return nil
	}
	if len(r.pool) >= poolMax {
		var oldest poolKey
		first := true
		for pk, p := range r.pool {
			if first || p.used < r.pool[oldest].used {
				oldest, first = pk, false
			}
		}
		delete(r.pool, oldest)
	}
	p := &pooled{tr: tr, used: r.tick}
	r.pool[k] = p
	return p
}

// splitRendered splits rendered text into lines, trims trailing padding,
// drops blank lines at both ends and truncates anything wider than width
// (long code lines, URLs).
func splitRendered(s string, width int) ([]string, []int) {
	lines, widths, _ := splitCut(s, width)
	return lines, widths
}

// splitCut is splitRendered, also saying whether a line was cut.
func splitCut(s string, width int) (lines []string, widths []int, cut bool) {
	raw := strings.Split(s, "\n")
	lines = make([]string, 0, len(raw))
	widths = make([]int, 0, len(raw))
	for _, l := range raw {
		l = trimRight(l)
		w := ansi.StringWidth(l)
		if w > width {
			cut = true
			l = ansi.Truncate(l, width, "…")
			w = ansi.StringWidth(l)
		}
		lines = append(lines, l)
		widths = append(widths, w)
	}
	start, end := 0, len(lines)
	for start < end && widths[start] == 0 {
		start++
	}
	for end > start && widths[end-1] == 0 {
		end--
	}
	lines, widths = lines[start:end], widths[start:end]
	for i := range lines {
		if widths[i] == 0 {
			lines[i] = ""
		}
	}
	return lines, widths, cut
}

// trimRight drops trailing spaces and the styling around them (glamour pads
// every line to the wrap width, one styled space at a time), closing any
// style still open.
func trimRight(l string) string {
	end, styled := 0, false
	for i := 0; i < len(l); {
		c := l[i]
		if c == 0x1b {
			n := escLen(l[i:])
			styled = true
			i += n
			continue
		}
		if c != ' ' {
			end = i + 1
		}
		i++
	}
	if end == len(l) {
		return l
	}
	// end is just past the last byte of the last visible character (the
	// bytes of a multi-byte rune are never ' ' or ESC).
	out := l[:end]
	if styled && strings.IndexByte(out, 0x1b) >= 0 {
		out += "\x1b[m"
	}
	return out
}

// escLen is the length of the CSI sequence at the start of s (the only kind
// left after textsafe.StyledOnly), or 1 for a lone ESC.
func escLen(s string) int {
	if len(s) < 2 || s[1] != '[' {
		return 1
	}
	for j := 2; j < len(s); j++ {
		if s[j] >= 0x40 && s[j] <= 0x7e {
			return j + 1
		}
	}
	return len(s)
}
