package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func write(t *testing.T, text string, perm os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte(text), perm); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadReadsTheDocumentedSchema(t *testing.T) {
	path := write(t, `default_profile = "prod"
theme = "light"
markdown_style = "dracula"
[profiles.prod]
base_url = "https://data-services.aui.io/api/ia-controller"
user = "user_123"
key_env = "AUI_PROD_KEY"
[profiles.staging]
region = "azure"
[keys]
send = ["ctrl+s"]
`, 0o600)
	f, problems, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if f.DefaultProfile != "prod" || f.Theme != "light" || f.MarkdownStyle != "dracula" {
		t.Errorf("top level = %+v", f)
	}
	if p := f.Profiles["prod"]; p.User != "user_123" || p.KeyEnv != "AUI_PROD_KEY" || !strings.HasPrefix(p.BaseURL, "https://") {
		t.Errorf("prod = %+v", p)
	}
	if f.Profiles["staging"].Region != "azure" {
		t.Errorf("staging = %+v", f.Profiles["staging"])
	}
	if got := f.Keys["send"]; len(got) != 1 || got[0] != "ctrl+s" {
		t.Errorf("keys.send = %v", got)
	}
	if names := f.ProfileNames(); strings.Join(names, ",") != "prod,staging" {
		t.Errorf("profile names = %v", names)
	}
}

func TestMissingFileIsAnEmptyConfiguration(t *testing.T) {
	f, problems, err := Load(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil || len(problems) != 0 || f == nil || len(f.Profiles) != 0 {
		t.Fatalf("Load(missing) = %+v, %v, %v", f, problems, err)
	}
}

func TestUnknownSettingsAreReportedWithTheirLine(t *testing.T) {
	path := write(t, `theme = "dark"
colour = "red"
[profiles.prod]
usr = "u"
`, 0o600)
	f, problems, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Theme != "dark" {
		t.Errorf("known settings beside unknown ones are lost: theme = %q", f.Theme)
	}
	want := []string{path + ":2: unknown setting \"colour\"", path + ":4: unknown setting \"profiles.prod.usr\""}
	if len(problems) != len(want) {
		t.Fatalf("problems = %v, want %d", problems, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(problems[i].String(), w) {
			t.Errorf("problem %d = %q, want prefix %q", i, problems[i], w)
		}
	}
}

func TestSyntaxErrorNamesTheLine(t *testing.T) {
	path := write(t, "theme = \"dark\"\nuser = \n", 0o600)
	_, _, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path+":2:") {
		t.Fatalf("err = %v, want one naming line 2", err)
	}
}

func TestBadValuesFallBackToDefaults(t *testing.T) {
	path := write(t, `default_profile = "nope"
theme = "blue"
page_size = 1000
[profiles.a]
region = "mars"
`, 0o600)
	f, problems, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Theme != "" || f.PageSize != 0 || f.DefaultProfile != "" || f.Profiles["a"].Region != "" {
		t.Errorf("bad values kept: %+v", f)
	}
	lines := map[int]bool{}
	for _, p := range problems {
		lines[p.Line] = true
	}
	for _, l := range []int{1, 2, 3, 5} {
		if !lines[l] {
			t.Errorf("no problem reported for line %d: %v", l, problems)
		}
	}
}

func TestKeyInAReadableFileIsWarnedAboutWithoutShowingIt(t *testing.T) {
	if !PermsChecked {
		t.Skip("permissions are not checked on " + runtime.GOOS)
	}
	const secret = "SECRET_KEY_0123456789"
	doc := "[profiles.p]\nkey = \"" + secret + "\"\n"
	path := write(t, doc, 0o644)
	_, problems, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Text, "chmod 600 "+path) || problems[0].Line != 2 {
		t.Fatalf("problems = %v, want one at line 2 naming chmod 600", problems)
	}
	if strings.Contains(problems[0].String(), secret) {
		t.Fatal("the warning shows the key")
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, problems, _ := Load(path); len(problems) != 0 {
		t.Fatalf("a 0600 file is still warned about: %v", problems)
	}
}

func TestProfileKeySources(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	e := env(map[string]string{"PROD_KEY": " k-env \n", "HOME": t.TempDir()})
	if k, err := (Profile{KeyEnv: "PROD_KEY"}).APIKey("prod", e); err != nil || k != "k-env" {
		t.Errorf("key_env: %q, %v", k, err)
	}
	if _, err := (Profile{KeyEnv: "UNSET"}).APIKey("prod", e); err == nil || !strings.Contains(err.Error(), "$UNSET") {
		t.Errorf("unset key_env: %v", err)
	}
	home := e("HOME")
	keyPath := filepath.Join(home, "prod.key")
	if err := os.WriteFile(keyPath, []byte("k-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if k, err := (Profile{KeyFile: "~/prod.key"}).APIKey("prod", e); err != nil || k != "k-file" {
		t.Errorf("key_file: %q, %v", k, err)
	}
	if PermsChecked {
		os.Chmod(keyPath, 0o640)
		if _, err := (Profile{KeyFile: keyPath}).APIKey("prod", e); err == nil || !strings.Contains(err.Error(), "chmod 600") || strings.Contains(err.Error(), "k-file") {
			t.Errorf("readable key_file: %v", err)
		}
	}
	if k, err := (Profile{Key: "k-inline"}).APIKey("prod", e); err != nil || k != "k-inline" {
		t.Errorf("key: %q, %v", k, err)
	}
}

func TestKeyFileThatIsNotARegularFileIsRefused(t *testing.T) {
	if _, err := ReadKeyFile(t.TempDir()); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("err = %v", err)
	}
}

func TestDefaultPathFollowsXDGAndTheOverride(t *testing.T) {
	env := map[string]string{"XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"}
	get := func(k string) string { return env[k] }
	if p, _ := DefaultPath(get); p != filepath.Join("/x/cfg", "aui-tui", FileName) {
		t.Errorf("path = %s", p)
	}
	env[EnvPath] = "/elsewhere/c.toml"
	if p, _ := DefaultPath(get); p != "/elsewhere/c.toml" {
		t.Errorf("path with %s = %s", EnvPath, p)
	}
}

func TestExampleParsesCleanly(t *testing.T) {
	f, problems, err := Parse([]byte(Example), "example")
	if err != nil || len(problems) != 0 {
		t.Fatalf("the example written by config init has problems: %v %v", problems, err)
	}
	if f.Theme != "auto" {
		t.Errorf("theme = %q", f.Theme)
	}
}
