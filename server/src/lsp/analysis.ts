import * as path from 'path';
import { fileURLToPath } from 'url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CrossFileFacts, Finding, FileKind, LintCache, NetworkFacts, SeaworthyConfig } from '../engine';
import type { PodTemplatePath } from '../engine/kubernetes/objects';
import type { ConfigFile, ConfigFiles } from './configFiles';
import { engine, engineReady } from './engine';
import { settingsUnderPolicy, type RuleLevelSources, type SettingsStore } from './settings';

/** How a document is checked, decided when it is opened. */
interface DocumentState {
  /** Path on disk for `file:` URIs (config lookup, ignorePaths), else null. */
  filePath: string | null;
  /** What the engine sees as the name: decides Dockerfile, YAML or `.seaworthy.yaml`. */
  fileName: string;
  kindHint: 'dockerfile' | 'yaml' | undefined;
  /** One per open document: only the edited YAML document is re-parsed. */
  cache: LintCache;
  /** The resolved configuration (settings over `.seaworthy.yaml`), until it is invalidated. */
  resolved: Promise<Resolved> | null;
  /** Bumped when the configuration is invalidated: work started before is stale. */
  generation: number;
  last: Analysis | null;
  /** What linting it costs, in ms: a moving average over its lints (undefined until the first). */
  costMs: number | undefined;
  /** How many times it was linted (read by the dev-only stats request). */
  lints: number;
}

/** The findings of one version of a document; `checked: false` when disabled or ignored. */
export interface Analysis {
  version: number;
  checked: boolean;
  /** Why it is not checked: `seaworthy.enable` is off, or `ignorePaths` names it. */
  notChecked?: 'disabled' | 'ignored';
  /** The `.seaworthy.yaml` that governs it, if any. */
  configFile: ConfigFile | null;
  /** Which rules' levels the file and the settings set (for the hover). */
  levels?: RuleLevelSources;
  kind: FileKind;
  findings: Finding[];
  /** Where custom resources keep pod specs, for actions that look for one ("Harden this workload"). */
  podTemplatePaths?: readonly PodTemplatePath[];
  /** The configuration it was linted with (the workspace-wide checks judge their findings in it by it). */
  config?: SeaworthyConfig;
  /** A manifest's facts for the workspace-wide NetworkPolicy check, read by its lint. */
  network?: NetworkFacts;
  /** A manifest's Namespace labels and Roles, read by its lint, for the lint of the other documents. */
  crossFile?: CrossFileFacts;
}

interface Resolved {
  checked: boolean;
  notChecked?: 'disabled' | 'ignored';
  config: SeaworthyConfig;
  file: ConfigFile | null;
  levels?: RuleLevelSources;
}

/**
 * Owns the per-document lint state: which documents are checked and how, their caches, their
 * resolved configuration, and the last analysis, so that each version is linted once and
 * diagnostics, code actions and hovers share the result.
 */
export class Analyzer {
  private readonly states = new Map<string, DocumentState>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly configFiles: ConfigFiles,
    private readonly workspaceFolderOf: (filePath: string) => string | null,
    private readonly log: (message: string) => void,
    /** The workspace's Namespace Pod Security labels and Roles (`CrossFileIndex`); none by default. */
    private readonly crossFile: () => Promise<CrossFileFacts | undefined> = async () => undefined,
    /** Told a document's own labels and Roles after each lint (null: not checked), to keep that index current. */
    private readonly linted: (uri: string, facts: CrossFileFacts | undefined | null) => void = () => undefined,
  ) {}

  /** Starts tracking a document; returns false for files Seaworthy does not check. */
  open(uri: string, languageId: string): boolean {
    const filePath = filePathOf(uri);
    const fileName = filePath ?? nameInUri(uri);
    let kindHint: DocumentState['kindHint'];
    if (engine().kindByName(fileName) === 'unknown') {
      if (languageId === 'dockerfile') kindHint = 'dockerfile';
      else if (languageId === 'yaml' || languageId === 'dockercompose') kindHint = 'yaml';
      else {
        this.close(uri);
        return false;
      }
    }
    this.states.set(uri, { filePath, fileName, kindHint, cache: new (engine().LintCache)(), resolved: null, generation: 0, last: null, costMs: undefined, lints: 0 });
    return true;
  }

  close(uri: string): void {
    this.states.delete(uri);
  }

  isTracked(uri: string): boolean {
    return this.states.has(uri);
  }

  isConfigFile(uri: string): boolean {
    const state = this.states.get(uri);
    return state !== undefined && engine().kindByName(state.fileName) === 'config';
  }

  /** What linting the document costs, in ms, as measured so far (undefined before its first lint). */
  costOf(uri: string): number | undefined {
    return this.states.get(uri)?.costMs;
  }

  lintsOf(uri: string): number {
    return this.states.get(uri)?.lints ?? 0;
  }

  trackedUris(): string[] {
    return [...this.states.keys()];
  }

  /** Settings or a config file changed: the document (default: every one) re-resolves and re-lints. */
  invalidateConfiguration(uri?: string): void {
    const states = uri === undefined ? [...this.states.values()] : [this.states.get(uri)];
    for (const state of states) {
      if (!state) continue;
      state.generation++;
      state.resolved = null;
      state.last = null;
    }
  }

  /**
   * The analysis of the document's current version, linting it if this version has not been
   * linted yet. Resolves to null when the document is not tracked.
   */
  async analyse(document: TextDocument): Promise<Analysis | null> {
    const state = this.states.get(document.uri);
    if (!state) return null;
    if (state.last?.version === document.version) return state.last;
    let resolved: Resolved;
    let facts: CrossFileFacts | undefined;
    let generation: number;
    do {
      generation = state.generation;
      resolved = await this.resolve(document.uri, state);
      facts = resolved.checked ? await this.crossFileFor(state) : undefined;
      // The document may have been closed, or its configuration changed, meanwhile.
      if (this.states.get(document.uri) !== state) return null;
    } while (generation !== state.generation);
    await engineReady(this.log);
    if (this.states.get(document.uri) !== state) return null;
    if (state.last?.version === document.version) return state.last;
    state.last = resolved.checked
      ? this.lintNow(state, document, resolved, facts)
      : { version: document.version, checked: false, ...(resolved.notChecked ? { notChecked: resolved.notChecked } : {}), configFile: resolved.file, kind: 'unknown', findings: [] };
    if (!this.isDockerfile(state)) this.linted(document.uri, state.last.checked ? state.last.crossFile : null);
    return state.last;
  }

  /** The last analysis if it is of the document's current version (for cheap look-ups). */
  current(document: TextDocument): Analysis | null {
    const last = this.states.get(document.uri)?.last;
    return last && last.version === document.version ? last : null;
  }

  /** Lints other texts of the document (fix-all rounds) with its configuration, off its cache. */
  async linterFor(document: TextDocument): Promise<((text: string) => Finding[]) | null> {
    const state = this.states.get(document.uri);
    if (!state) return null;
    const resolved = await this.resolve(document.uri, state);
    if (!resolved.checked) return null;
    await engineReady(this.log);
    const facts = await this.crossFileFor(state);
    const cache = new (engine().LintCache)();
    return (text) => engine().lint({ fileName: state.fileName, text, config: resolved.config, cache, ...(state.kindHint ? { kindHint: state.kindHint } : {}), ...crossFileInput(facts) }).findings;
  }

  private isDockerfile(state: DocumentState): boolean {
    return state.kindHint === 'dockerfile' || engine().kindByName(state.fileName) === 'dockerfile';
  }

  /** Namespace labels and Roles matter to manifests only: a Dockerfile does not wait for the workspace to be read. */
  private crossFileFor(state: DocumentState): Promise<CrossFileFacts | undefined> | undefined {
    return this.isDockerfile(state) ? undefined : this.crossFile();
  }

  private lintNow(state: DocumentState, document: TextDocument, { config, file, levels }: Resolved, facts: CrossFileFacts | undefined): Analysis {
    const started = performance.now();
    const output = engine().lint({
      fileName: state.fileName,
      text: document.getText(),
      config,
      cache: state.cache,
      ...(state.kindHint ? { kindHint: state.kindHint } : {}),
      ...crossFileInput(facts),
    });
    const cost = performance.now() - started;
    // Half the weight on the newest lint: one slow run (a GC pause) does not decide alone.
    state.costMs = state.costMs === undefined ? cost : (state.costMs + cost) / 2;
    state.lints++;
    return { version: document.version, checked: true, configFile: file, ...(levels ? { levels } : {}), kind: output.kind, findings: output.findings, podTemplatePaths: config.podTemplatePaths, config, ...(output.network ? { network: output.network } : {}), ...(output.crossFile ? { crossFile: output.crossFile } : {}) };
  }

  private resolve(uri: string, state: DocumentState): Promise<Resolved> {
    state.resolved ??= this.computeResolved(uri, state);
    return state.resolved;
  }

  private async computeResolved(uri: string, state: DocumentState): Promise<Resolved> {
    const settings = await this.settings.get(uri);
    try {
      const file = state.filePath ? this.configFiles.forFile(state.filePath) : null;
      const { defaultConfig, isIgnored, mergeConfig } = engine();
      // The file is the team's policy: settings may make checking stricter, not looser (settingsUnderPolicy).
      const { settings: layered, sources: levels } = settingsUnderPolicy(file?.config ?? null, settings.config);
      const config = mergeConfig(file?.config ?? defaultConfig(), layered);
      if (!settings.enable) return { checked: false, notChecked: 'disabled', config, file };
      const folder = state.filePath ? this.workspaceFolderOf(state.filePath) : null;
      const ignored =
        state.filePath !== null &&
        isIgnored(state.filePath, [...(file ? [{ base: file.dir, globs: file.config.ignorePaths }] : []), { base: folder, globs: settings.ignorePaths }]);
      return { checked: !ignored, ...(ignored ? { notChecked: 'ignored' as const } : {}), config, file, levels };
    } catch (e) {
      this.log(`could not resolve the configuration of ${uri}, using the defaults: ${(e as Error)?.stack ?? String(e)}`);
      return { checked: settings.enable, config: engine().mergeConfig(engine().defaultConfig(), settings.config), file: null };
    }
  }
}

function crossFileInput(facts: CrossFileFacts | undefined): { namespaces?: CrossFileFacts['namespaces']; roles?: CrossFileFacts['roles'] } {
  return facts ? { namespaces: facts.namespaces, roles: facts.roles } : {};
}

/** The path part of a non-file URI (`untitled:Untitled-1`, `vscode-vfs://host/x/Dockerfile`). */
function nameInUri(uri: string): string {
  const raw = uri.replace(/^[a-z][a-z0-9+.-]*:/i, '').split(/[?#]/)[0] ?? uri;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function filePathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return null;
  }
}
