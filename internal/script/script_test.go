package script

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	src := `# a washing machine demo
new
I need a washing machine for a family of 5, under $800
wait reply
pause 1.5s

pick 2
open "Microwave search"
open Built-in microwave
say new washing machines please
`
	got, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Step{
		{Line: 2, Kind: New},
		{Line: 3, Kind: Type, Text: "I need a washing machine for a family of 5, under $800"},
		{Line: 4, Kind: Wait},
		{Line: 5, Kind: Pause, D: 1500 * time.Millisecond},
		{Line: 7, Kind: Pick, N: 2},
		{Line: 8, Kind: Open, Text: "Microwave search"},
		{Line: 9, Kind: Open, Text: "Built-in microwave"},
		{Line: 10, Kind: Type, Text: "new washing machines please"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for src, want := range map[string]string{
		"hello\npick 0":                   "line 2: pick takes a suggestion number from 1 to 9",
		"pick two":                        "line 1: pick takes a suggestion number",
		"# c\n\nwait for it":              "line 3: wait is written \"wait reply\"",
		"pause soon":                      "line 1: pause takes a duration",
		"pause 2h":                        "line 1: pause 2h0m0s is longer than 5m0s",
		"open \"unclosed":                 "line 1: open takes a task title in double quotes",
		"open":                            "line 1: open needs the title",
		"new task":                        "line 1: new takes nothing after it",
		"say":                             "line 1: say needs the text",
		"# only a comment\n\n":            "nothing to do",
		"fine\nfine\nfine\npause -1s\nok": "line 4: pause takes a duration",
	} {
		_, err := Parse(strings.NewReader(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}
