package sshserve

import (
	"fmt"
	"time"
)

// spell writes a duration the way a person says a limit: "90 seconds",
// "15 minutes", "2 hours", "1 hour 30 minutes".
func spell(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < 2*time.Minute:
		return plural(int(d/time.Second), "second")
	case d < time.Hour:
		out := plural(int(d/time.Minute), "minute")
		if s := int(d % time.Minute / time.Second); s > 0 {
			out += " " + plural(s, "second")
		}
		return out
	default:
		out := plural(int(d/time.Hour), "hour")
		if m := int(d % time.Hour / time.Minute); m > 0 {
			out += " " + plural(m, "minute")
		}
		return out
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
