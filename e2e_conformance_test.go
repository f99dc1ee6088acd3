package main

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"aui-tui/api/apitest"
)

// TestEndToEndConformance is a person's session in LIVE mode against a
// server that serves only what AUI's documentation shows: read a
// transcript in the server's order with its card variants, start a task,
// chat with replies streamed in both documented frame shapes, pick a
// suggestion, and have a message refused by content moderation (its text
// comes back to the composer).
func TestEndToEndConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	hs := httptest.NewServer(apitest.New(3 * time.Millisecond))
	defer hs.Close()
	s := startTmuxEnv(t, 120, 40, []string{"AUI_NETWORK_API_KEY=" + apitest.Key},
		"--base-url", hs.URL, "--user", apitest.UserID, "--theme", "dark")

	s.waitFor("the task list", "tasks · "+apitest.UserID, "Built-in microwave", "page 1 of 1 · 2 tasks", "LIVE", "ws ● connected")

	s.keys("Enter")
	scr := s.waitFor("the documented transcript", "Frigidaire Gallery Series GMBS3068BF", "Finish    Black Stainless")
	// The user's 2025-11-12 question stays above the agent's 2025-10-19
	// answer, as the server sent them.
	q, a := strings.Index(scr, "you · 2025-11-12 14:03"), strings.Index(scr, "agent · 2025-10-19 13:48")
	if q < 0 || a < q {
		t.Fatalf("the transcript is not in the server's order:\n%s", scr)
	}

	s.keys("C-n")
	s.waitFor("the welcome message and starter chips", "perfect product", "1 Show me your best sellers")
	s.typeText("I need a built-in microwave, 20 l or more")
	s.keys("Enter")
	scr = s.waitFor("the reply streamed in cumulative frames", "I found three built-in microwaves with at least 20 liters.", "1 What is the price range?")
	if chip := chipText(scr, 1); chip != "What is the price range?" {
		t.Fatalf("chip 1 = %q; screen:\n%s", chip, scr)
	}
	s.keys("M-1")
	s.waitFor("the reply streamed in envelope chunks", "add this microwave to your cart?", "BLACK+DECKER EM044KB19")

	s.typeText("this is " + apitest.FlagWord)
	s.keys("Enter")
	// The refused text is back in the composer, to be edited; this person
	// clears it (ctrl+u) and writes something else.
	s.waitFor("the refusal on the message", "Content moderation triggered (harmful_content)", "edit it and send again",
		"› this is "+apitest.FlagWord)
	s.keys("C-u")
	// The server closes the socket after refusing; the next message goes
	// through all the same, and nothing claims the connection was lost.
	s.typeText("and the next one?")
	s.keys("Enter")
	scr = s.waitFor("the next reply", "Yes: the Frigidaire Gallery Series GMBS3068BF comes in stainless steel.", "ws ● connected")
	if strings.Contains(scr, "Connection lost") {
		t.Fatalf("a refusal reads as a lost connection:\n%s", scr)
	}

	s.keys("C-c")
	deadline := time.Now().Add(10 * time.Second)
	for s.alive() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if s.alive() {
		t.Fatalf("still running after ctrl+c:\n%s", s.screen())
	}
}
