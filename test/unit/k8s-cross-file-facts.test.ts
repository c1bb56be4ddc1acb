import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crossFileFactsOf, lint, LintCache, type CrossFileFacts } from '../../server/src/engine';
import { yamlLibrary } from '../../server/src/parse/yamlDocuments';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.30\n';
const ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: worker\n  namespace: apps\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get"]\n';
const BINDING =
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: worker\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: worker\nsubjects:\n  - kind: ServiceAccount\n    name: worker\n    namespace: apps\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
const FILE = [NAMESPACE, ROLE, BINDING, POD].join('---\n');

/** Counts the YAML documents parsed while `run` runs (every parse of the engine goes through `parseDocument`). */
let parses = 0;
function counted<T>(run: () => T): { value: T; parses: number } {
  parses = 0;
  const value = run();
  return { value, parses };
}

const plain = (facts: CrossFileFacts | undefined): unknown => facts && { namespaces: [...facts.namespaces], roles: [...facts.roles] };

describe('Namespace labels and Roles read for the other files, parsed once', () => {
  const yaml = yamlLibrary() as { parseDocument: (...args: unknown[]) => unknown };
  const original = yaml.parseDocument;
  before(() => {
    yaml.parseDocument = (...args: unknown[]) => {
      parses++;
      return original(...args);
    };
  });
  after(() => {
    yaml.parseDocument = original;
  });

  it('lint reports a file\'s own labels and Roles, and uses them, parsing each document once', () => {
    const { value: output, parses: n } = counted(() => lint({ fileName: 'all.yaml', text: FILE }));
    assert.equal(n, 4);
    assert.deepEqual(plain(output.crossFile), {
      namespaces: [['apps', { level: 'baseline', version: 'v1.30' }]],
      roles: [['Role/apps/worker', { label: 'Role "worker"', powers: ['read Secrets'] }]],
    });
    // The file's own label sets the level, its own Role judges the binding.
    assert.match(output.findings.find((f) => f.ruleId === 'privileged-container')?.message ?? '', /PodSecurity "baseline:v1\.30"/);
    assert.ok(output.findings.some((f) => f.ruleId === 'rbac-workload-bound-to-powerful-role'));
  });

  it('a facts pass before the lint (the CLI\'s) hands its parses to the lint through the cache', () => {
    const cache = new LintCache();
    const { value: facts, parses: read } = counted(() => crossFileFactsOf(FILE, cache));
    assert.equal(read, 2, 'only the Namespace and the Role are parsed for their facts');
    const { value: output, parses: linted } = counted(() => lint({ fileName: 'all.yaml', text: FILE, cache, namespaces: facts.namespaces, roles: facts.roles }));
    assert.equal(linted, 2, 'the lint parses only the two documents the pass did not');
    assert.deepEqual(plain(output.crossFile), plain(facts));
    assert.deepEqual(output.findings, lint({ fileName: 'all.yaml', text: FILE }).findings);
  });

  it('in the editor, an edit of one document parses that document only, Roles included', () => {
    const cache = new LintCache();
    lint({ fileName: 'all.yaml', text: FILE, cache });
    const edited = FILE.replace('image: nginx:1.27', 'image: nginx:1.28');
    assert.equal(counted(() => lint({ fileName: 'all.yaml', text: edited, cache })).parses, 1);
    // An edit of the Role that leaves what it grants as it was: that document only.
    const listed = edited.replace('verbs: ["get"]', 'verbs: ["get", "list"]');
    assert.equal(counted(() => lint({ fileName: 'all.yaml', text: listed, cache })).parses, 1);
    // One that changes it changes the binding's input: every document is linted again, each parsed once.
    const exec = listed.replace('resources: ["secrets"]', 'resources: ["secrets", "pods/exec"]');
    assert.equal(counted(() => lint({ fileName: 'all.yaml', text: exec, cache })).parses, 4);
  });

  it('a Role elsewhere judges a binding; the file\'s own Role of the same name wins', () => {
    const elsewhere = crossFileFactsOf(ROLE.replace('["secrets"]', '["pods/exec"]').replace('["get"]', '["create"]'));
    const message = (text: string): string | undefined => lint({ fileName: 'b.yaml', text, roles: elsewhere.roles }).findings.find((f) => f.ruleId === 'rbac-workload-bound-to-powerful-role')?.message;
    assert.match(message(BINDING) ?? '', /which can exec into pods/);
    assert.match(message(`${ROLE}---\n${BINDING}`) ?? '', /which can read Secrets:/);
  });
});
