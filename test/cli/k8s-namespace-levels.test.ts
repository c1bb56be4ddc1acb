import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseJsonReport, runCli, tempProject, type JsonFinding, type TempProject } from './cliHarness';

const NAMESPACES = `apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.30
---
apiVersion: v1
kind: Namespace
metadata:
  name: agents
  labels:
    pod-security.kubernetes.io/enforce: privileged
`;

const pod = (name: string, namespace: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext: {privileged: true}
`;

describe('Namespace pod-security labels across the checked files', () => {
  let project: TempProject;
  let findings: JsonFinding[];

  before(async () => {
    project = tempProject({
      'cluster/namespaces.yaml': NAMESPACES,
      'apps/legacy.yaml': pod('old', 'legacy'),
      'apps/agents.yaml': pod('agent', 'agents'),
      'apps/other.yaml': pod('other', 'apps'),
    });
    findings = parseJsonReport((await runCli(['check', '--format', 'json'], { cwd: project.dir })).stdout).findings;
  });
  after(() => project.dispose());

  const pss = (file: string): JsonFinding[] => findings.filter((f) => f.file === file && f.refs.pss && f.refs.pss.length > 0);

  it('judges a pod at the level and version its Namespace (in another file) enforces', () => {
    const legacy = pss('apps/legacy.yaml');
    assert.deepEqual(legacy.map((f) => f.ruleId), ['privileged-container']);
    assert.match(legacy[0]?.message ?? '', /violates PodSecurity "baseline:v1\.30": privileged/);
  });

  it('reports no Pod Security finding in a privileged namespace, and the other rules still', () => {
    assert.deepEqual(pss('apps/agents.yaml'), []);
    assert.ok(findings.some((f) => f.file === 'apps/agents.yaml' && f.ruleId === 'resources-unset'));
  });

  it('keeps the configured level (restricted) for a namespace without a label', () => {
    const other = pss('apps/other.yaml').map((f) => f.ruleId);
    assert.ok(other.includes('run-as-root-allowed') && other.includes('privileged-container'), other.join(', '));
    assert.ok(pss('apps/other.yaml').every((f) => f.message.includes('"restricted:latest"')));
  });
});
