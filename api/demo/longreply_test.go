package demo

import (
	"strings"
	"testing"
)

func TestLengthenReachesTheWordCount(t *testing.T) {
	const start = "Here are two fridges."
	if got := lengthen(start, 0); got != start {
		t.Fatalf("lengthen(_, 0) changed the text: %q", got)
	}
	got := lengthen(start, 2000)
	if n := len(strings.Fields(got)); n < 2000 || n > 2600 {
		t.Fatalf("lengthen(_, 2000) has %d words, want 2,000 and at most one more answer", n)
	}
	if !strings.HasPrefix(got, start+"\n\n") {
		t.Fatalf("the reply does not start with its own text: %q", got[:60])
	}
	if again := lengthen(start, 2000); again != got {
		t.Fatal("two long replies differ")
	}
}
