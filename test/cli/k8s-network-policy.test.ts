import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { networkPolicy, workload } from '../support/k8sManifests';
import { onlyRulesConfig, parseJsonReport, runCli, tempProject, type JsonFinding, type TempProject } from './cliHarness';

const RULE = 'namespace-without-network-policy';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

describe('seaworthy check: namespaces without a NetworkPolicy, across the checked files', () => {
  let project: TempProject;
  let findings: JsonFinding[];
  let exitCode: number | null;

  before(async () => {
    project = tempProject({
      '.seaworthy.yaml': await onlyRulesConfig({ [RULE]: null }),
      'cluster/namespaces.yaml': `# the shop namespace\n${NAMESPACE}`,
      'apps/web.yaml': workload('Deployment', 'web', 'shop'),
      'apps/api.yaml': workload('StatefulSet', 'api', 'shop'),
      // Covered: a policy in another file selects it.
      'apps/billing.yaml': `${workload('Deployment', 'billing', 'payments')}---\n${workload('Deployment', 'ledger', 'payments')}`,
      'policies/payments.yaml': networkPolicy('payments', '{}'),
      // Partly covered: the policy selects only app=front.
      'apps/edge.yaml': `${workload('Deployment', 'front', 'edge')}---\n${workload('Deployment', 'proxy', 'edge')}`,
      'policies/edge.yaml': networkPolicy('edge', '\n    matchLabels: {app: front}'),
      // No namespace: chosen at apply time, nothing certain.
      'apps/floating.yaml': workload('Deployment', 'floating', 'ignored').replace('  namespace: ignored\n', ''),
    });
    const run = await runCli(['check', '--format', 'json'], { cwd: project.dir });
    exitCode = run.code;
    findings = parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === RULE);
  });
  after(() => project.dispose());

  it('reports a namespace once, on its Namespace object in another file, naming its workloads', () => {
    const shop = findings.filter((f) => f.message.includes('"shop"'));
    assert.equal(shop.length, 1);
    assert.equal(shop[0]!.file, 'cluster/namespaces.yaml');
    assert.deepEqual(shop[0]!.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 12 } });
    assert.match(shop[0]!.message, /Deployment "web"/);
    assert.match(shop[0]!.message, /StatefulSet "api"/);
    assert.equal(shop[0]!.severity, 'warning');
    assert.deepEqual(shop[0]!.refs.kubeScore, ['pod-networkpolicy']);
    assert.deepEqual(shop[0]!.refs.checkov, ['CKV2_K8S_6']);
    assert.equal(exitCode, 1);
  });

  it('names only the workloads no policy selects, on the first of them when no Namespace object is there', () => {
    const edge = findings.filter((f) => f.message.includes('"edge"'));
    assert.equal(edge.length, 1);
    assert.equal(edge[0]!.file, 'apps/edge.yaml');
    assert.match(edge[0]!.message, /Deployment "proxy"/);
    assert.doesNotMatch(edge[0]!.message, /"front"/);
  });

  it('says nothing of a covered namespace or of objects without a namespace', () => {
    assert.deepEqual(findings.map((f) => /Namespace "([^"]+)"/.exec(f.message)?.[1]).sort(), ['edge', 'shop']);
  });

  it('judges only the files it is given: one file alone has no policy to see', async () => {
    const run = await runCli(['check', '--format', 'json', 'apps/billing.yaml'], { cwd: project.dir });
    const alone = parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === RULE);
    assert.equal(alone.length, 1);
    assert.match(alone[0]!.message, /Namespace "payments" has no NetworkPolicy/);
  });

  it('takes the severity and the off switch from the file it lands in, and its ignore comments', async () => {
    fs.writeFileSync(project.path('cluster/.seaworthy.yaml'), await onlyRulesConfig({ [RULE]: 'error' }));
    let run = await runCli(['check', '--format', 'json'], { cwd: project.dir });
    assert.deepEqual(parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === RULE).map((f) => `${f.file} ${f.severity}`).sort(), ['apps/edge.yaml warning', 'cluster/namespaces.yaml error']);
    fs.writeFileSync(project.path('cluster/namespaces.yaml'), `# seaworthy-ignore-file ${RULE}\n${NAMESPACE}`);
    run = await runCli(['check', '--format', 'json'], { cwd: project.dir });
    assert.deepEqual(parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === RULE).map((f) => f.file), ['apps/edge.yaml']);
    // The line the light bulb's "Ignore … here" writes above the workload the finding lands on.
    fs.writeFileSync(project.path('apps/edge.yaml'), fs.readFileSync(project.path('apps/edge.yaml'), 'utf8').replace('  name: proxy\n', `  # seaworthy-ignore ${RULE}\n  name: proxy\n`));
    run = await runCli(['check', '--format', 'json'], { cwd: project.dir });
    assert.deepEqual(parseJsonReport(run.stdout).findings.filter((f) => f.ruleId === RULE), []);
  });
});
