package search

import (
	"encoding/binary"
	"errors"
	"unsafe"
)

// magic starts every index file; a file of another format is ignored (and
// rewritten when its transcript is next stored).
const magic = "AUISRCH1"

var errFormat = errors.New("not a search index file")

// taskFile is one transcript's index: its task and its docs, newest first.
//
//	magic, taskID, title, folded title, stored (ns), count,
//	count × (createdAt, id, pos, sender, text, folded)
//
// Strings are a uvarint length then the bytes; numbers are varints.
type taskFile struct {
	taskID, title, foldedTitle string
	stored                     int64
	docs                       []doc
}

func encode(f taskFile) []byte {
	n := len(magic) + 64 + len(f.taskID) + 2*len(f.title)
	for _, d := range f.docs {
		n += 40 + len(d.id) + len(d.sender) + len(d.text) + len(d.folded)
	}
	b := make([]byte, 0, n)
	b = append(b, magic...)
	b = appendString(b, f.taskID)
	b = appendString(b, f.title)
	b = appendString(b, f.foldedTitle)
	b = binary.AppendVarint(b, f.stored)
	b = binary.AppendUvarint(b, uint64(len(f.docs)))
	for _, d := range f.docs {
		b = binary.AppendVarint(b, d.createdAt)
		b = appendString(b, d.id)
		b = binary.AppendUvarint(b, uint64(d.pos))
		b = appendString(b, d.sender)
		b = appendString(b, d.text)
		b = appendString(b, d.folded)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// reader walks an index file's bytes. Its strings share the file's buffer
// (never changed once read), so scanning allocates nothing per message.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := unsafe.String(unsafe.SliceData(r.b), int(n))
	r.b = r.b[n:]
	return s
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errFormat
	}
	r.b = nil
}

// header reads a file's task fields, leaving r at its first doc; it
// returns the number of docs.
func (r *reader) header(f *taskFile) int {
	if len(r.b) < len(magic) || string(r.b[:len(magic)]) != magic {
		r.fail()
		return 0
	}
	r.b = r.b[len(magic):]
	f.taskID, f.title, f.foldedTitle = r.str(), r.str(), r.str()
	f.stored = r.varint()
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

// next reads one doc into d.
func (r *reader) next(d *doc) {
	d.createdAt = r.varint()
	d.id = r.str()
	d.pos = int(r.uvarint())
	d.sender = r.str()
	d.text = r.str()
	d.folded = r.str()
}
