package transcript

import (
	"strings"
	"testing"
)

func TestFindAtLandsOnTheEntryAndNContinues(t *testing.T) {
	es, _ := zebraEntries()
	m := newModel(t, 80, 24, true, es)
	if m.FindAt("no such key", "zebra") {
		t.Fatal("FindAt reported an entry for an unknown key")
	}
	if !m.FindAt(es[120].Key, "Zebra") {
		t.Fatal("FindAt did not find entry 120")
	}
	idx, nth := m.find.at(m.find.cur)
	if idx != 120 || nth != 0 || m.focusKey != es[120].Key {
		t.Fatalf("current match in entry %d (#%d), focus %q; want the first in entry 120", idx, nth, m.focusKey)
	}
	v := m.View()
	status := plainLines(v)[23]
	// Entries 3, 40, 41 hold 4 matches before entry 120.
	if !strings.Contains(status, "find “Zebra” 5/17") {
		t.Fatalf("status = %q, want match 5 of 17\n%s", status, strings.Join(plainLines(v), "\n"))
	}
	if !strings.Contains(strings.Join(plainLines(v), "\n"), "Spotted") {
		t.Fatalf("entry 120 is not on screen:\n%s", strings.Join(plainLines(v), "\n"))
	}
	if !strings.Contains(v, m.st.Chat.MatchCurrent.Render("zebra")) {
		t.Fatal("the match is not highlighted as the current one")
	}
	m = press(m, "n")
	if idx, nth := m.find.at(m.find.cur); idx != 120 || nth != 1 {
		t.Fatalf("n went to entry %d #%d, want entry 120 #1", idx, nth)
	}
	m = press(m, "N")
	m = press(m, "N")
	if idx, _ := m.find.at(m.find.cur); idx != 41 {
		t.Fatalf("N N went to entry %d, want 41", idx)
	}
}
