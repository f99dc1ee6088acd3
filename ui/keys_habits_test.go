package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
)

// TestDigitInTaskListSendsNothing: a bare digit in the task list does not
// send a suggestion (to the open task, whatever the cursor is on), and the
// help bar does not offer it there; alt+digit still sends, and a digit in
// the conversation still does.
func TestDigitInTaskListSendsNothing(t *testing.T) {
	h := newHarness(t, 3)
	h.openFirst()
	h.key("esc", "shift+tab", "down")
	if h.m.focus != focusTasks {
		t.Fatalf("setup: focus %v, want the task list", h.m.focus)
	}
	h.key("1")
	if len(h.s.sent) != 0 {
		t.Fatalf("1 in the task list sent %v", h.s.sent)
	}
	if bar := plainView(h.m); strings.Contains(bar, "• 1-9 send") {
		t.Fatalf("the task list's help bar offers digits:\n%s", bar)
	}
	h.key("alt+1")
	if got := h.s.last(); got != "Tell me more" {
		t.Fatalf("alt+1 in the task list sent %q", got)
	}
}

// TestFilterEnterOpensTheFirstMatch: typing a filter moves the cursor to
// the first match, and enter in the filter opens it (the cursor's old row
// number does not pick the third match).
func TestFilterEnterOpensTheFirstMatch(t *testing.T) {
	h := newHarness(t, 12)
	h.key("down", "down", "down", "/")
	h.typeText("number 1")
	h.key("enter")
	if got := h.m.chat.OpenID(); got != h.b.tasks[0].ID {
		t.Fatalf("enter in the filter opened %q, want the first match %q", got, h.b.tasks[0].ID)
	}
	if h.m.focus != focusComposer {
		t.Fatalf("focus %v after opening, want the composer", h.m.focus)
	}
	// esc while filtering leaves the cursor on the task it was on.
	h = newHarness(t, 12)
	h.key("/")
	h.typeText("number 1")
	h.key("down", "down", "esc")
	if got := h.m.tasks.selectedID(); got != h.b.tasks[10].ID {
		t.Fatalf("after esc the cursor is on %q, want %q (Task number 11)", got, h.b.tasks[10].ID)
	}
}

// TestTaskList404SaysCheckBaseURL: a task listing that is not there means
// a wrong address; the hint says so instead of offering a retry.
func TestTaskList404SaysCheckBaseURL(t *testing.T) {
	h := newHarness(t, 0)
	h.b.listErr = &api.APIError{StatusCode: 404}
	h.key("ctrl+r")
	v := strings.Join(strings.Fields(plainView(h.m)), " ")
	if !strings.Contains(v, "check --base-url") {
		t.Fatalf("no base URL hint:\n%s", plainView(h.m))
	}
}

// TestComposerHabits: pgup and pgdn page the conversation while typing
// (the draft stays), and shift+enter inserts a newline.
func TestComposerHabits(t *testing.T) {
	h := newHarness(t, 1)
	longHistory(h, 80)
	h.openFirst()
	h.typeText("draft")
	h.key("pgup")
	if h.m.focus != focusComposer || h.m.composer.value() != "draft" {
		t.Fatalf("pgup left the composer (focus %v, text %q)", h.m.focus, h.m.composer.value())
	}
	if _, total, pct, _ := h.m.chat.Position(); pct == 100 || total == 0 {
		t.Fatalf("pgup did not scroll the conversation (%d%%)", pct)
	}
	h.key("pgdown")
	if _, _, pct, _ := h.m.chat.Position(); pct != 100 {
		t.Fatalf("pgdn did not scroll back to the bottom (%d%%)", pct)
	}
	h.send(tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModShift})
	h.typeText("more")
	if got := h.m.composer.value(); got != "draft\nmore" || len(h.s.sent) != 0 {
		t.Fatalf("shift+enter: text %q, sent %v", got, h.s.sent)
	}
}

// TestToggleListHidesTheTaskList: ctrl+b gives the conversation the whole
// window at any width; tab still reaches the list; ctrl+b brings it back.
func TestToggleListHidesTheTaskList(t *testing.T) {
	h := newHarness(t, 3)
	h.openFirst()
	h.send(tea.KeyPressMsg{Code: 'b', Mod: tea.ModCtrl})
	v := plainView(h.m)
	if strings.Contains(v, "tasks · u1") || !strings.HasPrefix(strings.Split(v, "\n")[0], "╭─ compose") {
		t.Fatalf("the task list still shows:\n%s", v)
	}
	if w := len([]rune(strings.Split(v, "\n")[0])); w != 120 {
		t.Fatalf("the conversation is %d columns wide, want the whole 120", w)
	}
	h.key("tab") // from the composer, round to the list
	if h.m.focus != focusTasks || !strings.Contains(plainView(h.m), "tasks · u1") {
		t.Fatalf("tab does not reach the hidden list (focus %v)", h.m.focus)
	}
	h.send(tea.KeyPressMsg{Code: 'b', Mod: tea.ModCtrl})
	h.key("tab")
	if v := plainView(h.m); !strings.Contains(v, "tasks · u1") || !strings.Contains(v, "conversation") {
		t.Fatalf("ctrl+b did not bring the list back beside the conversation:\n%s", v)
	}
}

// TestReopensTheLastTask: the task open when the program last ended opens
// again once the list shows it, with the cursor on it; one the list no
// longer has is left alone.
func TestReopensTheLastTask(t *testing.T) {
	want := fmt.Sprintf("%024x", 3)
	h := newHarness(t, 5, func(c *Config) { c.Reopen = want })
	if got := h.m.OpenTaskID(); got != want {
		t.Fatalf("open task %q, want %q", got, want)
	}
	if got := h.m.tasks.selectedID(); got != want {
		t.Fatalf("cursor on %q, want %q", got, want)
	}
	if !strings.Contains(plainView(h.m), "answer for task 3") {
		t.Fatalf("its transcript is not shown:\n%s", plainView(h.m))
	}
	h = newHarness(t, 5, func(c *Config) { c.Reopen = "gone" })
	if got := h.m.OpenTaskID(); got != "" {
		t.Fatalf("a task no longer listed was opened: %q", got)
	}
}

// click is a left click at column x, row y of the window.
func click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

// rowOf is the screen row whose text contains s, -1 when none.
func rowOf(v, s string) (row, col int) {
	for i, l := range strings.Split(v, "\n") {
		if j := strings.Index(l, s); j >= 0 {
			return i, len([]rune(l[:j]))
		}
	}
	return -1, -1
}

// TestClicks: clicking a task opens it, clicking a chip sends it, clicking
// a pane focuses it.
func TestClicks(t *testing.T) {
	h := newHarness(t, 3)
	r, c := rowOf(plainView(h.m), "Task number 2")
	if r < 0 {
		t.Fatal("setup: task 2 not on screen")
	}
	h.send(click(c+2, r))
	if got := h.m.OpenTaskID(); got != h.b.tasks[1].ID || h.m.focus != focusComposer {
		t.Fatalf("clicking task 2 opened %q (focus %v)", got, h.m.focus)
	}
	v := plainView(h.m)
	r, c = rowOf(v, "2 Show cheaper")
	if r < 0 {
		t.Fatalf("setup: no chip 2:\n%s", v)
	}
	h.send(click(c+3, r))
	if got := h.s.last(); got != "Show cheaper" {
		t.Fatalf("clicking chip 2 sent %q", got)
	}
	r, c = rowOf(plainView(h.m), "question for task 2")
	h.send(click(c, r))
	if h.m.focus != focusConversation {
		t.Fatalf("clicking the transcript left focus on %v", h.m.focus)
	}
	r, _ = rowOf(plainView(h.m), "page 1 of 1")
	h.send(click(2, r))
	if h.m.focus != focusTasks {
		t.Fatalf("clicking the task list's footer left focus on %v", h.m.focus)
	}
}

// TestNoticeLogKeepsWholeNotices: notices cut by the bar or expired are
// in the log, whole, newest first; the log keeps the last 100.
func TestNoticeLogKeepsWholeNotices(t *testing.T) {
	h := newHarness(t, 1)
	long := "The demo store /home/someone/.local/state/aui-tui/demo.db was damaged, so it was moved aside to /home/someone/.local/state/aui-tui/demo.db.damaged-20261130-120000 and a fresh one was started."
	h.m.notify(levelWarn, long)
	for i := range 120 {
		h.m.notify(levelInfo, fmt.Sprintf("notice %d", i))
	}
	h.m.notify(levelError, long)
	h.send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	v := strings.Join(strings.Fields(plainView(h.m)), " ")
	if !strings.Contains(v, "was started.") || !strings.Contains(v, "Notices, newest first") {
		t.Fatalf("the log does not show the whole notice:\n%s", plainView(h.m))
	}
	if n := len(h.m.status.log.entries); n != logSize {
		t.Fatalf("the log keeps %d notices, want %d", n, logSize)
	}
	if first := h.m.status.log.entries[0].text; first != "notice 21" {
		t.Fatalf("oldest kept %q, want notice 21", first)
	}
	h.key("esc")
	if h.m.overlay.IsOpen() {
		t.Fatal("esc did not close the log")
	}
	h.key("!")
	if !h.m.overlay.IsOpen() {
		t.Fatal("! did not open the log")
	}
	h.key("esc")
	h.openFirst()
	h.typeText("wow!")
	if h.m.overlay.IsOpen() || h.m.composer.value() != "wow!" {
		t.Fatalf("! in the composer opened the log or was lost (%q)", h.m.composer.value())
	}
}

// TestExportSaysItIsUnderWay: an export shows a notice until it is done.
func TestExportSaysItIsUnderWay(t *testing.T) {
	h := newHarness(t, 1, func(c *Config) { c.ExportDir = t.TempDir() })
	h.openFirst()
	h.key("esc")
	next, _ := h.m.Update(keyMsg("e")) // the command is not run: the export is under way
	h.m = next.(Model)
	if v := plainView(h.m); !strings.Contains(v, "Exporting 2 messages as Markdown…") {
		t.Fatalf("no notice while exporting:\n%s", v)
	}
}

// TestMessageTypedWhileReplyingIsQueued: a message sent while the agent
// replies is shown as queued, not refused, and sent when the turn ends;
// esc in the composer takes a queued message back, keeping what is typed.
func TestMessageTypedWhileReplyingIsQueued(t *testing.T) {
	h := newHarness(t, 1)
	id := h.openFirst()
	h.typeText("first question")
	h.key("enter")
	h.send(SessionEvent{api.TextUpdate{TaskID: id, MessageID: "r1", Text: "Working on it"}})
	h.typeText("second question")
	h.key("enter")
	if len(h.s.sent) != 1 || h.m.composer.value() != "" {
		t.Fatalf("sent %v, composer %q: the second message should wait, out of the composer", h.s.sent, h.m.composer.value())
	}
	if v := plainView(h.m); !strings.Contains(v, "second question") || !strings.Contains(v, "queued") {
		t.Fatalf("the queued message is not shown as queued:\n%s", v)
	}
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg("r1", "Done.", "More")}})
	if got := h.s.last(); len(h.s.sent) != 2 || got != "second question" {
		t.Fatalf("after the turn ended, sent %v", h.s.sent)
	}
	// A third, queued behind the second's reply, is taken back by esc.
	h.typeText("third question")
	h.key("enter")
	h.typeText("half typed")
	h.key("esc")
	if got := h.m.composer.value(); got != "third question\nhalf typed" {
		t.Fatalf("esc gave the composer %q", got)
	}
	if v := plainView(h.m); strings.Contains(v, "queued") {
		t.Fatalf("the cancelled message still shows as queued:\n%s", v)
	}
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg("r2", "Second done.", "More")}})
	if len(h.s.sent) != 2 {
		t.Fatalf("a cancelled message was sent: %v", h.s.sent)
	}
}
