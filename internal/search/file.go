package search

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"sort"
	"strings"
	"unsafe"

	"aui-tui/api"
)

// magic starts every index file; a file of another format is ignored (and
// rewritten when its transcript is next stored).
const magic = "AUISRCH3"

var errFormat = errors.New("not a search index file")

// taskFile is one transcript's index: its task and its docs, newest first.
//
//	magic, taskID, title, folded title, stored (ns), count n,
//	n × uint32  where each doc's folded text starts in the block
//	n × uint32  where each doc's record starts in the records
//	n × int64   each doc's time (Unix ns)
//	n × uint32  where each doc's trigram filter starts in the filters
//	uint32 length, the file's trigram filter
//	uint32 length, filters: each doc's trigram filter (see filter)
//	uint32 block length, block: every doc's folded text, each ended by "\n"
//	records:    n × (id, pos, sender, text)
//
// Strings are a uvarint length then the bytes; fixed-size numbers are
// little-endian. The folded texts are one block so that a search runs one
// fast substring scan over it, newest message first, and reads a record
// only for a hit; the fixed-size tables are read in place. The filters let
// a search skip a file, or a message, that cannot hold a query's words
// without reading its text.
type taskFile struct {
	taskID, title, foldedTitle string
	stored                     int64
	// The docs, newest first: docs, or when that is nil, made from msgs
	// in order (see orderOf) one at a time as the file is written.
	docs  []doc
	msgs  []api.Message
	order []int
}

func (f taskFile) count() int {
	if f.docs != nil {
		return len(f.docs)
	}
	return len(f.order)
}

func (f taskFile) doc(i int) doc {
	if f.docs != nil {
		return f.docs[i]
	}
	return docOf(f.msgs[f.order[i]], f.order[i])
}

// textSize is about how long the docs' folded texts come to, to size the
// file's filter: the messages' JSON when it was kept, a bound on it.
func (f taskFile) textSize() int {
	size := 0
	for _, d := range f.docs {
		size += len(d.text)
	}
	for _, m := range f.msgs {
		if len(m.Raw) > 0 {
			size += len(m.Raw)
		} else {
			size += len(m.Text)
		}
	}
	return size
}

// encodeTo writes f's file to w. Its docs are made one at a time (see
// taskFile.doc) and their folded texts and records written to block and
// recs, then copied after the tables, which need their offsets: a long
// transcript's text is never held whole, let alone twice.
func encodeTo(w io.Writer, f taskFile, block, recs io.ReadWriter) error {
	n := f.count()
	starts := make([]uint32, n)
	recStarts := make([]uint32, n)
	filterStarts := make([]uint32, n)
	times := make([]int64, n)
	var filters []byte
	fileF := newFileFilter(f.textSize())
	blockLen, recsLen := 0, 0
	bw, rw := bufio.NewWriter(block), bufio.NewWriter(recs)
	var b []byte
	for i := range n {
		d := f.doc(i)
		folded := d.folded
		if folded == "" {
			folded = Fold(d.text)
		}
		times[i] = d.createdAt
		filterStarts[i] = uint32(len(filters))
		filters = append(filters, msgFilter(folded)...)
		fileF.addFolded(folded)
		starts[i] = uint32(blockLen)
		if _, err := bw.WriteString(folded); err != nil {
			return err
		}
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
		blockLen += len(folded) + 1
		recStarts[i] = uint32(recsLen)
		b = appendString(b[:0], d.id)
		b = binary.AppendUvarint(b, uint64(d.pos))
		b = appendString(b, d.sender)
		b = appendString(b, d.text)
		if _, err := rw.Write(b); err != nil {
			return err
		}
		recsLen += len(b)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := rw.Flush(); err != nil {
		return err
	}
	b = make([]byte, 0, 64+len(f.taskID)+2*len(f.title)+20*n)
	b = append(b, magic...)
	b = appendString(b, f.taskID)
	b = appendString(b, f.title)
	b = appendString(b, f.foldedTitle)
	b = binary.AppendVarint(b, f.stored)
	b = binary.AppendUvarint(b, uint64(n))
	for _, s := range starts {
		b = binary.LittleEndian.AppendUint32(b, s)
	}
	for _, s := range recStarts {
		b = binary.LittleEndian.AppendUint32(b, s)
	}
	for _, t := range times {
		b = binary.LittleEndian.AppendUint64(b, uint64(t))
	}
	for _, s := range filterStarts {
		b = binary.LittleEndian.AppendUint32(b, s)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(fileF)))
	b = append(b, fileF...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(filters)))
	if _, err := w.Write(b); err != nil {
		return err
	}
	if _, err := w.Write(filters); err != nil {
		return err
	}
	if _, err := w.Write(binary.LittleEndian.AppendUint32(nil, uint32(blockLen))); err != nil {
		return err
	}
	if _, err := io.Copy(w, block); err != nil {
		return err
	}
	_, err := io.Copy(w, recs)
	return err
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// view reads an index file in place: its strings and tables share the
// file's bytes, which are never changed once read.
type view struct {
	taskID, title, foldedTitle string
	stored                     int64
	n                          int
	starts, recStarts, times   []byte
	filterStarts               []byte
	fileFilter, filters        filter
	block                      string
	recs                       []byte
}

// parse checks a file's layout and returns a view of it.
func parse(b []byte) (view, error) {
	var v view
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return v, errFormat
	}
	r := reader{b: b[len(magic):]}
	v.taskID, v.title, v.foldedTitle = r.str(), r.str(), r.str()
	v.stored = r.varint()
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b))/20 {
		return v, errFormat
	}
	v.n = int(n)
	v.starts, v.recStarts, v.times = r.take(4*v.n), r.take(4*v.n), r.take(8*v.n)
	v.filterStarts = r.take(4 * v.n)
	v.fileFilter = r.take(int(r.uint32()))
	v.filters = r.take(int(r.uint32()))
	blockLen := r.take(4)
	if r.err != nil {
		return v, errFormat
	}
	v.block = r.strN(int(binary.LittleEndian.Uint32(blockLen)))
	v.recs = r.b
	if r.err != nil {
		return v, errFormat
	}
	if !isFilterSize(len(v.fileFilter)) {
		return v, errFormat
	}
	for i := range v.n {
		if v.start(i) > len(v.block) || int(binary.LittleEndian.Uint32(v.recStarts[4*i:])) > len(v.recs) {
			return v, errFormat
		}
		if from, to := v.filterSpan(i); from > to || to > len(v.filters) || !isFilterSize(to-from) {
			return v, errFormat
		}
	}
	return v, nil
}

func (v *view) start(i int) int { return int(binary.LittleEndian.Uint32(v.starts[4*i:])) }

// filterSpan is where doc i's filter lies in the filters.
func (v *view) filterSpan(i int) (from, to int) {
	from, to = int(binary.LittleEndian.Uint32(v.filterStarts[4*i:])), len(v.filters)
	if i+1 < v.n {
		to = int(binary.LittleEndian.Uint32(v.filterStarts[4*i+4:]))
	}
	return from, to
}

// msgFilter is doc i's trigram filter.
func (v *view) msgFilter(i int) filter {
	from, to := v.filterSpan(i)
	return v.filters[from:to]
}

// isFilterSize reports whether n bytes can be a filter: a power of two.
func isFilterSize(n int) bool { return n >= minFilterBytes && n&(n-1) == 0 }

func (v *view) time(i int) int64 { return int64(binary.LittleEndian.Uint64(v.times[8*i:])) }

// folded is doc i's folded text.
func (v *view) folded(i int) string {
	end := len(v.block)
	if i+1 < v.n {
		end = v.start(i + 1)
	}
	return v.block[v.start(i):max(end-1, v.start(i))]
}

// docAt is the doc whose folded text holds block offset off.
func (v *view) docAt(off int) int {
	return sort.Search(v.n, func(i int) bool { return v.start(i) > off }) - 1
}

// record reads doc i's record.
func (v *view) record(i int) (d doc, err error) {
	r := reader{b: v.recs[binary.LittleEndian.Uint32(v.recStarts[4*i:]):]}
	d.id = r.str()
	d.pos = int(r.uvarint())
	d.sender = r.str()
	d.text = r.str()
	d.folded = v.folded(i)
	d.createdAt = v.time(i)
	return d, r.err
}

// contains reports whether doc i's folded text holds term.
func (v *view) contains(i int, term string) bool {
	return strings.Contains(v.folded(i), term)
}

// reader walks an index file's bytes.
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

func (r *reader) uint32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *reader) take(n int) []byte {
	if r.err != nil || n > len(r.b) {
		r.fail()
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) strN(n int) string {
	b := r.take(n)
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	return r.strN(int(n))
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errFormat
	}
	r.b = nil
}
