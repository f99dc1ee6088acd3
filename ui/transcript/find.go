package transcript

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"aui-tui/internal/textsafe"

	"github.com/charmbracelet/x/ansi"
)

// findState is the find prompt and the active search. Matches are counted in
// the plain text of every entry (rendered or not); cum holds running totals
// so match k maps to its entry by binary search.
type findState struct {
	prompt bool   // the prompt is open and takes every key
	input  string // what is typed in the prompt
	query  string // the active query, lower-cased; "" for none
	qr     []rune // query lower-cased rune by rune, for highlighting
	cum    []int  // cum[i]: matches in entries before i; len(items)+1
	total  int
	cur    int // current match, -1 when none

	// Where the view was when the prompt opened: esc goes back there.
	saved       anchor
	savedFollow bool
	savedFocus  string
}

func (f *findState) reset() {
	*f = findState{cur: -1}
}

// setQuery makes q (as typed) the active query.
func (f *findState) setQuery(q string) {
	f.query = strings.ToLower(q)
	f.qr = []rune(strings.Map(unicode.ToLower, q))
	f.cur = -1
}

// at maps match k to its entry and its ordinal within the entry.
func (f *findState) at(k int) (idx, nth int) {
	idx = sort.SearchInts(f.cum, k+1) - 1
	return idx, k - f.cum[idx]
}

// currentIn is the ordinal of the current match within entry i, or -1.
func (f *findState) currentIn(i int) int {
	if f.query == "" || f.cur < 0 || f.cur >= f.total || i+1 >= len(f.cum) {
		return -1
	}
	if k := f.cur - f.cum[i]; k >= 0 && f.cur < f.cum[i+1] {
		return k
	}
	return -1
}

// searchText is the item's lower-cased plain text: what find scans. Markdown
// emphasis and code markers are dropped so the text reads as rendered.
func (it *item) searchText() string {
	it.need()
	if it.searchVer == it.version && it.search != "" {
		return it.search
	}
	var b strings.Builder
	b.WriteString(strings.NewReplacer("**", "", "__", "", "`", "").Replace(textsafe.Text(it.e.Msg.Text)))
	prods, vars := it.e.Msg.Products()
	for _, c := range append(prods, vars...) {
		b.WriteString("\n" + textsafe.Line(c.Name))
		for _, p := range c.Parameters {
			b.WriteString("\n" + textsafe.Line(p.Title) + "  " + textsafe.Line(p.Value.String()))
		}
	}
	if it.e.Err != "" {
		b.WriteString("\n" + textsafe.Line(it.e.Err))
	}
	it.search, it.searchVer = strings.ToLower(b.String()), it.version
	if it.search == "" {
		it.search = "\n" // cached "empty"
	}
	return it.search
}

// refreshMatches recounts matches where an entry or the query changed.
func (m *Model) refreshMatches() {
	f := &m.find
	if f.query == "" {
		f.cum, f.total = nil, 0
		return
	}
	if cap(f.cum) >= len(m.items)+1 {
		f.cum = f.cum[:len(m.items)+1]
	} else {
		f.cum = make([]int, len(m.items)+1)
	}
	total := 0
	for i := range m.items {
		it := &m.items[i]
		it.need()
		if it.findQ != f.query || it.findVer != it.version {
			it.findQ, it.findVer = f.query, it.version
			it.findCount = strings.Count(it.searchText(), f.query)
		}
		f.cum[i] = total
		total += it.findCount
	}
	f.cum[len(m.items)] = total
	f.total = total
	if f.cur >= total {
		f.cur = total - 1
	}
}

// openFind opens the prompt, remembering the view so esc can return to it.
func (m *Model) openFind() {
	f := &m.find
	f.prompt, f.input = true, ""
	f.saved, f.savedFollow, f.savedFocus = m.top, m.follow, m.focusKey
	f.setQuery("")
	m.refreshMatches()
}

// typeFind updates the query as the reader types and jumps to the first
// match at or after where the search started.
func (m *Model) typeFind(input string) {
	f := &m.find
	f.input = input
	f.setQuery(input)
	m.refreshMatches()
	if f.total == 0 {
		m.top, m.follow, m.focusKey = f.saved, f.savedFollow, f.savedFocus
		return
	}
	f.cur = m.nearestMatch(f.saved.idx)
	m.showMatch()
}

// confirmFind closes the prompt and keeps the query active for n/N.
func (m *Model) confirmFind() {
	f := &m.find
	f.prompt = false
	if strings.TrimSpace(f.input) == "" {
		f.reset()
	}
}

// cancelFind closes the prompt, clears the query and returns to where the
// search started.
func (m *Model) cancelFind() {
	f := &m.find
	saved, follow, focus := f.saved, f.savedFollow, f.savedFocus
	f.reset()
	m.top, m.follow, m.focusKey = saved, follow, focus
}

// stepMatch moves to the next (dir 1) or previous (dir -1) match, wrapping.
func (m *Model) stepMatch(dir int) {
	f := &m.find
	if f.total == 0 {
		return
	}
	if f.cur < 0 {
		f.cur = m.nearestMatch(m.top.idx)
	} else {
		f.cur += dir
	}
	f.cur = (f.cur%f.total + f.total) % f.total
	m.showMatch()
}

// nearestMatch is the first match in entry idx or after it, or else the
// last one before it (the closest above, when searching from the bottom).
func (m *Model) nearestMatch(idx int) int {
	f := &m.find
	k := f.cum[min(max(idx, 0), len(m.items))]
	if k >= f.total {
		k = f.total - 1
	}
	return k
}

// showMatch scrolls the current match into view.
func (m *Model) showMatch() {
	f := &m.find
	if f.cur < 0 || f.cur >= f.total {
		return
	}
	idx, nth := f.at(f.cur)
	it := m.ensure(idx)
	m.focusKey = it.e.Key // [ ] and v continue from the match
	m.placeLine(idx, matchLine(it, f.qr, nth))
}

// matchLine finds the rendered line holding the nth occurrence of q in the
// item; the source count and the rendered text can differ (markdown), so it
// falls back to the last occurrence seen, then to the first line.
func matchLine(it *item, q []rune, nth int) int {
	seen, last := 0, 0
	for j := 1; j < len(it.body); j++ {
		n := len(occurrences(ansi.Strip(it.body[j]), q))
		if n == 0 {
			continue
		}
		last = j
		if seen+n > nth {
			return j
		}
		seen += n
	}
	return last
}

// findLine is the status row while finding: the prompt, or the active query
// with its position among the matches.
func (m Model) findLine() string {
	f := m.find
	count := "no matches"
	if f.total > 0 {
		pos := "–"
		if f.cur >= 0 {
			pos = strconv.Itoa(f.cur + 1)
		}
		count = pos + "/" + strconv.Itoa(f.total)
	}
	if f.prompt {
		in := textsafe.Line(f.input)
		if f.input == "" {
			p := m.keys.Prompt
			count = "type to find · " + p.Confirm.Help().Key + " keep · " + p.Cancel.Help().Key + " cancel"
		}
		return m.st.Chat.Marker.Render("/") + in + m.st.Chat.Marker.Render("▏") + "  " + m.st.Chat.Notice.Render(count)
	}
	q := textsafe.Line(f.input)
	if utf8.RuneCountInString(q) > 24 {
		q = ansi.Truncate(q, 24, "…")
	}
	k := m.keys
	hint := " · " + k.FindNext.Help().Key + "/" + k.FindPrev.Help().Key + " next/prev · " + k.ClearFind.Help().Key + " clear"
	return m.st.Chat.Marker.Render("find “"+q+"” "+count) + m.st.Chat.Notice.Render(hint)
}
