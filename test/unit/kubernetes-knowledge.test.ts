import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, lint } from '../../server/src/engine';
import { sensitiveHostPath } from '../../server/src/engine/kubernetes/hostPaths';

describe('sensitive host paths', () => {
  it('names the runtime sockets, the root and the system directories, and what lies under them', () => {
    assert.match(sensitiveHostPath('/var/run/docker.sock') ?? '', /container runtime's socket/);
    assert.match(sensitiveHostPath('/run/containerd/containerd.sock') ?? '', /container runtime's socket/);
    assert.match(sensitiveHostPath('/') ?? '', /whole file system/);
    assert.match(sensitiveHostPath('/etc/kubernetes/') ?? '', /configuration/);
    assert.match(sensitiveHostPath('/var/lib/kubelet/pods') ?? '', /kubelet's data/);
    assert.match(sensitiveHostPath('/var/run/secrets') ?? '', /runtime sockets/);
  });

  it('leaves ordinary paths unnamed', () => {
    for (const path of ['/data', '/var/log', '/opt/app', '/etcetera', '/var/run.d']) assert.equal(sensitiveHostPath(path), null, path);
  });

  it('says what a sensitive hostPath volume exposes in the finding', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n    - name: ci\n      image: example.com/ci:1.0.0\n  volumes:\n    - name: docker\n      hostPath: {path: /var/run/docker.sock}\n';
    const finding = lint({ fileName: 'ci.yaml', text }).findings.find((f) => f.ruleId === 'host-path-volume');
    assert.equal(
      finding?.message,
      'Pod "ci" mounts the node\'s path /var/run/docker.sock as volume "docker" (hostPath), which is the container runtime\'s socket: control of every container on the node — violates PodSecurity "restricted:latest": restricted volume types (volume "docker" uses restricted volume type "hostPath")',
    );
  });
});

describe('beyond the Pod Security Standards', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';

  it('offers readOnlyRootFilesystem and the token switch as editor suggestions, never as fixes, and only in the strict profile', () => {
    const strict = lint({ fileName: 'pod.yaml', text: pod, config: { ...defaultConfig(), profile: 'strict' } }).findings;
    for (const id of ['root-filesystem-writable', 'service-account-token-mounted']) {
      const finding = strict.find((f) => f.ruleId === id);
      assert.ok(finding, id);
      assert.equal(finding.fix, undefined, `${id} has no fix for fix-all`);
      assert.equal(finding.suggestions?.length, 1, `${id} offers one suggestion`);
    }
    const recommended = lint({ fileName: 'pod.yaml', text: pod }).findings.map((f) => f.ruleId);
    assert.ok(!recommended.includes('root-filesystem-writable') && !recommended.includes('service-account-token-mounted'));
    assert.ok(recommended.includes('resources-unset'));
  });
});
