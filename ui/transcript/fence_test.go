package transcript

import (
	"testing"

	"aui-tui/theme"
)

func TestPlainFencesNamesOnlyBareOpeningFences(t *testing.T) {
	cases := map[string]string{
		"no code":                          "no code",
		"```\nx := 1\n```\n":               "```text\nx := 1\n```\n",
		"```go\nx := 1\n```\n":             "```go\nx := 1\n```\n",
		"a\n````\n```\ninner\n````\nb":     "a\n````text\n```\ninner\n````\nb",
		"~~~\nq\n~~~\n```\nr\n```":         "~~~text\nq\n~~~\n```text\nr\n```",
		"  ```\nindented fence\n  ```":     "  ```text\nindented fence\n  ```",
		"    ```\nindented code, no fence": "    ```\nindented code, no fence",
		// A closing fence may end in blanks; the next block is still bare.
		"```\na\n```  \n```\nb\n```": "```text\na\n```  \n```text\nb\n```",
	}
	for in, want := range cases {
		if got := plainFences(in); got != want {
			t.Errorf("plainFences(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainFencesRenderTheSame(t *testing.T) {
	st := theme.New(true, false)
	src := "**Specifications**\n\n```\nCapacity: 25 l\nPower: 900 W\n```\n\nAnything else?"
	r := NewRenderer()
	r.mu.Lock()
	plain, ok1 := r.render(st, 80, src)
	named, ok2 := r.render(st, 80, plainFences(src))
	r.mu.Unlock()
	if !ok1 || !ok2 || plain != named {
		t.Fatalf("naming the fence changed the render:\n%q\n%q", plain, named)
	}
}
