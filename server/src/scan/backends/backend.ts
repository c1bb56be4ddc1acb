import type { ImageScan } from '../model';
import type { ProcessHost } from '../processes';

export type ExternalEngineId = 'trivy' | 'grype' | 'docker-scout';

/** A failure a scanner reports in words on stderr, and what the user can do about it. */
export interface KnownFailure {
  pattern: RegExp;
  kind: 'offline-db' | 'login' | 'not-found' | 'missing-scanner';
  advice: string;
}

export interface ScanRequest {
  /** A reference already validated against the distribution grammar. */
  image: string;
  platform: string | null;
  timeoutMs: number;
}

/**
 * One external scanner: how to run it (an argument array that asks for machine-readable output on
 * stdout), how to read what it prints, and how to explain its failures. Adding a scanner is one
 * file implementing this and a line in `backends/index.ts`.
 */
export interface ScanBackend {
  id: ExternalEngineId;
  /** As users know it: "Trivy". */
  name: string;
  /** The program looked up on PATH, or named by the scanner-path setting. */
  executable: string;
  /** Where to get it. */
  installHint: string;
  /** The setting that names its executable. */
  pathSetting: string;
  /** Whether a found executable can scan (Docker needs its Scout plugin); absent means yes. */
  usable?(executable: string, host: Pick<ProcessHost, 'env' | 'isExecutable' | 'platform'>): boolean;
  args(request: ScanRequest): string[];
  /** The scan in stdout; throws a ReportError when it is not one. */
  parse(stdout: string): ImageScan;
  failures: readonly KnownFailure[];
}

/** Failures every registry client meets, in the words Docker's libraries use. */
export const REGISTRY_FAILURES: readonly KnownFailure[] = [
  {
    pattern: /unauthorized|authentication required|denied: requested access|no basic auth credentials|requested access to the resource is denied/i,
    kind: 'login',
    advice: 'the registry wants a login: run `docker login <registry>` (the scanners read ~/.docker/config.json), then scan again',
  },
  {
    pattern: /manifest unknown|name unknown|repository does not exist|no such image|not found: manifest/i,
    kind: 'not-found',
    advice: 'the image was not found: check the name and tag, or pull or build it first',
  },
];
