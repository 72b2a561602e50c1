"""Every command of `csms` shows how it is called: its `--help` has an "Example:" or
"Examples:" section whose lines are real invocations of that very command (they start with
`csms` and the command's path, and click parses the rest as the command's arguments)."""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import click
import pytest
from click.testing import CliRunner

from auth.audit import AUDIT_SPEC
from contracts.service import CAR_SPEC, CONTRACT_SPEC
from csms.cli import main
from csms.ocpp.listings import SECURITY_EVENT_SPEC, SESSION_SPEC, station_spec
from pki.service import CERTIFICATE_SPEC

HEADINGS = ("Example:", "Examples:")
SHELL = {">", ">>", "<", "|", "&&", ";"}
FILE_NAME = re.compile(r"^[\w-]+(\.[a-z0-9]+)+$")


def _leaves(
    command: click.Command, path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    if isinstance(command, click.Group):
        for name, child in sorted(command.commands.items()):
            yield from _leaves(child, (*path, name))
    else:
        yield path, command


LEAVES = list(_leaves(main, ()))


def _examples(help_text: str) -> list[str] | None:
    """The lines of the help's example section (None: it has none). The section is the
    heading line and the lines indented deeper under it, up to the first blank line."""
    lines = help_text.splitlines()
    for number, line in enumerate(lines):
        if line.strip() in HEADINGS:
            indent = len(line) - len(line.lstrip())
            found = []
            for following in lines[number + 1 :]:
                if not following.strip() or len(following) - len(following.lstrip()) <= indent:
                    break
                found.append(following.strip())
            return found
    return None


def test_the_tree_is_walked() -> None:
    """The walk finds the commands it must (a broken walk would pass every check below)."""
    paths = {" ".join(path) for path, _ in LEAVES}
    assert {"station list", "session list", "station events", "audit", "pki trust add"} <= paths
    assert len(paths) >= 45


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_shows_an_example_of_itself(
    path: tuple[str, ...], command: click.Command, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = CliRunner().invoke(main, [*path, "--help"], prog_name="csms")
    assert shown.exit_code == 0, shown.output
    examples = _examples(shown.output)
    name = " ".join(("csms", *path))
    assert examples, f"`{name} --help` has no Example(s) section:\n{shown.output}"
    for example in examples:
        words = shlex.split(example)
        # A redirection or a pipe ends the command's own words (`csms pki crl X --der > x.crl`).
        words = list(itertools.takewhile(lambda word: word not in SHELL, words))
        assert words[: len(path) + 1] == ["csms", *path], f"{name}: {example!r} is another command"
        # What follows parses as this command's options and arguments (no unknown option,
        # no missing argument): the example can be typed as it is. click opens a file
        # argument while parsing, so the files an example names exist (empty) meanwhile.
        monkeypatch.chdir(tmp_path)
        for word in words:
            if FILE_NAME.match(word):
                (tmp_path / word).touch()
        try:
            command.make_context(name, words[len(path) + 1 :], resilient_parsing=False)
        except click.UsageError as exc:
            pytest.fail(f"{name}: {example!r} does not parse: {exc.format_message()}")


LISTS = {
    ("station", "list"): station_spec(cast(Any, None), cast(Any, None)),  # no query is run
    ("station", "events"): SECURITY_EVENT_SPEC,
    ("session", "list"): SESSION_SPEC,
    ("audit",): AUDIT_SPEC,
    ("pki", "list"): CERTIFICATE_SPEC,
    ("contract", "list"): CONTRACT_SPEC,
    ("car", "list"): CAR_SPEC,
}


@pytest.mark.parametrize("path", list(LISTS), ids=[" ".join(p) for p in LISTS])
def test_each_list_names_its_filters_and_sort_fields_as_its_service_has_them(
    path: tuple[str, ...],
) -> None:
    """The filters and sort fields a list's --help names are those of the service's
    ListSpec: help that drifted from the code would send people into `[list_request]`."""
    shown = CliRunner().invoke(main, [*path, "--help"], prog_name="csms", terminal_width=200)
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip().startswith("Filters"))
    heading_indent = len(lines[start]) - len(lines[start].lstrip())
    named = []
    for line in lines[start + 1 :]:
        if len(line) - len(line.lstrip()) <= heading_indent:
            break
        named.append(line.split()[0])
    spec = LISTS[path]
    assert sorted(named) == sorted(spec.filter_names())
    text = " ".join(line.strip() for line in lines)
    sorts = re.search(r"Sort fields: (?P<names>[^.]+)\.", text)
    assert sorts is not None, shown.output
    listed = [name.removesuffix(" (default)") for name in sorts["names"].split(", ")]
    assert listed == spec.sort_names()
    assert f"{spec.default_sort} (default)" in sorts["names"]
