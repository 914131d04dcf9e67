"""Run the `seuranta` command line as a user does: through `cli.main()`, output captured."""

from __future__ import annotations

import sys
from typing import NamedTuple

from click.testing import CliRunner

from seuranta.cli import main


class Run(NamedTuple):
    code: int
    stdout: str
    stderr: str
    output: str  # standard output and error interleaved, as a terminal shows them


def seuranta(*args: str, input: str | None = None) -> Run:
    with CliRunner().isolation(input=input) as (out, err, both):
        code = main(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
    return Run(int(code), *(stream.getvalue().decode("utf-8") for stream in (out, err, both)))
