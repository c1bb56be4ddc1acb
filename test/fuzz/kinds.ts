/** The file kinds the fuzzer feeds the engine, and the name each is linted under. */
export const FUZZ_KINDS = ['dockerfile', 'kubernetes', 'compose', 'config'] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

export const FILE_NAMES: Record<FuzzKind, string> = {
  dockerfile: 'Dockerfile',
  kubernetes: 'deploy.yaml',
  compose: 'compose.yaml',
  config: '.seaworthy.yaml',
};
