package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"aui-tui/api/apitest"
)

// The command line against a server that serves only what AUI's
// documentation shows (api/apitest), with its example payloads.

// conformanceMode serves the conformance server and points the commands at
// it with the documented example key in the environment.
func conformanceMode(t *testing.T) (backend, *apitest.Server, string) {
	t.Helper()
	isolate(t)
	srv := apitest.New(0)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	t.Setenv(envKey, apitest.Key)
	return backend{args: []string{"--base-url", hs.URL, "--user", apitest.UserID}}, srv, hs.URL
}

// fetch is what the server answers a GET, read directly.
func fetch(t *testing.T, url string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("x-network-api-key", apitest.Key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("%v: %s", err, a)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return reflect.DeepEqual(x, y)
}

func TestConformanceTasksJSONIsThePageAsSent(t *testing.T) {
	b, _, base := conformanceMode(t)
	got := mustRun(t, b.cmd("tasks", "--json", "--size", "5")...)
	want := fetch(t, base+"/api/v1/external/tasks?page=1&size=5&user_id="+apitest.UserID)
	if got != want+"\n" {
		t.Errorf("tasks --json:\n%s\nthe server sent:\n%s", got, want)
	}
	// Into a pipe (as here) the footer goes to stderr.
	table, notes, err := runCmd(t, b.cmd("tasks")...)
	row := regexp.MustCompile(regexp.QuoteMeta(apitest.TranscriptTaskID) + ` +\d{4}-\d\d-\d\d \d\d:\d\d +Built-in microwave`)
	if err != nil || !row.MatchString(table) || !strings.Contains(notes, "page 1 of 1 · 2 tasks") {
		t.Errorf("table:\n%s\nnotes: %s (%v)", table, notes, err)
	}
}

// TestConformanceTranscriptEveryFormat prints every task in every format.
func TestConformanceTranscriptEveryFormat(t *testing.T) {
	b, srv, _ := conformanceMode(t)
	for _, id := range []string{apitest.TranscriptTaskID, apitest.EmptyTaskID} {
		for _, format := range transcriptFormats {
			out := mustRun(t, b.cmd("transcript", id, "--format", format, "--width", "100")...)
			if format == "json" && !sameJSON(t, out, string(srv.Transcript(id))) {
				t.Errorf("%s json is not the server's array:\n%s", id, out)
			}
			if id == apitest.EmptyTaskID && (format == "markdown" || format == "text") && !strings.Contains(out, "New Task") {
				t.Errorf("%s %s lacks the title from the task list:\n%s", id, format, out)
			}
		}
	}

	md := mustRun(t, b.cmd("transcript", apitest.TranscriptTaskID, "--format", "markdown")...)
	question := strings.Index(md, "I am looking for a built-in microwave")
	answer := strings.Index(md, "BLACK+DECKER")
	if !strings.HasPrefix(md, "# Built-in microwave\n") || question < 0 || answer < question ||
		!strings.Contains(md, "· 5 messages") || !strings.Contains(md, "  - Finish: Black Stainless; Stainless Steel\n") {
		t.Errorf("markdown:\n%s", md)
	}

	text := mustRun(t, b.cmd("transcript", apitest.TranscriptTaskID, "--format", "text")...)
	for _, want := range []string{
		"Yes: the Frigidaire Gallery Series GMBS3068BF comes in stainless steel.",
		"          Frigidaire Gallery\n  Price   $358.08\n  Finish  Black Stainless\n",
		"See the product page (https://example.com/products) for details.",
		"    - Frigidaire Gallery Series GMBS3068BF (recommended)\n        Price: $358.08\n        Capacity: 1.9\n" +
			"        Features: Sensor cooking, Air fry\n        Finish: Black Stainless; Stainless Steel\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, syntax := range []string{"**", "|---", "| Price"} {
		if strings.Contains(text, syntax) {
			t.Errorf("text keeps markdown %q:\n%s", syntax, text)
		}
	}

	out := mustRun(t, b.cmd("transcript", apitest.TranscriptTaskID, "--format", "ansi", "--width", "120")...)
	if plain := ansi.Strip(out); !strings.Contains(plain, "Finish    Black Stainless, Stainless") {
		t.Errorf("the cards do not list the variants:\n%s", out)
	}
}

func TestConformanceTranscriptNeedsOnlyTheDocumentedCalls(t *testing.T) {
	b, srv, base := conformanceMode(t)
	// No user id: the task id is enough, the title is then unknown.
	out := mustRun(t, "transcript", apitest.TranscriptTaskID, "--format", "json", "--base-url", base)
	if !sameJSON(t, out, string(srv.Transcript(apitest.TranscriptTaskID))) {
		t.Errorf("json without a user:\n%s", out)
	}
	if md := mustRun(t, "transcript", apitest.TranscriptTaskID, "--base-url", base); !strings.Contains(md, "BLACK+DECKER") {
		t.Errorf("markdown without a user:\n%s", md)
	}

	_, _, err := runCmd(t, b.cmd("transcript", "no-such-task")...)
	oneLine(t, err, "not found", "no-such-task")

	t.Setenv(envKey, wrongKey)
	_, _, err = runCmd(t, b.cmd("transcript", apitest.TranscriptTaskID)...)
	msg := oneLine(t, err, "key was rejected")
	if strings.Contains(msg, "not found") {
		t.Errorf("a wrong key reads as a missing task: %q", msg)
	}
}

// TestTranscriptEveryDemoTaskEveryFormat prints each of the demo user's
// tasks in every format, as the conformance test does for the documented
// ones: json is the API's array in its order, text has no markdown left.
func TestTranscriptEveryDemoTaskEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("every demo transcript in every format is skipped in -short mode")
	}
	b := serverMode(t)
	p := decodeTaskPage(t, mustRun(t, b.cmd("tasks", "--json", "--size", "100")...))
	if len(p.Tasks) < 25 {
		t.Fatalf("%d demo tasks", len(p.Tasks))
	}
	for _, task := range p.Tasks {
		want := b.messages(t, task.ID)
		var got []json.RawMessage
		if err := json.Unmarshal([]byte(mustRun(t, b.cmd("transcript", task.ID, "--format", "json")...)), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: json has %d messages, the API %d", task.ID, len(got), len(want))
		}
		for i := range want {
			if !sameJSON(t, string(got[i]), string(want[i].Raw)) {
				t.Fatalf("%s: message %d is not the API's", task.ID, i)
			}
		}
		text := mustRun(t, b.cmd("transcript", task.ID, "--format", "text")...)
		for _, syntax := range []string{"**", "|---", "## ", "\x1b"} {
			if strings.Contains(text, syntax) {
				t.Errorf("%s: text keeps %q", task.ID, syntax)
			}
		}
		md := mustRun(t, b.cmd("transcript", task.ID, "--format", "markdown")...)
		if !strings.HasPrefix(md, "# "+task.Title+"\n") {
			t.Errorf("%s: markdown heading %.60q", task.ID, md)
		}
		if len(want) <= 200 {
			if out := mustRun(t, b.cmd("transcript", task.ID, "--format", "ansi", "--width", "100")...); len(want) > 0 && !strings.Contains(out, "\x1b[") {
				t.Errorf("%s: ansi has no colour", task.ID)
			}
		}
	}
}
