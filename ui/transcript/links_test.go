package transcript

import (
	"strings"
	"testing"

	"aui-tui/api"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// linkCards is a reply with two product cards, each with a link, and a long
// feature list.
func linkCards() Entry {
	e := agentEntry("cards", "Two ovens:", testStart)
	for i, name := range []string{"Nordvik BO71 Pyrolytic Built-in Oven", "Aurelia SteamPro 60"} {
		e.Msg.Cards = append(e.Msg.Cards, api.Card{Name: name, IsRecommended: i == 1, Parameters: []api.Parameter{
			{Title: "Price", Value: api.StringValue("$749.00")},
			{Title: "Features", Value: api.StringValue("Pyrolytic self-cleaning, Meat probe, Steam assist, Child lock, Eco mode, Rotisserie")},
			{Title: "Link", Value: api.StringValue("https://shop.example.com/ovens/product-number-" + string(rune('1'+i)) + "?color=stainless&size=large")},
		}})
	}
	return e
}

// run sends keys and returns the messages the commands produced.
func run(m Model, keys ...string) (Model, []tea.Msg) {
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		if cmd != nil {
			out = append(out, cmd())
		}
	}
	return m, out
}

// TestCardLinksAreHyperlinks: a card shows its link on one line as an OSC 8
// hyperlink to the whole URL; a link that is not http(s), or carries
// escapes, is never made a hyperlink.
func TestCardLinksAreHyperlinks(t *testing.T) {
	m := newModel(t, 80, 40, true, []Entry{linkCards()})
	v := m.View()
	checkFrame(t, m, 80, 40)
	if !strings.Contains(v, "\x1b]8;;https://shop.example.com/ovens/product-number-1?color=stainless&size=large\x1b\\") {
		t.Fatalf("no hyperlink to the whole URL:\n%q", v)
	}
	bad := agentEntry("b", "x", testStart)
	bad.Msg.Cards = []api.Card{{Name: "Bad", Parameters: []api.Parameter{
		{Title: "Link", Value: api.StringValue("javascript:alert(1)")},
		{Title: "Other", Value: api.StringValue("https://evil.example/\x1b]8;;https://other\x1b\\x")},
		{Title: "File", Value: api.StringValue("file:///etc/passwd")},
	}}}
	m = newModel(t, 80, 40, true, []Entry{bad})
	checkFrame(t, m, 80, 40)
	if strings.Contains(m.View(), "\x1b]8;;java") || strings.Contains(m.View(), "\x1b]8;;file") || strings.Contains(m.View(), "https://other") {
		t.Fatalf("a non-http link became a hyperlink:\n%q", m.View())
	}
}

// TestOpenAndDetails: o on a message with one linked card opens it; with
// several it shows the cards to choose one; enter shows every field whole.
func TestOpenAndDetails(t *testing.T) {
	one := linkCards()
	one.Msg.Cards = one.Msg.Cards[:1]
	m := newModel(t, 60, 30, true, []Entry{one})
	m, msgs := run(m, "o")
	if len(msgs) != 1 || msgs[0] != (OpenLinkMsg{URL: "https://shop.example.com/ovens/product-number-1?color=stainless&size=large"}) {
		t.Fatalf("o with one card gave %v", msgs)
	}

	m = newModel(t, 60, 30, true, []Entry{linkCards()})
	m, msgs = run(m, "o")
	if len(msgs) != 0 || !m.Capturing() {
		t.Fatalf("o with two cards did not open the details (%v)", msgs)
	}
	view := strings.Join(plainLines(m.View()), "\n")
	if !strings.Contains(view, "card 2/2") {
		t.Fatalf("the recommended card is not selected first:\n%s", view)
	}
	m, msgs = run(m, "k", "o")
	if len(msgs) != 1 || msgs[0].(OpenLinkMsg).URL != "https://shop.example.com/ovens/product-number-1?color=stainless&size=large" {
		t.Fatalf("k o opened %v, want the first card's link", msgs)
	}
	m, _ = run(m, "esc")
	if m.Capturing() {
		t.Fatal("esc did not close the details")
	}
	m, _ = run(m, "enter")
	plain := strings.Join(plainLines(m.View()), " ")
	plain = strings.Join(strings.Fields(plain), " ")
	for _, want := range []string{"Nordvik BO71 Pyrolytic Built-in Oven", "Pyrolytic self-cleaning, Meat probe, Steam assist, Child lock, Eco mode, Rotisserie"} {
		if !strings.Contains(plain, want) {
			t.Errorf("details cut %q:\n%s", want, plain)
		}
	}
	if got := strings.NewReplacer(" ", "", "▌", "").Replace(strings.Join(plainLines(m.View()), "")); !strings.Contains(got, "https://shop.example.com/ovens/product-number-2?color=stainless&size=large") {
		t.Errorf("details do not show the whole link:\n%s", strings.Join(plainLines(m.View()), "\n"))
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(l) != 60 {
			t.Fatalf("a details row is %d cells: %q", ansi.StringWidth(l), l)
		}
	}
	assertOnlySGR(t, m.View())
	if text, ok := m.DetailsText(); !ok || !strings.Contains(text, "Aurelia SteamPro 60") {
		t.Fatalf("DetailsText = %q, %v", text, ok)
	}
}
