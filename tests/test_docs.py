"""README.md documents every command and every option of the ``hzdigital`` command line.

A command is documented when a heading or a code line of README.md names it
(``### `hzdigital classify code` `` or ``hzdigital classify code CODE [--json]``). Its options
must appear in what documents it: the section under its heading, and the lines naming it.
These tests fail when someone adds a command or an option and forgets the README: that is
their purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main

from hzdigital.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
FENCE = "```"


@dataclass(frozen=True)
class Command:
    path: str  # "classify code": the words after `hzdigital`
    options: tuple[str, ...]  # the first long flag of each option, e.g. "--json"


def _walk(command: Any, prefix: str = "") -> list[Command]:
    # Typer ships its own copy of Click, so the walk goes by attributes, not by Click's classes.
    found: list[Command] = []
    if prefix:
        flags = []
        for param in command.params:
            if param.param_type_name == "option" and not getattr(param, "hidden", False):
                long_flags = [flag for flag in param.opts if flag.startswith("--")]
                flags.append((long_flags or param.opts)[0])
        found.append(Command(prefix, tuple(flags)))
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not sub.hidden:
            found.extend(_walk(sub, f"{prefix} {name}".strip()))
    return found


COMMANDS = _walk(typer.main.get_command(app))


def _names(line: str, command_path: str) -> bool:
    """Whether a line of README names `hzdigital <command_path>` as a whole command."""
    return re.search(rf"\bhzdigital {re.escape(command_path)}(?![\w-])", line) is not None


def _is_code(line: str, in_fence: bool) -> bool:
    return in_fence or "`" in line


def documentation_of(command_path: str, readme: str) -> str:
    """The README text that documents a command: its heading's section and lines naming it."""
    lines = readme.splitlines()
    parts: list[str] = []
    in_fence = False
    heading_level = 0  # > 0 while inside the section of a heading naming the command
    for line in lines:
        if line.strip().startswith(FENCE):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if heading_level and level <= heading_level:
                heading_level = 0
            if _names(heading.group(2), command_path):
                heading_level = level
        if heading_level or (_names(line, command_path) and _is_code(line, in_fence)):
            parts.append(line)
    return "\n".join(parts)


def test_the_cli_has_commands_to_document():
    paths = {command.path for command in COMMANDS}
    assert {"demo", "serve"} <= paths


@pytest.mark.parametrize("command", COMMANDS, ids=[c.path for c in COMMANDS])
def test_the_readme_documents_the_command(command):
    documentation = documentation_of(command.path, README.read_text(encoding="utf-8"))
    assert documentation, f"README.md names no `hzdigital {command.path}` in a heading or code"


@pytest.mark.parametrize("command", COMMANDS, ids=[c.path for c in COMMANDS])
def test_the_readme_documents_every_option_of_the_command(command):
    documentation = documentation_of(command.path, README.read_text(encoding="utf-8"))
    missing = [
        flag for flag in command.options if not re.search(rf"{flag}(?![\w-])", documentation)
    ]
    assert not missing, f"`hzdigital {command.path}`: README.md does not mention {missing}"


def test_a_section_ends_at_the_next_heading_of_its_level():
    readme = "\n".join(
        [
            "## Commands",
            "### `hzdigital serve`",
            "`--port P`",
            "#### Example",
            "`--host H`",
            "### `hzdigital demo`",
            "`--no-serve`",
            "```",
            "hzdigital serve --verbose",
            "# not a heading inside a code block",
            "```",
            "hzdigital serve --in-prose-is-not-code",
        ]
    )
    documentation = documentation_of("serve", readme)
    assert "--port" in documentation and "--host" in documentation
    assert "--verbose" in documentation
    assert "--no-serve" not in documentation
    assert "--in-prose-is-not-code" not in documentation


def test_a_command_name_is_not_matched_inside_a_longer_name():
    assert documentation_of("classify", "`hzdigital classification load FILE`") == ""
    assert documentation_of("classify", "`hzdigital classify code CODE`") != ""
