package demo

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// AUI's ids come in two forms: tasks and interactions have 24-hex
// MongoDB-style ObjectIds (creation second + random bytes), messages and
// channels have UUID v4 strings.

// newObjectID makes a random ObjectId-like id stamped with t.
func newObjectID(t time.Time) string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(t.Unix()))
	_, _ = rand.Read(b[4:])
	return hex.EncodeToString(b[:])
}

// newUUID makes a random UUID v4.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return formatUUID(b)
}

// derivedObjectID makes a reproducible ObjectId-like id from t and parts,
// for seeded data that must be the same on every run.
func derivedObjectID(t time.Time, parts ...string) string {
	h := digest(parts)
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(t.Unix()))
	copy(b[4:], h[:8])
	return hex.EncodeToString(b[:])
}

// derivedUUID makes a reproducible UUID v4-shaped id from parts.
func derivedUUID(parts ...string) string {
	h := digest(parts)
	var b [16]byte
	copy(b[:], h[:16])
	return formatUUID(b)
}

// digest hashes parts unambiguously (each is length-prefixed).
func digest(parts []string) [32]byte {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// formatUUID sets the version 4 and variant bits and writes the usual
// 8-4-4-4-12 form.
func formatUUID(b [16]byte) string {
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}
