import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver/node';
import { HARDEN_READ_ONLY_TITLE, HARDEN_TITLE } from '../../server/src/engine';
import { hardenRequests, podSecurityFindings, structure } from '../support/hardenRequests';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';

const FIX_ALL = 'source.fixAll.seaworthy';

const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const RESTRICTED_POD = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

describe('language server: "Harden this workload"', () => {
  const ws = tempWorkspace('harden');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());

  const requests = hardenRequests(() => client, ws.uri);
  const { hardenActions } = requests;
  const harden = (name: string, text: string, line: number, title = HARDEN_TITLE): Promise<string> => requests.harden(name, text, line, title);

  it('merges the restricted profile into a 2-space Deployment with indented lists, keeping its comments', async () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web # the storefront',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          # the image needs raw sockets',
      '          securityContext:',
      '            privileged: true',
      '        - name: sidecar',
      '          image: gcr.io/distroless/static-debian13:nonroot',
      '          securityContext: {runAsUser: 0}',
      '',
    ].join('\n');
    const hardened = await harden('indented.yaml', text, 9);
    assert.deepEqual(structure(hardened), [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'web', image: 'nginx:1.27', securityContext: { privileged: false, ...RESTRICTED_CONTAINER } },
                { name: 'sidecar', image: 'gcr.io/distroless/static-debian13:nonroot', securityContext: { runAsUser: 65532, ...RESTRICTED_CONTAINER } },
              ],
              securityContext: RESTRICTED_POD,
            },
          },
        },
      },
    ]);
    assert.match(hardened, /^ {2}name: web # the storefront$/m);
    assert.match(hardened, /^ {10}# the image needs raw sockets\n {10}securityContext:\n {12}privileged: false\n {12}allowPrivilegeEscalation: false\n {12}capabilities:\n {14}drop:\n {16}- ALL\n/m);
    assert.match(hardened, /securityContext: \{runAsUser: 65532, allowPrivilegeEscalation: false, capabilities: \{drop: \[ALL\]\}\}/, 'a flow map stays a valid flow map');
    assert.deepEqual(podSecurityFindings(hardened), []);
  });

  it('writes 4-space maps and flush lists in a file that uses them, merging into existing maps and lists', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '    name: web',
      'spec:',
      '    securityContext:',
      '        fsGroup: 2000   # data volume',
      '    containers:',
      '    - name: web',
      '      image: nginx:1.27',
      '      securityContext:',
      '          capabilities:',
      '              drop:',
      '              - NET_RAW',
      '    volumes:',
      '    - name: data',
      '      emptyDir: {}',
      '',
    ].join('\n');
    const hardened = await harden('flush.yaml', text, 8);
    assert.deepEqual(structure(hardened), [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web' },
        spec: {
          securityContext: { fsGroup: 2000, ...RESTRICTED_POD },
          containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { capabilities: { drop: ['NET_RAW', 'ALL'] }, allowPrivilegeEscalation: false } }],
          volumes: [{ name: 'data', emptyDir: {} }],
        },
      },
    ]);
    assert.match(hardened, /^ {8}fsGroup: 2000 {3}# data volume\n {8}runAsNonRoot: true\n {8}seccompProfile:\n {12}type: RuntimeDefault\n/m);
    assert.match(hardened, /^ {14}- NET_RAW\n {14}- ALL\n {10}allowPrivilegeEscalation: false\n/m);
    assert.deepEqual(podSecurityFindings(hardened), []);
  });

  it('edits only the document under the cursor of a CRLF multi-document file, and offers a read-only root filesystem as its own choice', async () => {
    const first = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  ports: [{port: 80}]'];
    const second = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          securityContext: {runAsNonRoot: false, seccompProfile: {type: Unconfined}}',
      '          initContainers:',
      '            - name: setup',
      '              image: example.com/setup:1.0.0',
      '              securityContext:',
      '                procMount: Unmasked',
      '          containers:',
      '            - name: job',
      '              image: example.com/job:1.0.0',
    ];
    const text = `${[...first, '---', ...second].join('\r\n')}\r\n`;
    const service = await hardenActions('crlf-service.yaml', text, 3);
    assert.deepEqual(service.actions, [], 'a Service carries no pod spec');
    const hardened = await harden('crlf.yaml', text, first.length + 1 + 12, HARDEN_READ_ONLY_TITLE);
    assert.ok(!/[^\r]\n/.test(hardened), 'every line still ends in CRLF');
    const [serviceAfter, cronJob] = structure(hardened) as [unknown, { spec: { jobTemplate: { spec: { template: { spec: Record<string, unknown> } } } } }];
    assert.deepEqual(serviceAfter, structure(text)[0]);
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    assert.deepEqual(pod.securityContext, RESTRICTED_POD);
    assert.deepEqual(pod.initContainers, [
      { name: 'setup', image: 'example.com/setup:1.0.0', securityContext: { procMount: 'Default', ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: true } },
    ]);
    assert.deepEqual(pod.containers, [{ name: 'job', image: 'example.com/job:1.0.0', securityContext: { ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: true } }]);
    assert.deepEqual(podSecurityFindings(hardened), []);
  });

  it('asks a Windows pod only for what applies to it, and keeps the users of a pod in a user namespace', async () => {
    const windows = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: iis\nspec:\n  os:\n    name: windows\n  containers:\n    - name: iis\n      image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022\n';
    const hardenedWindows = await harden('windows.yaml', windows, 8);
    const [winPod] = structure(hardenedWindows) as [{ spec: Record<string, unknown> }];
    assert.deepEqual(winPod.spec.securityContext, { runAsNonRoot: true });
    assert.deepEqual(winPod.spec.containers, [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022' }]);
    assert.deepEqual(podSecurityFindings(hardenedWindows), []);
    const userns = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: userns\nspec:\n  hostUsers: false\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: app\n      image: example.com/app:1.0.0\n';
    const hardenedUserns = await harden('userns.yaml', userns, 9);
    const [usernsPod] = structure(hardenedUserns) as [{ spec: Record<string, unknown> }];
    assert.deepEqual(usernsPod.spec.securityContext, { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } });
    assert.deepEqual(podSecurityFindings(hardenedUserns), []);
  });

  it('leaves host namespaces, host ports and hostPath volumes to their own findings', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  hostNetwork: true\n  containers:\n    - name: agent\n      image: example.com/agent:1.0.0\n      ports: [{containerPort: 9100, hostPort: 9100}]\n  volumes:\n    - name: root\n      hostPath: {path: /}\n';
    const hardened = await harden('host.yaml', text, 7);
    const [pod] = structure(hardened) as [{ spec: Record<string, unknown> }];
    assert.equal(pod.spec.hostNetwork, true);
    assert.deepEqual(pod.spec.volumes, [{ name: 'root', hostPath: { path: '/' } }]);
    assert.deepEqual(podSecurityFindings(hardened).map((f) => f.replace(/^\d+:/, '')).sort(), ['host-namespace-shared', 'host-path-volume', 'host-port-used']);
  });

  it('keeps a container privileged when its privileged-container finding is ignored, and asks nothing the API server would reject', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: gpu',
      'spec:',
      '  containers:',
      '    - name: driver',
      '      image: example.com/driver:1.0.0',
      '      securityContext:',
      '        # seaworthy-ignore privileged-container -- loads the GPU kernel module',
      '        privileged: true',
      '    - name: app',
      '      image: example.com/app:1.0.0',
      '      securityContext:',
      '        privileged: true',
      '',
    ].join('\n');
    const hardened = await harden('kept-privileged.yaml', text, 6);
    const [pod] = structure(hardened) as [{ spec: { containers: { securityContext: unknown }[] } }];
    assert.deepEqual(pod.spec.containers.map((c) => c.securityContext), [
      { privileged: true, capabilities: { drop: ['ALL'] } },
      { privileged: false, ...RESTRICTED_CONTAINER },
    ]);
    assert.match(hardened, /# seaworthy-ignore privileged-container -- loads the GPU kernel module\n {8}privileged: true\n/);
  });

  it('is a refactoring, not a quick fix: absent from fix-all and from quick-fix-only requests, and gone once the workload is hardened', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';
    const quickFixes = await hardenActions('kinds.yaml', text, 6, [CodeActionKind.QuickFix]);
    assert.deepEqual(quickFixes.actions, []);
    const uri = ws.uri('kinds.yaml');
    const fixAll = (await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, [FIX_ALL])) ?? [];
    assert.deepEqual(fixAll.map((a) => a.title), ['Fix all Seaworthy problems']);
    const hardened = await harden('kinds-harden.yaml', text, 6);
    const again = await hardenActions('kinds-hardened.yaml', hardened, 6);
    assert.deepEqual(again.actions.map((a) => a.title), [HARDEN_READ_ONLY_TITLE], 'only the read-only choice is left');
  });
});
