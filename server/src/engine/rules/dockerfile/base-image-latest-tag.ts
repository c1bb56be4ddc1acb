import type { BaseImage, DockerfileModel } from '../../../parse/dockerfileModel';
import { defineRule } from '../../rule';

/**
 * Each FROM's image is resolved the way BuildKit resolves it, through the global ARG defaults
 * (`ARG TAG=latest` + `FROM node:${TAG}`, `${BASE:-debian:12}`), before judging its tag: the
 * top complaint about hadolint's DL3006 is false positives on `FROM ${BASE}` and on stage names
 * (hadolint#219, #339, #979). An ARG without a default can be anything at build time, so it
 * stays silent; so do `scratch`, earlier stage names (compared case-insensitively) and digests.
 *
 * Not fixable: which tag is right (and whether it still exists) cannot be known offline.
 */
export default defineRule({
  meta: {
    id: 'base-image-latest-tag',
    title: 'Base image is untagged or uses :latest',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    refs: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'], checkov: ['CKV_DOCKER_7'] },
    fixable: false,
    rationale:
      'An image without a tag means `:latest`, and `:latest` is whatever was pushed last: the same Dockerfile builds a different image from one day to the next, a new major version or a compromised push arrives unreviewed, and a vulnerability report cannot say which base it was about. Pin a version tag (`node:22.11-slim`), or better a digest (`node:22.11-slim@sha256:…`) that a bot such as Renovate or Dependabot keeps up to date. Tags that come from an ARG are judged by the ARG\'s default, since that is what a plain `docker build` uses.',
    compliant: {
      fileName: 'Dockerfile',
      text: 'ARG NODE_VERSION=22.11\nFROM node:${NODE_VERSION}-slim AS build\nRUN npm ci\n\nFROM build\nCMD ["node", "server.js"]\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      text: 'FROM node:latest\nRUN npm ci\nCMD ["node", "server.js"]\n',
    },
  },
  check(context) {
    const model = context.dockerfile;
    for (const stage of model.stages) {
      const base = stage.base;
      const reference = base.reference;
      if (!reference || reference.digest !== null) continue;
      const problem = reference.tag === null ? 'untagged' : reference.tag === 'latest' ? 'latest' : null;
      if (!problem) continue;
      context.report({ range: base.range, message: messageFor(problem, base, model) });
    }
  },
});

function messageFor(problem: 'untagged' | 'latest', base: BaseImage, model: DockerfileModel): string {
  const resolved = base.resolved ?? base.written;
  const what = problem === 'untagged' ? `has no tag, so it means ${resolved}:latest` : 'uses the latest tag';
  const through = base.written === resolved ? '' : ` (resolves to ${resolved} ${throughArgs(base.written, model)})`;
  return `Base image ${base.written}${through} ${what}, which changes whenever it is re-pushed; pin a version tag or a digest`;
}

/** Names the ARGs the image went through: `through ARG TAG=latest`, or the fallback of `${TAG:-latest}`. */
function throughArgs(written: string, model: DockerfileModel): string {
  const parts: string[] = [];
  for (const m of written.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1] ?? '';
    const value = model.globalArgs.get(name);
    const state = !model.globalArgs.has(name) ? 'undeclared' : value === undefined ? 'unset' : 'empty';
    const part = value !== undefined && value !== '' ? `ARG ${name}=${value}` : `the fallback for ${state} ARG ${name}`;
    if (!parts.includes(part)) parts.push(part);
  }
  return `through ${parts.join(' and ')}`;
}
