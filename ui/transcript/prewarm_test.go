package transcript

import "testing"

// TestPrewarmRendersTheNextPageWithoutMovingTheView: after Prewarm, paging
// up renders nothing new, and Prewarm itself leaves the screen unchanged.
func TestPrewarmRendersTheNextPageWithoutMovingTheView(t *testing.T) {
	m := newModel(t, 100, 30, true, genEntries(300, testStart))
	m = press(m, "pgup", "pgup")
	before := m.View()
	m.Prewarm()
	if m.View() != before {
		t.Fatal("Prewarm changed the screen")
	}
	m.r.renders = 0
	m = press(m, "pgup")
	if n := m.r.renders; n != 0 {
		t.Fatalf("paging up after Prewarm rendered %d entries; the page above should have been ready", n)
	}
	m = press(m, "pgdown", "pgdown", "pgdown")
	m.Prewarm()
	m.r.renders = 0
	m = press(m, "pgdown")
	if n := m.r.renders; n != 0 {
		t.Fatalf("paging down after Prewarm rendered %d entries", n)
	}
}
