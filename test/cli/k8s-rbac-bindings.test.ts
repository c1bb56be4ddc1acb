import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { onlyRulesConfig, parseJsonReport, runCli, tempProject, type JsonFinding, type TempProject } from './cliHarness';

const RULE = 'rbac-workload-bound-to-powerful-role';

const ROLES = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
  - apiGroups: [""]
    resources: ["pods/exec"]
    verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: apps
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
`;

const binding = (name: string, kind: string, role: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${name}
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${kind}
  name: ${role}
subjects:
  - kind: ServiceAccount
    name: ${name}
    namespace: apps
`;

describe('seaworthy check: a binding is judged by the role it names in another file', () => {
  let project: TempProject;
  let findings: JsonFinding[];

  before(async () => {
    project = tempProject({
      '.seaworthy.yaml': await onlyRulesConfig({ [RULE]: null }),
      'rbac/roles.yaml': ROLES,
      'apps/bindings.yaml': `${binding('worker', 'ClusterRole', 'secret-reader')}---\n${binding('web', 'Role', 'reader')}`,
    });
    findings = parseJsonReport((await runCli(['check', '--format', 'json'], { cwd: project.dir })).stdout).findings.filter((f) => f.ruleId === RULE);
  });
  after(() => project.dispose());

  it('reports the binding of a service account to a powerful role written elsewhere, at its roleRef name', () => {
    assert.deepEqual(findings.map((f) => [f.file, f.range.start.line]), [['apps/bindings.yaml', 8]]);
    assert.equal(findings[0]!.message, 'RoleBinding "worker" gives ServiceAccount "worker" of namespace "apps" the ClusterRole "secret-reader", which can read Secrets and exec into pods: any pod running as it can too');
  });

  it('says nothing when that role is not among the files checked', async () => {
    const run = await runCli(['check', '--format', 'json', 'apps/bindings.yaml'], { cwd: project.dir });
    assert.deepEqual(parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === RULE), []);
  });
});
