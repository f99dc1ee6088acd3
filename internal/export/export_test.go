package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
)

const sample = `[
 {"id":"8af51ed1-0181-4bc8-bbc9-29949b8e26da","created_at":"2025-10-09 12:26:07.576000","text":"I need a microwave",
  "sender":{"id":"user123","type":"user","email":null},"receiver":{"id":"intelligent-agent","type":"agent","email":null},
  "options":[],"variants_options":[],"followup_suggestions":[],"extra_field":{"kept":true}},
 {"id":"507f1f77bcf86cd799439011","created_at":"2026-03-09T14:22:01.000Z","text":"Here is **one**\u001b]52;c;aGk=\u0007",
  "sender":{"id":"agent_abc123","type":"agent","email":"agent@aui.io"},"receiver":{"id":"user_xyz789","type":"user","email":null},
  "options":[{"is_recommended":true,"widget_parameters":[{"title":"Product name","value":"Nordvik | BM25X","type":"string"},{"title":"Price","value":358.08,"type":"numeric"}]}],
  "variants_options":[],"followup_suggestions":["Cheaper?","Compare"]}
]`

func decode(t *testing.T, b []byte) []api.Message {
	t.Helper()
	var msgs []api.Message
	if err := json.Unmarshal(b, &msgs); err != nil {
		t.Fatal(err)
	}
	return msgs
}

func TestJSONRoundTripsEveryFieldAsReceived(t *testing.T) {
	in := decode(t, []byte(sample))
	out, err := JSON(in)
	if err != nil {
		t.Fatal(err)
	}
	back := decode(t, out)
	if len(back) != len(in) {
		t.Fatalf("%d messages back, want %d", len(back), len(in))
	}
	for i := range in {
		a, b := in[i], back[i]
		a.Raw, b.Raw = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("message %d differs:\n%+v\n%+v", i, a, b)
		}
	}
	if !strings.Contains(string(out), `"extra_field":{"kept":true}`) {
		t.Fatal("a field the client does not know was dropped from the export")
	}
}

func TestJSONOfLocalMessages(t *testing.T) {
	local := []api.Message{{Text: "typed here", Sender: api.Party{ID: "u", Type: api.ActorUser},
		CreatedAt: api.NewTimestamp(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))}}
	out, err := JSON(local)
	if err != nil {
		t.Fatal(err)
	}
	back := decode(t, out)
	if len(back) != 1 || back[0].Text != "typed here" || !back[0].CreatedAt.Equal(local[0].CreatedAt.Time) {
		t.Fatalf("local message did not round-trip: %+v", back)
	}
}

func TestMarkdownIsReadableAndSafe(t *testing.T) {
	msgs := decode(t, []byte(sample))
	md := Markdown(api.Task{ID: "t1", UserID: "u", Title: "Microwave\x1b[2J search", WelcomeMessage: "Hi!"}, msgs, time.UTC)
	for _, want := range []string{"# Microwave search", "## agent (welcome)", "## you · 2025-10-09 12:26", "## agent · 2026-03-09 14:22",
		"**Nordvik \\| BM25X** ★ recommended", "Price: 358.08", "1. Cheaper?"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.ContainsRune(md, 0x1b) || strings.ContainsRune(md, 0x07) {
		t.Fatal("control characters reached the markdown")
	}
}

func TestTextLabelsTurns(t *testing.T) {
	txt := Text(api.Task{ID: "t1", Title: "T"}, decode(t, []byte(sample)), time.UTC)
	if !strings.Contains(txt, "you [2025-10-09 12:26]:\n  I need a microwave\n") || !strings.Contains(txt, "agent [2026-03-09 14:22]:\n  Here is one\n") {
		t.Fatalf("text export:\n%s", txt)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	task := api.Task{ID: "68e78d0dc5a4b19a030d03d6", Title: "../../etc/Microwave: 20 L?"}
	path, err := WriteFile(dir, task, decode(t, []byte(sample)), time.UTC, true)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir || filepath.Base(path) != "aui-68e78d0d-etc-microwave-20-l.json" {
		t.Fatalf("path = %s", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, b); len(got) != 2 {
		t.Fatalf("file holds %d messages", len(got))
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("export mode %v, want 0600 (transcripts are private)", fi.Mode().Perm())
	}
}

func TestPlainHasNoMarkdown(t *testing.T) {
	md := "## Two picks\n\nI found **two quiet dishwashers**, *both* with `AutoDry`:\n\n" +
		"| | Nordvik DW14 | Kestrel Integra 60 |\n|---|:---:|---|\n| Noise | 42 dB | 44 dB |\n| Price | $649 | $7\\|99 |\n\n" +
		"* fits 60 cm\n+ see [the shop](https://shop.example/dw14)\n\n---\n> **Verdict:** the snake_case_name stays, 2 * 3 too.\n" +
		"Rated (**C**), the **Kestrel** leads; ~~x~~ and ~~old price~~."
	got := Plain(md)
	want := "Two picks\n\nI found two quiet dishwashers, both with AutoDry:\n\n" +
		"       Nordvik DW14  Kestrel Integra 60\nNoise  42 dB         44 dB\nPrice  $649          $7|99\n\n" +
		"- fits 60 cm\n- see the shop (https://shop.example/dw14)\n\n\n  Verdict: the snake_case_name stays, 2 * 3 too.\n" +
		"Rated (C), the Kestrel leads; x and old price."
	if got != want {
		t.Errorf("plain:\n%s\nwant:\n%s", got, want)
	}
}

// cardsSample is the cards shape with variants (sub_entities).
const cardsSample = `[{"id":"e7b9","created_at":"2025-10-19 13:48:13.764000","text":"Yes: **this one**.",
 "sender":{"id":"intelligent-agent","type":"agent","email":null},"receiver":{"id":"u","type":"user","email":null},
 "cards":[{"id":"prod_123","name":"Frigidaire Gallery Series GMBS3068BF","is_recommended":true,
  "parameters":[{"title":"Price","value":"$358.08","type":"string"},{"title":"Capacity","value":1.9,"type":"numeric"}],
  "sub_entities":[{"name":"Finish","items":[{"parameters":[{"title":"Finish","value":"Black Stainless"}]},{"parameters":[{"title":"Finish","value":"Stainless Steel"}]}]}]}],
 "followup_suggestions":["Cheaper?"]}]`

func TestCardVariantsInEveryFormat(t *testing.T) {
	msgs := decode(t, []byte(cardsSample))
	task := api.Task{ID: "t1", Title: "Microwave"}
	md := Markdown(task, msgs, time.UTC)
	if !strings.Contains(md, "  - Finish: Black Stainless; Stainless Steel\n") || !strings.Contains(md, "· 1 message\n") {
		t.Errorf("markdown:\n%s", md)
	}
	text := Text(task, msgs, time.UTC)
	for _, want := range []string{
		"Microwave (t1) · 1 message\n",
		"agent [2025-10-19 13:48]:\n  Yes: this one.\n",
		"    - Frigidaire Gallery Series GMBS3068BF (recommended)\n        Price: $358.08\n        Capacity: 1.9\n        Finish: Black Stainless; Stainless Steel\n",
		"    1. Cheaper?\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "**") {
		t.Errorf("text keeps markdown:\n%s", text)
	}
}

// TestJSONEscapesRawControls: a server may send C1, DEL and bidi characters
// unescaped inside its JSON strings; the export writes them as escapes with
// the same meaning.
func TestJSONEscapesRawControls(t *testing.T) {
	raw := "[{\"id\":\"m1\",\"text\":\"a\u009b2Jb\x7fc\u202ed\u009d0;t\u009c\",\"sender\":{\"id\":\"a\",\"type\":\"agent\"}}]"
	in := decode(t, []byte(raw))
	out, err := JSON(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range string(out) {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e {
			t.Fatalf("export holds raw %U: %q", r, out)
		}
	}
	back := decode(t, out)
	if back[0].Text != in[0].Text {
		t.Fatalf("text = %q, want %q as received", back[0].Text, in[0].Text)
	}
}
