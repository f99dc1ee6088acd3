package api

import (
	"bytes"
	"encoding/json"
	"io"
)

// bodyDecoder is a reply target that reads the whole body itself rather
// than through a json.Decoder (see decodeReply).
type bodyDecoder interface {
	decodeBody(r io.Reader) error
}

// rawList is a transcript split into its messages' JSON, undecoded. The
// documented bare array is split by an arraySplitter as the body arrives,
// which only finds where each message ends: several times faster than
// json.Decoder, which checks every byte's grammar on the way, and done
// while the rest of the body is still on the wire. Anything else (null, the
// object wrapper, a body the splitter cannot follow) goes through
// messageList, which reads every shape and words the errors.
type rawList struct {
	raws [][]byte
}

// The body is read into chunks of firstRead bytes, each next one half as
// big again up to maxRead: bigger chunks cut fewer objects in two (those
// are copied) but leave more room unused at the end.
const (
	firstRead = 64 << 10
	maxRead   = 4 << 20
)

func (l *rawList) decodeBody(r io.Reader) error {
	chunks, s, err := readSplitting(r)
	if err != nil {
		return err
	}
	if raws, ok := s.finish(chunks); ok {
		l.raws = raws
		return nil
	}
	body := bytes.Join(chunks, nil)
	dec := json.NewDecoder(bytes.NewReader(body))
	list := messageList{split: true}
	if err := list.decodeStream(dec); err != nil {
		return err
	}
	if err := expectEnd(dec); err != nil {
		return err
	}
	l.raws = list.raws
	return nil
}

// readSplitting reads a body into chunks that are never moved (growing
// one buffer would copy a long transcript again and again) and splits it
// as it arrives, on a goroutine of its own: on a machine with a core to
// spare the split is done when the download is.
func readSplitting(r io.Reader) ([][]byte, *arraySplitter, error) {
	s := &arraySplitter{}
	pieces := make(chan piece, 256)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for p := range pieces {
			s.scan(p.b, p.off)
		}
	}()
	var chunks [][]byte
	size, next := 0, firstRead
	buf := make([]byte, 0, next)
	var err error
	for {
		var n int
		n, err = r.Read(buf[len(buf):cap(buf)])
		if n > 0 {
			// The scanner reads what was just filled; the reader only
			// writes past it.
			pieces <- piece{buf[len(buf) : len(buf)+n], size}
		}
		buf, size = buf[:len(buf)+n], size+n
		if err != nil {
			break
		}
		if len(buf) == cap(buf) {
			chunks = append(chunks, buf)
			next = min(next+next/2, maxRead)
			buf = make([]byte, 0, next)
		}
	}
	close(pieces)
	<-done
	if err != io.EOF {
		return nil, nil, err
	}
	return append(chunks, buf), s, nil
}

// piece is bytes of a body and where they start in it.
type piece struct {
	b   []byte
	off int
}

// Where an arraySplitter is in the array.
const (
	splitStart  = iota // before the opening bracket
	splitFirst         // after it: an object or the closing bracket
	splitObject        // inside an object
	splitAfter         // after an object: a comma or the closing bracket
	splitNext          // after a comma: an object
	splitEnd           // after the closing bracket: only blanks
	splitFailed        // not something it can follow
)

// arraySplitter finds the objects of a JSON array in a body that arrives
// in pieces: each scan looks only at the bytes that just came, so the
// split is done when the download is.
type arraySplitter struct {
	pos      int // the body's length so far
	state    int
	depth    int  // of braces and brackets inside the object
	inString bool // inside a string in the object
	// slashes is how many backslashes end what was read of the string, so
	// that a quote at the start of the next piece is known escaped or not.
	slashes  int
	objStart int
	spans    []span
}

// span is where one object lies in the body.
type span struct{ start, end int }

// scan reads p, the body's next bytes, which start at offset off.
func (s *arraySplitter) scan(p []byte, off int) {
	i := 0
	for i < len(p) && s.state != splitFailed {
		if s.state == splitObject {
			i = s.scanObject(p, i, off)
			continue
		}
		c := p[i]
		i++
		if isBlank(c) {
			continue
		}
		switch {
		case s.state == splitStart && c == '[':
			s.state = splitFirst
		case (s.state == splitFirst || s.state == splitNext) && c == '{':
			s.state, s.depth, s.objStart = splitObject, 1, off+i-1
		case (s.state == splitFirst || s.state == splitAfter) && c == ']':
			s.state = splitEnd
		case s.state == splitAfter && c == ',':
			s.state = splitNext
		default:
			s.state = splitFailed
		}
	}
	s.pos = off + len(p)
}

// scanObject reads p from i inside an object, up to the object's end or
// p's, and returns where it stopped. Strings are skipped to their closing
// quote with bytes.IndexByte rather than byte by byte.
func (s *arraySplitter) scanObject(p []byte, i, off int) int {
	for i < len(p) {
		if s.inString {
			j := bytes.IndexByte(p[i:], '"')
			if j < 0 {
				s.slashes = trailingSlashes(p[i:], s.slashes)
				return len(p)
			}
			// The quote closes the string unless an odd number of
			// backslashes escapes it.
			n := trailingSlashes(p[i:i+j], s.slashes)
			i += j + 1
			s.slashes = 0
			if n%2 == 0 {
				s.inString = false
			}
			continue
		}
		c := p[i]
		i++
		switch c {
		case '"':
			s.inString, s.slashes = true, 0
		case '{', '[':
			s.depth++
		case '}', ']':
			s.depth--
			if s.depth == 0 {
				s.spans = append(s.spans, span{s.objStart, off + i})
				s.state = splitAfter
				return i
			}
		}
	}
	return i
}

// trailingSlashes counts the backslashes that end b, adding before, the
// count that ended what came before b, when b is all backslashes.
func trailingSlashes(b []byte, before int) int {
	k := len(b)
	for k > 0 && b[k-1] == '\\' {
		k--
	}
	if k == 0 {
		return before + len(b)
	}
	return len(b) - k
}

// finish returns the objects found in the body, read in chunks, or false
// if it is not an array of objects followed by nothing but blanks. An
// object is the chunk's own memory unless it lies across two chunks; then
// it is copied.
func (s *arraySplitter) finish(chunks [][]byte) ([][]byte, bool) {
	if s.state != splitEnd {
		return nil, false
	}
	raws := make([][]byte, len(s.spans))
	c, base := 0, 0 // the chunk an object starts in, and its offset
	for i, sp := range s.spans {
		for sp.start >= base+len(chunks[c]) {
			base += len(chunks[c])
			c++
		}
		if sp.end <= base+len(chunks[c]) {
			raws[i] = chunks[c][sp.start-base : sp.end-base : sp.end-base]
			continue
		}
		raw := make([]byte, 0, sp.end-sp.start)
		raw = append(raw, chunks[c][sp.start-base:]...)
		for off := base + len(chunks[c]); len(raw) < cap(raw); {
			c++
			base = off
			raw = append(raw, chunks[c][:min(len(chunks[c]), sp.end-base)]...)
			off += len(chunks[c])
		}
		raws[i] = raw
	}
	return raws, true
}
