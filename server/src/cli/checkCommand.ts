import * as path from 'path';
import { kindByName, type ConfiguredManifest } from '../engine';
import type { CheckCommand } from './args';
import { compareFindings, meetsThreshold, type CheckReport, type FileFinding } from './checkReport';
import { ConfigResolver, loadConfig, type ConfigReporter, type LoadedConfig } from './configDiscovery';
import { checkFile } from './fileCheck';
import { crossFileFactsOfTargets } from './namespaceLevels';
import { networkPolicyFindingsOf } from './networkPolicies';
import { discoverTargets, type Target } from './fileDiscovery';
import { reasonOf } from './fileSystemErrors';
import { palette, wantsColor } from './formats/colors';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { packageVersion } from './packageVersion';

/** Where the CLI writes and what it runs in; tests and `main` supply it. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted on Ctrl-C: a running scan ends its scanner. */
  signal?: AbortSignal;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** stderr for one run: notes, and input errors that decide exit code 2. */
export class Messages {
  readonly inputErrors: string[] = [];

  constructor(
    private readonly io: CliIo,
  ) {}

  say(message: string): void {
    this.io.stderr(`seaworthy: ${message}\n`);
  }

  fail(message: string): void {
    this.inputErrors.push(message);
    this.say(message);
  }

  /** A path relative to the working directory, `/` separated, for messages. */
  shown(abs: string): string {
    return (path.relative(this.io.cwd, abs) || path.basename(abs)).split(path.sep).join('/');
  }
}

/**
 * `seaworthy check`: finds the files, checks each with its nearest config, optionally fixes them,
 * prints one report. A file that cannot be read costs an error message and exit code 2, never the
 * other files' findings.
 */
export async function runCheck(command: CheckCommand, io: CliIo, beforeDockerfiles: () => Promise<void>): Promise<number> {
  const messages = new Messages(io);
  const reporter = configReporter(messages);
  let override: LoadedConfig | null = null;
  if (command.config !== null) {
    try {
      override = loadConfig(path.resolve(io.cwd, command.config));
    } catch (e) {
      messages.say(`${command.config}: cannot read config: ${reasonOf(e)}`);
      return EXIT_ERROR;
    }
    reporter.loaded(override);
  }
  const discovery = await discoverTargets(command.inputs, io.cwd, { gitignore: command.gitignore });
  discovery.errors.forEach((e) => messages.fail(e));
  discovery.notes.forEach((n) => messages.say(n));
  // The shell parser that reads RUN is loaded only when there is a Dockerfile to check.
  if (discovery.targets.some((t) => kindByName(t.abs) === 'dockerfile')) await beforeDockerfiles();

  const checked = checkTargets(discovery.targets, new ConfigResolver(override, reporter), command, messages);
  if (checked.filesChecked === 0 && messages.inputErrors.length === 0 && discovery.notes.length === 0) {
    messages.say(checked.ignored > 0 ? 'nothing to check: every file found matches ignorePaths' : 'nothing to check');
  }
  const report: CheckReport = { ...checked, cwd: io.cwd, inputErrors: messages.inputErrors, fixed: command.fix };
  const output = render(command, report, io);
  if (output !== '') io.stdout(output);
  if (messages.inputErrors.length > 0) return EXIT_ERROR;
  return report.findings.some((f) => meetsThreshold(f.severity, command.threshold)) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** Config problems are printed once per config file, by file:line:col; the defaults stand in. */
function configReporter(messages: Messages): ConfigReporter {
  return {
    loaded(loaded) {
      if (loaded.problems.length === 0 || !loaded.file) return;
      const file = messages.shown(loaded.file);
      const lines = loaded.problems.map((p) => `  ${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
      messages.say(`invalid configuration in ${file} (the defaults apply for what is wrong):\n${lines.join('\n')}`);
    },
    unreadable(file, reason) {
      messages.fail(`${messages.shown(file)}: cannot read config: ${reason}; the defaults apply`);
    },
  };
}

function checkTargets(
  targets: readonly Target[],
  configs: ConfigResolver,
  command: CheckCommand,
  messages: Messages,
): { findings: FileFinding[]; filesChecked: number; ignored: number } {
  const findings: FileFinding[] = [];
  let filesChecked = 0;
  let ignored = 0;
  const { facts, caches } = crossFileFactsOfTargets(targets);
  const manifests: (ConfiguredManifest & { target: Target })[] = [];
  for (const target of targets) {
    // Its first lint takes the parses the facts were read from; nothing else needs them.
    const cache = caches.get(target);
    caches.delete(target);
    const loaded = configs.forFile(target.abs);
    if (loaded.ignores(target.abs)) {
      ignored++;
      if (target.explicit) messages.say(`${target.display}: skipped, matched by ignorePaths in ${messages.shown(loaded.file ?? '')}`);
      continue;
    }
    const result = checkFile(target, loaded.config, command.fix, facts, cache);
    if (result.error) messages.fail(result.error);
    if (result.warning) messages.say(result.warning);
    if (result.fixesApplied > 0 && command.format === 'text') {
      messages.say(`${target.display}: applied ${result.fixesApplied} fix${result.fixesApplied === 1 ? '' : 'es'}`);
    }
    if (result.error === null || result.findings.length > 0) filesChecked++;
    for (const f of result.findings) findings.push({ file: target.display, ...f });
    if (result.network) manifests.push({ fileName: target.abs, network: result.network, config: loaded.config, target });
  }
  // Across the files: a namespace with workloads but no NetworkPolicy that selects them.
  for (const [target, found] of networkPolicyFindingsOf(manifests)) for (const f of found) findings.push({ file: target.display, ...f });
  return { findings: findings.sort(compareFindings), filesChecked, ignored };
}

/** JSON and SARIF always print one document; text prints nothing when no file was checked. */
function render(command: CheckCommand, report: CheckReport, io: CliIo): string {
  switch (command.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, packageVersion());
    case 'text':
      return report.filesChecked > 0 ? formatText(report, palette(wantsColor(io.env, io.stdoutIsTTY))) : '';
  }
}
