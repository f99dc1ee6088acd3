package transcript

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"aui-tui/api"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// zebraEntries has 17 occurrences of "zebra" (in various cases) spread over
// a transcript long enough that most of them are never rendered.
func zebraEntries() ([]Entry, map[int]int) {
	es := genEntries(300, testStart)
	where := map[int]int{3: 1, 40: 2, 41: 1, 120: 3, 200: 1, 250: 4, 280: 2, 297: 3}
	for i, n := range where {
		words := make([]string, n)
		for k := range words {
			words[k] = []string{"zebra", "Zebra", "ZEBRA"}[k%3]
		}
		es[i].Msg.Text += "\n\nSpotted: " + strings.Join(words, " and ") + " crossing."
	}
	return es, where
}

func TestFindCountsAllEntriesAndSteps(t *testing.T) {
	es, where := zebraEntries()
	m := newModel(t, 80, 24, true, es)
	m = press(m, "/")
	if !m.Capturing() {
		t.Fatal("/ must open the find prompt and capture keys")
	}
	m = typeText(m, "zeBRa")
	last := plainLines(m.View())[23]
	if !strings.Contains(last, "/zeBRa") || !strings.Contains(last, "/17") {
		t.Fatalf("prompt row = %q, want the query and a count of 17", last)
	}
	m = press(m, "enter")
	if m.Capturing() || !m.CanDismiss() {
		t.Fatal("enter must close the prompt and keep the find active")
	}
	// Walk every match forward: each is highlighted on screen, in order.
	var order []int
	start := m.find.cur
	for k := 0; k < 17; k++ {
		m = press(m, "n")
		if want := (start + k + 1) % 17; m.find.cur != want {
			t.Fatalf("after %d× n current match %d, want %d", k+1, m.find.cur, want)
		}
		idx, _ := m.find.at(m.find.cur)
		order = append(order, idx)
		v := m.View()
		status := plainLines(v)[23]
		if want := fmt.Sprintf("%d/17", m.find.cur+1); !strings.Contains(status, want) {
			t.Fatalf("after %d× n status = %q, want %s", k+1, status, want)
		}
		if !strings.Contains(v, m.st.Chat.MatchCurrent.Render("zebra")) &&
			!strings.Contains(v, m.st.Chat.MatchCurrent.Render("Zebra")) &&
			!strings.Contains(v, m.st.Chat.MatchCurrent.Render("ZEBRA")) {
			t.Fatalf("match %d (entry %d) is not highlighted on screen", k+1, idx)
		}
	}
	counts := map[int]int{}
	for _, idx := range order {
		counts[idx]++
	}
	for i, n := range where {
		if counts[i] != n {
			t.Fatalf("entry %d visited %d times, want %d", i, counts[i], n)
		}
	}
	// [ ] and v continue from the current match's entry.
	idx, _ := m.find.at(m.find.cur)
	m = press(m, "v")
	if !strings.Contains(ansi.Strip(m.View()), `"id": "`+es[idx].Key+`"`) {
		t.Fatalf("v after n must show the match's entry %s", es[idx].Key)
	}
	m = press(m, "esc")
	// N goes back.
	m = press(m, "N")
	if want := fmt.Sprintf("%d/17", (start+16)%17+1); !strings.Contains(plainLines(m.View())[23], want) {
		t.Fatalf("N: status = %q", plainLines(m.View())[23])
	}
	// esc clears the query and the highlights.
	m = press(m, "esc")
	v := m.View()
	if strings.Contains(ansi.Strip(v), "/17") || strings.Contains(v, m.st.Chat.Match.Render("zebra")) {
		t.Fatal("esc must clear the find")
	}
}

func TestFindEscRestoresPositionAndCapturesAllKeys(t *testing.T) {
	es, _ := zebraEntries()
	m := newModel(t, 80, 24, true, es)
	m = press(m, "g")
	top := m.View()
	m = press(m, "/")
	// q, digits and ? go into the prompt.
	m = typeText(m, "q1?")
	if !strings.Contains(plainLines(m.View())[23], "/q1?") {
		t.Fatalf("prompt = %q", plainLines(m.View())[23])
	}
	m = press(m, "backspace", "backspace", "backspace")
	m = typeText(m, "zebra")
	if m.top.idx == 0 {
		t.Fatal("typing must jump to the first match")
	}
	m = press(m, "esc")
	if m.Capturing() || m.View() != top {
		t.Fatal("esc must close the prompt and restore the view")
	}
	m = press(m, "/")
	m, _ = m.Update(tea.PasteMsg{Content: "ZEBRA"})
	m = press(m, "enter")
	if m.find.total != 17 {
		t.Fatalf("pasted query found %d matches", m.find.total)
	}
	m = press(m, "/", "enter")
	if m.find.query != "" {
		t.Fatal("enter on an empty prompt clears the find")
	}
}

func TestFindNoMatches(t *testing.T) {
	m := newModel(t, 80, 24, true, genEntries(20, testStart))
	m = press(m, "/")
	m = typeText(m, "xylophone")
	if !strings.Contains(plainLines(m.View())[23], "no matches") {
		t.Fatalf("status = %q", plainLines(m.View())[23])
	}
	m = press(m, "enter", "n", "N")
	checkFrame(t, m, 80, 24)
}

func TestFindSeesNewContent(t *testing.T) {
	m := newModel(t, 80, 24, true, genEntries(20, testStart))
	m = press(m, "/")
	m = typeText(m, "okapi")
	m = press(m, "enter")
	if m.find.total != 0 {
		t.Fatal("no okapi yet")
	}
	m.Upsert(agentEntry("late", "An okapi and another okapi.", testStart.Add(time.Hour)))
	if m.find.total != 2 || !strings.Contains(ansi.Strip(m.View()), "/2") {
		t.Fatalf("new entry's matches not counted: %d", m.find.total)
	}
}

func TestRawView(t *testing.T) {
	es := genEntries(10, testStart)
	raw := map[string]any{
		"id": "srv-1", "text": "hello \u009b2J world", "created_at": "2026-03-09T10:00:00.000Z",
		"sender": map[string]any{"id": "a", "type": "agent"}, "extra_field": strings.Repeat("long ", 40),
	}
	b, _ := json.Marshal(raw)
	var msg api.Message
	if err := json.Unmarshal(b, &msg); err != nil {
		t.Fatal(err)
	}
	es = append(es, Entry{Key: "srv-1", Msg: msg})
	m := newModel(t, 60, 12, true, es)
	m = press(m, "v")
	if !m.RawOpen() || !m.CanDismiss() {
		t.Fatal("v must open the raw view")
	}
	v := plainLines(m.View())
	if !strings.HasPrefix(v[0], "raw JSON") || !strings.Contains(strings.Join(v, "\n"), `"id": "srv-1"`) {
		t.Fatalf("raw view = %q", v)
	}
	checkFrame(t, m, 60, 12)
	first := m.View()
	m = press(m, "j", "j")
	if m.View() == first {
		t.Fatal("j must scroll the raw view")
	}
	m = press(m, "G")
	if !strings.Contains(ansi.Strip(m.View()), "}") {
		t.Fatal("G must show the end of the JSON")
	}
	m.SetSize(40, 8)
	checkFrame(t, m, 40, 8)
	m = press(m, "esc")
	if strings.Contains(ansi.Strip(m.View()), "raw JSON") {
		t.Fatal("esc must close the raw view")
	}
	// A local entry without Raw shows the marshalled message; v closes.
	m = press(m, "[", "v")
	if !strings.Contains(ansi.Strip(m.View()), `"id": "m00009"`) {
		t.Fatalf("raw of a generated entry: %q", plainLines(m.View()))
	}
	m = press(m, "v")
	if strings.Contains(ansi.Strip(m.View()), "raw JSON") {
		t.Fatal("v must close the raw view")
	}
}
