package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"aui-tui/theme"
)

// TestComposerWindowEditsLikeTheWholeText: a draft several windows long
// edits exactly as a text area holding all of it would, for every key
// whose effect does not depend on how lines wrap, near the window's edges
// and across them; nothing is lost or cut.
func TestComposerWindowEditsLikeTheWholeText(t *testing.T) {
	var sb strings.Builder
	words := []string{"alpha", "בטא", "جيم", "デルタ", "👍🏽", "echo"}
	for i, n := 0, 0; n < 1200; i++ {
		sb.WriteString(words[i%len(words)])
		n += len([]rune(words[i%len(words)])) + 1
		if i%23 == 22 {
			sb.WriteByte('\n')
		} else {
			sb.WriteByte(' ')
		}
	}
	draft := sb.String()
	km := DefaultKeyMap().Composer
	c := newComposer(theme.New(true, false), km, nil)
	c.window = 200 // a small window keeps the whole-text reference fast
	c.SetSize(60, 0)
	c.Focus()
	c.setText(draft)
	ref := textarea.New()
	ref.CharLimit, ref.MaxHeight, ref.MaxContentHeight = 0, 0, 0
	ref.KeyMap.InsertNewline = km.Newline
	ref.SetWidth(60)
	ref.Focus()
	ref.SetValue(draft)
	if c.pre == "" {
		t.Fatal("setup: the draft fits one window; nothing is tested")
	}
	keys := []tea.KeyPressMsg{
		{Code: 'x', Text: "x"}, {Code: 'ש', Text: "ש"}, {Code: tea.KeyBackspace}, {Code: tea.KeyDelete},
		{Code: tea.KeyLeft}, {Code: tea.KeyRight}, {Code: tea.KeyLeft, Mod: tea.ModAlt}, {Code: tea.KeyRight, Mod: tea.ModAlt},
		{Code: tea.KeyHome}, {Code: tea.KeyEnd}, {Code: tea.KeyHome, Mod: tea.ModCtrl}, {Code: tea.KeyEnd, Mod: tea.ModCtrl},
		{Code: 'u', Mod: tea.ModCtrl}, {Code: 'k', Mod: tea.ModCtrl}, {Code: 'j', Mod: tea.ModCtrl},
	}
	// Runs of one key carry the cursor across window edges.
	rng := rand.New(rand.NewPCG(1, 2))
	moved := false
	for step := 0; step < 1000; {
		k := keys[rng.IntN(len(keys))]
		for range 1 + rng.IntN(60) {
			pre := c.pre
			c, _ = c.Update(k)
			ref, _ = ref.Update(k)
			moved = moved || c.pre != pre
			step++
			if got, want := c.value(), ref.Value(); got != want {
				t.Fatalf("step %d, key %s: the draft differs from the whole text's (%d vs %d runes)",
					step, k.String(), len([]rune(got)), len([]rune(want)))
			}
		}
	}
	if !moved {
		t.Fatal("the window never moved; the edges were not tested")
	}
}

// TestComposerWindowKeepsTheLimit: the 100,000-character limit counts the
// whole draft, not the window.
func TestComposerWindowKeepsTheLimit(t *testing.T) {
	c := newComposer(theme.New(true, false), DefaultKeyMap().Composer, nil)
	c.SetSize(60, 0)
	c.Focus()
	c.setText(strings.Repeat("word ", composerCharLimit/5-1) + "abcd")
	if c.room() != 1 {
		t.Fatalf("room = %d, want 1", c.room())
	}
	for _, r := range "xyz" {
		c, _ = c.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if got := len([]rune(c.value())); got != composerCharLimit {
		t.Fatalf("draft is %d characters, want the limit %d", got, composerCharLimit)
	}
}

// TestComposerTakesManyLines: the newline key keeps working past the
// composer's five visible rows.
func TestComposerTakesManyLines(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	for range 8 {
		h.typeText("line")
		h.key("ctrl+j")
	}
	if got := strings.Count(h.m.composer.value(), "\n"); got != 8 {
		t.Fatalf("%d newlines in the draft, want 8: %q", got, h.m.composer.value())
	}
}

// TestComposerCountsCharactersNotCells: a draft of 60,000 wide characters
// (120,000 cells) is under the limit, so typing still works.
func TestComposerCountsCharactersNotCells(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.send(tea.PasteMsg{Content: strings.Repeat("世界", 30_000)})
	h.typeText("ok")
	if v := h.m.composer.value(); len([]rune(v)) != 60_002 || !strings.HasSuffix(v, "ok") {
		t.Fatalf("draft is %d characters ending %q, want the paste and the typed ok", len([]rune(v)), v[len(v)-8:])
	}
}
