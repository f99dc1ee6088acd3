package main

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestCacheClear(t *testing.T) {
	isolate(t)
	st, notice := openCache("https://example.test", "user_1")
	if st == nil {
		t.Fatalf("the cache did not open: %s", notice)
	}
	path := st.Path()
	st.Close()
	out := mustRun(t, "cache", "clear")
	if !strings.Contains(out, "Removed 1 cache file") {
		t.Fatalf("cache clear says %q", out)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the cache file is still there: %v", err)
	}
}

func TestSecondProgramRunsWithoutTheCache(t *testing.T) {
	isolate(t)
	first, _ := openCache("https://example.test", "user_1")
	if first == nil {
		t.Fatal("the cache did not open")
	}
	defer first.Close()
	second, notice := openCache("https://example.test", "user_1")
	if second != nil {
		second.Close()
		t.Fatal("two programs opened one cache file")
	}
	if !strings.Contains(notice, "without the local cache") {
		t.Fatalf("notice %q", notice)
	}
}
