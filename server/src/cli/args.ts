import { SEVERITIES, type Severity } from '../engine';
import { SCAN_SEVERITIES, type ScanSeverity } from '../scan/model';
import { REPORT_FORMATS, type ReportFormat } from '../scan/reports/reportFormat';
import { ENGINE_CHOICES, PLATFORM_PATTERN, type EngineChoice } from '../scan/scanner';
import type { HelpTopic } from './usage';

export type CheckFormat = 'text' | 'json' | 'sarif';
export type RulesFormat = 'text' | 'json' | 'markdown';

export interface CheckCommand {
  command: 'check';
  /** Paths and globs as typed; empty means the current directory. */
  inputs: string[];
  format: CheckFormat;
  config: string | null;
  threshold: Severity;
  fix: boolean;
  /** Folder walks leave out what `.gitignore` files name (`--no-gitignore`: false). */
  gitignore: boolean;
}

export type ScanFormat = 'text' | 'json' | 'sarif' | 'cyclonedx';

export interface ScanCommand {
  command: 'scan';
  /** Images to scan; empty when a report is imported, or to scan every image `--dockerfile` names. */
  images: string[];
  engine: EngineChoice;
  /** `OS/ARCH[/VARIANT]`, or null for the scanner's default. */
  platform: string | null;
  format: ScanFormat;
  threshold: ScanSeverity;
  /** `--report FILE`: import this report instead of scanning. */
  report: string | null;
  /** Null: detected from the report's content. */
  reportFormat: ReportFormat | null;
  /** Map the results onto the `FROM` lines of this Dockerfile. */
  dockerfile: string | null;
  /** `--osv-db PATH`: the OSV database the built-in engine matches its inventory against. */
  osvDatabase: string | null;
}

export interface RulesCommand {
  command: 'rules';
  format: RulesFormat;
}

/** `seaworthy pin [PATH…]`: resolve the files' image tags to digests. */
export interface PinCommand {
  command: 'pin';
  /** Files to pin; empty means `Dockerfile` in the working directory. */
  paths: string[];
}

export type Command =
  | CheckCommand
  | PinCommand
  | RulesCommand
  | { command: 'help'; topic: HelpTopic }
  | { command: 'version' }
  | ScanCommand;

/** A mistake in the command line: reported with the usage of `topic`, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly topic: HelpTopic,
  ) {
    super(message);
  }
}

interface FlagSpec {
  /** Allowed values; absent for a switch without a value. */
  values?: readonly string[];
  /** Any value is allowed (a file name). */
  anyValue?: boolean;
}

interface ParsedFlags {
  flags: Map<string, string | true>;
  positionals: string[];
  help: boolean;
}

const CHECK_FLAGS: Record<string, FlagSpec> = {
  '--format': { values: ['text', 'json', 'sarif'] },
  '--config': { anyValue: true },
  '--severity-threshold': { values: SEVERITIES },
  '--fix': {},
  '--no-gitignore': {},
};

/**
 * `check`'s levels are accepted too, as their counterparts (error → high, warning → medium,
 * info → low, hint → unknown), so one threshold can serve both commands in CI.
 */
const THRESHOLD_WORDS: Record<string, ScanSeverity> = {
  ...Object.fromEntries(SCAN_SEVERITIES.map((s) => [s, s])),
  error: 'high',
  warning: 'medium',
  info: 'low',
  hint: 'unknown',
};

const SCAN_FLAGS: Record<string, FlagSpec> = {
  '--engine': { values: ENGINE_CHOICES },
  '--platform': { anyValue: true },
  '--format': { values: ['text', 'json', 'sarif', 'cyclonedx'] },
  '--severity-threshold': { values: Object.keys(THRESHOLD_WORDS) },
  '--report': { anyValue: true },
  '--report-format': { values: REPORT_FORMATS },
  '--dockerfile': { anyValue: true },
  '--osv-db': { anyValue: true },
};

const RULES_FLAGS: Record<string, FlagSpec> = {
  '--format': { values: ['text', 'json', 'markdown'] },
};

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      throw new UsageError('no command given', 'main');
    case '-h':
    case '--help':
    case 'help':
      return { command: 'help', topic: helpTopicOf(rest[0]) };
    case '-v':
    case '-V':
    case '--version':
    case 'version':
      return { command: 'version' };
    case 'check':
      return parseCheck(rest);
    case 'rules':
      return parseRules(rest);
    case 'scan':
      return parseScan(rest);
    case 'pin':
      return parsePin(rest);
    default:
      if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'`, 'main');
      throw new UsageError(`unknown command '${first}'`, 'main');
  }
}

function helpTopicOf(name: string | undefined): HelpTopic {
  return name === 'check' || name === 'rules' || name === 'scan' || name === 'pin' ? name : 'main';
}

function parsePin(args: readonly string[]): Command {
  const parsed = parseFlags(args, {}, 'pin');
  if (parsed.help) return { command: 'help', topic: 'pin' };
  return { command: 'pin', paths: parsed.positionals };
}

function parseCheck(args: readonly string[]): Command {
  const parsed = parseFlags(args, CHECK_FLAGS, 'check');
  if (parsed.help) return { command: 'help', topic: 'check' };
  const { flags } = parsed;
  const config = flags.get('--config');
  return {
    command: 'check',
    inputs: parsed.positionals,
    format: (flags.get('--format') as CheckFormat | undefined) ?? 'text',
    config: typeof config === 'string' ? config : null,
    threshold: (flags.get('--severity-threshold') as Severity | undefined) ?? 'warning',
    fix: flags.has('--fix'),
    gitignore: !flags.has('--no-gitignore'),
  };
}

function parseScan(args: readonly string[]): Command {
  const parsed = parseFlags(args, SCAN_FLAGS, 'scan');
  if (parsed.help) return { command: 'help', topic: 'scan' };
  const { flags, positionals } = parsed;
  const text = (name: string): string | null => {
    const value = flags.get(name);
    return typeof value === 'string' ? value : null;
  };
  const report = text('--report');
  if (report !== null && positionals.length > 0) throw new UsageError(`give images to scan or --report, not both (got '${positionals[0]}')`, 'scan');
  if (report === null && positionals.length === 0 && !flags.has('--dockerfile')) {
    throw new UsageError('name an image to scan, a Dockerfile whose images to scan (--dockerfile PATH), or a report to import (--report FILE)', 'scan');
  }
  if (report === null && flags.has('--report-format')) throw new UsageError("'--report-format' needs '--report FILE'", 'scan');
  const scanOnly = ['--engine', '--platform', '--osv-db'].find((f) => flags.has(f));
  if (report !== null && scanOnly) throw new UsageError(`'${scanOnly}' does not apply to an imported report`, 'scan');
  const platform = text('--platform');
  if (platform !== null && !PLATFORM_PATTERN.test(platform)) {
    throw new UsageError(`invalid value '${platform}' for '--platform'; expected OS/ARCH[/VARIANT], e.g. linux/amd64`, 'scan');
  }
  return {
    command: 'scan',
    images: positionals,
    engine: (text('--engine') as EngineChoice | null) ?? 'auto',
    platform,
    format: (text('--format') as ScanFormat | null) ?? 'text',
    threshold: THRESHOLD_WORDS[text('--severity-threshold') ?? 'medium'] ?? 'medium',
    report,
    reportFormat: text('--report-format') as ReportFormat | null,
    dockerfile: text('--dockerfile'),
    osvDatabase: text('--osv-db'),
  };
}

function parseRules(args: readonly string[]): Command {
  const parsed = parseFlags(args, RULES_FLAGS, 'rules');
  if (parsed.help) return { command: 'help', topic: 'rules' };
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`, 'rules');
  return { command: 'rules', format: (parsed.flags.get('--format') as RulesFormat | undefined) ?? 'text' };
}

/** `--flag value`, `--flag=value`, switches, and `--` to end options. The last repeat wins. */
function parseFlags(args: readonly string[], specs: Record<string, FlagSpec>, topic: HelpTopic): ParsedFlags {
  const out: ParsedFlags = { flags: new Map(), positionals: [], help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      out.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (arg === '-') throw new UsageError('reading from standard input is not supported; name the files to check', topic);
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option '${name}'`, topic);
    if (!spec.values && !spec.anyValue) {
      if (eq !== -1) throw new UsageError(`option '${name}' takes no value`, topic);
      out.flags.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !(args[i + 1] as string).startsWith('--')) value = args[++i];
    const expected = spec.values ? ` (${spec.values.join(', ')})` : '';
    if (value === undefined || value === '') throw new UsageError(`option '${name}' needs a value${expected}`, topic);
    if (spec.values && !spec.values.includes(value)) {
      throw new UsageError(`invalid value '${value}' for '${name}'; expected one of ${spec.values.join(', ')}`, topic);
    }
    out.flags.set(name, value);
  }
  return out;
}
