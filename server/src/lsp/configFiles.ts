import * as fs from 'fs';
import * as path from 'path';
import type { SeaworthyConfig } from '../engine';
import { engine } from './engine';

/** The `.seaworthy.yaml` that governs a file, with the folder its `ignorePaths` are relative to. */
export interface ConfigFile {
  path: string;
  dir: string;
  config: SeaworthyConfig;
}

const NAMES = ['.seaworthy.yaml', '.seaworthy.yml'];

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

  constructor(
    private readonly openText: (filePath: string) => string | undefined,
    private readonly log: (message: string) => void,
  ) {}

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
        this.log(`could not read ${configPath}: ${(e as Error).message}`);
        return null;
      }
    }
    // Problems in the file are shown on the file itself when it is open; the defaults stand in.
    const file = { path: configPath, dir: path.dirname(configPath), config: engine().parseConfig(text, engine().RULE_IDS).config };
    this.parsed.set(configPath, file);
    return file;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
