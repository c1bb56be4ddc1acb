import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HARDEN_READ_ONLY_TITLE, HARDEN_TITLE, TEKTON_POD_LEVEL_NOTE } from '../../server/src/engine';
import { hardenRequests, podSecurityFindings, structure } from '../support/hardenRequests';
import { LspClient } from '../support/lspClient';
import { tempWorkspace } from '../support/lspWorkspace';

const CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
/** What a Task's containers get in place of the pod level it does not have. */
const TASK_CONTAINER = { ...CONTAINER, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const POD = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const TASK_TITLE = `${HARDEN_TITLE} (${TEKTON_POD_LEVEL_NOTE})`;

describe('language server: "Harden this workload" on Tekton objects', () => {
  const ws = tempWorkspace('k8s-harden-tekton');
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir] });
  });
  after(() => client.stop());

  const { hardenActions: titles, harden } = hardenRequests(() => client, ws.uri);

  it('writes a Task\'s steps into a new stepTemplate, edits the step that says otherwise, hardens the sidecar, and says where pod settings go', async () => {
    const text = [
      'apiVersion: tekton.dev/v1',
      'kind: Task',
      'metadata:',
      '  name: build',
      'spec:',
      '  steps:',
      '    - name: compile',
      '      image: golang:1.23',
      '      script: go build ./...',
      '    - name: test',
      '      image: golang:1.23',
      '      securityContext:',
      '        allowPrivilegeEscalation: true # for sudo',
      '    - name: publish',
      '      image: example.com/pusher:1.0',
      '  sidecars:',
      '    - name: cache',
      '      image: redis:7',
      '',
    ].join('\n');
    assert.deepEqual(podSecurityFindings(text), ['7:capabilities-not-dropped', '7:privilege-escalation-allowed', '13:privilege-escalation-allowed', '10:capabilities-not-dropped', '14:capabilities-not-dropped', '14:privilege-escalation-allowed', '17:capabilities-not-dropped', '17:privilege-escalation-allowed'].sort());
    const { actions } = await titles('task-titles.yaml', text, 6);
    assert.deepEqual(actions.map((a) => a.title), [TASK_TITLE, `${HARDEN_READ_ONLY_TITLE} (${TEKTON_POD_LEVEL_NOTE})`]);
    const hardened = await harden('task.yaml', text, 6, TASK_TITLE);
    assert.deepEqual(structure(hardened), [
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 'build' },
        spec: {
          steps: [
            { name: 'compile', image: 'golang:1.23', script: 'go build ./...' },
            { name: 'test', image: 'golang:1.23', securityContext: { allowPrivilegeEscalation: false } },
            { name: 'publish', image: 'example.com/pusher:1.0' },
          ],
          sidecars: [{ name: 'cache', image: 'redis:7', securityContext: TASK_CONTAINER }],
          stepTemplate: { securityContext: TASK_CONTAINER },
        },
      },
    ]);
    assert.match(hardened, /^ {8}allowPrivilegeEscalation: false # for sudo$/m);
    assert.match(hardened, /^ {2}stepTemplate:\n {4}securityContext:\n {6}allowPrivilegeEscalation: false\n {6}capabilities:\n {8}drop:\n {10}- ALL\n/m);
    assert.deepEqual(podSecurityFindings(hardened), []);
  });

  it('merges into an existing stepTemplate and a step\'s own flow-style capabilities in a PipelineRun, and hardens its podTemplates', async () => {
    const text = [
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'metadata:',
      '  name: nightly',
      'spec:',
      '  taskRunSpecs:',
      '    - pipelineTaskName: scan',
      '      podTemplate:',
      '        securityContext: {runAsUser: 0}',
      '  pipelineSpec:',
      '    tasks:',
      '      - name: build',
      '        taskSpec:',
      '          stepTemplate:',
      '            env:',
      '              - {name: HOME, value: /tekton/home}',
      '            securityContext:',
      '              privileged: true',
      '          steps:',
      '            - name: build',
      '              image: golang:1.23',
      '              securityContext:',
      '                capabilities: {drop: [NET_RAW]}',
      '      - name: scan',
      '        taskSpec:',
      '          steps:',
      '            - {name: scan, image: example.com/scanner:1.0}',
      '',
    ].join('\n');
    const hardened = await harden('pipelinerun.yaml', text, 3, HARDEN_TITLE);
    assert.deepEqual(structure(hardened), [
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'nightly' },
        spec: {
          taskRunSpecs: [{ pipelineTaskName: 'scan', podTemplate: { securityContext: { runAsUser: 10001, ...POD } } }],
          pipelineSpec: {
            tasks: [
              {
                name: 'build',
                taskSpec: {
                  stepTemplate: { env: [{ name: 'HOME', value: '/tekton/home' }], securityContext: { privileged: false, ...CONTAINER } },
                  steps: [{ name: 'build', image: 'golang:1.23', securityContext: { capabilities: { drop: ['NET_RAW', 'ALL'] } } }],
                },
              },
              { name: 'scan', taskSpec: { steps: [{ name: 'scan', image: 'example.com/scanner:1.0', securityContext: CONTAINER }] } },
            ],
          },
          taskRunTemplate: { podTemplate: { securityContext: POD } },
        },
      },
    ]);
    assert.match(hardened, /securityContext: \{runAsUser: 10001, runAsNonRoot: true, seccompProfile: \{type: RuntimeDefault\}\}/, 'a flow map stays a valid flow map');
    assert.match(hardened, /- \{name: scan, image: example\.com\/scanner:1\.0, securityContext: \{allowPrivilegeEscalation: false, capabilities: \{drop: \[ALL\]\}\}\}/);
    assert.deepEqual(podSecurityFindings(hardened), []);
  });

  it('puts a v1beta1 TaskRun\'s pod settings into a new podTemplate and its only step\'s into the step, with flush lists', async () => {
    const text = 'apiVersion: tekton.dev/v1beta1\nkind: TaskRun\nmetadata:\n  generateName: build-\nspec:\n  taskSpec:\n    steps:\n    - name: build\n      image: golang:1.23\n';
    const hardened = await harden('taskrun.yaml', text, 3, HARDEN_TITLE);
    assert.equal(
      hardened,
      'apiVersion: tekton.dev/v1beta1\nkind: TaskRun\nmetadata:\n  generateName: build-\nspec:\n  taskSpec:\n    steps:\n    - name: build\n      image: golang:1.23\n' +
        '      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop:\n          - ALL\n' +
        '  podTemplate:\n    securityContext:\n      runAsNonRoot: true\n      seccompProfile:\n        type: RuntimeDefault\n',
    );
    assert.deepEqual(podSecurityFindings(hardened), []);
    const byReference = 'apiVersion: tekton.dev/v1\nkind: TaskRun\nmetadata:\n  name: run\nspec:\n  taskRef:\n    name: build\n  podTemplate:\n    securityContext:\n      runAsUser: 0\n';
    const referenced = await harden('taskref.yaml', byReference, 3, HARDEN_TITLE);
    assert.deepEqual((structure(referenced)[0] as { spec: unknown }).spec, { taskRef: { name: 'build' }, podTemplate: { securityContext: { runAsUser: 10001, ...POD } } });
  });

  it('edits each step on its own when one stays privileged on purpose, and asks nothing of it the API server would reject', async () => {
    const text = [
      'apiVersion: tekton.dev/v1',
      'kind: Task',
      'metadata:',
      '  name: image-build',
      'spec:',
      '  steps:',
      '    - name: dind',
      '      image: docker:27-dind',
      '      securityContext:',
      '        # seaworthy-ignore privileged-container -- builds images',
      '        privileged: true',
      '    - name: push',
      '      image: example.com/pusher:1.0',
      '',
    ].join('\n');
    const hardened = await harden('kept.yaml', text, 3, TASK_TITLE);
    const [task] = structure(hardened) as [{ spec: Record<string, unknown> }];
    assert.equal(task.spec['stepTemplate'], undefined, 'no stepTemplate: its allowPrivilegeEscalation: false would reach the privileged step');
    assert.deepEqual(task.spec['steps'], [
      { name: 'dind', image: 'docker:27-dind', securityContext: { privileged: true, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
      { name: 'push', image: 'example.com/pusher:1.0', securityContext: TASK_CONTAINER },
    ]);
  });

  it('hardens every inline task of a Pipeline and leaves a custom task alone; a hardened Task offers only the read-only choice', async () => {
    const text = [
      'apiVersion: tekton.dev/v1',
      'kind: Pipeline',
      'metadata:',
      '  name: release',
      'spec:',
      '  tasks:',
      '    - name: publish',
      '      taskSpec:',
      '        steps:',
      '          - name: push',
      '            image: example.com/pusher:1.0',
      '    - name: custom',
      '      taskSpec:',
      '        apiVersion: example.dev/v1',
      '        kind: Example',
      '        spec:',
      '          steps:',
      '            - name: x',
      '              image: example.com/x:1.0',
      '',
    ].join('\n');
    const hardened = await harden('pipeline.yaml', text, 3, TASK_TITLE);
    const [pipeline] = structure(hardened) as [{ spec: { tasks: { taskSpec: Record<string, unknown> }[] } }];
    assert.deepEqual(pipeline.spec.tasks[0]!.taskSpec, { steps: [{ name: 'push', image: 'example.com/pusher:1.0', securityContext: TASK_CONTAINER }] });
    assert.deepEqual(pipeline.spec.tasks[1]!.taskSpec, (structure(text)[0] as typeof pipeline).spec.tasks[1]!.taskSpec);
    assert.deepEqual(podSecurityFindings(hardened), []);
    const again = await titles('pipeline-hardened.yaml', hardened, 3);
    assert.deepEqual(again.actions.map((a) => a.title), [`${HARDEN_READ_ONLY_TITLE} (${TEKTON_POD_LEVEL_NOTE})`]);
  });
});
