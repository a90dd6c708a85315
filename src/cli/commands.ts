/** The commands of the `communique` tool, with their help texts (no heavy imports here). */
import type { Command } from './usage.js';

export const COMMANDS: Command[] = [
  {
    name: 'ingest',
    summary: 'read press releases and write one JSON record per release',
    help: `Usage: communique ingest <file-or-folder>... --out <dir> [options]

Reads .txt, .md, .html and .htm files (folders recursively) and writes one JSON record per
release to <dir>/records/<id>.json, and a run report to <dir>/report.json.

Options:
  --out <dir>            output folder (required)
  --concurrency <n>      documents read at once (default 4)
  --rules <dir>          rules folder (default: the rules shipped with communique)
  --log-level <level>    fatal, error, warn, info, debug, trace or silent (default warn);
                         logs are JSON lines on stderr
  -h, --help             show this help

Exit codes: 0 every input gave a record, 1 some inputs failed (the others were processed),
2 usage error.`,
    load: () => import('./ingest-command.js'),
  },
];
