"""Shell completion: ``completion bash|zsh`` prints a script that, sourced, completes the
commands, each command's options and the choices of options and arguments; written from the
grammar, so that an option added to the parser completes with no edit to the script.

Run in the shells themselves, each completion asked as the shell asks it (``COMP_WORDS``,
``COMP_CWORD``, then the function with the command, the word and the one before it). zsh runs
the same function through its ``bashcompinit``, whose ``compadd`` filters by the typed prefix:
its replies are the unfiltered candidates.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._completion import completion_script
from ec2_export_image_tasks._cli.arguments import PROG, parser
from ec2_export_image_tasks._cli.commands import COMMANDS

from .helpers import usage_error

if TYPE_CHECKING:
    from pathlib import Path

ASK = """
ask() {
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
    _ec2_export_image_tasks "$1" "${COMP_WORDS[@]: -1}" "${COMP_WORDS[@]: -2:1}"
    echo "${COMPREPLY[*]}"
}
"""
"""A shell function: the replies to the words typed so far (the last one at the cursor)."""

QUESTIONS = [
    ("li",),  # a command
    ("--region", "list", "li"),  # a command after an option's value, which is not one
    ("list", "--out"),  # an option of a command
    ("--debug", "--no-verif"),  # a global option before the command
    ("list", "--output", "j"),  # an option's choices
    ("--region", "us-east-1", "watch", "--state", "dele"),
    ("export", "--color", ""),  # a global option's choices after the command
    ("completion", ""),  # an argument's choices
    ("list", "--region", ""),  # a value no list can give: nothing
]


def _script(capsys: pytest.CaptureFixture[str], shell: str, tmp_path: Path) -> Path:
    with pytest.raises(SystemExit) as ended:
        main(["completion", shell])
    assert ended.value.code == 0
    path = tmp_path / f"completion.{shell}"
    path.write_text(capsys.readouterr().out)
    return path


def _answers(shell: str, script: Path, questions: list[tuple[str, ...]]) -> list[str]:
    """Each question's replies, asked in ``shell`` with ``script`` installed as the README
    says (``eval "$(...)"``)."""
    lines = [f'eval "$(cat {script})"', ASK, "complete -p ec2-export-image-tasks >&2"]
    for words in questions:
        typed = " ".join(f"'{word}'" for word in (PROG, *(w for w in words if w)))
        lines.append(f"ask {typed}" + (" ''" if not words[-1] else ""))
    command = [shell, "--norc", "-c"] if shell == "bash" else [shell, "-f", "-c"]
    done = subprocess.run(
        [*command, "\n".join(lines)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"HOME": str(script.parent), "PATH": "/usr/bin:/bin"},
    )
    assert "_ec2_export_image_tasks" in done.stderr  # complete -p: registered for the command
    return done.stdout.splitlines()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_options_and_choices(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = _answers("bash", _script(capsys, "bash", tmp_path), QUESTIONS)

    assert answers == [
        "list",
        "list",
        "--output",
        "--no-verify-ssl",
        "json jsonl",
        "deleting deleted",
        "auto on off",
        "bash zsh",
        "",
    ]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_commands_options_and_choices(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = [set(a.split()) for a in _answers("zsh", _script(capsys, "zsh", tmp_path), QUESTIONS)]

    commands = {*COMMANDS, "completion"}
    assert answers[:2] == [commands, commands]
    assert {"--output", "--state", "--color"} <= answers[2]
    assert {"--no-verify-ssl", "--version"} <= answers[3]
    assert answers[4:] == [
        {"table", "json", "jsonl", "text"},
        {"active", "completed", "deleting", "deleted"},
        {"auto", "on", "off"},
        {"bash", "zsh"},
        set(),
    ]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_an_option_added_to_the_grammar_completes_with_no_edit_to_the_script(
    tmp_path: Path,
) -> None:
    grammar = parser(COMMANDS)
    grammar.add_argument("--flavour", choices=["vanilla", "chocolate"])
    script = tmp_path / "completion.bash"
    script.write_text(completion_script(grammar, "bash"))

    answers = _answers("bash", script, [("--fla",), ("--flavour", "")])

    assert answers == ["--flavour", "vanilla chocolate"]


def test_an_unknown_shell_is_a_usage_error_naming_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = usage_error(["completion", "fish"], capsys)

    assert err == ("error: argument SHELL: invalid choice: 'fish' (choose from 'bash', 'zsh')\n")
