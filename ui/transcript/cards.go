package transcript

import (
	"slices"
	"strings"
	"unicode/utf8"

	"aui-tui/api"
	"aui-tui/internal/cells"
	"aui-tui/internal/textsafe"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Card geometry: boxes between cardMin and cardMax cells wide, laid out side
// by side with cardGap between them; border and padding take cardChrome.
const (
	cardMin    = 28
	cardMax    = 44
	cardGap    = 1
	cardChrome = 4
	badge      = "★ recommended"
	// cardValueLines is how many lines one parameter value may take.
	cardValueLines = 2
)

// cardLayout says how many cards of n fit on a row of cw cells, and how wide
// each is. A pane narrower than one card gets one card per row, as wide as
// the pane.
func cardLayout(cw, n int) (perRow, width int) {
	if cw < cardMin || n <= 1 {
		return 1, min(max(cw, 1), cardMax)
	}
	perRow = min((cw+cardGap)/(cardMin+cardGap), n)
	width = min((cw-cardGap*(perRow-1))/perRow, cardMax)
	return perRow, width
}

// renderCards draws product cards in rows that wrap to the content width,
// and gives the width of each line. Each row is followed by the variants
// of its products, named by their product; variants whose product is not
// among the cards come last.
func renderCards(prods, vars []api.Card, c renderCtx) (lines []string, widths []int) {
	var out []string
	var outW []int
	variants := func(vs []api.Card, product string) {
		ls, ws := variantLines(vs, product, c)
		out, outW = append(out, ls...), append(outW, ws...)
	}
	paint := c.cardPaint()
	perRow, width := cardLayout(c.width, len(prods))
	// A long name may widen its card into room the row leaves over, so it
	// is not cut next to empty columns; the rest keeps the card's width.
	room := max(width, (c.width-cardGap*(perRow-1))/perRow)
	byProduct, rest := groupVariants(prods, vars)
	for start := 0; start < len(prods); start += perRow {
		row := prods[start:min(start+perRow, len(prods))]
		contents := make([][]string, len(row))
		widths := make([][]int, len(row))
		tallest := 0
		// Shrink the row's cards to their widest line, so short cards do
		// not carry empty room.
		natural := 0
		for i, p := range row {
			contents[i], widths[i] = cardLines(p, width-cardChrome, room-cardChrome, c, paint)
			tallest = max(tallest, len(contents[i]))
			for _, w := range widths[i] {
				natural = max(natural, w)
			}
		}
		boxW := min(room, max(cardMin, natural+cardChrome))
		for i := range row {
			for len(contents[i]) < tallest {
				contents[i] = append(contents[i], "")
				widths[i] = append(widths[i], 0)
			}
		}
		ls, ws := cardRow(row, contents, widths, tallest, boxW, c, paint)
		out, outW = append(out, ls...), append(outW, ws...)
		for i := range row {
			if vs := byProduct[start+i]; len(vs) > 0 {
				variants(vs, cardName(row[i]))
			}
		}
	}
	variants(rest, commonProduct(rest))
	return out, outW
}

// cardRow draws a row of cards of boxW cells side by side, each with its
// lines (all tallest of them), cut to the content width, and gives their
// widths. It writes the frames directly where they are known to be
// lipgloss's, and has lipgloss draw and join the boxes otherwise.
func cardRow(row []api.Card, contents [][]string, widths [][]int, tallest, boxW int, c renderCtx, paint *cardPaint) ([]string, []int) {
	frames := make([]cardFrame, len(row))
	fast := true
	for i, p := range row {
		frames[i] = c.frame(paint, p.IsRecommended, boxW)
		fast = fast && frames[i].ok && slices.Max(append([]int{0}, widths[i]...)) <= frames[i].inner
	}
	var lines []string
	if fast {
		lines = make([]string, 0, tallest+2)
		var sb strings.Builder
		for k := range tallest + 2 {
			sb.Reset()
			for i, f := range frames {
				if i > 0 {
					sb.WriteString(strings.Repeat(" ", cardGap))
				}
				switch k {
				case 0:
					sb.WriteString(f.top)
				case tallest + 1:
					sb.WriteString(f.bottom)
				default:
					sb.WriteString(f.line(contents[i][k-1], widths[i][k-1]))
				}
			}
			lines = append(lines, sb.String())
		}
		if rowW := len(row)*boxW + cardGap*(len(row)-1); rowW <= c.width {
			ws := make([]int, len(lines))
			for i := range ws {
				ws[i] = rowW
			}
			return lines, ws
		}
	} else {
		boxes := make([]string, 0, 2*len(row))
		for i, p := range row {
			box := c.st.Card.Box
			if p.IsRecommended {
				box = c.st.Card.Recommended
			}
			if i > 0 {
				boxes = append(boxes, strings.Repeat(" ", cardGap))
			}
			boxes = append(boxes, box.Width(boxW).Render(strings.Join(contents[i], "\n")))
		}
		lines = strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, boxes...), "\n")
	}
	ws := make([]int, len(lines))
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, c.width, "")
		ws[i] = ansi.StringWidth(lines[i])
	}
	return lines, ws
}

// cardName is the name a card shows.
func cardName(p api.Card) string {
	if name := textsafe.Line(p.Name); name != "" {
		return name
	}
	return "Product"
}

// groupVariants finds the product of each variant: the card whose name
// begins the variant's name ("Nordvik BM25X — Black" is a variant of
// "Nordvik BM25X"), the longest such name when several do. The API does
// not link them otherwise, so a variant with no such card is in rest.
func groupVariants(prods, vars []api.Card) (byProduct map[int][]api.Card, rest []api.Card) {
	byProduct = map[int][]api.Card{}
	for _, v := range vars {
		vn := textsafe.Line(v.Name)
		best, bestLen := -1, 0
		for i, p := range prods {
			pn := textsafe.Line(p.Name)
			if pn == "" || len(pn) <= bestLen || !strings.HasPrefix(vn, pn) {
				continue
			}
			if tail := vn[len(pn):]; tail == "" || strings.ContainsRune(" —–-,(/", []rune(tail)[0]) {
				best, bestLen = i, len(pn)
			}
		}
		if best < 0 {
			rest = append(rest, v)
			continue
		}
		byProduct[best] = append(byProduct[best], v)
	}
	return byProduct, rest
}

// commonProduct is the product variants with no card belong to, when
// their names all start with it before a " — ": "" otherwise.
func commonProduct(vars []api.Card) string {
	base := ""
	for i, v := range vars {
		b, _, ok := strings.Cut(textsafe.Line(v.Name), " — ")
		if !ok || (i > 0 && b != base) {
			return ""
		}
		base = b
	}
	return base
}

// cardLines is the inside of one card: name, badge, aligned parameter rows
// (empty values skipped, long ones cut with …), then its variants, with
// the width of each line. The name may take up to titleW cells, the rest
// inner.
func cardLines(p api.Card, inner, titleW int, c renderCtx, paint *cardPaint) ([]string, []int) {
	inner = max(inner, 1)
	name := cardName(p)
	title := ansi.Truncate(name, max(inner, titleW), "…")
	lines := []string{paint.title.render(title)}
	widths := []int{ansi.StringWidth(title)}
	if p.IsRecommended {
		b := ansi.Truncate(badge, inner, "…")
		lines, widths = append(lines, paint.badge.render(b)), append(widths, ansi.StringWidth(b))
	}
	type row struct {
		k, v string
		kw   int
	}
	rows := make([]row, 0, len(p.Parameters))
	keyW := 0
	for _, prm := range p.Parameters {
		v := textsafe.Line(prm.Value.String())
		k := textsafe.Line(prm.Title)
		if v == "" || strings.EqualFold(k, "Product name") && v == name {
			continue
		}
		kw := ansi.StringWidth(k)
		rows = append(rows, row{k, v, kw})
		keyW = max(keyW, kw)
	}
	// Variants of the cards shape (sub_entities) are rows like the
	// parameters: "Finish  Black Stainless, Stainless Steel".
	for _, se := range p.SubEntities {
		labels := se.Labels()
		for i := range labels {
			labels[i] = textsafe.Line(labels[i])
		}
		if len(labels) == 0 {
			continue
		}
		k := textsafe.Line(se.Name)
		if k == "" {
			k = "Variants"
		}
		kw := ansi.StringWidth(k)
		rows = append(rows, row{k, strings.Join(labels, ", "), kw})
		keyW = max(keyW, kw)
	}
	keyW = min(keyW, max(inner/2-1, 1))
	for _, r := range rows {
		k := r.k
		if r.kw > keyW {
			k = ansi.Truncate(k, keyW, "…")
			r.kw = ansi.StringWidth(k)
		}
		k += strings.Repeat(" ", max(keyW-r.kw, 0))
		valW := inner - keyW - 2
		if valW < 1 {
			v := ansi.Truncate(r.v, inner, "…")
			lines, widths = append(lines, paint.value.render(v)), append(widths, ansi.StringWidth(v))
			continue
		}
		if u, ok := linkURL(r.v); ok {
			// One line, clickable where the terminal supports it; enter
			// shows it whole and o opens it.
			label := linkLabel(u, valW)
			lines = append(lines, paint.key.render(k)+"  "+hyperlink(u, c.st.Card.Value.Underline(true).Render(label)))
			widths = append(widths, keyW+2+ansi.StringWidth(label))
			continue
		}
		// A long value (features) gets a second line rather than being cut
		// at once.
		wrapped := cells.Wrap(r.v, valW)
		if !strings.Contains(r.v, " ") {
			wrapped = ansi.Hardwrap(r.v, valW, false) // a link: keep as much as fits
		}
		vl := strings.Split(wrapped, "\n")
		if len(vl) > cardValueLines {
			vl = vl[:cardValueLines]
			vl[cardValueLines-1] = ansi.Truncate(vl[cardValueLines-1]+"…", valW, "…")
		}
		pad := strings.Repeat(" ", keyW+2)
		for i, v := range vl {
			lead := pad
			if i == 0 {
				lead = paint.key.render(k) + "  "
			}
			v = strings.TrimLeft(v, " ")
			l := lead + paint.value.render(v)
			lines = append(lines, l)
			widths = append(widths, joinedWidth(l, keyW+2, v))
		}
	}
	return lines, widths
}

// joinedWidth is the width of line, which ends with text after before
// cells: the sum of the two, unless text begins with a character that
// could join what comes before it (a combining mark), when line is
// measured whole.
func joinedWidth(line string, before int, text string) int {
	if text != "" && text[0] >= utf8.RuneSelf {
		return ansi.StringWidth(line)
	}
	return before + ansi.StringWidth(text)
}

// variantLines lists the variants after a label naming their product
// ("Variants of Nordvik BM25X:", or "Variants:" when it is not known),
// wrapping only between variants so no variant is split across lines, and
// gives the width of each line. A label too long to share a line with a
// variant stands on its own.
func variantLines(vars []api.Card, product string, c renderCtx) ([]string, []int) {
	items := variantItems(vars)
	if len(items) == 0 {
		return nil, nil
	}
	const sep = " │ "
	width := max(c.width, 1)
	label := "Variants:"
	if product != "" {
		label = "Variants of " + product + ":"
	}
	paint := c.cardPaint()
	sepW := ansi.StringWidth(sep)
	var out []string
	var outW []int
	// A line's width is the sum of its parts' unless a part begins with
	// a character that may join what is before it: then it is measured.
	measure := false
	push := func(line string, w int) {
		if measure {
			w = ansi.StringWidth(line)
		}
		out, outW, measure = append(out, line), append(outW, w), false
	}
	indent := strings.Repeat(" ", min(len("Variants: "), max(0, width-8)))
	label = ansi.Truncate(label, width, "…")
	line, lineW := paint.key.render(label)+" ", ansi.StringWidth(label)+1
	if lineW+ansi.StringWidth(items[0]) > width && lineW > len("Variants: ") {
		push(strings.TrimRight(line, " "), lineW-1)
		line, lineW = indent, len(indent)
	}
	fresh := true
	for _, it := range items {
		w := ansi.StringWidth(it)
		if !fresh && lineW+sepW+w > width {
			push(line, lineW)
			line, lineW, fresh = indent, len(indent), true
		}
		if !fresh {
			line += paint.key.render(sep)
			lineW += sepW
		}
		it = ansi.Truncate(it, max(1, width-lineW), "…")
		line += paint.variant.render(it)
		lineW += ansi.StringWidth(it)
		measure = measure || it != "" && it[0] >= utf8.RuneSelf
		fresh = false
	}
	push(line, lineW)
	return out, outW
}

// variantItems describes each variant by what sets it apart from the
// others (the parameters whose values differ, up to three), or by its first
// three values when nothing differs, or by its name when it has no values.
func variantItems(vars []api.Card) []string {
	values := func(v api.Card) map[string]string {
		out := map[string]string{}
		for _, p := range v.Parameters {
			if s := textsafe.Line(p.Value.String()); s != "" {
				out[textsafe.Line(p.Title)] = s
			}
		}
		return out
	}
	// Each variant's values once: comparing them is then map lookups, not
	// a decode of every value for every parameter of every pair.
	all := make([]map[string]string, len(vars))
	for i, v := range vars {
		all[i] = values(v)
	}
	var differing []string
	if len(vars) > 1 {
		seen := map[string]bool{}
		for _, v := range vars {
			for _, p := range v.Parameters {
				t := textsafe.Line(p.Title)
				if seen[t] {
					continue
				}
				seen[t] = true
				for _, w := range all {
					if w[t] != all[0][t] {
						differing = append(differing, t)
						break
					}
				}
			}
		}
	}
	parts := make([]string, 0, len(vars))
	for i, v := range vars {
		vals := all[i]
		var shown []string
		if len(differing) > 0 {
			for _, t := range differing {
				if s := vals[t]; s != "" && len(shown) < 3 {
					shown = append(shown, s)
				}
			}
		} else {
			for _, p := range v.Parameters {
				if s := textsafe.Line(p.Value.String()); s != "" && len(shown) < 3 {
					shown = append(shown, s)
				}
			}
		}
		switch {
		case len(shown) > 0:
			parts = append(parts, strings.Join(shown, " · "))
		case textsafe.Line(v.Name) != "":
			parts = append(parts, textsafe.Line(v.Name))
		}
	}
	return parts
}
