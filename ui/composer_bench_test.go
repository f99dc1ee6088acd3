package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// longDrafts are paste-sized composer contents: plain text, and mixed
// scripts (Hebrew, Arabic, Japanese, emoji) whose widths all differ.
func longDrafts() map[string]string {
	words := []string{"shalom שלום", "مرحبا بالعالم", "こんにちは世界", "👍🏽 ok", "plain words here"}
	var mixed strings.Builder
	for i := 0; mixed.Len() < 90_000*2; i++ {
		mixed.WriteString(words[i%len(words)])
		mixed.WriteByte(' ')
		if i%40 == 39 {
			mixed.WriteByte('\n')
		}
	}
	return map[string]string{
		"plain": strings.Repeat("the quick brown fox jumps over the lazy dog ", 90_000/44),
		"mixed": string([]rune(mixed.String())[:90_000]),
	}
}

// BenchmarkComposerTypeLong is a component benchmark: one typed key, the
// composer's Update and the View of the whole screen, with about 90,000
// characters in the composer.
func BenchmarkComposerTypeLong(b *testing.B) {
	for name, text := range longDrafts() {
		b.Run(name, func(b *testing.B) {
			h := newHarness(&testing.T{}, 1)
			h.key("enter")
			h.send(tea.PasteMsg{Content: text})
			m := h.m
			keys := []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}
			i := 0
			for b.Loop() {
				next, _ := m.Update(keys[i%2])
				m = next.(Model)
				_ = m.View()
				i++
			}
		})
	}
}
