import type { ExternalEngineId, ScanBackend } from './backend';
import { dockerScoutBackend } from './dockerScout';
import { grypeBackend } from './grype';
import { trivyBackend } from './trivy';

export type { ExternalEngineId, ScanBackend } from './backend';

/** The external scanners, in the order `auto` tries them. */
export const BACKENDS: readonly ScanBackend[] = [trivyBackend, grypeBackend, dockerScoutBackend];

export function backendById(id: ExternalEngineId): ScanBackend {
  return BACKENDS.find((b) => b.id === id) as ScanBackend;
}
