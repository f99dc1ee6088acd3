package sshserve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func TestHostKeyIsMadeOnceWithMode0600AndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "aui-tui", hostKeyName)
	first, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created || fi.Mode().Perm() != 0o600 {
		t.Fatalf("created %v, mode %v; want a new 0600 file", first.Created, fi.Mode().Perm())
	}
	if _, err := gossh.ParsePrivateKey(first.PEM); err != nil {
		t.Fatalf("the host key does not parse: %v", err)
	}
	again, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created || again.Fingerprint != first.Fingerprint || !strings.HasPrefix(first.Fingerprint, "SHA256:") {
		t.Fatalf("second start: created %v, %s; first %s", again.Created, again.Fingerprint, first.Fingerprint)
	}
}

func TestHostKeyOthersCanReadIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), hostKeyName)
	if _, err := LoadOrCreateHostKey(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadOrCreateHostKey(path)
	if err == nil || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Fatalf("a readable host key: %v", err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "move it aside") {
		t.Fatalf("a damaged host key: %v", err)
	}
}

func TestLoadAuthorizedKeys(t *testing.T) {
	dir := t.TempDir()
	k1, k2 := newKey(t).PublicKey(), newKey(t).PublicKey()
	good := filepath.Join(dir, "good")
	content := "# team\n\n" + string(gossh.MarshalAuthorizedKey(k1)) + "  " + strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k2))) + " alice@laptop\n"
	if err := os.WriteFile(good, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := LoadAuthorizedKeys(good)
	if err != nil || len(keys) != 2 || gossh.FingerprintSHA256(keys[1]) != gossh.FingerprintSHA256(k2) {
		t.Fatalf("read %d keys, %v", len(keys), err)
	}

	bad := filepath.Join(dir, "bad")
	os.WriteFile(bad, []byte(string(gossh.MarshalAuthorizedKey(k1))+"ssh-ed25519 AAAAnotakey\n"), 0o600)
	if _, err := LoadAuthorizedKeys(bad); err == nil || !strings.Contains(err.Error(), bad+" line 2 is not a public key") {
		t.Errorf("a bad line: %v", err)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("# nobody yet\n"), 0o600)
	if _, err := LoadAuthorizedKeys(empty); err == nil || !strings.Contains(err.Error(), "holds no public keys") {
		t.Errorf("an empty file: %v", err)
	}
	if _, err := LoadAuthorizedKeys(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "cannot read the authorized keys") {
		t.Errorf("a missing file: %v", err)
	}
}
