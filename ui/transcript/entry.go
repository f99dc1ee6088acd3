package transcript

import (
	"strings"
	"unicode/utf8"

	"aui-tui/api"
)

// Status is the delivery state of an entry.
type Status int

// Entry states. A sent entry is stored on the server; a pending one is the
// user's message on its way; a failed one could not be delivered (its text
// is kept for a retry); a streaming one is an agent reply still arriving.
const (
	StatusSent Status = iota
	StatusPending
	StatusFailed
	StatusStreaming
)

// Entry is one message of the transcript as the conversation pane shows it.
type Entry struct {
	// Key is stable for the life of the entry: the message id, or a local id
	// for pending, streaming and welcome entries.
	Key string
	// Msg is the message; Msg.Sender.Type == api.ActorUser makes a user turn,
	// anything else an agent turn.
	Msg    api.Message
	Status Status
	// Err is the reason shown under a failed entry.
	Err string
	// Welcome marks the greeting of a new task (agent-styled, labelled
	// "welcome").
	Welcome bool
}

func (e Entry) fromUser() bool { return e.Msg.Sender.Type == api.ActorUser }

// item is an entry plus everything derived from it. Items are shared by
// pointer between copies of the Model, as Bubble Tea copies models by value.
type item struct {
	e Entry
	// version changes whenever e does; it keys every cache below.
	version uint64

	// body is the rendered entry without gutter or highlights, keyed by
	// bodyKey; bodyW holds each line's width in cells.
	body    []string
	bodyW   []int
	bodyKey bodyKey

	// deco is body with gutter, focus bar, find highlights and padding to
	// the pane width: what the frame is joined from.
	deco    []string
	decoKey decoKey

	// height is len(deco) once rendered at the current layout, else an
	// estimate; measured says which.
	height   int
	measured bool

	// Text statistics for height estimates, computed once per version.
	runes, newlines int
	cardRows        int // parameter rows of the tallest card, 0 when no cards
	cards           int
	variants        bool

	stream *stream // finished-prefix cache while the entry streams

	// Lower-cased plain text for find, and its match count for findQ.
	search    string
	searchVer uint64
	findQ     string
	findVer   uint64
	findCount int
}

// bodyKey identifies a body render: everything the rendered lines depend on
// apart from focus and find state.
type bodyKey struct {
	width   int
	theme   string
	version uint64
	clock   uint64
}

// decoKey identifies a decorated render.
type decoKey struct {
	body    bodyKey
	paneW   int
	gutter  int
	focused bool
	query   string
	current int // index of the current find match within the item, -1 if none
}

func newItem(e Entry) *item {
	it := &item{e: e, version: 1}
	it.stats()
	return it
}

// set replaces the entry and invalidates its renders.
func (it *item) set(e Entry) {
	if it.e.Status == StatusStreaming && e.Status != StatusStreaming {
		it.stream = nil
	}
	it.e = e
	it.version++
	it.measured = false
	it.stats()
}

// stats refreshes the numbers height estimates use.
func (it *item) stats() {
	t := it.e.Msg.Text
	it.runes = utf8.RuneCountInString(t)
	it.newlines = strings.Count(t, "\n")
	prods, vars := it.e.Msg.Products()
	it.cards = len(prods)
	it.variants = len(vars) > 0
	it.cardRows = 0
	for _, c := range prods {
		it.cardRows = max(it.cardRows, len(c.Parameters))
	}
}

// estimate guesses the rendered height at content width cw without
// rendering: header, wrapped text, cards, status and the separator line.
func (it *item) estimate(cw int) int {
	cw = max(cw, 1)
	h := 2 // header and separator
	if it.runes > 0 {
		h += it.newlines + 1 + it.runes/cw
	}
	if it.cards > 0 {
		perRow, _ := cardLayout(cw, it.cards)
		rows := (it.cards + perRow - 1) / perRow
		h += rows * (it.cardRows + 4)
	}
	if it.variants {
		h++
	}
	if it.e.Status != StatusSent {
		h++
	}
	return h
}
