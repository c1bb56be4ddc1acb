import * as os from 'os';
import * as path from 'path';
import type { ExternalEngineId } from '../scan/backends';
import type { EngineChoice } from '../scan/scanner';
import { scanModule } from './scanModule';

/** The `seaworthy.scan` settings section, as the server uses it. */
export interface ScanSettings {
  engine: EngineChoice;
  timeoutMs: number;
  /** `platform`: the platform of a multi-platform image to scan; null leaves it to the engine (linux/amd64 for the built-in one). */
  platform: string | null;
  /** Executables named by `trivyPath`, `grypePath`, `dockerPath`. */
  executablePaths: Partial<Record<ExternalEngineId, string>>;
  /** `osvDatabase`: the OSV database (folder, zip or JSON file) the built-in engine matches against; `~/` is the home folder. */
  osvDatabase: string | null;
  /** `insecureRegistries`: `host:port` registries the built-in engine may reach over plain HTTP (loopback ones always may). */
  insecureRegistries: string[];
}

export const SCAN_SETTINGS_SECTION = 'seaworthy.scan';

const PATH_KEYS: Record<ExternalEngineId, string> = { trivy: 'trivyPath', grype: 'grypePath', 'docker-scout': 'dockerPath' };

/**
 * Reads the section defensively (anything malformed falls back to the default). In an untrusted
 * workspace (`trusted: false`) the executable paths are dropped whatever they say: VS Code
 * already ignores workspace values of these restricted settings, and the server does not rely
 * on that alone.
 */
export function scanSettingsOf(raw: unknown, trusted: boolean): ScanSettings {
  const section = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const { DEFAULT_SCAN_TIMEOUT_MS, ENGINE_CHOICES, PLATFORM_PATTERN } = scanModule();
  const engine = ENGINE_CHOICES.includes(section.engine as EngineChoice) ? (section.engine as EngineChoice) : 'auto';
  const seconds = section.timeoutSeconds;
  const timeoutMs = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_SCAN_TIMEOUT_MS;
  const executablePaths: Partial<Record<ExternalEngineId, string>> = {};
  if (trusted) {
    for (const [id, key] of Object.entries(PATH_KEYS) as [ExternalEngineId, string][]) {
      const value = section[key];
      if (typeof value === 'string' && value.trim() !== '') executablePaths[id] = value.trim();
    }
  }
  const written = typeof section.platform === 'string' ? section.platform.trim() : '';
  const platform = PLATFORM_PATTERN.test(written) ? written : null;
  const database = typeof section.osvDatabase === 'string' ? section.osvDatabase.trim() : '';
  const osvDatabase = database === '' ? null : database.startsWith('~/') ? path.join(os.homedir(), database.slice(2)) : database;
  const insecureRegistries = Array.isArray(section.insecureRegistries) ? section.insecureRegistries.filter((h): h is string => typeof h === 'string' && /^[A-Za-z0-9.-]+(?::\d+)?$/.test(h.trim())).map((h) => h.trim()) : [];
  return { engine, timeoutMs, platform, executablePaths, osvDatabase, insecureRegistries };
}
