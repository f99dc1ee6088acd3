package demo

import (
	"strings"
	"testing"
)

func TestParseChaos(t *testing.T) {
	c, err := ParseChaos("latency=200ms±150ms,http5xx=0.2,ws-drop=0.1,truncate=0.05,silent=0.05,401-after=50,seed=7")
	if err != nil {
		t.Fatal(err)
	}
	if c.latency.Milliseconds() != 200 || c.jitter.Milliseconds() != 150 || c.p["http5xx"] != 0.2 || c.unauthAfter != 50 {
		t.Fatalf("parsed %+v", c)
	}
	for i := 0; i < 100; i++ {
		if d := c.delay(); d < 50e6 || d > 350e6 {
			t.Fatalf("latency %v outside 200ms±150ms", d)
		}
	}
	if c, err := ParseChaos(""); c != nil || err != nil {
		t.Fatalf("empty spec: %v %v", c, err)
	}
	for _, bad := range []string{"http5xx=2", "latency=fast", "bogus=1", "silent", "401-after=-1"} {
		if _, err := ParseChaos(bad); err == nil || !strings.HasPrefix(err.Error(), "chaos: ") {
			t.Errorf("ParseChaos(%q) = %v, want an error", bad, err)
		}
	}
}

// TestChaosFaults: each REST fault at probability 1 answers every call.
func TestChaosFaults(t *testing.T) {
	srv, hs := newTestServer(t, Options{Seed: true})
	list := hs.URL + "/api/v1/external/tasks?user_id=" + DefaultUserID
	for spec, want := range map[string]int{"http5xx=1": 500, "http429=1": 429, "http403=1": 403, "invalid-json=1": 200} {
		c, err := ParseChaos(spec + ",seed=1")
		if err != nil {
			t.Fatal(err)
		}
		srv.SetChaos(c)
		got, b := call(t, "GET", list, DefaultKey, "")
		if got/100 != want/100 || (want == 200 && strings.HasSuffix(string(b), "}")) {
			t.Errorf("%s: status %d body %.60s", spec, got, b)
		}
	}
	c, _ := ParseChaos("401-after=1")
	srv.SetChaos(c)
	mustCall(t, 200, "GET", list, DefaultKey, "")
	mustCall(t, 401, "GET", list, DefaultKey, "")
	srv.SetChaos(nil)
	mustCall(t, 200, "GET", list, DefaultKey, "")
}
