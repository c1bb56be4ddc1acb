import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, kindByName } from '../../server/src/engine';
import { dockerfile, manifest } from '../bench/inputs';
import { FIXTURES, REPO_ROOT } from '../support/paths';
import type { FuzzKind } from './kinds';

/** Seeds per kind: every rule fixture, example and bench input, and each rule's own examples. */
export type Corpus = Record<FuzzKind, string[]>;

export function loadCorpus(): Corpus {
  const corpus: Corpus = { dockerfile: [], kubernetes: [], compose: [], config: [] };
  const add = (fileName: string, text: string): void => {
    const kind = kindOf(fileName, text);
    if (kind && text.length < 200_000) corpus[kind].push(text);
  };
  for (const dir of [path.join(FIXTURES, 'rules'), path.join(REPO_ROOT, 'examples')]) {
    for (const file of filesUnder(dir)) add(file, fs.readFileSync(file, 'utf8'));
  }
  // The bench's generators at sizes a fuzzer can afford many times over.
  for (const input of [dockerfile(60), dockerfile(300), manifest(3), manifest(12)]) add(input.fileName, input.text);
  for (const { meta } of RULES) {
    for (const example of [meta.compliant, meta.nonCompliant]) if (example) add(example.fileName, example.text);
  }
  corpus.config.push('profile: strict\nrules:\n  privileged-container: off\n  sudo-in-run: error\nignorePaths:\n  - vendor/**\ntrustedRegistries:\n  - ghcr.io/acme\npodSecurityLevel: baseline\n');
  return corpus;
}

function kindOf(fileName: string, text: string): FuzzKind | null {
  switch (kindByName(fileName)) {
    case 'dockerfile':
      return 'dockerfile';
    case 'config':
      return 'config';
    case 'yaml':
      if (text.includes('{{')) return null;
      return /^services\s*:/m.test(text) ? 'compose' : /^kind\s*:/m.test(text) ? 'kubernetes' : null;
    default:
      return null;
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile())
    .sort();
}
