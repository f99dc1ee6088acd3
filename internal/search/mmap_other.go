//go:build !unix

package search

import "os"

// mapFile reads a file whole where mapping it is not available.
func mapFile(path string) (b []byte, unmap func(), err error) {
	b, err = os.ReadFile(path)
	return b, func() {}, err
}
