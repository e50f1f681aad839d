"""The `claimcheck` command line: a thin shell over the library.

Each command parses its options, calls one library function and prints; library errors become one line
(`options.friendly_errors`). The modules:

- `root`: the `claimcheck` group (`--config`, `--version`) and `main`, the console script;
- `options`: the shared option decorators, the settings and the saved index every command opens;
- `lines`: what the commands print, one pydantic model per `--json` line and its text form;
- `index`: `index build / add / remove / stats / verify` and `search` (also `index search`);
- `corpus`: `corpus fetch sec / model-card`, `corpus add / list / show / remove`;
- `check`: `run`, `claims`, `verify`, `stance`;
- `batch`: `batch` (an inbox of transcripts, once each, optionally watched, in parallel or on Ray);
- `review`: `review list / show / set / approve / reject / reopen / merge / serve / token / editor add`;
- `publish`: `publish`, `schema`, `demo`;
- `docs`: the README's generated command reference and settings table (run by cog).

A new command is a function in the module of its group plus one line in `COMMANDS` below.
"""

from claimcheck.cli import batch, check, corpus, index, publish, review
from claimcheck.cli.root import cli, main

# The top-level commands; `claimcheck --help` lists them sorted by name.
COMMANDS = (
    index.index,
    corpus.corpus,
    index.search,
    check.run,
    batch.batch,
    check.claims,
    check.verify,
    check.stance,
    review.review,
    publish.publish,
    publish.schema,
    publish.demo,
)
for _command in COMMANDS:
    cli.add_command(_command)

__all__ = ["COMMANDS", "cli", "main"]
