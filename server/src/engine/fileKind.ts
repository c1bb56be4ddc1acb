/**
 * File kinds by name. Dockerfiles are known by name; YAML files by content, document by document
 * (see `lint.ts`): Kubernetes objects have `apiVersion` and `kind`, Compose files `services`.
 */
export type NameKind = 'dockerfile' | 'yaml' | 'config' | 'unknown';

const DOCKERFILE_NAME = /^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i;

export function kindByName(fileName: string): NameKind {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base === '.seaworthy.yaml' || base === '.seaworthy.yml') return 'config';
  // `Dockerfile.yaml` is YAML and `Dockerfile.dockerignore` an ignore file, as in the editor.
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (/\.dockerignore$/i.test(base)) return 'unknown';
  if (DOCKERFILE_NAME.test(base)) return 'dockerfile';
  return 'unknown';
}

/** Helm templates are not YAML until rendered; their documents are left alone. */
export function isTemplated(text: string): boolean {
  return text.includes('{{');
}
