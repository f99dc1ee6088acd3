package export

import (
	"encoding/json"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/internal/hostile"
)

// TestHostileCorpusInExports: the e and E exports (Markdown, JSON, text)
// and the file name hold nothing that acts on a terminal, whatever the
// server put in any field.
func TestHostileCorpusInExports(t *testing.T) {
	corpus := hostile.Corpus()
	var task api.Task
	if err := json.Unmarshal([]byte(hostile.TaskJSON(corpus, 0)), &task); err != nil {
		t.Fatal(err)
	}
	var msgs []api.Message
	if err := json.Unmarshal([]byte(hostile.MessagesJSON(corpus, hostile.Big())), &msgs); err != nil {
		t.Fatal(err)
	}
	j, err := JSON(msgs)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{
		"markdown": Markdown(task, msgs, time.UTC),
		"text":     Text(task, msgs, time.UTC),
		"json":     string(j),
		"file":     FileName(task, true),
	} {
		if err := hostile.Check(out, false); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	var back []api.Message
	if err := json.Unmarshal(j, &back); err != nil || len(back) != len(msgs) {
		t.Fatalf("the JSON export does not decode to the %d messages: %v", len(msgs), err)
	}
}
