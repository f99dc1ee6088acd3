package search

import "math/bits"

// A filter is a Bloom filter of the 3-byte windows (trigrams) of folded
// text. A term that is a substring of the text has each of its trigrams in
// the text, so a filter missing one of them proves the text cannot hold
// the term, and the text need not be read. Terms shorter than three bytes
// have no trigram and pass every filter: they are found by scanning.
//
// A filter's size is a power of two bytes, so one hash serves every size
// (its low bits pick the bit). Each message has a filter of about one bit
// per byte of its text, setting one bit a trigram; each file has one more,
// over all its messages' text, setting two bits a trigram.
type filter []byte

const (
	minFilterBytes = 8
	maxMsgFilter   = 1 << 14 // 128 Kbit: a longer message's filter fills up and passes more
	minFileFilter  = 1 << 7  // 1 Kbit
	maxFileFilter  = 1 << 17 // 1 Mbit
)

// trigramHash mixes the trigram at s[i:i+3] into 64 bits; the filters take
// their bit positions from its high halves.
func trigramHash(s string, i int) uint64 {
	x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16
	return (x + 1) * 0x9e3779b97f4a7c15
}

func hash1(h uint64) uint32 { return uint32(h >> 32) }

func hash2(h uint64) uint32 { return uint32((h >> 32) * 0xc2b2ae3d27d4eb4f >> 32) }

// filterSize is the number of bytes of a filter meant for about n trigrams
// at bitsPer bits each, kept within [minFilterBytes, most].
func filterSize(n, bitsPer, most int) int {
	want := max(n*bitsPer/8, minFilterBytes)
	size := 1 << bits.Len(uint(want-1))
	return min(size, most)
}

func (f filter) set(b uint32) { f[(b>>3)&uint32(len(f)-1)] |= 1 << (b & 7) }

func (f filter) has(b uint32) bool { return f[(b>>3)&uint32(len(f)-1)]&(1<<(b&7)) != 0 }

// msgFilter is the filter of one message's folded text.
func msgFilter(folded string) filter {
	f := make(filter, filterSize(len(folded), 1, maxMsgFilter))
	for i := 0; i+3 <= len(folded); i++ {
		f.set(hash1(trigramHash(folded, i)))
	}
	return f
}

// newFileFilter is the filter of a file whose messages' folded texts come
// to about size bytes; addFolded adds each.
func newFileFilter(size int) filter {
	return make(filter, max(filterSize(size, 2, maxFileFilter), minFileFilter))
}

// addFolded adds one message's folded text to a file's filter.
func (f filter) addFolded(folded string) {
	for i := 0; i+3 <= len(folded); i++ {
		h := trigramHash(folded, i)
		f.set(hash1(h))
		f.set(hash2(h))
	}
}

// probe is a query's trigram hashes, worked out once per search.
type probe struct {
	hashes [][]uint64 // per term; nil for a term too short to filter
}

func newProbe(q Query) probe {
	p := probe{hashes: make([][]uint64, len(q.Terms))}
	for j, t := range q.Terms {
		if len(t) < 3 {
			continue
		}
		seen := make(map[uint64]bool, len(t))
		for i := 0; i+3 <= len(t); i++ {
			h := trigramHash(t, i)
			if !seen[h] {
				seen[h] = true
				p.hashes[j] = append(p.hashes[j], h)
			}
		}
	}
	return p
}

// mayHoldMsg reports whether a message's filter admits term j.
func (p *probe) mayHoldMsg(f filter, j int) bool {
	for _, h := range p.hashes[j] {
		if !f.has(hash1(h)) {
			return false
		}
	}
	return true
}

// mayHoldFile reports whether a file's filter admits term j.
func (p *probe) mayHoldFile(f filter, j int) bool {
	for _, h := range p.hashes[j] {
		if !f.has(hash1(h)) || !f.has(hash2(h)) {
			return false
		}
	}
	return true
}
