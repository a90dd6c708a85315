/** The commands of the `communique` tool, with their help texts (no heavy imports here). */
import type { Command } from './usage.js';

export const COMMANDS: Command[] = [
  {
    name: 'ingest',
    summary: 'read press releases and write one JSON record per release',
    help: `Usage: communique ingest <file-or-folder>... --out <dir> [options]

Reads .txt, .md, .html and .htm files (folders recursively) and writes one JSON record per
release to <dir>/records/<id>.json, the run report to <dir>/report.json and the manifest of
what was read to <dir>/manifest.jsonl. Run it again on the same folder: only new and changed
files are read; copies of a release (other folder, wrapping, boilerplate, HTML) give one record.

Options:
  --out <dir>            output folder (required)
  --prune                remove records whose source files are all gone
  --include <patterns>   file patterns read inside folders, e.g. "*.txt,*.html" (repeatable;
                         default the release types); files named directly are always read
  --workers <n>          analysis threads (default: the number of CPUs; 0 analyses in-process)
  --timeout <ms>         time budget per document; a slower one is reported and skipped
  --concurrency <n>      files read at once
  --rules <dir>          rules folder (default: the rules shipped with communique)
  --log-level <level>    fatal, error, warn, info, debug, trace or silent (default warn);
                         logs are JSON lines on stderr
  -h, --help             show this help

Exit codes: 0 every input gave a record (or was a duplicate or unchanged), 1 some inputs
failed (the others were processed), 2 usage error, broken rule file, or an output folder
that is locked by another run or cannot be written.`,
    load: () => import('./ingest-command.js'),
  },
  {
    name: 'check',
    summary: 'run the pipeline on the fixtures and compare with the expected records',
    help: `Usage: communique check [--fixtures <dir>] [--update [<fixture>...]] [options]

Runs the pipeline on every fixture that has an expected record (<dir>/expected/*.json) and
prints precision, recall and F1 per entity type and language, then what each document
missed and found extra.

Options:
  --fixtures <dir>              fixtures folder (default fixtures)
  --update [<fixture>...]       after showing the differences, write the new expected records
                                (only those of the named fixtures when some are named) and the
                                new baseline; review the diff like code
  --update-baseline             accept the current figures as the baseline, expected records unchanged
  --threshold <min|key=min>     minimum for every figure, or for some ("people.recall=0.8",
                                "fr.dates.f1=0.95"); repeatable; overrides <dir>/thresholds.yaml
  --thresholds <file>           read the thresholds from another file
  --ignore-baseline             do not hold figures to <dir>/baseline.json
  --rules <dir>                 rules folder (default: the rules shipped with communique)
  -h, --help                    show this help

Exit codes: 0 every figure at or above its threshold and baseline, 1 some below (or a fixture
could not be analysed), 2 usage error or broken rule file.`,
    load: () => import('./check-command.js'),
  },
  {
    name: 'review',
    summary: 'write a self-contained HTML page to review the records of an output folder',
    help: `Usage: communique review <out-dir> [--output <file>]

Writes one HTML file (default <out-dir>/review.html) with every record's text, its mentions
highlighted by type, and its entity tables.

Options:
  --output <file>        where to write the page
  -h, --help             show this help`,
    load: () => import('./review-command.js'),
  },
  {
    name: 'show',
    summary: 'print one record in the terminal with its mentions coloured',
    help: `Usage: communique show <record-id-or-source-path> [--out <dir>] [--color|--no-color]

Prints one record in the terminal: its text with mentions coloured by type, then its entity
lists. A record id prefix is enough when it is unique; a source file that is not in the output
folder is analysed on the spot. Without colour (not a terminal, NO_COLOR set, --no-color),
mentions are written [text](P) with a letter for their type.

Options:
  --out <dir>            output folder holding the records (default output)
  --color, --no-color    force colour on or off
  -h, --help             show this help`,
    load: () => import('./show-command.js'),
  },
  {
    name: 'export',
    summary: 'print all records of an output folder',
    help: `Usage: communique export --jsonl [--out <dir>]

Prints every record as one JSON line on stdout, for jq and other tools.

Options:
  --jsonl                JSON Lines (one record per line)
  --out <dir>            output folder holding the records (default output)
  -h, --help             show this help`,
    load: () => import('./export-command.js'),
  },
];
