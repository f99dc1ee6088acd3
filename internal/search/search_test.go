package search

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"aui-tui/api"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func msg(id string, minute int, sender api.ActorType, text string) api.Message {
	return api.Message{ID: id, CreatedAt: api.Timestamp{Time: t0.Add(time.Duration(minute) * time.Minute)},
		Sender: api.Party{Type: sender}, Text: text}
}

func put(t *testing.T, ix *Index, id, title string, msgs ...api.Message) {
	t.Helper()
	if err := ix.Put(api.Task{ID: id, Title: title}, msgs, t0); err != nil {
		t.Fatal(err)
	}
}

func ids(r Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.TaskID+"/"+h.MessageID)
	}
	return out
}

func find(t *testing.T, ix *Index, q string) []string {
	t.Helper()
	r, err := ix.Search(Parse(q), 50)
	if err != nil {
		t.Fatal(err)
	}
	return ids(r)
}

func TestParse(t *testing.T) {
	cases := map[string][]string{
		`Nordvik`:                    {"nordvik"},
		`  built-in   MICROWAVE `:    {"built-in", "microwave"},
		`"Built-in  Microwave" 20 l`: {"built-in microwave", "20", "l"},
		`café "crème brûlée`:         {"cafe", "creme brulee"},
		`""  `:                       nil,
		`a"b c"`:                     {"a", "b c"},
	}
	for in, want := range cases {
		if got := Parse(in).Terms; !reflect.DeepEqual(got, want) {
			t.Errorf("Parse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldKeepsRunes(t *testing.T) {
	in := "Crème BRÛLÉE Øre Straße İ\tx"
	got := Fold(in)
	if want := "creme brulee ore straße i x"; got != want {
		t.Fatalf("Fold = %q, want %q", got, want)
	}
	if len([]rune(got)) != len([]rune(in)) {
		t.Fatalf("rune counts differ: %d vs %d", len([]rune(got)), len([]rune(in)))
	}
}

func TestMatchingRules(t *testing.T) {
	ix := Open(t.TempDir())
	put(t, ix, "t1", "Kitchen renovation",
		msg("m1", 1, api.ActorUser, "I need a built-in microwave"),
		msg("m2", 2, api.ActorAgent, "The NORDVIK is quiet, and the Crème model is cheaper."),
		msg("m3", 3, api.ActorUser, "built-in\nmicrowave again, please"),
	)
	put(t, ix, "t2", "Coffee",
		api.Message{ID: "c1", CreatedAt: api.Timestamp{Time: t0.Add(10 * time.Minute)}, Sender: api.Party{Type: api.ActorAgent},
			Text: "Here are two.", Cards: []api.Card{{Name: "Brewmaster Café", Category: "espresso machines",
				Parameters: []api.Parameter{{Title: "Boiler", Value: api.StringValue("dual stainless")}}}}},
		api.Message{ID: "c2", CreatedAt: api.Timestamp{Time: t0.Add(11 * time.Minute)}, Sender: api.Party{Type: api.ActorAgent},
			Text: "An older shape.", Options: []api.ProductOption{{WidgetParameters: []api.Parameter{
				{Title: "Product name", Value: api.StringValue("Grindhaus Pro")}}}}},
	)
	cases := []struct {
		q    string
		want []string
	}{
		{"nordvik", []string{"t1/m2"}},                       // case
		{"creme", []string{"t1/m2"}},                         // accents folded in the text
		{"crème", []string{"t1/m2"}},                         // and in the query
		{"nord", []string{"t1/m2"}},                          // inside a word
		{`"built-in microwave"`, []string{"t1/m3", "t1/m1"}}, // phrase across a line break
		{`"microwave built-in"`, nil},                        // a phrase keeps its order
		{"microwave please", []string{"t1/m3"}},              // every word
		{"microwave kitchen", []string{"t1/m3", "t1/m1"}},    // a word in the title counts
		{"renovation", []string{"t1/"}},                      // the title alone: one hit for the task
		{"brewmaster", []string{"t2/c1"}},                    // product name
		{"cafe espresso", []string{"t2/c1"}},                 // name and category
		{"stainless", []string{"t2/c1"}},                     // card field value
		{"boiler", []string{"t2/c1"}},                        // card field title
		{"grindhaus", []string{"t2/c2"}},                     // older product shape
		{"nordvik coffee", nil},                              // words in different tasks
		{"", nil},
	}
	for _, c := range cases {
		if got := find(t, ix, c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("search %q = %q, want %q", c.q, got, c.want)
		}
	}
}

func TestNewestFirstAcrossTasksAndLimit(t *testing.T) {
	ix := Open(t.TempDir())
	put(t, ix, "a", "A", msg("a1", 1, api.ActorUser, "lamp"), msg("a2", 5, api.ActorUser, "lamp"), msg("a3", 9, api.ActorUser, "lamp"))
	put(t, ix, "b", "B", msg("b1", 2, api.ActorUser, "lamp"), msg("b2", 7, api.ActorUser, "lamp"))
	// Same time: the later position is the newer.
	put(t, ix, "c", "C", msg("c1", 3, api.ActorUser, "lamp"), msg("c2", 3, api.ActorUser, "lamp"))
	want := []string{"a/a3", "b/b2", "a/a2", "c/c2", "c/c1", "b/b1", "a/a1"}
	if got := find(t, ix, "lamp"); !reflect.DeepEqual(got, want) {
		t.Fatalf("order = %q, want %q", got, want)
	}
	r, err := ix.Search(Parse("lamp"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(r); !reflect.DeepEqual(got, want[:3]) {
		t.Fatalf("limit 3 = %q, want %q", got, want[:3])
	}
	if r.Searched != 3 {
		t.Fatalf("searched %d transcripts, want 3", r.Searched)
	}
}

func TestHitFieldsAndSnippet(t *testing.T) {
	ix := Open(t.TempDir())
	put(t, ix, "t", "Éclairage\x1b[2J", msg("m", 4, api.ActorAgent, "Before it, the Crème \x1b]52;c;x\x07lamp is the one I recommend over every other lamp"))
	r, err := ix.Search(Parse("creme"), 5)
	if err != nil || len(r.Hits) != 1 {
		t.Fatalf("hits %v, err %v", r.Hits, err)
	}
	h := r.Hits[0]
	if h.Title != "Éclairage" || h.Sender != "agent" || h.Pos != 0 || h.MessageID != "m" || !h.CreatedAt.Equal(t0.Add(4*time.Minute)) {
		t.Fatalf("hit = %+v", h)
	}
	if got := h.Text[h.Match[0]:h.Match[1]]; got != "Crème" {
		t.Fatalf("match = %q, want the original spelling", got)
	}
	before, match, after := h.Snippet(30)
	if match != "Crème" || before != "…, the " || after != " lamp is the one …" {
		t.Fatalf("snippet = %q %q %q", before, match, after)
	}
}

func TestPutReplacesKeepRemovesAndBadFilesSkipped(t *testing.T) {
	dir := t.TempDir()
	ix := Open(dir)
	put(t, ix, "a", "A", msg("a1", 1, api.ActorUser, "sofa"))
	put(t, ix, "b", "B", msg("b1", 1, api.ActorUser, "sofa"))
	put(t, ix, "a", "A", msg("a1", 1, api.ActorUser, "chair"))
	if got := find(t, ix, "sofa"); !reflect.DeepEqual(got, []string{"b/b1"}) {
		t.Fatalf("after replacing a: %q", got)
	}
	if err := ix.Keep([]string{"a"}); err != nil {
		t.Fatal(err)
	}
	if ix.Has("b") || !ix.Has("a") || ix.Count() != 1 {
		t.Fatalf("after Keep(a): has b %v, has a %v, count %d", ix.Has("b"), ix.Has("a"), ix.Count())
	}
	if err := os.WriteFile(filepath.Join(dir, "junk"+ext), []byte(magic+"\xff\xff"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, fileName("old")), []byte("AUISRCH0 an older format"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ix.Has("old") {
		t.Fatal("a file of an older format counts as indexed")
	}
	if got := find(t, ix, "chair"); !reflect.DeepEqual(got, []string{"a/a1"}) {
		t.Fatalf("with a damaged file: %q", got)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	f := taskFile{taskID: "x", title: "T", foldedTitle: "t", stored: 42}
	for i := range 3 {
		f.docs = append(f.docs, doc{createdAt: int64(100 - i), id: fmt.Sprint(i), pos: i, sender: "you", text: "Ab" + fmt.Sprint(i), folded: "ab" + fmt.Sprint(i)})
	}
	v, err := parse(encode(f))
	if err != nil {
		t.Fatal(err)
	}
	g := taskFile{taskID: v.taskID, title: v.title, foldedTitle: v.foldedTitle, stored: v.stored}
	for i := range v.n {
		d, err := v.record(i)
		if err != nil {
			t.Fatal(err)
		}
		g.docs = append(g.docs, d)
	}
	if !reflect.DeepEqual(f, g) {
		t.Fatalf("round trip: %+v", g)
	}
	for _, cut := range []int{5, 20, 40} {
		if _, err := parse(encode(f)[:cut]); err == nil {
			t.Errorf("a file cut to %d bytes parsed", cut)
		}
	}
}

// TestPutWritesEveryDocInOrder: an index written from a transcript, one
// doc at a time through scratch files, reads back as the transcript's docs
// made whole, newest first, and each message's filter admits its words.
func TestPutWritesEveryDocInOrder(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var msgs []api.Message
	for i := range 300 {
		m := api.Message{ID: fmt.Sprint("m", i), Text: fmt.Sprintf("Message %d: Crème brûlée **%d** ÅNGSTRÖM", i, i*7),
			Sender: api.Party{Type: api.ActorAgent}}
		if i%3 != 0 { // some have no time: ordered by position
			m.CreatedAt = api.NewTimestamp(start.Add(time.Duration(i%50) * time.Minute))
		}
		if i%2 == 0 {
			m.Raw = []byte(fmt.Sprintf(`{"id":"m%d"}`, i))
		}
		msgs = append(msgs, m)
	}
	dir := t.TempDir()
	ix := Open(dir)
	if err := ix.Put(api.Task{ID: "t", Title: "Dessert"}, msgs, start); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, fileName("t")))
	if err != nil {
		t.Fatal(err)
	}
	v, err := parse(b)
	if err != nil {
		t.Fatal(err)
	}
	want := docsOf(msgs)
	if v.n != len(want) {
		t.Fatalf("%d docs, want %d", v.n, len(want))
	}
	for i, w := range want {
		d, err := v.record(i)
		if err != nil {
			t.Fatal(err)
		}
		d.folded, d.createdAt = v.folded(i), v.time(i)
		if !reflect.DeepEqual(d, w) {
			t.Fatalf("doc %d is %+v, want %+v", i, d, w)
		}
		p := newProbe(Query{Terms: []string{w.folded[len(w.folded)-8:]}})
		if !p.mayHoldMsg(v.msgFilter(i), 0) || !p.mayHoldFile(v.fileFilter, 0) {
			t.Fatalf("doc %d's filters do not admit its own text", i)
		}
	}
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Fatalf("the index folder holds %d files, want the index alone (no scratch left)", len(names))
	}
}
