package transcript

import (
	"math/rand/v2"
	"strings"
	"testing"

	"aui-tui/theme"

	"charm.land/glamour/v2/styles"
)

// plainWidths are the wrap widths the fast path is compared at: narrow
// panes, odd widths, the common ones and a very wide one.
var plainWidths = []int{2, 3, 7, 20, 41, 80, 120, 200}

// plainThemes are the styles it is compared in: both themes and NO_COLOR.
func plainThemes() []*theme.Styles {
	return []*theme.Styles{theme.New(true, false), theme.New(false, false), theme.New(true, true)}
}

// plainWords feed the corpus: prose, punctuation markdown leaves alone,
// numbers protectTokens rewrites, wide CJK, emoji (one with a joiner),
// accents, and words longer than most widths.
var plainWords = []string{
	"the", "a", "fridge", "keeps", "food", "cold,", "quietly.", "Yes!", "really?", "(it", "does)",
	"$1,899.00", "4.5", "A++", "A+", "10–20%", "e.g.", "—", "it's", "\"quoted\"", "x-y", "a/b",
	"Crème", "brûlée", "naïve", "冷蔵庫", "は静かです。", "日本語のテキスト", "😀", "👩‍👩‍👧", "🇯🇵", "한국어",
	"supercalifragilisticexpialidocious", "Donaudampfschifffahrtsgesellschaftskapitän",
	"averyveryveryveryveryveryveryveryverylongwordthatneverends", "end.", "Note:", "ok;", "=", "-", "+",
	"1.", "2)", "3", "**bold**", "~~$599.00~~", "&", "~~old~~.", "**My pick:**", "**$1,899.00**", "**4.6★**,", "**Nordvik BM25X**.", "**冷蔵庫**", "café", "ÆØÅ", "ß", "İ", "ﬁ", "¼", "→", "•", "※", "½", "%", "^", "'", "$",
}

// plainCorpus generates texts of one to four paragraphs of one to four
// lines each, of varied length, some with trailing spaces or several blank
// lines between paragraphs, deterministically.
func plainCorpus(n int) []string {
	rng := rand.New(rand.NewPCG(7, 11))
	out := make([]string, 0, n)
	for range n {
		var sb strings.Builder
		for p := range 1 + rng.IntN(4) {
			if p > 0 {
				sb.WriteString(strings.Repeat("\n", 2+rng.IntN(2)))
			}
			list := rng.IntN(4) == 0
			for l := range 1 + rng.IntN(4) {
				if l > 0 {
					sb.WriteByte('\n')
				}
				if list {
					sb.WriteString("- ")
				}
				words := 1 + rng.IntN(40)
				if rng.IntN(8) == 0 {
					words = 80 + rng.IntN(120)
				}
				for w := range words {
					if w > 0 {
						sb.WriteString(strings.Repeat(" ", 1+min(rng.IntN(12)/10, 1)))
					}
					sb.WriteString(plainWords[rng.IntN(len(plainWords))])
				}
				if rng.IntN(5) == 0 {
					sb.WriteString(strings.Repeat(" ", 1+rng.IntN(3)))
				}
			}
		}
		if rng.IntN(6) == 0 {
			sb.WriteString("\n\n")
		}
		out = append(out, sb.String())
	}
	return out
}

// checkPlain compares the fast path with glamour on src at width in st,
// when the fast path takes src; it says whether it did.
func checkPlain(t *testing.T, r *Renderer, st *theme.Styles, width int, src string) bool {
	t.Helper()
	return checkPart(t, "the fast path", r.plainPart, r, st, width, src)
}

// TestPlainFastPathMatchesGlamour renders a generated corpus of plain
// prose both ways, at every width and in every theme, and requires the
// same bytes and widths. It also requires the fast path to take most of
// what it could, so the comparison is not vacuous: it leaves to glamour
// only texts that wrap wider than the width (ansi.Wrap lets a line after
// two spaces, or a wide character in a narrow pane, overflow, and glamour
// wraps such a line again).
func TestPlainFastPathMatchesGlamour(t *testing.T) {
	corpus := plainCorpus(300)
	if testing.Short() {
		corpus = corpus[:60]
	}
	plain := 0
	for _, src := range corpus {
		if _, ok := plainBlocks(src); ok {
			plain++
		}
	}
	if plain < len(corpus)/3 {
		t.Fatalf("only %d of %d generated texts count as plain prose", plain, len(corpus))
	}
	r := NewRenderer()
	for _, st := range plainThemes() {
		for _, w := range plainWidths {
			taken := 0
			for _, src := range corpus {
				if checkPlain(t, r, st, w, src) {
					taken++
				}
			}
			if want := plain * 9 / 10; w >= 41 && taken < want {
				t.Errorf("%s at %d: the fast path took %d of %d plain texts, want %d or more", st.Name, w, taken, plain, want)
			}
		}
	}
}

// TestPlainFastPathRefusesMarkdown lists texts that look like prose but
// that markdown reads otherwise: each must go through glamour.
func TestPlainFastPathRefusesMarkdown(t *testing.T) {
	for _, src := range []string{
		"some *italic* text", "some ***bold italic*** text", "a**b**c", "** spaced**", "**spaced **", "**open only",
		"(**x**)", "**a:**.", "**bold\nacross lines**", "**x**y", "an _emphasis_", "a `code` span", "a [link](x)", "# Heading", "> quote",
		"| a | b |", "<b>html</b>", "AT&amp;T", "a \\* escaped", "mail me@example.com",
		"see www.example.com", "~single~ tilde", "~~~ fence", "**a ~~b~~**", "~~a **b~~**", "~~open only", "x ~~ y~~", "go to http://example.com", "mailto:x", "+ item", "1. item",
		"12) item", "- item\n\n- loose item", "-  two spaces", "- item\ncontinued lazily", "Title\n===", "Title\n---", "    indented code", "\tcode", " leading space",
		"Term\n: definition", "a\u00a0non-breaking space", "a\ttab", "a\rcarriage return", "line\n   \nspaces only", "a bidi isolate\u2069",
		"", "\n\n",
	} {
		if _, ok := plainBlocks(src); ok {
			t.Errorf("the fast path takes %q", src)
		}
	}
	for _, src := range []string{"Plain words, 4.5 stars and A+ — fine!\nNext line.\n\nNew paragraph.",
		"**My pick:** the **Nordvik BM25X** — **$358.08**, rated **4.6★**.", "**Bold** at the start and at the **end**",
		"Was ~~$599.00~~, now **$529.00** & free delivery", "~~Struck~~ first"} {
		if _, ok := plainBlocks(src); !ok {
			t.Errorf("the fast path refuses %q", src)
		}
	}
}

// TestPlainFastPathOtherStyles compares the fast path with glamour in
// glamour's own styles (markdown_style may name any of them): where a
// style adds margins or prefixes the fast path must stand aside, and where
// it is used it must match.
func TestPlainFastPathOtherStyles(t *testing.T) {
	corpus := plainCorpus(40)
	for name, cfg := range styles.DefaultStyles {
		st := theme.New(true, false)
		st.Name, st.Markdown = "glamour-"+name, *cfg
		r := NewRenderer()
		for _, w := range []int{20, 80} {
			for _, src := range corpus {
				checkPlain(t, r, st, w, src)
			}
		}
	}
}

// FuzzPlainFastPath: whenever the fast path takes a text, whole or split
// around other markdown, its render is glamour's, byte for byte, with the
// same widths.
func FuzzPlainFastPath(f *testing.F) {
	for i, src := range plainCorpus(20) {
		f.Add(src, uint8(plainWidths[i%len(plainWidths)]), uint8(i%3))
	}
	f.Add("Hello there my friend, how are you today?\nSecond line here  \nthird\n\nNew para averyveryverylongword ok", uint8(20), uint8(0))
	f.Add("冷蔵庫は静かです。 😀 👩‍👩‍👧 end", uint8(3), uint8(1))
	for i, src := range mixedCorpus()[180:220] {
		f.Add(src, uint8(plainWidths[i%len(plainWidths)]), uint8(i%3))
	}
	r := NewRenderer()
	themes := plainThemes()
	f.Fuzz(func(t *testing.T, src string, width, th uint8) {
		st := themes[int(th)%len(themes)]
		w := 1 + int(width)%220
		checkPlain(t, r, st, w, src)
		checkMixed(t, r, st, w, src)
	})
}

// TestPlainProbeIsPlain keeps the probe the fast path is checked on within
// what it takes; otherwise the fast path would never be used.
func TestPlainProbeIsPlain(t *testing.T) {
	if _, ok := plainBlocks(plainProbe); !ok {
		t.Fatal("the probe is not plain prose")
	}
	r := NewRenderer()
	for _, st := range plainThemes() {
		for _, w := range plainWidths {
			r.mu.Lock()
			_, ok := r.plainStyle(st, w)
			r.mu.Unlock()
			if !ok {
				t.Errorf("%s at %d: the fast path is not used", st.Name, w)
			}
		}
	}
}

// TestPlainListsAreTaken: in every theme and at every width the fast path
// renders lists; it stands aside silently where they do not match
// glamour, which the comparisons alone would not notice.
func TestPlainListsAreTaken(t *testing.T) {
	r := NewRenderer()
	for _, st := range plainThemes() {
		for _, w := range plainWidths[3:] {
			r.mu.Lock()
			p, ok := r.plainStyle(st, w)
			r.mu.Unlock()
			if !ok || !p.lists {
				t.Errorf("%s at %d: lists are not rendered the fast way", st.Name, w)
			}
		}
	}
}
