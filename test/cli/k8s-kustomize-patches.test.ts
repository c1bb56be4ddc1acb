import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { containersYaml, objectHead } from '../support/k8sManifests';
import { parseJsonReport, runCli, tempProject, type JsonFinding, type TempProject } from './cliHarness';

const deployment = (containers: string): string => `${objectHead('apps/v1', 'Deployment', 'web', 'shop')}spec:\n  template:\n    spec:\n${containers}`;

/** Overlay patches: a container named with only what changes, and a pod spec without containers. */
const PATCHES = `${deployment('      containers:\n        - name: web\n          resources:\n            limits: {memory: 256Mi}\n')}---
${objectHead('apps/v1', 'Deployment', 'worker', 'shop')}spec:
  template:
    spec:
      nodeSelector: {pool: batch}
`;

/** A patch that sets something certain: the merged object runs privileged whatever the base says. */
const PRIVILEGED_PATCH = deployment('      containers:\n        - name: web\n          securityContext:\n            privileged: true\n');

describe('seaworthy check: Kustomize patches are judged only on what they set', () => {
  let project: TempProject;
  let findings: JsonFinding[];

  before(async () => {
    project = tempProject({
      'base/deployment.yaml': deployment(containersYaml(6, [{ name: 'web', securityContext: ['privileged: true'] }])),
      'overlays/prod/patches.yaml': PATCHES,
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: patches.yaml\n',
      'overlays/debug/privileged-patch.yaml': PRIVILEGED_PATCH,
    });
    findings = parseJsonReport((await runCli(['check', '--format', 'json'], { cwd: project.dir })).stdout).findings;
  });
  after(() => project.dispose());

  it('says once, on the first patch, that its documents were checked only in part, and claims nothing missing there', () => {
    const inPatches = findings.filter((f) => f.file === 'overlays/prod/patches.yaml');
    assert.deepEqual(inPatches.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['partial-object-not-checked', 'info', 1]]);
    assert.match(inPatches[0]!.message, /^Kustomize patch: 2 Kubernetes documents .* checked only for what they set themselves/);
  });

  it('reports what a patch sets itself (privileged: true), and nothing it leaves to the base', () => {
    const inPatch = findings.filter((f) => f.file === 'overlays/debug/privileged-patch.yaml');
    const line = PRIVILEGED_PATCH.split('\n').findIndex((l) => l.includes('privileged: true'));
    assert.deepEqual(inPatch.map((f) => [f.ruleId, f.range.start.line]).sort(), [['partial-object-not-checked', 1], ['privileged-container', line]].sort());
  });

  it('still checks the base as a whole object', () => {
    assert.ok(findings.some((f) => f.file === 'base/deployment.yaml' && f.ruleId === 'privileged-container'));
  });
});
