/** Entry point of the `communique` command. */
import { COMMANDS } from './commands.js';
import { UsageError } from './usage.js';

const NAME = 'communique';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: ${NAME} <command> [options]

Turns French and English press releases into deduplicated JSON records of the people,
organisations, dates and figures they mention.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run '${NAME} <command> --help' for the options of a command.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    process.stdout.write(`${(createRequire(import.meta.url)('../../package.json') as { version: string }).version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`${NAME}: unknown command "${name}"\n\n${mainHelp()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help + '\n');
    return 0;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${NAME} ${name}: ${err.message}\n\nRun '${NAME} ${name} --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`${NAME} ${name}: ${err.stack ?? err.message}\n`);
    return 1;
  }
}
