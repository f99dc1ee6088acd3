package transcript

import "aui-tui/api"

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
	// StatusQueued: typed while a reply streamed, sent when the turn ends.
	StatusQueued
	// StatusInterrupted: an agent reply cut off part way; the text is what
	// arrived, Err says why and what happens next.
	StatusInterrupted
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
	// Err is the reason shown under a failed or interrupted entry.
	Err string
	// Refused: the server refused the message for what it says (content
	// moderation); sending it unchanged would be refused again, so no
	// retry is offered.
	Refused bool
	// Welcome marks the greeting of a new task (agent-styled, labelled
	// "welcome").
	Welcome bool
}

func (e Entry) fromUser() bool { return e.Msg.Sender.Type == api.ActorUser }

// item is an entry plus everything derived from it. Copies of the Model
// (Bubble Tea copies models by value) share the items' backing array.
type item struct {
	e Entry
	// version changes whenever e does; it keys every cache.
	version uint64

	// height is len(deco) once rendered at the current layout, else an
	// estimate; measured says which.
	height   int
	measured bool

	// Statistics for height estimates, computed once per version.
	textLen  int
	cardRows int // parameter rows of the tallest card, 0 when no cards
	cards    int
	variants bool

	// *cache holds renders and search state; it is allocated when the item
	// is first rendered or searched, so opening a long transcript stays
	// cheap.
	*cache
}

// cache is what rendering and finding derive from an item's entry.
type cache struct {
	// body is the rendered entry without gutter or highlights, keyed by
	// bodyKey; bodyW holds each line's width in cells.
	body    []string
	bodyW   []int
	bodyKey bodyKey

	// deco is body with gutter, focus bar, find highlights and padding to
	// the pane width: what the frame is joined from.
	deco    []string
	decoKey decoKey

	stream *stream // finished-prefix cache while the entry streams
	// tables keeps table column widths, so they hold while a reply streams
	// and when it completes.
	tables tableMemo

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
	it := &item{}
	it.init(e)
	return it
}

// init sets up a zero item for e.
func (it *item) init(e Entry) {
	it.e, it.version = e, 1
	it.stats()
}

// need allocates the cache.
func (it *item) need() *cache {
	if it.cache == nil {
		it.cache = &cache{}
	}
	return it.cache
}

// rendered is the decorated render, nil when there is none yet.
func (it *item) rendered() []string {
	if it.cache == nil {
		return nil
	}
	return it.deco
}

// set replaces the entry and invalidates its renders.
func (it *item) set(e Entry) {
	if it.cache != nil && it.e.Status == StatusStreaming && e.Status != StatusStreaming {
		it.stream = nil
	}
	it.e = e
	it.version++
	it.measured = false
	it.stats()
}

// stats refreshes the numbers height estimates use. It runs for every
// entry when a transcript opens, so it reads no text: bytes stand in for
// cells, and products are counted without building cards.
func (it *item) stats() {
	msg := &it.e.Msg
	it.textLen = len(msg.Text)
	it.cards = len(msg.Cards) + len(msg.Options)
	it.variants = len(msg.VariantsOptions) > 0
	it.cardRows = 0
	for i := range msg.Cards {
		it.cardRows = max(it.cardRows, len(msg.Cards[i].Parameters))
	}
	for i := range msg.Options {
		it.cardRows = max(it.cardRows, len(msg.Options[i].WidgetParameters))
	}
}

// paraBytes is the typical length of a paragraph or list item: each adds
// about one line beyond its wrapped text (a blank or a short last line).
const paraBytes = 120

// estimate guesses the rendered height at content width cw without
// rendering: header, wrapped text, cards, status and the separator line.
func (it *item) estimate(cw int) int {
	cw = max(cw, 1)
	h := 2 // header and separator
	if it.textLen > 0 {
		h += 1 + it.textLen/cw + it.textLen/paraBytes
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
