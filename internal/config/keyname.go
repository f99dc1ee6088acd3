package config

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// modifiers in the order Bubble Tea writes them in a key's name: a
// binding written in another order ("shift+ctrl+a") would never match.
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// namedKeys are the multi-letter key names Bubble Tea gives (besides
// f1…f63).
var namedKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`backspace begin capslock comma delete div down end enter equal esc
		find home insert left lowervol mediafastforward medianext mediapause mediaplay mediaplaypause
		mediaprev mediarecord mediareverse mediarewind mediastop menu minus mul mute numlock pause period
		pgdown pgup plus printscreen raisevol right scrolllock select sep space tab up`) {
		m[n] = true
	}
	return m
}()

var fKey = regexp.MustCompile(`^f([1-9]|[1-5][0-9]|6[0-3])$`)

// checkKey reports why a key name in [keys] can never match a key press,
// or "" when it can.
func checkKey(k string) string {
	parts := strings.Split(k, "+")
	base := parts[len(parts)-1]
	if base == "" && len(parts) > 1 { // "ctrl++" is ctrl with plus
		base, parts = "+", parts[:len(parts)-1]
		parts[len(parts)-1] = "+"
	}
	mods := parts[:len(parts)-1]
	next := 0
	for _, m := range mods {
		i := indexOf(modifiers, m)
		if i < 0 {
			return fmt.Sprintf("%q is not a modifier (ctrl, alt, shift, meta, hyper, super)", m)
		}
		if i < next {
			return fmt.Sprintf("modifiers are written in the order %s", strings.Join(modifiers, "+"))
		}
		next = i + 1
	}
	if utf8.RuneCountInString(base) == 1 || namedKeys[base] || fKey.MatchString(base) {
		return ""
	}
	return fmt.Sprintf("%q is not a key name (a character, or enter, esc, tab, space, up, pgdown, f1…)", base)
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
