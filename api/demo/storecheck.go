package demo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// The bbolt file layout the check below reads: two meta pages at the start
// (page 0 and page 1), each a 16-byte page header then the meta fields.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	boltPageHeader = 16
	boltMetaSize   = 64 // magic … txid, then the checksum
	boltMinPages   = 4  // two meta pages, a freelist and a root leaf
)

// checkStoreFile reads the file's meta pages and compares its size with the
// pages they say it holds, before bbolt maps it into memory. bbolt trusts
// those numbers: a file cut short (a crash, a full disk) makes it touch
// memory past the end of the file, which kills the process with SIGBUS, a
// fault no recover can catch. A missing or empty file is fine (bbolt
// starts a new one); anything else unusable is errDamaged.
func checkStoreFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: it is not a regular file", errDamaged)
	}
	size := fi.Size()
	if size == 0 {
		return nil
	}
	first, err := readMeta(f, 0)
	if err != nil {
		return err
	}
	valid := []boltMeta{}
	if first.ok() {
		valid = append(valid, first)
	}
	// The second meta page sits one page in; its size comes from the
	// first (either may be the damaged one, so fall back to 4 KiB).
	pageSize := int64(first.pageSize)
	if !first.ok() {
		pageSize = 4096
	}
	if second, err := readMeta(f, pageSize); err == nil && second.ok() {
		valid = append(valid, second)
	}
	if len(valid) == 0 {
		return fmt.Errorf("%w: no valid header", errDamaged)
	}
	for _, m := range valid {
		need := int64(max(m.pgid, boltMinPages)) * int64(m.pageSize)
		if m.pageSize < 512 || m.pageSize > 1<<20 || size < need {
			return fmt.Errorf("%w: the file is %d bytes, its header says %d", errDamaged, size, need)
		}
	}
	return nil
}

// boltMeta is the part of a meta page the check needs.
type boltMeta struct {
	magic, version, pageSize uint32
	pgid                     uint64
	checksum, sum            uint64
}

// ok reports a meta page bbolt itself would accept.
func (m boltMeta) ok() bool {
	return m.magic == boltMagic && m.version == boltVersion && m.checksum == m.sum
}

// readMeta reads the meta page at byte offset off.
func readMeta(f *os.File, off int64) (boltMeta, error) {
	var b [boltPageHeader + boltMetaSize]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		if errors.Is(err, io.EOF) {
			return boltMeta{}, fmt.Errorf("%w: the file is too short", errDamaged)
		}
		return boltMeta{}, err
	}
	m := b[boltPageHeader:]
	le := binary.NativeEndian // bbolt writes its pages in the machine's byte order
	h := fnv.New64a()
	_, _ = h.Write(m[:56])
	return boltMeta{
		magic:    le.Uint32(m[0:]),
		version:  le.Uint32(m[4:]),
		pageSize: le.Uint32(m[8:]),
		pgid:     le.Uint64(m[40:]),
		checksum: le.Uint64(m[56:]),
		sum:      h.Sum64(),
	}, nil
}
