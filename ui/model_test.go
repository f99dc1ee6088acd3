package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/ui/transcript"
)

func plainView(m Model) string { return ansi.Strip(m.View().Content) }

func (h *harness) openFirst() string {
	h.t.Helper()
	h.key("enter")
	if h.m.focus != focusComposer {
		h.t.Fatalf("focus after enter = %v, want composer", h.m.focus)
	}
	return h.m.chat.OpenID()
}

// openID is the open task's id.
func (h *harness) openID() string { return h.m.chat.OpenID() }

// entries is the open task's entries, as the chat shows them.
func (h *harness) entries() []transcript.Entry { return h.m.chat.Entries() }

// lastFailed is the open task's newest failed message.
func (h *harness) lastFailed() (transcript.Entry, bool) {
	es := h.entries()
	for i := len(es) - 1; i >= 0; i-- {
		if es[i].Status == transcript.StatusFailed {
			return es[i], true
		}
	}
	return transcript.Entry{}, false
}

func TestStartupLoadsPagesUntilThePaneIsFull(t *testing.T) {
	h := newHarness(t, 25)
	if !slices.Equal(h.b.lists, []int{1, 2, 3}) {
		t.Fatalf("pages requested = %v, want [1 2 3] (the pane holds more than one page)", h.b.lists)
	}
	if got := h.m.tasks.loadedCount(); got != 25 {
		t.Fatalf("loaded %d tasks, want 25", got)
	}
	v := plainView(h.m)
	for _, want := range []string{"page 1 of 3 · 25 tasks", "Task number 1", "DEMO", "tasks · u1"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if h.m.focus != focusTasks {
		t.Errorf("focus at start = %v, want the task list", h.m.focus)
	}
}

func TestOpenTaskShowsTranscriptAndChips(t *testing.T) {
	h := newHarness(t, 3)
	h.key("down")
	id := h.openFirst()
	if id != h.b.tasks[1].ID {
		t.Fatalf("opened %s, want the second task %s", id, h.b.tasks[1].ID)
	}
	v := plainView(h.m)
	for _, want := range []string{"answer for task 2", "question for task 2", "1 Tell me more", "2 Show cheaper", "Task number 2"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestStaleTranscriptIsDropped(t *testing.T) {
	h := newHarness(t, 3)
	a, b := h.b.tasks[0], h.b.tasks[1]
	real := h.b.msgs[b.ID]
	h.b.msgs[a.ID] = []api.Message{agentMsg("x", "STALE REPLY")}
	h.b.msgs[b.ID] = []api.Message{agentMsg("y", "OLD FETCH")}
	h.holdLoads = true
	h.openFirst()
	// The user moves to b while the fetch of a is still in flight, and
	// refreshes b while its first fetch is too; the fetches answer late
	// and out of order.
	h.key("esc", "shift+tab", "down", "enter")
	if h.openID() != b.ID {
		t.Fatalf("open task = %s, want %s", h.openID(), b.ID)
	}
	h.b.msgs[b.ID] = real
	h.key("ctrl+r")
	slices.Reverse(h.held)
	h.release()
	v := plainView(h.m)
	if strings.Contains(v, "STALE REPLY") || strings.Contains(v, "OLD FETCH") {
		t.Fatalf("a stale transcript reached the screen:\n%s", v)
	}
	if !strings.Contains(v, "answer for task 2") {
		t.Fatalf("task 2's transcript is not shown:\n%s", v)
	}
}

func TestSendStreamsThenFinalBringsChips(t *testing.T) {
	h := newHarness(t, 2)
	id := h.openFirst()
	h.typeText("need a microwave")
	h.key("enter")
	if got := h.s.last(); got != "need a microwave" {
		t.Fatalf("sent %q", got)
	}
	if h.m.composer.value() != "" {
		t.Fatalf("composer not cleared after send: %q", h.m.composer.value())
	}
	if v := plainView(h.m); strings.Contains(v, "1 Tell me more") {
		t.Fatalf("chips still offered while the agent replies:\n%s", v)
	}
	h.send(SessionEvent{api.TextUpdate{TaskID: id, MessageID: "r1", Text: "I found three"}})
	if v := plainView(h.m); !strings.Contains(v, "I found three") || !strings.Contains(v, "agent is replying") {
		t.Fatalf("streamed text or typing indicator missing:\n%s", v)
	}
	final := agentMsg("r1", "I found three built-in microwaves.", "Compare the top two", "Cheaper?")
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: final}})
	v := plainView(h.m)
	if !strings.Contains(v, "I found three built-in microwaves.") || !strings.Contains(v, "1 Compare the top two") {
		t.Fatalf("final message or its chips missing:\n%s", v)
	}
	if strings.Contains(v, "agent is replying") {
		t.Fatalf("typing indicator left after the final message:\n%s", v)
	}
	es := h.entries()
	var streaming, pending int
	for _, e := range es {
		if e.Status == transcript.StatusStreaming {
			streaming++
		}
		if e.Status == transcript.StatusPending {
			pending++
		}
	}
	if streaming != 0 || pending != 0 {
		t.Fatalf("after the final: %d streaming, %d pending entries", streaming, pending)
	}
}

func TestFailedSendKeepsTextAndRetries(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.s.err = api.ErrOffline
	h.typeText("keep me")
	h.key("enter")
	e, ok := h.lastFailed()
	if !ok || e.Msg.Text != "keep me" || e.Err == "" {
		t.Fatalf("failed entry = %+v, %v; want the text kept with a reason", e, ok)
	}
	if v := plainView(h.m); !strings.Contains(v, "keep me") || !strings.Contains(v, "ctrl+r") {
		t.Fatalf("failure not shown with a retry hint:\n%s", v)
	}
	h.s.err = nil
	h.key("ctrl+r")
	if got := h.s.last(); got != "keep me" {
		t.Fatalf("ctrl+r sent %q, want the failed text again", got)
	}
	if _, ok := h.lastFailed(); ok {
		t.Fatal("the failed entry is still there after a successful retry")
	}
}

func TestErrorFrameFailsTheTurn(t *testing.T) {
	h := newHarness(t, 1)
	id := h.openFirst()
	h.typeText("hello")
	h.key("enter")
	h.send(SessionEvent{api.ErrorFrame{TaskID: id, Err: &api.APIError{StatusCode: 500, Description: "Internal server error", Message: "An unexpected error occurred."}}})
	e, ok := h.lastFailed()
	if !ok || e.Msg.Text != "hello" {
		t.Fatalf("error frame did not mark the message failed: %+v", e)
	}
	if h.m.chat.Replying() {
		t.Fatal("turn still in flight after an error frame")
	}
	if v := plainView(h.m); strings.Contains(v, "{\"") {
		t.Fatalf("raw JSON on screen:\n%s", v)
	}
}

func TestDraftsArePerTask(t *testing.T) {
	h := newHarness(t, 2)
	h.openFirst()
	h.typeText("draft for one")
	h.key("esc", "shift+tab", "down", "enter")
	if got := h.m.composer.value(); got != "" {
		t.Fatalf("task 2 composer = %q, want empty", got)
	}
	h.typeText("draft for two")
	h.key("esc", "shift+tab", "up", "enter")
	if got := h.m.composer.value(); got != "draft for one" {
		t.Fatalf("task 1 draft = %q", got)
	}
}

func TestChipKeys(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.key("1")
	if h.m.composer.value() != "1" || len(h.s.sent) != 0 {
		t.Fatalf("plain 1 in the composer should type, got %q and sends %v", h.m.composer.value(), h.s.sent)
	}
	h.key("backspace", "alt+2")
	if got := h.s.last(); got != "Show cheaper" {
		t.Fatalf("alt+2 sent %q", got)
	}
}

// TestChipRowFocus: shift+tab from the composer reaches the chips, whose
// keys choose and send. A person who types there meant to write a
// message: every letter, q and the space included, lands in the composer
// and nothing is sent.
func TestChipRowFocus(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.key("shift+tab")
	if h.m.focus != focusChips {
		t.Fatalf("shift+tab from the composer = %v, want chips", h.m.focus)
	}
	h.typeText("?quite like the Halden!")
	if got := h.m.composer.value(); got != "?quite like the Halden!" {
		t.Fatalf("composer = %q, want every typed letter", got)
	}
	if h.m.focus != focusComposer || len(h.s.sent) != 0 {
		t.Fatalf("focus = %v, sent %v: typing should focus the composer and send nothing", h.m.focus, h.s.sent)
	}
	h.key("shift+tab", "right", "enter")
	if got := h.s.last(); got != "Show cheaper" {
		t.Fatalf("chip row sent %q", got)
	}
	// A digit with no suggestion of its number is text too ("4k tv").
	h.send(SessionEvent{api.FinalMessage{TaskID: h.openID(), Message: agentMsg("m2", "Sure.", "One", "Two")}})
	h.key("ctrl+u", "shift+tab") // clear the draft, back to the chips
	h.typeText("4k tv")
	if got := h.m.composer.value(); got != "4k tv" || h.m.focus != focusComposer {
		t.Fatalf("composer = %q (focus %v), want the digit kept as text", got, h.m.focus)
	}
}

func TestReplyForATaskLeftBehindIsKept(t *testing.T) {
	h := newHarness(t, 2)
	a := h.openFirst()
	h.typeText("question")
	h.key("enter")
	h.key("esc", "shift+tab", "down", "enter")
	b := h.openID()
	if a == b {
		t.Fatal("did not switch task")
	}
	h.send(SessionEvent{api.TextUpdate{TaskID: a, Text: "streaming into a"}})
	h.send(SessionEvent{api.FinalMessage{TaskID: a, Message: agentMsg("ra", "final for a")}})
	if v := plainView(h.m); strings.Contains(v, "final for a") || strings.Contains(v, "streaming into a") {
		t.Fatalf("task a's reply shows in task b:\n%s", v)
	}
	h.key("esc", "shift+tab", "up", "enter")
	if v := plainView(h.m); !strings.Contains(v, "final for a") {
		t.Fatalf("task a's reply was lost:\n%s", v)
	}
}

func TestNewTaskOpensWithWelcome(t *testing.T) {
	h := newHarness(t, 1)
	h.key("ctrl+n")
	if h.b.creates != 1 || h.m.focus != focusComposer {
		t.Fatalf("creates=%d focus=%v", h.b.creates, h.m.focus)
	}
	v := plainView(h.m)
	for _, want := range []string{"Hi! What are you looking for?", "1 Best sellers", "New Conversation"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestSendWithNoOpenTaskStartsOne(t *testing.T) {
	h := newHarness(t, 1)
	h.key("tab") // conversation and chips are skipped with no task: composer
	if h.m.focus != focusComposer {
		t.Fatalf("focus = %v", h.m.focus)
	}
	h.typeText("hello there")
	h.key("enter")
	if h.b.creates != 1 || h.s.last() != "hello there" {
		t.Fatalf("creates=%d sent=%v", h.b.creates, h.s.sent)
	}
}

func TestQuitKeys(t *testing.T) {
	h := newHarness(t, 1)
	_, cmd := h.m.Update(keyMsg("q"))
	if cmd == nil || runCmd(t, cmd) != tea.Quit() {
		t.Fatal("q in the task list should quit")
	}
	h.openFirst()
	h.key("q")
	if h.m.composer.value() != "q" {
		t.Fatalf("q in the composer should type, got %q", h.m.composer.value())
	}
	_, cmd = h.m.Update(keyMsg("ctrl+c"))
	if cmd == nil || runCmd(t, cmd) != tea.Quit() {
		t.Fatal("ctrl+c should quit from the composer")
	}
}

// viewAfterRejectedKey is the screen after the task list failed with 401.
func viewAfterRejectedKey(t *testing.T) string {
	h := newHarness(t, 0)
	h.b.listErr = &api.APIError{StatusCode: 401, Description: "Not authenticated"}
	h.key("ctrl+r")
	return plainView(h.m)
}

func TestLoadErrorIsASentence(t *testing.T) {
	v := viewAfterRejectedKey(t)
	if !strings.Contains(v, "Could not load tasks") || strings.Contains(v, "{") {
		t.Fatalf("load error not shown as a sentence:\n%s", v)
	}
}

func TestServerTextCannotInjectEscapes(t *testing.T) {
	h := newHarness(t, 1)
	evil := "Evil\x1b]0;pwned\x07\x1b[2J\x1b]52;c;aGk=\x07 title"
	h.b.tasks[0].Title = evil
	h.b.msgs[h.b.tasks[0].ID] = []api.Message{agentMsg("e", "body\x1b[H\x1b]8;;http://x\x07link\x1b]8;;\x07", "chip\x1b[31m")}
	h.key("ctrl+r")
	h.openFirst()
	raw := h.m.View().Content
	for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\x1b]52;", "\x1b]8;", "\x1b[H"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("view contains %q", bad)
		}
	}
	if !strings.Contains(ansi.Strip(raw), "Evil") {
		t.Fatal("sanitising dropped the visible text")
	}
}

func TestEveryTerminalSizeLaysOut(t *testing.T) {
	h := newHarness(t, 30)
	h.openFirst()
	for _, sz := range [][2]int{{40, 12}, {79, 24}, {80, 24}, {120, 40}, {300, 100}, {20, 6}, {1, 1}} {
		h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		lines := strings.Split(h.m.View().Content, "\n")
		if len(lines) != sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%dx%d: line %d is %d wide: %q", sz[0], sz[1], i, w, ansi.Strip(l))
				break
			}
		}
	}
}

func TestNarrowShowsOnePane(t *testing.T) {
	h := newHarness(t, 3)
	h.send(tea.WindowSizeMsg{Width: 70, Height: 20})
	if v := plainView(h.m); !strings.Contains(v, "tasks · u1") || strings.Contains(v, "conversation") {
		t.Fatalf("narrow start should show only the list:\n%s", v)
	}
	h.openFirst()
	if v := plainView(h.m); strings.Contains(v, "tasks · u1") || !strings.Contains(v, "answer for task 1") {
		t.Fatalf("narrow after open should show only the conversation:\n%s", v)
	}
}

func TestOSC52(t *testing.T) {
	got := osc52("hi", false, false)
	if got != "\x1b]52;c;aGk=\x07" {
		t.Fatalf("osc52 = %q", got)
	}
	if got := osc52("hi", true, false); got != "\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\" {
		t.Fatalf("tmux osc52 = %q", got)
	}
	if got := osc52("hi", false, true); got != "\x1b]52;c;aGk=\x07\x1bP\x1b]52;c;aGk=\x07\x1b\\" {
		t.Fatalf("screen osc52 = %q", got)
	}
	// A long copy reaches screen in pieces it accepts.
	long := osc52(strings.Repeat("x", 2000), false, true)
	if n := strings.Count(long, "\x1bP"); n < 4 {
		t.Fatalf("screen osc52 of 2000 bytes in %d pieces", n)
	}
}

func TestCopyFocusedMessageWritesOSC52(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.key("esc")
	raw := h.rawOutput("y")
	if !strings.Contains(raw, "]52;c;") {
		t.Fatalf("y did not write OSC 52: %q", raw)
	}
}

// rawOutput is what pressing k writes to the terminal directly (a
// tea.Raw), without running the rest of what it does.
func (h *harness) rawOutput(k string) string {
	h.t.Helper()
	_, cmd := h.m.Update(keyMsg(k))
	var raw string
	for _, msg := range collect(h.t, cmd) {
		if r, ok := msg.(tea.RawMsg); ok {
			raw, _ = r.Msg.(string)
		}
	}
	return raw
}

// collect runs a command tree and returns the messages it produced.
func collect(t testing.TB, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := runCmd(t, c).(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil:
		default:
			out = append(out, msg)
		}
	}
	return out
}

func TestRecoveredReplyClearsTheFailure(t *testing.T) {
	h := newHarness(t, 1)
	id := h.openFirst()
	h.typeText("compare them")
	h.key("enter")
	h.send(SessionEvent{api.ErrorFrame{TaskID: id, Err: &api.APIError{Message: "The connection dropped during the reply."}}})
	if _, ok := h.lastFailed(); !ok {
		t.Fatal("the dropped turn is not marked failed")
	}
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Recovered: true, Message: agentMsg("late", "the late reply")}})
	if e, ok := h.lastFailed(); ok {
		t.Fatalf("still marked failed after its reply was recovered: %+v", e)
	}
	if v := plainView(h.m); !strings.Contains(v, "the late reply") || strings.Contains(v, "ctrl+r to retry") {
		t.Fatalf("recovered reply not shown cleanly:\n%s", v)
	}
}

func TestStatusBarKeepsConnectionStateBesideALongNotice(t *testing.T) {
	h := newHarness(t, 1)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.send(SessionEvent{api.StateChange{State: api.StateRetrying, Attempt: 3}})
	h.m.status.setNotice(levelError, strings.Repeat("a very long notice ", 10), "")
	bar := ansi.Strip(h.m.status.view(60))
	if !strings.Contains(bar, "ws ◌ reconnecting #3") || !strings.Contains(bar, "DEMO") || !strings.Contains(bar, "✗ a very long") {
		t.Fatalf("status bar lost the state or the notice: %q", bar)
	}
	if w := ansi.StringWidth(bar); w != 60 {
		t.Fatalf("status bar is %d wide, want 60", w)
	}
}

func TestRejectedKeySaysWhatHelps(t *testing.T) {
	v := viewAfterRejectedKey(t)
	if !strings.Contains(v, "AUI_NETWORK_API_KEY") || strings.Contains(v, "page 1 of") {
		t.Fatalf("a rejected key should point at the key, not at paging:\n%s", v)
	}
}

// TestCutReplyKeepsItsTextUntilRecovered: a reply cut off part way (the
// server has the message) keeps the text that came, says why, offers no
// retry (that would send the message twice), and gives way to the whole
// reply once it is recovered.
func TestCutReplyKeepsItsTextUntilRecovered(t *testing.T) {
	h := newHarness(t, 1)
	sent := 1 // "compare them"
	id := cutReply(h)
	if len(h.s.sent) != sent {
		t.Fatalf("sent %v, want the question once", h.s.sent)
	}
	v := plainView(h.m)
	if !strings.Contains(v, "Here is the first half") || !strings.Contains(v, "Reply cut off") || strings.Contains(v, "to retry") {
		t.Fatalf("the cut reply should stay, marked, with no retry offered:\n%s", v)
	}
	if e, ok := h.lastFailed(); ok {
		t.Fatalf("a message the server has is marked failed: %+v", e)
	}
	// The server is still out of reach: ctrl+r refreshes (and fails),
	// it does not send the message again.
	h.b.listErr, h.b.msgsErr = api.ErrOffline, api.ErrOffline
	h.key("ctrl+r")
	if len(h.s.sent) != sent {
		t.Fatalf("ctrl+r sent %q again", h.s.last())
	}
	h.b.listErr, h.b.msgsErr = nil, nil
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Recovered: true, Prompt: "compare them", Message: agentMsg("r1", "the whole reply")}})
	v = plainView(h.m)
	if !strings.Contains(v, "the whole reply") || strings.Contains(v, "first half") || strings.Contains(v, "Reply cut off") {
		t.Fatalf("the recovered reply should replace the cut one:\n%s", v)
	}
	var order []string
	for _, e := range h.entries() {
		order = append(order, e.Msg.Text)
	}
	if i := slices.Index(order, "compare them"); i < 0 || i+1 >= len(order) || order[i+1] != "the whole reply" {
		t.Fatalf("recovered reply is not under its question: %q", order)
	}
}

// TestRecoveredReplyFindsItsQuestion: the first message's reply is cut off,
// a second message typed while the server is down fails, and the first
// reply is recovered later. The reply goes under the first question, which
// is marked sent; the second stays failed for ctrl+r.
func TestRecoveredReplyFindsItsQuestion(t *testing.T) {
	h := newHarness(t, 1)
	id := h.openFirst()
	h.typeText("first question")
	h.key("enter")
	h.send(SessionEvent{api.ErrorFrame{TaskID: id, Prompt: "first question", Err: &api.APIError{Message: "The connection dropped during the reply."}}})
	h.s.err = api.ErrOffline
	h.typeText("typed while down")
	h.key("enter")
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Recovered: true, Prompt: "first question", Message: agentMsg("r1", "answer to the first")}})
	failed, ok := h.lastFailed()
	if !ok || failed.Msg.Text != "typed while down" {
		t.Fatalf("the message typed while down should stay failed, got %+v %v", failed, ok)
	}
	es := h.entries()
	var order []string
	for _, e := range es {
		order = append(order, e.Msg.Text)
	}
	i := slices.Index(order, "first question")
	if i < 0 || i+1 >= len(order) || order[i+1] != "answer to the first" {
		t.Fatalf("recovered reply is not under its question: %q", order)
	}
	if e := es[i]; e.Status != transcript.StatusSent {
		t.Fatalf("the answered question is still %v", e.Status)
	}
	h.s.err = nil
	h.key("ctrl+r")
	if got := h.s.last(); got != "typed while down" {
		t.Fatalf("ctrl+r sent %q, want the message that never arrived", got)
	}
}

// TestSendWhileHistoryLoadsWaitsForIt: a message sent before the task's
// history has arrived is shown at once and sent after the history, which
// is kept (never replaced by the new turn).
func TestSendWhileHistoryLoadsWaitsForIt(t *testing.T) {
	h := newHarness(t, 1)
	id := h.b.tasks[0].ID
	h.b.msgs[id] = []api.Message{userMsg("old question"), agentMsg("old", "old answer")}
	h.holdLoads = true
	h.openFirst()
	h.typeText("hi")
	h.key("enter")
	if len(h.s.sent) != 0 {
		t.Fatalf("sent before the history loaded: %v", h.s.sent)
	}
	if v := plainView(h.m); !strings.Contains(v, "hi") {
		t.Fatalf("the waiting message is not shown:\n%s", v)
	}
	h.release()
	if h.s.last() != "hi" {
		t.Fatalf("the waiting message was not sent after the history: %v", h.s.sent)
	}
	var texts []string
	for _, e := range h.entries() {
		texts = append(texts, e.Msg.Text)
	}
	if !slices.Equal(texts[:3], []string{"old question", "old answer", "hi"}) {
		t.Fatalf("entries = %q; want the history, then the new message", texts)
	}
}

// TestSendingScrollsToTheNewMessage: a reader scrolled up who sends a
// message sees it (and the reply) at once.
func TestSendingScrollsToTheNewMessage(t *testing.T) {
	h := newHarness(t, 1)
	h.b.msgs[h.b.tasks[0].ID] = history(60)
	h.openFirst()
	h.key("esc", "g") // conversation focused, at the top
	if !strings.Contains(plainView(h.m), "history line 0") {
		t.Fatal("setup: not at the top")
	}
	for range 3 {
		if h.m.focus != focusComposer {
			h.key("tab")
		}
	}
	if h.m.focus != focusComposer {
		t.Fatalf("setup: focus %v", h.m.focus)
	}
	h.typeText("look at this")
	h.key("enter")
	if v := plainView(h.m); !strings.Contains(v, "look at this") {
		t.Fatalf("the sent message is off screen:\n%s", v)
	}
}

func TestPasteIsKeptWholeOrRefused(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	text := strings.Repeat("line of pasted text\n", 500) // 10,000 characters
	h.send(tea.PasteMsg{Content: text})
	if got := h.m.composer.value(); got != text {
		t.Fatalf("paste of %d characters kept %d", len(text), len(got))
	}
	h.m.composer.take()
	huge := strings.Repeat("x", composerCharLimit+1)
	h.send(tea.PasteMsg{Content: huge})
	if h.m.composer.value() != "" {
		t.Fatal("an oversized paste was cut in instead of refused")
	}
	if !strings.Contains(plainView(h.m), "Paste not inserted") {
		t.Fatalf("no notice for the refused paste:\n%s", plainView(h.m))
	}
}

// TestChosenChipIsAlwaysVisible: moving to a chip hidden behind "+N" shows
// it before enter sends it.
func TestChosenChipIsAlwaysVisible(t *testing.T) {
	h := newHarness(t, 1)
	id := h.openFirst()
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg("s", "pick one",
		"A first rather long suggestion text", "A second rather long suggestion text", "Third hidden one", "Fourth hidden one")}})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 14})
	h.key("shift+tab")
	if h.m.focus != focusChips {
		t.Fatalf("focus %v", h.m.focus)
	}
	h.key("right", "right", "right")
	if v := plainView(h.m); !strings.Contains(v, "4 Fourth hidden one") {
		t.Fatalf("the chosen chip 4 is not on screen:\n%s", v)
	}
	h.key("enter")
	if got := h.s.last(); got != "Fourth hidden one" {
		t.Fatalf("sent %q", got)
	}
}

// TestRefreshKeepsThePlace: ctrl+r keeps the task list's later pages and
// its cursor, and a transcript with nothing new keeps its scroll position.
func TestRefreshKeepsThePlace(t *testing.T) {
	h := newHarness(t, 25)
	h.key("G") // the last task, from the last page
	last := h.m.tasks.selectedID()
	if last != h.b.tasks[24].ID {
		t.Fatalf("setup: cursor on %s", last)
	}
	many := history(60)
	h.b.msgs[last] = many
	h.key("enter", "esc", "g")
	if !strings.Contains(plainView(h.m), "history line 0") {
		t.Fatal("setup: the conversation did not scroll up")
	}
	h.key("ctrl+r")
	if got := h.m.tasks.selectedID(); got != last {
		t.Fatalf("after ctrl+r the cursor is on %s, want %s", got, last)
	}
	if n := h.m.tasks.loadedCount(); n != 25 {
		t.Fatalf("after ctrl+r %d tasks are listed, want all 25", n)
	}
	if !strings.Contains(plainView(h.m), "history line 0") {
		t.Fatalf("ctrl+r with nothing new moved the conversation:\n%s", plainView(h.m))
	}
}

func TestTooLargeToCopySaysSo(t *testing.T) {
	h := newHarness(t, 1)
	id := h.openFirst()
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg("big", strings.Repeat("long text ", 20000))}})
	h.key("esc")
	_, cmd := h.m.Update(keyMsg("y"))
	for _, msg := range collect(t, cmd) {
		if _, ok := msg.(tea.RawMsg); ok {
			t.Fatal("a 200 KB copy was sent through the terminal")
		}
	}
	h.key("y")
	if v := plainView(h.m); !strings.Contains(v, "Too large to copy") {
		t.Fatalf("no notice for a copy too large:\n%s", v)
	}
}

func TestUserIDCannotInjectEscapes(t *testing.T) {
	b := newFakeBackend(1)
	m := New(Config{Backend: b, Sender: &fakeSender{}, UserID: "red\x1b[31m\x1b]0;pwn\x07", Host: "h\x1b[2J"})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	v := next.(Model).View().Content
	if strings.Contains(v, "\x1b]0;") || strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x1b[31m") {
		t.Fatalf("user id or host reached the screen raw: %q", v)
	}
}

func TestNewTaskReusesAnEmptyOne(t *testing.T) {
	h := newHarness(t, 1)
	h.key("ctrl+n")
	h.key("ctrl+n")
	if h.b.creates != 1 {
		t.Fatalf("ctrl+n twice on an empty new task created %d tasks", h.b.creates)
	}
	h.typeText("hello")
	h.key("enter")
	h.send(SessionEvent{api.FinalMessage{TaskID: h.openID(), Message: agentMsg("r", "hi")}})
	h.key("ctrl+n")
	if h.b.creates != 2 {
		t.Fatalf("ctrl+n on a task with messages should create one, creates=%d", h.b.creates)
	}
}

// TestBottomKeyReachesTheLastTask: G loads the remaining pages and lands
// on the very last task, not on the last one loaded so far.
func TestBottomKeyReachesTheLastTask(t *testing.T) {
	h := newHarness(t, 95, func(c *Config) { c.PageSize = 5 })
	h.send(tea.WindowSizeMsg{Width: 100, Height: 20})
	h.key("G")
	if got, want := h.m.tasks.selectedID(), h.b.tasks[94].ID; got != want {
		t.Fatalf("G landed on %s (of %d loaded), want the last task %s", got, h.m.tasks.loadedCount(), want)
	}
}

// TestRefreshAfterSendingKeepsThePlace: the server's copy of a message sent
// from here is recognised, so ctrl+r does not jump to the bottom.
func TestRefreshAfterSendingKeepsThePlace(t *testing.T) {
	h := newHarness(t, 1)
	id := h.b.tasks[0].ID
	many := history(60)
	h.b.msgs[id] = many
	h.openFirst()
	h.typeText("hi")
	h.key("enter")
	reply := agentMsg("r-hi", "hello back")
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: reply}})
	sent := userMsg("hi")
	sent.ID = "u-hi"
	h.b.msgs[id] = append(append([]api.Message{}, many...), sent, reply)
	h.key("esc", "g")
	h.key("ctrl+r")
	if !strings.Contains(plainView(h.m), "history line 0") {
		t.Fatalf("ctrl+r after sending jumped:\n%s", plainView(h.m))
	}
}

// TestChipRowIsSkippedWhenNoChipShows: on a window too small for chips, tab
// never lands on an invisible chip row.
func TestChipRowIsSkippedWhenNoChipShows(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	for range 6 {
		h.key("tab")
		if h.m.focus == focusChips {
			t.Fatalf("tab focused the chip row though none is shown:\n%s", plainView(h.m))
		}
	}
}

// TestExportWritesTheServersCopy: e fetches the transcript, so a message
// sent from here is written with the id the server gave it.
func TestExportWritesTheServersCopy(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, 1, func(c *Config) { c.ExportDir = dir })
	id := h.openFirst()
	h.typeText("hi")
	h.key("enter")
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg("r", "hello")}})
	sent := userMsg("hi")
	sent.ID = "u-hi"
	h.b.msgs[id] = append(h.b.msgs[id], sent, agentMsg("r", "hello"))
	h.key("esc", "E")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 1 {
		t.Fatalf("exported files: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), `"id":"u-hi"`) || strings.Count(string(b), `"text":"hi"`) != 1 {
		t.Fatalf("export is not the server's copy:\n%s", b)
	}
	if v := plainView(h.m); !strings.Contains(v, "Exported") {
		t.Fatalf("no export notice:\n%s", v)
	}
}

func TestHelpOverlayScrollsWithinItsContent(t *testing.T) {
	h := newHarness(t, 1)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.key("?")
	for range 50 {
		h.key("j")
	}
	bottom := plainView(h.m)
	h.key("k")
	if plainView(h.m) == bottom {
		t.Fatal("k after scrolling past the end changed nothing: the offset ran past the content")
	}
	lines := strings.Split(h.m.View().Content, "\n")
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("help line %d is %d wide", i, w)
		}
	}
}

// history is n agent messages "history line 0" … "history line n-1".
func history(n int) []api.Message {
	var out []api.Message
	for i := range n {
		out = append(out, agentMsg(fmt.Sprint("m", i), fmt.Sprintf("history line %d", i)))
	}
	return out
}

// TestDraftsSurviveARestart: Drafts gives back every unsent text, and a
// model started with them shows each in its task's composer and marks the
// task in the list.
func TestDraftsSurviveARestart(t *testing.T) {
	h := newHarness(t, 2)
	h.openFirst()
	h.typeText("half a thought")
	drafts := h.m.Drafts()
	first := h.b.tasks[0].ID
	if drafts[first] != "half a thought" {
		t.Fatalf("Drafts() = %v", drafts)
	}
	h2 := &harness{t: t, m: newTestModel(Config{Backend: h.b, Sender: h.s, UserID: "u1", Drafts: drafts, Location: time.UTC}), b: h.b, s: h.s}
	h2.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h2.run(h2.m.Init())
	if v := plainView(h2.m); !strings.Contains(v, "✎ Task number 1") {
		t.Fatalf("the task with a draft is not marked:\n%s", v)
	}
	h2.key("enter")
	if got := h2.m.composer.value(); got != "half a thought" {
		t.Fatalf("restored draft = %q", got)
	}
}

// TestLoadErrorHintUsesTheFreeRows: the hint after a rejected key wraps
// over the empty rows of the task list rather than being cut off.
func TestLoadErrorHintUsesTheFreeRows(t *testing.T) {
	h := newHarness(t, 0)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.b.listErr = &api.APIError{StatusCode: 401, Description: "Not authenticated"}
	h.key("ctrl+r")
	var pane []string
	for _, l := range strings.Split(plainView(h.m), "\n") {
		pane = append(pane, strings.Trim(ansi.Cut(l, 0, h.m.lay.listW), "│ "))
	}
	text := strings.Join(strings.Fields(strings.Join(pane, " ")), " ")
	if !strings.Contains(text, "(or the key file) and restart.") {
		t.Fatalf("the hint is cut short:\n%s", strings.Join(pane, "\n"))
	}
}
