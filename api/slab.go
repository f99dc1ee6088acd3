package api

// slabBytes is the size of one shared chunk: large enough that a
// transcript needs few of them, small enough that the unused tail of the
// last one does not matter.
const slabBytes = 256 << 10

// slab hands out copies of slices packed into shared chunks. A long
// transcript holds hundreds of thousands of small slices (each message's
// received JSON, each product's parameters); one allocation each would
// cost an allocation header and the rounding up to a size class, and a
// slice the decoder grew by doubling keeps up to half its room unused. A
// chunk is freed once nothing cut from it is referenced, which suits a
// transcript: its messages are dropped together.
type slab[T any] struct {
	chunk []T
	size  int // elements per chunk
}

// newSlab makes a slab whose chunks take about slabBytes.
func newSlab[T any](elemSize int) slab[T] {
	return slab[T]{size: max(slabBytes/max(elemSize, 1), 1)}
}

// copy returns a copy of s with its capacity cut to its length, so that
// appending to it reallocates instead of overwriting the next copy. Empty
// slices are returned as they are, keeping nil apart from empty.
func (b *slab[T]) copy(s []T) []T {
	if len(s) == 0 {
		return s
	}
	if len(s) > b.size/8 {
		// Large copies get their own allocation: they gain nothing from
		// sharing, and would leave much of a chunk unused.
		return append([]T(nil), s...)
	}
	if cap(b.chunk)-len(b.chunk) < len(s) {
		b.chunk = make([]T, 0, b.size)
	}
	start := len(b.chunk)
	b.chunk = append(b.chunk, s...)
	return b.chunk[start:len(b.chunk):len(b.chunk)]
}

// rawSink takes one JSON value from a json.Decoder as it is, copied into a
// slab, so that decoding into it costs no allocation of its own.
type rawSink struct {
	slab *slab[byte]
	raw  []byte
}

// UnmarshalJSON keeps a copy of b: b is the decoder's buffer, reused for
// the next value.
func (r *rawSink) UnmarshalJSON(b []byte) error {
	r.raw = r.slab.copy(b)
	return nil
}
