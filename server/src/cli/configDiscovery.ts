import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, RULE_IDS, defaultConfig, parseConfig, type InputProblem, type SeaworthyConfig } from '../engine';
import { isIgnored } from '../engine/ignorePaths';
import { reasonOf } from './fileSystemErrors';

const CONFIG_NAMES = [CONFIG_FILE_NAME, '.seaworthy.yml'];

/** A `.seaworthy.yaml` read from disk, with its problems and its `ignorePaths` compiled. */
export interface LoadedConfig {
  /** Absolute path of the config file; null for the built-in defaults. */
  file: string | null;
  config: SeaworthyConfig;
  problems: InputProblem[];
  /** True when `ignorePaths` (relative to the config's folder, `.gitignore` style) covers the file. */
  ignores(absFile: string): boolean;
}

export interface ConfigReporter {
  /** Called once per config file read, so its problems are printed once. */
  loaded(config: LoadedConfig): void;
  /** The config exists but cannot be read; the defaults apply. */
  unreadable(file: string, reason: string): void;
}

const DEFAULTS: LoadedConfig = { file: null, config: defaultConfig(), problems: [], ignores: () => false };

/** Reads and parses one config file; throws the file-system error when it cannot be read. */
export function loadConfig(file: string): LoadedConfig {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const { config, problems } = parseConfig(text, RULE_IDS);
  // The editor's own matcher, so that the CLI and the editor skip the same files.
  const globs = { base: path.dirname(file), globs: config.ignorePaths };
  const ignores = (absFile: string): boolean => isIgnored(absFile, [globs]);
  return { file, config, problems, ignores };
}

/**
 * Finds the config of each file: `--config` when given, else the nearest `.seaworthy.yaml` in the
 * file's folder or a folder above it. Lookups are cached per folder.
 */
export class ConfigResolver {
  private readonly byFolder = new Map<string, LoadedConfig>();

  constructor(
    private readonly override: LoadedConfig | null,
    private readonly reporter: ConfigReporter,
  ) {}

  forFile(absFile: string): LoadedConfig {
    return this.override ?? this.forFolder(path.dirname(absFile));
  }

  private forFolder(folder: string): LoadedConfig {
    const cached = this.byFolder.get(folder);
    if (cached) return cached;
    const own = this.configIn(folder);
    const parent = path.dirname(folder);
    const found = own ?? (parent === folder ? DEFAULTS : this.forFolder(parent));
    this.byFolder.set(folder, found);
    return found;
  }

  private configIn(folder: string): LoadedConfig | null {
    for (const name of CONFIG_NAMES) {
      const file = path.join(folder, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      try {
        const loaded = loadConfig(file);
        this.reporter.loaded(loaded);
        return loaded;
      } catch (e) {
        this.reporter.unreadable(file, reasonOf(e));
        return DEFAULTS;
      }
    }
    return null;
  }
}
