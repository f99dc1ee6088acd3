package sshserve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// LoadAuthorizedKeys reads an OpenSSH authorized_keys file: one public key
// a line, blank lines and # comments skipped. A line that is not a key is
// an error naming the line, so a typo does not silently lock someone out.
func LoadAuthorizedKeys(path string) ([]gossh.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the authorized keys %s: %w", path, unwrapPath(err))
	}
	var keys []gossh.PublicKey
	for n, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("%s line %d is not a public key (%v); it should look like a line of ~/.ssh/authorized_keys", path, n+1, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s holds no public keys, so nobody could connect; add one (e.g. ~/.ssh/id_ed25519.pub) or use --open", path)
	}
	return keys, nil
}

// unwrapPath drops the path an *os.PathError repeats, as the message
// already names the file.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// authOptions are the server's authentication methods: only the listed
// keys, or (open) any key and keyboard-interactive with no questions, so
// that anyone with an ssh client gets in.
func authOptions(keys []gossh.PublicKey, open bool) []ssh.Option {
	if open {
		return []ssh.Option{
			ssh.PublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
			ssh.KeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		}
	}
	return []ssh.Option{
		ssh.PublicKeyAuth(func(_ ssh.Context, key ssh.PublicKey) bool {
			for _, k := range keys {
				if ssh.KeysEqual(key, k) {
					return true
				}
			}
			return false
		}),
	}
}

// keyID is a short stable name for a public key: the same key maps to the
// same visitor on every connection.
func keyID(key ssh.PublicKey) string {
	sum := sha256.Sum256(key.Marshal())
	return hex.EncodeToString(sum[:6])
}
