"""Shell completion (bash, and zsh through its ``bashcompinit``), written from the grammar itself.

The script is generated from the argparse parser as it is built, so that a new subcommand, option
or choice completes without anyone editing the script: the commands, each command's options,
the choices of an option (``--output``, ``--state``, ``--color``) or of an argument (``bash``,
``zsh``), files for an option whose value is a ``PATH``, and nothing for other values.
The words before the cursor are read as argparse reads them: an option's value is never taken
for the command.
"""

from __future__ import annotations

import re
import shlex
from collections import defaultdict
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

__all__ = ["SHELLS", "completion_script"]

SHELLS = ["bash", "zsh"]

_BASH = """\
# {prog}'s completion for bash, generated from its grammar: {prog} completion {shell}
{function}() {{
    local cur=$2 prev=$3 subcommand= word skip= candidates=
    for word in "${{COMP_WORDS[@]:1:$((COMP_CWORD - 1))}}"; do
        if [[ -n $skip ]]; then skip=; continue; fi
        case "$subcommand $word" in
            {takes_a_value}) skip=1; continue ;;
        esac
        if [[ -z $subcommand && $word != -* ]]; then subcommand=$word; fi
    done
    case "$subcommand $prev" in
{values}
    esac
    if [[ $cur == -* ]]; then
        case $subcommand in
{options}
        esac
    else
        case $subcommand in
{arguments}
        esac
    fi
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}}
complete -F {function} {prog}
"""

_ZSH = """\
#compdef {prog}
# zsh runs the bash completion below through its own bashcompinit.
(( $+functions[compdef] )) || {{ autoload -U +X compinit && compinit; }}
autoload -U +X bashcompinit && bashcompinit
"""


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The script that ``eval "$(PROG completion SHELL)"`` installs, for ``shell``."""
    scopes = dict(_scopes(parser))
    values: defaultdict[str, list[str]] = defaultdict(list)  # a reply: the words it follows
    for scope, command in scopes.items():
        for action in _options(command):
            if action.nargs != 0:
                values[_reply_to_value(action)] += [f'"{scope} {o}"' for o in action.option_strings]
    bash = _BASH.format(
        prog=parser.prog,
        shell=shell,
        function="_" + re.sub(r"\W", "_", parser.prog),
        takes_a_value="|".join(word for words in values.values() for word in words),
        values="\n".join(
            _case("|".join(words), f"{reply}; return", indent=8) for reply, words in values.items()
        ),
        options="\n".join(
            _case(f'"{scope}"', _candidates(o for a in _options(c) for o in a.option_strings))
            for scope, c in scopes.items()
        ),
        arguments="\n".join(
            _case(f'"{scope}"', _candidates(iter(words)))
            for scope, words in ((s, list(_arguments(c))) for s, c in scopes.items())
            if words
        ),
    )
    return (_ZSH.format(prog=parser.prog) if shell == "zsh" else "") + bash


def _scopes(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """The parser before any command (``""``), then each command's, by the command's name."""
    yield "", parser
    for action in _actions(parser):
        # The commands' action (of a type argparse keeps private) maps each name to its parser.
        choices: object = action.choices
        if isinstance(choices, dict):
            yield from cast("dict[str, argparse.ArgumentParser]", choices).items()


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    # argparse keeps what a parser accepts in _actions only: its help is formatted from there too.
    return parser._actions  # pyright: ignore[reportPrivateUsage]


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [action for action in _actions(parser) if action.option_strings]


def _arguments(parser: argparse.ArgumentParser) -> Iterator[str]:
    """What may stand where a word that is not an option goes: the commands, or the choices of
    a positional argument (``bash``, ``zsh``)."""
    for action in _actions(parser):
        if not action.option_strings and action.choices is not None:
            yield from map(str, action.choices)


def _reply_to_value(action: argparse.Action) -> str:
    """What completes the value of the option ``action``: its choices, files, or nothing."""
    if action.choices is not None:
        return (
            f'COMPREPLY=($(compgen -W {shlex.quote(" ".join(map(str, action.choices)))} -- "$cur"))'
        )
    if action.metavar == "PATH":
        return 'COMPREPLY=($(compgen -f -- "$cur"))'
    return "COMPREPLY=()"


def _candidates(words: Iterator[str]) -> str:
    return f"candidates={shlex.quote(' '.join(words))}"


def _case(pattern: str, then: str, indent: int = 12) -> str:
    return f"{' ' * indent}{pattern}) {then} ;;"
