import { loadShellParser } from '../engine';
import { readShellParserWasm } from '../shellParserWasm';
import { UsageError, parseArgs } from './args';
import { EXIT_CLEAN, EXIT_ERROR, runCheck, type CliIo } from './checkCommand';
import { packageVersion } from './packageVersion';
import { projectLinks } from './projectLinks';
import { formatRules } from './rulesCommand';
import { runPin } from './pinCommand';
import { runScan } from './scanCommand';
import { helpText, usageLine } from './usage';

/** Runs one command line and resolves with the exit code. Never rejects. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseArgs(argv);
    switch (command.command) {
      case 'help':
        io.stdout(helpText(command.topic));
        return EXIT_CLEAN;
      case 'version':
        io.stdout(`${packageVersion()}\n`);
        return EXIT_CLEAN;
      case 'scan':
        return await runScan(command, io);
      case 'pin':
        return await runPin(command, io);
      case 'rules':
        io.stdout(formatRules(command.format));
        return EXIT_CLEAN;
      case 'check':
        return await runCheck(command, io, () => loadShellParserOrSay(io));
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`seaworthy: ${e.message}\n${usageLine(e.topic)}`);
      return EXIT_ERROR;
    }
    const detail = io.env.SEAWORTHY_DEBUG ? (e as Error).stack : (e as Error).message;
    const where = projectLinks().issues;
    io.stderr(`seaworthy: internal error: ${detail}\nPlease report it${where ? ` at ${where}` : ''} with the command line that caused it.\n`);
    return EXIT_ERROR;
  }
}

/** The shell parser reads RUN; without it those rules say they could not check, the rest still run. */
async function loadShellParserOrSay(io: CliIo): Promise<void> {
  try {
    await loadShellParser(readShellParserWasm);
  } catch (e) {
    io.stderr(`seaworthy: the shell parser could not be loaded, RUN instructions are not checked: ${(e as Error).message}\n`);
  }
}

function main(): void {
  // `seaworthy check | head` closes stdout early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // Ctrl-C during a scan ends the scanner and its children, then the CLI exits (code 2).
  const interrupt = new AbortController();
  const onInterrupt = (): void => interrupt.abort();
  if (process.argv[2] === 'scan') process.once('SIGINT', onInterrupt);
  void runCli(process.argv.slice(2), {
    signal: interrupt.signal,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
    process.off('SIGINT', onInterrupt);
  });
}

if (require.main === module) main();
