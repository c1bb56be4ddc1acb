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

describe('seaworthy check: Kustomize patches are not judged as whole objects', () => {
  let project: TempProject;
  let findings: JsonFinding[];

  before(async () => {
    project = tempProject({
      'base/deployment.yaml': deployment(containersYaml(6, [{ name: 'web', securityContext: ['privileged: true'] }])),
      'overlays/prod/patches.yaml': PATCHES,
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: patches.yaml\n',
    });
    findings = parseJsonReport((await runCli(['check', '--format', 'json'], { cwd: project.dir })).stdout).findings;
  });
  after(() => project.dispose());

  it('says once, on the first patch, that its documents were not checked, and claims nothing else there', () => {
    const inPatches = findings.filter((f) => f.file === 'overlays/prod/patches.yaml');
    assert.deepEqual(inPatches.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['partial-object-not-checked', 'info', 1]]);
    assert.match(inPatches[0]!.message, /^Kustomize patch: 2 Kubernetes documents .* not checked/);
  });

  it('still checks the base as a whole object', () => {
    assert.ok(findings.some((f) => f.file === 'base/deployment.yaml' && f.ruleId === 'privileged-container'));
  });
});
