package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/internal/config"
)

// writeConfig writes the configuration file where the program looks for it.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path, err := config.DefaultPath(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPrecedenceFlagsThenEnvThenProfileThenDefaults(t *testing.T) {
	file, _, err := config.Parse([]byte(`default_profile = "prod"
[profiles.prod]
base_url = "https://prod.example/api"
user = "profile_user"
key_env = "PROD_KEY"
[profiles.eu]
region = "azure"
key = "inline-key"
`), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	type env map[string]string
	tests := []struct {
		name            string
		flags           connFlags
		profile         string // as --profile would set it
		env             env
		base, user, key string
		named           bool
	}{
		{"defaults: no profile, nothing set", connFlags{}, "-", env{}, api.BaseURLGCP, "", "", false},
		{"profile from default_profile", connFlags{}, "", env{"PROD_KEY": "k-prod"}, "https://prod.example/api", "profile_user", "k-prod", true},
		{"env beats profile", connFlags{}, "", env{"PROD_KEY": "k-prod", envUser: "env_user", envKey: "k-env", envBaseURL: "https://env.example"}, "https://env.example", "env_user", "k-env", true},
		{"env region beats profile base_url", connFlags{}, "", env{"PROD_KEY": "k", envRegion: "azure"}, api.BaseURLAzure, "profile_user", "k", true},
		{"flags beat env", connFlags{baseURL: "https://flag.example", user: "flag_user"}, "", env{"PROD_KEY": "k", envUser: "env_user", envBaseURL: "https://env.example"}, "https://flag.example", "flag_user", "k", true},
		{"--region flag beats env base URL", connFlags{region: "azure"}, "", env{"PROD_KEY": "k", envBaseURL: "https://env.example"}, api.BaseURLAzure, "profile_user", "k", true},
		{"$AUI_PROFILE beats default_profile", connFlags{}, "", env{envProfile: "eu"}, api.BaseURLAzure, "", "inline-key", true},
		{"--profile beats $AUI_PROFILE", connFlags{}, "prod", env{envProfile: "eu", "PROD_KEY": "k"}, "https://prod.example/api", "profile_user", "k", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			g := globalFlags{profile: tt.profile}
			s := &setup{file: file}
			if tt.profile == "-" {
				s.file = &config.File{}
				g.profile = ""
			}
			s.profile, s.profileFrom = g.profile, "--profile"
			if s.profile == "" {
				s.profile = getenv(envProfile)
			}
			if s.profile == "" {
				s.profile = s.file.DefaultProfile
			}
			got, err := resolveTarget(tt.flags, s, getenv)
			if err != nil {
				t.Fatal(err)
			}
			if got.base != tt.base || got.user != tt.user || got.key != tt.key || got.named != tt.named {
				t.Errorf("got base %q user %q key %q named %v, want %q %q %q %v", got.base, got.user, got.key, got.named, tt.base, tt.user, tt.key, tt.named)
			}
		})
	}
}

// profileServer is a demo server and a configuration whose profile "local"
// points at it, the key read from $LOCAL_KEY.
func profileServer(t *testing.T, extra string) (*api.Client, string) {
	t.Helper()
	isolate(t)
	c, stop := serveDemo(t, filepath.Join(t.TempDir(), "demo.db"))
	t.Cleanup(stop)
	path := writeConfig(t, `[profiles.local]
base_url = "`+c.BaseURL()+`"
user = "`+demo.DefaultUserID+`"
key_env = "LOCAL_KEY"
`+extra)
	return c, path
}

func TestProfileSelectsServerUserAndKey(t *testing.T) {
	profileServer(t, "")
	t.Setenv("LOCAL_KEY", demo.DefaultKey)

	// Without a profile chosen, no key: demo mode, as before.
	if p := decodeTaskPage(t, mustRun(t, "tasks", "--json", "--demo-pace", "0")); p.Total < 25 {
		t.Fatalf("demo mode: %+v", p)
	}
	t.Setenv(envProfile, "local")
	if p := decodeTaskPage(t, mustRun(t, "tasks", "--json")); p.Total < 25 {
		t.Errorf("with $%s: %+v", envProfile, p)
	}
	t.Setenv(envProfile, "")
	if p := decodeTaskPage(t, mustRun(t, "tasks", "--json", "--profile", "local")); p.Total < 25 {
		t.Errorf("with --profile: %+v", p)
	}

	// The key variable unset: the error says which variable, and how out.
	t.Setenv("LOCAL_KEY", "")
	_, _, err := runCmd(t, "tasks", "--profile", "local")
	oneLine(t, err, `profile "local"`, "$LOCAL_KEY", "--demo")

	_, _, err = runCmd(t, "tasks", "--profile", "nope")
	oneLine(t, err, `--profile names profile "nope"`, "local")
}

func TestDefaultProfileAndFlagOverride(t *testing.T) {
	_, path := profileServer(t, "")
	doc, _ := os.ReadFile(path)
	if err := os.WriteFile(path, append([]byte("default_profile = \"local\"\n"), doc...), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LOCAL_KEY", demo.DefaultKey)
	if p := decodeTaskPage(t, mustRun(t, "tasks", "--json")); p.Total < 25 {
		t.Errorf("default_profile: %+v", p)
	}
	// A flag wins over the profile: this base URL has nothing listening.
	_, _, err := runCmd(t, "tasks", "--base-url", "http://127.0.0.1:1", "--timeout", "2s")
	oneLine(t, err, "127.0.0.1:1")
}

func TestConfigProblemsAreWarnedAtStartWithLines(t *testing.T) {
	_, path := profileServer(t, "[keys]\nsned = [\"x\"]\n")
	doc, _ := os.ReadFile(path)
	if err := os.WriteFile(path, append([]byte("colour = \"red\"\n"), doc...), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := runCmd(t, "tasks", "--demo", "--demo-pace", "0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, path+":1: unknown setting \"colour\"") {
		t.Errorf("stderr lacks the unknown setting with its line:\n%s", errOut)
	}
}

func TestConfigHoldingAKeyReadableByOthersIsWarnedAbout(t *testing.T) {
	if !config.PermsChecked {
		t.Skip("permissions are not checked on this OS")
	}
	c, _ := profileServer(t, "")
	path := writeConfig(t, `[profiles.local]
base_url = "`+c.BaseURL()+`"
user = "demo_user"
key = "`+demo.DefaultKey+`"
`)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, "tasks", "--profile", "local")
	if err != nil {
		t.Fatalf("a readable file still works, with a warning: %v", err)
	}
	if !strings.Contains(errOut, "chmod 600 "+path) {
		t.Errorf("no warning naming the fix:\n%s", errOut)
	}
	if strings.Contains(errOut+out, demo.DefaultKey) {
		t.Errorf("the key was printed:\n%s%s", out, errOut)
	}
}

func TestBrokenConfigFailsCommandsThatConnectOnly(t *testing.T) {
	isolate(t)
	path := writeConfig(t, "theme = \n")
	_, _, err := runCmd(t, "tasks", "--demo")
	oneLine(t, err, path+":1:", "fix the file")
	if got := strings.TrimSpace(mustRun(t, "config", "path")); got != path {
		t.Errorf("config path = %q, want %q", got, path)
	}
}

func TestConfigPathAndInit(t *testing.T) {
	isolate(t)
	want := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "aui-tui", "config.toml")
	if got := strings.TrimSpace(mustRun(t, "config", "path")); got != want {
		t.Errorf("config path = %q, want %q", got, want)
	}
	other := filepath.Join(t.TempDir(), "other.toml")
	if got := strings.TrimSpace(mustRun(t, "config", "path", "--config", other)); got != other {
		t.Errorf("config path --config = %q", got)
	}
	mustRun(t, "config", "init")
	b, err := os.ReadFile(want)
	if err != nil || string(b) != config.Example {
		t.Fatalf("config init wrote %q, %v", b, err)
	}
	if fi, _ := os.Stat(want); config.PermsChecked && fi.Mode().Perm() != 0o600 {
		t.Errorf("config init wrote mode %v, want 0600", fi.Mode().Perm())
	}
	_, _, err = runCmd(t, "config", "init")
	oneLine(t, err, "already exists", "--force")
	mustRun(t, "config", "init", "--force")
}

func TestMistypedCommandSuggestsTheRightOne(t *testing.T) {
	isolate(t)
	_, _, err := runCmd(t, "tsks")
	if err == nil || !strings.Contains(err.Error(), "Did you mean this?") || !strings.Contains(err.Error(), "tasks") {
		t.Fatalf("err = %v", err)
	}
}

func TestNamedConfigFileMustExist(t *testing.T) {
	isolate(t)
	missing := filepath.Join(t.TempDir(), "nope.toml")
	_, _, err := runCmd(t, "tasks", "--demo", "--config", missing)
	oneLine(t, err, missing, "does not exist", "config init")
	t.Setenv(config.EnvPath, missing)
	_, _, err = runCmd(t, "tasks", "--demo")
	oneLine(t, err, missing, "does not exist")
	// config init creates it.
	mustRun(t, "config", "init")
	if _, err := os.Stat(missing); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "tasks", "--demo", "--demo-pace", "0")
}

func TestConfigShowRefusesWhatEveryCommandRefuses(t *testing.T) {
	isolate(t)
	for _, mode := range [][]string{{"--demo"}, {}} {
		out := mustRun(t, append([]string{"config", "show", "--region", "mars"}, mode...)...)
		if !strings.Contains(out, `mode           cannot connect: --region: unknown region "mars"`) {
			t.Errorf("config show --region mars %v:\n%s", mode, out)
		}
	}
}

func TestConfigShowSaysWhereEachSettingComesFromWithoutTheKey(t *testing.T) {
	profileServer(t, "")
	t.Setenv("LOCAL_KEY", demo.DefaultKey)
	t.Setenv(envUser, "env_user")
	out := mustRun(t, "config", "show", "--profile", "local")
	for _, want := range []string{
		"profile        local (from --profile)",
		"mode           live",
		`(from profile "local")`,
		"user           env_user (from $" + envUser + ")",
		`API key        set, from profile "local", $LOCAL_KEY`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("config show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, demo.DefaultKey) {
		t.Fatalf("config show printed the key:\n%s", out)
	}
	t.Setenv("LOCAL_KEY", "")
	out = mustRun(t, "config", "show", "--profile", "local")
	if !strings.Contains(out, "cannot connect: ") || !strings.Contains(out, "$LOCAL_KEY, which is not set") {
		t.Errorf("config show with the key variable unset:\n%s", out)
	}
}
