package config

import "testing"

func TestKeyLinesPointAtEveryKey(t *testing.T) {
	doc := []byte(`default_profile = "prod"
# a comment
[profiles.prod]
base_url = "https://x"
  user = "u" # trailing

[keys]
send = ["enter"]
newline = [
  "alt+enter",
  "ctrl+j",
]
quit.extra = "x"
`)
	want := map[string]int{
		"default_profile":        1,
		"profiles.prod":          3,
		"profiles.prod.base_url": 4,
		"profiles.prod.user":     5,
		"keys":                   7,
		"keys.send":              8,
		"keys.newline":           9,
		"keys.quit.extra":        13,
	}
	got := keyLines(doc)
	for k, l := range want {
		if got[k] != l {
			t.Errorf("line of %s = %d, want %d", k, got[k], l)
		}
	}
}
