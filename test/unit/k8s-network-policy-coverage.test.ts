import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine';
import { networkPolicyGaps } from '../../server/src/engine/kubernetes/networkPolicyCoverage';

/** The gaps across `files`, from the facts each file's lint read (as the CLI and the server collect them). */
const gapsOf = (files: readonly { fileName: string; text: string }[]) =>
  networkPolicyGaps(files.flatMap(({ fileName, text }) => {
    const network = lint({ fileName, text }).network;
    return network ? [{ fileName, network }] : [];
  }));

const deployment = (name: string, namespace: string | null, app = name): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:1.27\n`;
const policy = (namespace: string, selector: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: ${namespace}\nspec:\n  podSelector: ${selector}\n  policyTypes: [Ingress]\n`;

describe('workspace NetworkPolicy coverage (networkPolicyGaps over lint facts)', () => {
  it('reports a namespace whose workloads no policy selects, once, on its Namespace object in another file', () => {
    const gaps = gapsOf([
      { fileName: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' },
      { fileName: 'apps.yaml', text: `${deployment('web', 'shop')}---\n${deployment('api', 'shop')}` },
    ]);
    assert.deepEqual(
      gaps.map((g) => ({ ns: g.namespace, file: g.fileName, line: g.range.start.line, workloads: g.workloads })),
      [{ ns: 'shop', file: 'ns.yaml', line: 3, workloads: ['Deployment "web"', 'Deployment "api"'] }],
    );
    assert.match(gaps[0]!.message, /^Namespace "shop" has no NetworkPolicy, so every pod in the cluster can reach its workloads/);
  });

  it('is satisfied by a default-deny policy or one whose matchLabels select every workload, across files', () => {
    assert.deepEqual(gapsOf([{ fileName: 'a.yaml', text: deployment('web', 'shop') }, { fileName: 'np.yaml', text: policy('shop', '{}') }]), []);
    assert.deepEqual(gapsOf([{ fileName: 'a.yaml', text: deployment('web', 'shop') }, { fileName: 'np.yaml', text: policy('shop', '\n    matchLabels: {app: web}') }]), []);
    // matchExpressions are not evaluated: assumed to select, so nothing false is said.
    assert.deepEqual(gapsOf([{ fileName: 'a.yaml', text: deployment('web', 'shop') }, { fileName: 'np.yaml', text: policy('shop', '\n    matchExpressions: [{key: app, operator: Exists}]') }]), []);
  });

  it('names the workloads a label-selecting policy misses, at the first of them when no Namespace object is known', () => {
    const gaps = gapsOf([{ fileName: 'a.yaml', text: `${deployment('web', 'shop')}---\n${deployment('api', 'shop')}` }, { fileName: 'np.yaml', text: policy('shop', '{matchLabels: {app: web}}') }]);
    assert.equal(gaps.length, 1);
    assert.equal(gaps[0]!.fileName, 'a.yaml');
    assert.equal(gaps[0]!.range.start.line, 18);
    assert.deepEqual(gaps[0]!.workloads, ['Deployment "api"']);
    assert.match(gaps[0]!.message, /has no NetworkPolicy that selects Deployment "api"/);
  });

  it('says nothing of workloads without a namespace, of another namespace\'s policy, or of Helm templates', () => {
    assert.deepEqual(gapsOf([{ fileName: 'a.yaml', text: deployment('web', null) }]), []);
    assert.deepEqual(gapsOf([{ fileName: 't.yaml', text: deployment('web', '{{ .Release.Namespace }}') }]), []);
    const gaps = gapsOf([{ fileName: 'a.yaml', text: deployment('web', 'shop') }, { fileName: 'np.yaml', text: policy('other', '{}') }]);
    assert.deepEqual(gaps.map((g) => g.namespace), ['shop']);
  });
});
