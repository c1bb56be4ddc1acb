import type { Pair, YAMLMap } from 'yaml';
import { yamlLibrary } from '../../parse/yamlDocuments';
import { mapAt, pairOf, scalarString } from './objects';

/** One `env:` entry of a container: its name, and its literal `value` or its `valueFrom`. */
export interface EnvEntry {
  node: YAMLMap;
  name: string;
  /** The `value:` pair when the value is written in the manifest. */
  value: Pair | null;
  /** `valueFrom.secretKeyRef` when the value comes from a Secret. */
  secretKeyRef: YAMLMap | null;
}

/** The container's `env` entries that have a name (others the API server rejects). */
export function envEntries(container: YAMLMap): EnvEntry[] {
  const { isMap, isSeq } = yamlLibrary();
  const env = container.get('env', true);
  if (!isSeq(env)) return [];
  const entries: EnvEntry[] = [];
  for (const item of env.items) {
    if (!isMap(item)) continue;
    const name = scalarString(item.get('name', true));
    if (!name) continue;
    entries.push({ node: item, name, value: pairOf(item, 'value') ?? null, secretKeyRef: mapAt(item, ['valueFrom', 'secretKeyRef']) });
  }
  return entries;
}

/** The container's `envFrom` entries that load a whole Secret (`secretRef`). */
export function envFromSecrets(container: YAMLMap): YAMLMap[] {
  const { isMap, isSeq } = yamlLibrary();
  const envFrom = container.get('envFrom', true);
  if (!isSeq(envFrom)) return [];
  return envFrom.items.filter((item): item is YAMLMap => isMap(item) && isMap(item.get('secretRef', true)));
}
