import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, type Diagnostic } from './languageServer';
import type { InputProblem, SeaworthyConfig } from '../engine';
import { normaliseRefs } from '../engine/types';
import { engine } from './engine';
import { toDiagnostic } from './diagnostics';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { ruleDocsUri } from './ruleDocs';

/** The `.seaworthy.yaml` that governs a file, with the folder its `ignorePaths` are relative to. */
export interface ConfigFile {
  path: string;
  dir: string;
  config: SeaworthyConfig;
  /** Its mistakes, each at its place in the file; the defaults stand in for those settings. */
  problems: readonly InputProblem[];
}

export const CONFIG_NAMES = ['.seaworthy.yaml', '.seaworthy.yml'];
const NAMES = CONFIG_NAMES;

export function isConfigPath(filePath: string): boolean {
  return CONFIG_NAMES.includes(path.basename(filePath));
}

/**
 * Finds and reads the nearest ancestor `.seaworthy.yaml` of a file. Reads go to disk unless the
 * config file is open in the editor, in which case its unsaved text wins. Results are cached
 * until `invalidate()`: the server calls it when a config file is opened, edited, saved or
 * reported changed by the client's file watcher, and when any document is opened or saved (so a
 * config created outside the editor is found without a watcher).
 */
export class ConfigFiles {
  private readonly nearest = new Map<string, string | null>();
  private readonly parsed = new Map<string, ConfigFile>();
  /**
   * The last text read of each config file and what it parsed to, kept across `invalidate()`:
   * every opened document invalidates, and a file whose text did not change is not parsed again.
   */
  private readonly lastRead = new Map<string, { text: string; file: ConfigFile }>();

  constructor(
    private readonly openText: (filePath: string) => string | undefined,
    private readonly log: (message: string) => void,
    /** Told of every read, so the session can say when a file's problems change. */
    private readonly onRead: (file: ConfigFile) => void = () => undefined,
  ) {}

  /** The config file at `configPath` itself (null when it cannot be read, e.g. deleted). */
  file(configPath: string): ConfigFile | null {
    return this.read(configPath);
  }

  /** The config for the file at `filePath`, or null when no ancestor folder has one. */
  forFile(filePath: string): ConfigFile | null {
    const configPath = this.find(path.dirname(filePath));
    return configPath ? this.read(configPath) : null;
  }

  invalidate(): void {
    this.nearest.clear();
    this.parsed.clear();
  }

  private find(dir: string): string | null {
    const cached = this.nearest.get(dir);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    for (const name of NAMES) {
      const candidate = path.join(dir, name);
      if (this.openText(candidate) !== undefined || isFile(candidate)) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      const parent = path.dirname(dir);
      found = parent === dir ? null : this.find(parent);
    }
    this.nearest.set(dir, found);
    return found;
  }

  private read(configPath: string): ConfigFile | null {
    const cached = this.parsed.get(configPath);
    if (cached) return cached;
    let text = this.openText(configPath);
    if (text === undefined) {
      try {
        text = fs.readFileSync(configPath, 'utf8');
      } catch (e) {
        this.lastRead.delete(configPath);
        this.log(`could not read ${configPath}: ${(e as Error).message}`);
        return null;
      }
    }
    const last = this.lastRead.get(configPath);
    if (last?.text === text) {
      this.parsed.set(configPath, last.file);
      return last.file;
    }
    // Problems are shown on the file itself, open or not, and noted on the files it governs; the defaults stand in.
    const { config, problems } = engine().parseConfig(text.replace(/^\uFEFF/, ''), engine().RULE_IDS);
    const file = { path: configPath, dir: path.dirname(configPath), config, problems };
    this.parsed.set(configPath, file);
    this.lastRead.set(configPath, { text, file });
    this.onRead(file);
    return file;
  }
}

/** Most folders have no config file: a missing one is answered without building an error (its stack trace cost more than the stat). */
function isFile(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/** The diagnostics of a config file's problems, as the open file shows them (none when `invalid-config` is off). */
export function configDiagnostics(file: ConfigFile): Diagnostic[] {
  const level = file.config.rules['invalid-config'];
  if (level === 'off') return [];
  return file.problems.map((p) => toDiagnostic({ ruleId: 'invalid-config', severity: level ?? p.severity, message: p.message, range: p.range, refs: normaliseRefs({}) }));
}

/** `path: 2 problems …` for the output channel, one line per problem. */
export function describeProblems(file: ConfigFile): string {
  const count = file.problems.length;
  if (count === 0) return `${file.path}: no problems, its settings are in force`;
  const lines = file.problems.map((p) => `  line ${p.range.start.line + 1}: ${p.message}`);
  return [`${file.path}: ${count} ${count === 1 ? 'problem' : 'problems'}; the defaults stand in for ${count === 1 ? 'that setting' : 'those settings'}:`, ...lines].join('\n');
}

/**
 * The one note a file governed by a broken config carries (at its first line): the team's policy
 * is not fully in force, and where to look (`label`: the config's path as the user names it,
 * workspace-relative). Null when the config has no problem (or `invalid-config` is off).
 */
export function configNotice(file: ConfigFile, label: string, withRelated: boolean): Diagnostic | null {
  const first = file.problems[0];
  if (!first || file.config.rules['invalid-config'] === 'off') return null;
  const count = file.problems.length;
  const at = { line: 0, character: 0 };
  const uri = pathToFileURL(file.path).toString();
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: 'invalid-config',
    codeDescription: { href: ruleDocsUri('invalid-config') },
    message: `${label} has ${count} ${count === 1 ? 'problem' : 'problems'}, so the defaults stand in for ${count === 1 ? 'that setting' : 'those settings'} here (line ${first.range.start.line + 1}: ${first.message})`,
    ...(withRelated ? { relatedInformation: file.problems.map((p) => ({ location: { uri, range: p.range }, message: p.message })) } : {}),
  };
}
