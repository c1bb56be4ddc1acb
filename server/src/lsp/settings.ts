import type { SeaworthyConfig, Severity } from '../engine';
import { LABEL_TYPES, PROFILES, SEVERITIES, type LabelType, type Profile } from '../engine/types';
import type { PodTemplatePath } from '../engine/kubernetes/objects';

/**
 * The `seaworthy.*` editor settings for one document, as the server uses them. The client may
 * send anything (old versions, hand-edited settings.json): `editorSettings` keeps what is well
 * formed and drops the rest, so a bad setting never stops checking.
 */
export interface EditorSettings {
  enable: boolean;
  /** Layered over the nearest `.seaworthy.yaml`. */
  config: Partial<SeaworthyConfig>;
  /** Globs relative to the document's workspace folder. */
  ignorePaths: string[];
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, config: {}, ignorePaths: [] };

export function editorSettings(raw: unknown): EditorSettings {
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const config: Partial<SeaworthyConfig> = {};
  const rules = rulesOf(raw.rules);
  if (rules) config.rules = rules;
  if ((PROFILES as readonly unknown[]).includes(raw.profile)) config.profile = raw.profile as Profile;
  if (raw.podSecurityLevel === 'baseline' || raw.podSecurityLevel === 'restricted') config.podSecurityLevel = raw.podSecurityLevel;
  const registries = stringsOf(raw.trustedRegistries);
  if (registries) config.trustedRegistries = registries;
  const labels = labelSchemaOf(raw.labelSchema);
  if (labels) config.labelSchema = labels;
  // Only `true` is layered: the setting's default (false) must not undo `strictLabels: true` in the file.
  if (raw.strictLabels === true) config.strictLabels = true;
  const podPaths = podTemplatePathsOf(raw.podTemplatePaths);
  if (podPaths) config.podTemplatePaths = podPaths;
  return { enable: raw.enable !== false, config, ignorePaths: stringsOf(raw.ignorePaths) ?? [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"privileged-container": "off"}`; VS Code also nests `seaworthy.rules.<id>` keys into this shape. */
function rulesOf(value: unknown): Record<string, Severity | 'off'> | null {
  if (!isRecord(value)) return null;
  const out: Record<string, Severity | 'off'> = {};
  for (const [id, level] of Object.entries(value)) {
    if (typeof level !== 'string') continue;
    const lower = level.toLowerCase();
    if (lower === 'off' || (SEVERITIES as readonly string[]).includes(lower)) out[id] = lower as Severity | 'off';
    // VS Code's own spelling for the severity enum some settings UIs offer.
    else if (lower === 'information') out[id] = 'info';
  }
  return out;
}

/** `{"org.opencontainers.image.source": "url"}`; entries with an unknown format are dropped. */
function labelSchemaOf(value: unknown): Record<string, LabelType> | null {
  if (!isRecord(value)) return null;
  const out: Record<string, LabelType> = {};
  for (const [key, type] of Object.entries(value)) if (key !== '' && (LABEL_TYPES as readonly unknown[]).includes(type)) out[key] = type as LabelType;
  return out;
}

function stringsOf(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

function podTemplatePathsOf(value: unknown): PodTemplatePath[] | null {
  if (!Array.isArray(value)) return null;
  const out: PodTemplatePath[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.kind !== 'string') continue;
    const p = entry.path;
    const steps = typeof p === 'string' ? p.split('.') : Array.isArray(p) && p.every((s) => typeof s === 'string') ? (p as string[]) : null;
    if (!steps || steps.length === 0) continue;
    out.push({ kind: entry.kind, path: steps, ...(typeof entry.apiGroup === 'string' ? { apiGroup: entry.apiGroup } : {}) });
  }
  return out;
}

/**
 * Settings per document, fetched with `workspace/configuration` when the client supports it and
 * cached until `workspace/didChangeConfiguration`. The cache is per document URI, or, when the
 * client says its answer depends only on the workspace folder (`scopeOf`), per folder: a document
 * opened in a folder already asked about is checked at once. Clients without
 * `workspace/configuration` get the settings they push in `didChangeConfiguration`, or the
 * defaults.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<EditorSettings>>();
  private pushed: EditorSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly pull: ((uri: string) => Promise<unknown>) | null,
    private readonly log: (message: string) => void,
    /** The scope whose documents all get the same answer (their workspace folder); unset: each document is its own. */
    private readonly scopeOf: ((uri: string) => string) | null = null,
  ) {}

  get(uri: string): Promise<EditorSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    const key = this.scopeOf?.(uri) ?? uri;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const asked: Promise<EditorSettings> = this.pull(uri).then(editorSettings, (e: unknown) => {
      this.log(`workspace/configuration failed for ${uri}, using defaults: ${String(e)}`);
      // Asked again next time (unless a newer question took its place meanwhile).
      if (this.cache.get(key) === asked) this.cache.delete(key);
      return DEFAULT_SETTINGS;
    });
    this.cache.set(key, asked);
    return asked;
  }

  /** `didChangeConfiguration`: pulled settings are re-fetched; pushed ones replace the old. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    if (!this.pull && isRecord(pushedSettings)) this.pushed = editorSettings(pushedSettings.seaworthy);
  }

  /** The document closed: its own answer goes (a folder's stays for the folder's other documents). */
  forget(uri: string): void {
    if (!this.scopeOf) this.cache.delete(uri);
  }

  /** The workspace folders changed: which folder holds a document (and what "outside" means) may have too. */
  foldersChanged(): void {
    if (this.scopeOf) this.cache.clear();
  }
}

/** Where a rule's level in force comes from, for the hover. */
export interface RuleLevelSources {
  /** Rules whose level `.seaworthy.yaml` sets (and no setting raised). */
  config: Record<string, Severity | 'off'>;
  /** Rules whose level a `seaworthy.rules` setting sets. */
  settings: Record<string, Severity | 'off'>;
  /** Settings not applied because they would loosen what `.seaworthy.yaml` decides. */
  overruled: Record<string, Severity | 'off'>;
}

const LEVEL_ORDER: readonly (Severity | 'off')[] = ['off', 'hint', 'info', 'warning', 'error'];

/**
 * The precedence of the settings over the team's `.seaworthy.yaml` (README, "Which wins"). The
 * file is the team's policy: a user or workspace setting may make checking stricter than the file
 * (raise a rule's level, turn on a rule the file turns off, a larger profile) but not looser on
 * what the file decides (`podSecurityLevel` is the exception: it names the cluster checked for); where the file says nothing, the
 * settings apply as they are. Without a file the settings apply as they are. Returns the settings
 * to layer over the file, and where each rule's level comes from.
 */
export function settingsUnderPolicy(file: SeaworthyConfig | null, settings: Partial<SeaworthyConfig>): { settings: Partial<SeaworthyConfig>; sources: RuleLevelSources } {
  const sources: RuleLevelSources = { config: { ...(file?.rules ?? {}) }, settings: {}, overruled: {} };
  const out: Partial<SeaworthyConfig> = { ...settings };
  if (settings.rules) {
    const rules: Record<string, Severity | 'off'> = {};
    for (const [id, level] of Object.entries(settings.rules)) {
      const team = file?.rules[id];
      if (team !== undefined && LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf(team)) {
        sources.overruled[id] = level;
        continue;
      }
      rules[id] = level;
      sources.settings[id] = level;
      delete sources.config[id];
    }
    out.rules = rules;
  }
  if (file?.profile && settings.profile && PROFILES.indexOf(settings.profile) < PROFILES.indexOf(file.profile)) delete out.profile;
  return { settings: out, sources };
}
