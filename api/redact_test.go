package api

import (
	"strings"
	"testing"
)

func TestRedaction(t *testing.T) {
	in := `Get "wss://h/api/v1/external/session?network_api_key=` + testKey + `&x=1": dial; x-network-api-key=abc`
	out := redactURL(in)
	if strings.Contains(out, testKey) || strings.Contains(out, "abc") || !strings.Contains(out, "network_api_key=REDACTED&x=1") {
		t.Errorf("redactURL: %q", out)
	}
	if got := redactKey("the key "+testKey+" is bad", testKey); got != "the key REDACTED is bad" {
		t.Errorf("redactKey: %q", got)
	}
	if got := safeText("a\x1b[2Jb\r\n\tc\u0085d\u009be", ""); got != "a[2Jb c de" {
		t.Errorf("safeText: %q", got)
	}
}
