package config

// Example is what `aui-tui config init` writes: every setting, commented,
// with the defaults.
const Example = `# aui-tui configuration. Command-line flags win over environment
# variables, which win over this file, which wins over the defaults.

# The profile used when neither --profile nor $AUI_PROFILE names one.
# default_profile = "prod"

# Colours: auto (follow the terminal's background), dark or light.
theme = "auto"

# Markdown style of messages: auto (follow theme), a glamour style name
# (dark, light, dracula, tokyo-night, pink, ascii, notty) or the path of a
# glamour JSON style file. $GLAMOUR_STYLE wins over it.
markdown_style = "auto"

# mouse = true          # false leaves the mouse to the terminal
# page_size = 20        # tasks per page in the task list
# export_dir = "."      # where e / E write transcripts

# One table per AUI network. base_url or region says where it is; the key
# comes from key_env (a variable), key_file (a file only you can read) or
# key (then keep this file chmod 600).
# [profiles.prod]
# base_url = "https://data-services.aui.io/api/ia-controller"   # or region = "azure"
# user = "user_123"
# key_env = "AUI_PROD_KEY"
# key_file = "~/.config/aui-tui/prod.key"
# key = "..."

# Key bindings: each action takes a list of keys. Two actions may not share
# a key where both act. Run aui-tui config keys for every action.
# [keys]
# send = ["enter"]
# newline = ["alt+enter", "ctrl+j", "shift+enter"]
`
