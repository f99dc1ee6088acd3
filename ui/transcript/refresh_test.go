package transcript

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestRefreshEntriesKeepsTheReader(t *testing.T) {
	all := genEntries(200, testStart)
	// The cached copy showed only the tail; the full copy adds what came
	// before and two newer messages.
	m := newModel(t, 100, 30, true, all[150:198])
	m = press(m, "g")
	for i := 0; i < 25; i++ {
		m = press(m, "j")
	}
	before := plainLines(m.View())
	m.RefreshEntries(all)
	after := plainLines(m.View())
	if strings.Join(after[:len(after)-1], "\n") != strings.Join(before[:len(before)-1], "\n") {
		t.Fatalf("the reader moved:\nbefore %q\nafter  %q", before[:3], after[:3])
	}
	if m.AtBottom() {
		t.Fatal("a reader scrolled up was moved to the bottom")
	}
	if !strings.Contains(ansi.Strip(m.View()), "↓ new messages") {
		t.Fatal("messages added below are not marked")
	}
}

func TestRefreshEntriesAtBottomShowsTheNewTail(t *testing.T) {
	m := newModel(t, 100, 30, true, genEntries(40, testStart))
	es := append(m.Entries(), userEntry("fresh", "a message the server added", testStart.Add(time.Hour)))
	m.RefreshEntries(es)
	if !m.AtBottom() || !strings.Contains(ansi.Strip(m.View()), "a message the server added") {
		t.Fatal("at the bottom, the refreshed tail must be shown")
	}
}
