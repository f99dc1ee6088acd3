package main

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"

	"aui-tui/internal/config"
	"aui-tui/ui"
)

// keyAction is one binding the [keys] table of the configuration can
// change: its name there, where it acts, and the binding itself.
type keyAction struct {
	name  string
	scope string
	// modal scopes (prompts, the help overlay, the raw view) take every
	// key while open, so only their own bindings can clash.
	modal bool
	b     *key.Binding
}

// keyActions lists every remappable binding of km. The names are what a
// user writes in [keys]; README documents them.
func keyActions(km *ui.KeyMap) []keyAction {
	g, l, c, t, co, ch, h := &km.Global, &km.List, &km.Conversation, &km.Conversation.Transcript, &km.Composer, &km.Chips, &km.Help
	return []keyAction{
		{"quit", "", false, &g.Quit},
		{"quit_q", "", false, &g.QuitQ},
		{"suspend", "", false, &g.Suspend},
		{"next_focus", "", false, &g.NextFocus},
		{"prev_focus", "", false, &g.PrevFocus},
		{"new_task", "", false, &g.NewTask},
		{"profiles", "", false, &g.Profiles},
		{"refresh", "", false, &g.Refresh},
		{"help", "", false, &g.Help},
		{"search", "", false, &g.Search},
		{"suggestion", "", false, &g.Chip},
		{"suggestion_alt", "", false, &g.ChipAlt},
		{"toggle_list", "", false, &g.ToggleList},
		{"notice_log", "", false, &g.Log},
		{"notice_log_alt", "", false, &g.LogAlt},

		{"list_up", "list", false, &l.Up},
		{"list_down", "list", false, &l.Down},
		{"list_page_up", "list", false, &l.PageUp},
		{"list_page_down", "list", false, &l.PageDown},
		{"list_top", "list", false, &l.Top},
		{"list_bottom", "list", false, &l.Bottom},
		{"open", "list", false, &l.Open},
		{"filter", "list", false, &l.Filter},
		{"filter_apply", "filter", true, &l.FilterApply},
		{"filter_clear", "filter", true, &l.FilterClear},

		{"scroll_up", "conversation", false, &t.LineUp},
		{"scroll_down", "conversation", false, &t.LineDown},
		{"page_up", "conversation", false, &t.PageUp},
		{"page_down", "conversation", false, &t.PageDown},
		{"half_page_up", "conversation", false, &t.HalfPageUp},
		{"half_page_down", "conversation", false, &t.HalfPageDown},
		{"top", "conversation", false, &t.Top},
		{"bottom", "conversation", false, &t.Bottom},
		{"prev_message", "conversation", false, &t.PrevMessage},
		{"next_message", "conversation", false, &t.NextMessage},
		{"prev_prompt", "conversation", false, &t.PrevUser},
		{"next_prompt", "conversation", false, &t.NextUser},
		{"find", "conversation", false, &t.Find},
		{"find_next", "conversation", false, &t.FindNext},
		{"find_prev", "conversation", false, &t.FindPrev},
		{"clear_find", "conversation", false, &t.ClearFind},
		{"raw", "conversation", false, &t.Raw},
		{"raw_close", "raw", true, &t.RawView.Close},
		{"open_link", "conversation", false, &t.OpenLink},
		{"card_details", "conversation", false, &t.Details},
		{"card_prev", "cards", true, &t.Cards.Prev},
		{"card_next", "cards", true, &t.Cards.Next},
		{"cards_close", "cards", true, &t.Cards.Close},
		{"copy", "conversation", false, &c.Copy},
		{"copy_all", "conversation", false, &c.CopyAll},
		{"export", "conversation", false, &c.Export},
		{"export_json", "conversation", false, &c.ExportJSON},

		{"send", "composer", false, &co.Send},
		{"newline", "composer", false, &co.Newline},
		{"leave", "composer", false, &co.Leave},
		{"editor", "composer", false, &co.Editor},
		{"composer_page_up", "composer", false, &co.ScrollUp},
		{"composer_page_down", "composer", false, &co.ScrollDown},

		{"chip_left", "chips", false, &ch.Left},
		{"chip_right", "chips", false, &ch.Right},
		{"chip_send", "chips", false, &ch.Send},
		{"chip_leave", "chips", false, &ch.Leave},

		{"profile_up", "profiles", true, &km.Profiles.Up},
		{"profile_down", "profiles", true, &km.Profiles.Down},
		{"profile_choose", "profiles", true, &km.Profiles.Choose},
		{"profile_close", "profiles", true, &km.Profiles.Close},

		{"search_up", "search", true, &km.Search.Up},
		{"search_down", "search", true, &km.Search.Down},
		{"search_open", "search", true, &km.Search.Open},
		{"search_fetch", "search", true, &km.Search.Fetch},
		{"search_close", "search", true, &km.Search.Close},

		{"help_close", "help", true, &h.Close},
		{"help_up", "help", true, &h.Up},
		{"help_down", "help", true, &h.Down},
	}
}

// applyKeys rebinds km from the configuration's [keys] table and returns
// what in it could not be honoured. A rebound action's help shows its new
// keys, so the help bar, the ? overlay and every hint follow.
func applyKeys(km *ui.KeyMap, f *config.File) []config.Problem {
	acts := keyActions(km)
	spec := make([]config.Action, len(acts))
	for i, a := range acts {
		spec[i] = config.Action{Name: a.name, Scope: a.scope, Modal: a.modal, Keys: a.b.Keys()}
	}
	bound, problems := f.Bindings(spec)
	for _, a := range acts {
		keys := bound[a.name]
		if slices.Equal(keys, a.b.Keys()) {
			continue
		}
		a.b.SetKeys(keys...)
		if a.b.Help().Desc != "" {
			a.b.SetHelp(strings.Join(keys, "/"), a.b.Help().Desc)
		}
	}
	return problems
}
