import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ENGINE_CHECKS, Refs } from '../engine';
import { REF_KEYS } from '../engine/types';
import { engine } from './engine';
import type { RuleDocsResult } from './protocol';

/** What the server says about a rule in hovers and the docs request. */
export interface RuleInfo {
  id: string;
  title: string;
  rationale: string;
  refs: Partial<Refs>;
}

export function ruleInfo(id: string): RuleInfo | null {
  const rule = engine().ruleById(id);
  if (rule) return { id, title: rule.meta.title, rationale: rule.meta.rationale, refs: rule.meta.refs };
  const check = (engine().ENGINE_CHECKS as Record<string, (typeof ENGINE_CHECKS)['invalid-file'] | undefined>)[id];
  return check ? { id, title: check.title, rationale: check.rationale, refs: {} } : null;
}

/** The generated docs live in `docs/rules/` next to `dist/`, where the bundle runs from. */
function docsPath(id: string): string {
  return path.join(__dirname, '..', 'docs', 'rules', `${id}.md`);
}

const uris = new Map<string, string>();

/** `codeDescription.href` of a rule's diagnostics; memoised because it is on every diagnostic. */
export function ruleDocsUri(id: string): string {
  let uri = uris.get(id);
  if (uri === undefined) {
    uri = pathToFileURL(docsPath(id)).toString();
    uris.set(id, uri);
  }
  return uri;
}

export function ruleDocs(id: string): RuleDocsResult | null {
  if (!ruleInfo(id)) return null;
  const uri = ruleDocsUri(id);
  try {
    return { uri, markdown: fs.readFileSync(docsPath(id), 'utf8') };
  } catch {
    return { uri };
  }
}

/** Hover text: title, rationale, the catalogues that name the same control, and the docs link. */
export function ruleHoverMarkdown(id: string): string | null {
  const info = ruleInfo(id);
  if (!info) return null;
  const refs: string[] = [];
  for (const key of REF_KEYS) {
    const value = info.refs[key];
    if (!value || value.length === 0) continue;
    const names = key === 'pss' ? (value as Refs['pss']).map((p) => `${p.control} (${p.level})`) : (value as string[]);
    refs.push(`${REF_LABELS[key]}: ${names.join(', ')}`);
  }
  return [
    `**${info.title}** \`${id}\``,
    info.rationale,
    ...(refs.length > 0 ? [refs.join(' · ')] : []),
    `[Documentation](${ruleDocsUri(id)})`,
  ].join('\n\n');
}

const REF_LABELS: Record<(typeof REF_KEYS)[number], string> = {
  pss: 'Pod Security Standards',
  hadolint: 'hadolint',
  buildkit: 'BuildKit',
  cis: 'CIS',
  trivy: 'Trivy',
  polaris: 'Polaris',
  kubeScore: 'kube-score',
  kubeLinter: 'KubeLinter',
  checkov: 'Checkov',
};
