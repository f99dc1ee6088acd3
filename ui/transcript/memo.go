package transcript

import (
	"encoding/json"

	"aui-tui/api"
)

// renderMemo keeps the renders of one RenderAll worker by what they are
// made of: a long transcript repeats itself (the same answers, the same
// products offered again), and at one width and theme an identical source
// renders to identical lines, so each is rendered once. The pane has no
// memo (nil): it renders only what is on screen and caches by entry.
type renderMemo struct {
	markdown map[string]memoLines
	cards    map[string]memoLines
}

type memoLines struct {
	lines  []string
	widths []int
}

func newRenderMemo() *renderMemo {
	return &renderMemo{markdown: map[string]memoLines{}, cards: map[string]memoLines{}}
}

// renderMarkdown is renderMarkdown(c, src, false), remembered by src. The
// lines returned are shared: callers copy them (lineBuf.addAll does).
func (m *renderMemo) renderMarkdown(c renderCtx, src string) ([]string, []int) {
	if m == nil {
		return renderMarkdown(c, src, false)
	}
	if r, ok := m.markdown[src]; ok {
		return r.lines, r.widths
	}
	ls, ws := renderMarkdown(c, src, false)
	m.markdown[src] = memoLines{ls, ws}
	return ls, ws
}

// renderCards is renderCards(prods, vars, c), remembered by the cards'
// JSON (everything a card shows comes from it).
func (m *renderMemo) renderCards(prods, vars []api.Card, c renderCtx) ([]string, []int) {
	if m == nil {
		return renderCards(prods, vars, c)
	}
	key, err := json.Marshal([2][]api.Card{prods, vars})
	if err != nil {
		return renderCards(prods, vars, c)
	}
	if r, ok := m.cards[string(key)]; ok {
		return r.lines, r.widths
	}
	ls, ws := renderCards(prods, vars, c)
	m.cards[string(key)] = memoLines{ls, ws}
	return ls, ws
}
