package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/annotate"
)

// versionString names the release, the commit and the time of the commit
// the binary was built from (from the Go toolchain's build stamp).
func versionString() string {
	commit, when, dirty := "unknown", "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value[:min(12, len(s.Value))]
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+changes"
				}
			}
		}
		if when == "" {
			when = "unknown"
		}
		return fmt.Sprintf("sitrep %s (commit %s%s, %s; %s)", annotate.Version, commit, dirty, when, bi.GoVersion)
	}
	return "sitrep " + annotate.Version
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version, the commit and its date",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErr("version: takes no arguments")
			}
			_, err := fmt.Fprintln(c.App.Writer, versionString())
			return err
		},
	}
}

// completionFlag ends the words typed so far when a completion script asks
// what may come next. urfave/cli's own handling of it panics on a partly
// typed flag ("annotate --wor"), so run answers it through complete.
const completionFlag = "--generate-bash-completion"

// complete prints what may follow words: the commands, or the flags of the
// command when the last word starts with "-" (else nothing: the shell
// completes file names).
func complete(app *cli.App, words []string, w io.Writer) {
	if len(words) == 0 || len(words) == 1 && !strings.HasPrefix(words[0], "-") && app.Command(words[0]) == nil {
		for _, c := range app.Commands {
			if !c.Hidden {
				fmt.Fprintln(w, c.Name)
			}
		}
		return
	}
	cmd := app.Command(words[0])
	if cmd == nil || !strings.HasPrefix(words[len(words)-1], "-") {
		return
	}
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if len(n) > 1 {
				fmt.Fprintln(w, "--"+n)
			}
		}
	}
}

// Shell completion scripts: they ask sitrep what may come next.
const bashCompletion = `# bash completion for sitrep: source <(sitrep completion bash)
_sitrep() {
  local cur="${COMP_WORDS[COMP_CWORD]}" opts
  if [[ "$cur" == -* ]]; then
    opts=$("${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:$COMP_CWORD-1}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:$COMP_CWORD-1}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _sitrep sitrep
`

const zshCompletion = `#compdef sitrep
# zsh completion for sitrep: source <(sitrep completion zsh)
_sitrep() {
  local -a opts
  local cur=${words[-1]}
  if [[ "$cur" == -* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} "$cur" --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ -n "${opts[1]}" ]]; then
    compadd -a opts
  else
    _files
  fi
}
compdef _sitrep sitrep
`

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "EXAMPLE:\n   source <(sitrep completion bash)     # in ~/.bashrc\n" +
			"   source <(sitrep completion zsh)      # in ~/.zshrc\n   sitrep completion fish > ~/.config/fish/completions/sitrep.fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("completion: want one shell: bash, zsh or fish")
			}
			var script string
			switch shell := c.Args().First(); shell {
			case "bash":
				script = bashCompletion
			case "zsh":
				script = zshCompletion
			case "fish":
				s, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				script = s
			default:
				return usageErr("completion: no script for %q (bash, zsh or fish)", shell)
			}
			_, err := io.WriteString(c.App.Writer, strings.TrimLeft(script, "\n"))
			return err
		},
	}
}

// --version prints what `sitrep version` prints.
func init() {
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintln(c.App.Writer, c.App.Version) }
}
