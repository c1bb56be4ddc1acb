import type { FuzzKind } from './kinds';
import type { Random } from './random';

/**
 * Files built from each kind's grammar, structurally valid, with the values rules look at drawn
 * from what makes them fire and what keeps them silent: mutating fixtures alone rarely reaches a
 * rule's deeper branches.
 */
export function generate(kind: FuzzKind, r: Random): string {
  switch (kind) {
    case 'dockerfile':
      return dockerfile(r);
    case 'kubernetes':
      return kubernetes(r);
    case 'compose':
      return compose(r);
    case 'config':
      return config(r);
  }
}

const IMAGES = ['node:22', 'node:22-slim', 'node', 'python:3.12-alpine', 'alpine:3.19', 'debian:bookworm', 'ubuntu:latest', 'golang:1.22 ', 'gcr.io/distroless/static', 'scratch', 'nginx@sha256:' + 'a'.repeat(64), 'ghcr.io/acme/app:1.0', 'cgr.dev/chainguard/node', 'mcr.microsoft.com/windows/servercore:ltsc2022'];
const COMMANDS = [
  'apt-get update',
  'apt-get install -y --no-install-recommends curl',
  'apt-get install curl=7.88.1-10',
  'apt install vim',
  'rm -rf /var/lib/apt/lists/*',
  'apk add --no-cache git',
  'apk add curl',
  'pip install flask',
  'pip install --no-cache-dir -r requirements.txt',
  'npm ci',
  'yum install -y httpd && yum clean all',
  'dnf install nginx',
  'zypper install -y git',
  'curl -fsSL https://example.com/install.sh | sh',
  'wget -qO- https://example.com/x | bash',
  'sudo make install',
  'cd /app',
  'chmod 777 /app',
  'useradd -u 100000 app',
  'useradd -l -u 1001 app',
  'echo "$HOME" > /tmp/x',
  'set -o pipefail && curl x | tar xz',
  'go build -o /out/app ./...',
];
const USERS = ['root', '0', '0:0', '1000', 'app', 'node', '$UID', '${APP_UID:-1000}', '65532:65532'];

function dockerfile(r: Random): string {
  const out: string[] = [];
  if (r.chance(0.2)) out.push('# syntax=docker/dockerfile:1');
  if (r.chance(0.1)) out.push(r.pick(['# escape=`', '# check=skip=SecretsUsedInArgOrEnv', '# hadolint shell=powershell']));
  const globals = r.some(['VERSION=22', 'BASE=node', 'TAG', 'REGISTRY=ghcr.io/acme', 'API_TOKEN=x', 'IMAGE=${BASE}:${VERSION}']);
  for (const g of globals) out.push(`ARG ${g}`);
  const stages = r.between(1, 3);
  const names: string[] = [];
  for (let s = 0; s < stages; s++) {
    const from = r.chance(0.3) && globals.length > 0 ? `\${${(globals[0] as string).split('=')[0]}}` : r.chance(0.2) && names.length > 0 ? r.pick(names) : r.pick(IMAGES);
    const platform = r.chance(0.15) ? `--platform=${r.pick(['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64'])} ` : '';
    const name = r.chance(0.5) ? r.pick(['build', 'Builder', 'deps', 'runtime', 'scratch', 'base']) : null;
    out.push(`${r.pick(['FROM', 'from', 'FROM'])} ${platform}${from}${name ? ` ${r.pick(['AS', 'as'])} ${name}` : ''}`);
    if (name) names.push(name);
    const count = r.between(1, 8);
    for (let i = 0; i < count; i++) out.push(instruction(r, names));
  }
  return `${out.join(r.chance(0.1) ? '\r\n' : '\n')}\n`;
}

function instruction(r: Random, stages: readonly string[]): string {
  switch (r.int(14)) {
    case 0:
    case 1:
    case 2:
      return `RUN ${runBody(r)}`;
    case 3:
      return `USER ${r.pick(USERS)}`;
    case 4:
      return `WORKDIR ${r.pick(['/app', 'app', '$HOME/x', '/usr/src/app'])}`;
    case 5:
      return `COPY ${r.chance(0.3) && stages.length ? `--from=${r.pick(stages)} ` : ''}${r.chance(0.2) ? '--chown=1000:1000 ' : ''}${r.pick(['. .', 'package.json /app', 'a b c', '["a", "/b/"]', '/out/app /app'])}`;
    case 6:
      return `ADD ${r.pick(['https://example.com/a.tar.gz /tmp/', '--checksum=sha256:' + 'b'.repeat(64) + ' https://x/y /y', 'src.tar.gz /src', 'git@github.com:a/b.git /b'])}`;
    case 7:
      return `ENV ${r.pick(['A=1', 'PATH=$PATH:/x', 'DB_PASSWORD=secret', 'A=1 B=2', 'X ${Y:-z}'])}`;
    case 8:
      return `ARG ${r.pick(['UID=1000', 'VERSION', 'SECRET_KEY', 'TAG=${VERSION}'])}`;
    case 9:
      return `EXPOSE ${r.pick(['22', '8080', '80/tcp', '70000', '$PORT'])}`;
    case 10:
      return r.pick(['CMD ["node", "server.js"]', 'CMD node server.js', 'ENTRYPOINT ["/app"]', 'ENTRYPOINT /app run', 'HEALTHCHECK CMD curl -f http://localhost/', 'HEALTHCHECK NONE']);
    case 11:
      return r.pick(['MAINTAINER a@b.c', 'LABEL a=b', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["powershell", "-Command"]', 'STOPSIGNAL SIGTERM', 'ONBUILD RUN make', 'VOLUME /data']);
    case 12:
      return `RUN <<EOF\n${runBody(r).replace(/ && /g, '\n')}\nEOF`;
    default:
      return `RUN ${r.chance(0.5) ? '--mount=type=cache,target=/root/.cache ' : ''}[${runBody(r).split(' ').slice(0, 3).map((w) => JSON.stringify(w)).join(', ')}]`;
  }
}

function runBody(r: Random): string {
  const parts = Array.from({ length: r.between(1, 4) }, () => r.pick(COMMANDS));
  return parts.map((p, i) => (i === 0 ? p : `${r.pick([' && ', '; ', ' && \\\n    ', ' || ', ' | '])}${p}`)).join('');
}

const WORKLOADS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'];

function kubernetes(r: Random): string {
  const docs = Array.from({ length: r.between(1, 3) }, () => workload(r));
  return `${docs.join('---\n')}`;
}

function workload(r: Random): string {
  if (r.chance(0.15)) return tekton(r, r.pick(['Task', 'TaskRun', 'PipelineRun']));
  const kind = r.pick(WORKLOADS);
  const api = kind === 'Pod' ? 'v1' : kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : 'apps/v1';
  const pod = podSpec(r, kind === 'Pod' ? 2 : kind === 'CronJob' ? 10 : 6);
  const annotations = r.chance(0.1) ? `  annotations:\n    seaworthy.dev/ignore: "privileged-container,run-as-root-allowed"\n` : '';
  const head = `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: app-${r.int(100)}\n${annotations}`;
  if (kind === 'Pod') return `${head}spec:\n${pod}`;
  if (kind === 'CronJob') return `${head}spec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${pod}`;
  return `${head}spec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n${pod}`;
}

/**
 * A Tekton object: steps and sidecars are containers, a stepTemplate is merged into the steps, and
 * a run's podTemplate, taskRunSpecs, stepSpecs and computeResources are merged in.
 */
function tekton(r: Random, kind: string): string {
  const indented = (lines: string[], indent: number): string[] => lines.flatMap((l) => l.split('\n')).map((l) => `${' '.repeat(indent)}${l}`);
  const resources = (key: string): string[] => [`${key}:`, `  ${r.pick(['limits: {cpu: "1", memory: 1Gi}', 'requests: {cpu: 100m, memory: 64Mi}', 'limits: {}'])}`];
  const taskSpec = (): string[] => {
    const lines: string[] = [];
    if (r.chance(0.4)) lines.push('stepTemplate:', ...container(r, 'template').slice(1));
    lines.push('steps:');
    for (let c = 0; c < r.between(1, 3); c++) lines.push(...container(r, `s${c}`));
    if (r.chance(0.3)) lines.push('sidecars:', ...container(r, 'side'));
    return lines.map((l) => l.replace(/^( *)resources:/, `$1${r.pick(['computeResources', 'resources'])}:`));
  };
  const podTemplate = (): string[] => ['podTemplate:', ...indented(r.some(['hostNetwork: true', 'hostPID: true', 'hostUsers: false', 'securityContext:\n  runAsNonRoot: false', 'securityContext: {runAsUser: 0}', 'securityContext:'], 0.4), 2)];
  const head = `apiVersion: tekton.dev/${r.pick(['v1', 'v1beta1'])}\nkind: ${kind}\nmetadata:\n  name: t-${r.int(100)}\nspec:\n`;
  if (kind === 'Task') return `${head}${indented(taskSpec(), 2).join('\n')}\n`;
  const lines: string[] = [];
  if (r.chance(0.4)) lines.push(...(kind === 'PipelineRun' ? ['taskRunTemplate:', ...indented(podTemplate(), 2)] : podTemplate()));
  if (kind === 'TaskRun') {
    if (r.chance(0.3)) lines.push(...resources('computeResources'));
    if (r.chance(0.3)) lines.push('stepSpecs:', '- name: s0', ...indented(resources('computeResources'), 2));
    lines.push('taskSpec:', ...indented(taskSpec(), 2));
  } else {
    if (r.chance(0.5)) lines.push('taskRunSpecs:', '- pipelineTaskName: t0', ...indented([...(r.chance(0.5) ? podTemplate() : []), ...(r.chance(0.5) ? resources('computeResources') : [])], 2));
    lines.push('pipelineSpec:', '  tasks:');
    for (let t = 0; t < r.between(1, 2); t++) lines.push(`  - name: t${t}`, '    taskSpec:', ...indented(taskSpec(), 6));
  }
  return `${head}${indented(lines, 2).join('\n')}\n`;
}

function podSpec(r: Random, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const field of r.some(['hostNetwork: true', 'hostPID: true', 'hostIPC: false', 'automountServiceAccountToken: false', 'shareProcessNamespace: true'], 0.25)) lines.push(field);
  if (r.chance(0.4)) lines.push('securityContext:', ...r.some(['  runAsNonRoot: true', '  runAsUser: 0', '  runAsUser: 1000', '  seccompProfile:\n    type: RuntimeDefault', '  sysctls:\n  - name: kernel.shm_rmid_forced\n    value: "1"', '  sysctls:\n  - {name: net.core.somaxconn, value: "1024"}'], 0.4));
  lines.push('containers:');
  for (let c = 0; c < r.between(1, 2); c++) lines.push(...container(r, `c${c}`));
  if (r.chance(0.3)) lines.push('volumes:', `- name: v\n  ${r.pick(['hostPath:\n    path: /var/run/docker.sock', 'emptyDir: {}', 'nfs:\n    server: x\n    path: /'])}`);
  return lines.flatMap((l) => l.split('\n')).map((l) => `${pad}${l}`).join('\n') + '\n';
}

function container(r: Random, name: string): string[] {
  const lines = [`- name: ${name}`, `  image: ${r.pick(['nginx', 'nginx:1.27', 'nginx:latest', 'ghcr.io/acme/app@sha256:' + 'c'.repeat(64), 'busybox'])}`];
  if (r.chance(0.6)) {
    lines.push('  securityContext:');
    const fields = r.some(['privileged: true', 'privileged: false', 'allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true', 'readOnlyRootFilesystem: true', 'runAsNonRoot: false', 'runAsUser: 0', 'runAsUser: 10001', 'capabilities:\n  drop: ["ALL"]', 'capabilities:\n  add: [NET_ADMIN, SYS_ADMIN]', 'procMount: Unmasked', 'seccompProfile: {type: Unconfined}', 'windowsOptions:\n  hostProcess: true', 'seLinuxOptions:\n  type: spc_t'], 0.3);
    if (fields.length === 0) fields.push('{}');
    for (const f of fields) lines.push(...f.split('\n').map((l) => `    ${l}`));
  }
  if (r.chance(0.4)) lines.push('  resources:', '    limits: {cpu: 500m, memory: 128Mi}', '    requests: {cpu: 100m, memory: 64Mi}');
  if (r.chance(0.2)) lines.push('  ports:', `  - containerPort: 80\n    hostPort: ${r.pick(['80', '0', '8080'])}`.replace('\n', '\n  '));
  if (r.chance(0.2)) lines.push('  livenessProbe:', '    httpGet: {path: /, port: 80, host: example.com}');
  return lines;
}

function compose(r: Random): string {
  const lines = r.chance(0.2) ? ['version: "3.8"'] : [];
  lines.push('services:');
  for (let s = 0; s < r.between(1, 3); s++) {
    lines.push(`  svc${s}:`, `    image: ${r.pick(['nginx', 'postgres:16', 'redis:latest', 'ghcr.io/acme/app:1'])}`);
    for (const f of r.some(['privileged: true', 'network_mode: host', 'pid: host', 'ipc: host', 'user: root', 'user: "1000"', 'read_only: true', 'cap_add: [SYS_ADMIN]', 'cap_drop: [ALL]', 'security_opt: ["no-new-privileges:true"]', 'security_opt:\n      - seccomp:unconfined', 'volumes:\n      - /var/run/docker.sock:/var/run/docker.sock', 'volumes:\n      - ./data:/data:ro', 'build: .', 'devices:\n      - /dev/sda:/dev/sda'], 0.25)) {
      lines.push(`    ${f}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function config(r: Random): string {
  const lines: string[] = [];
  if (r.chance(0.5)) lines.push(`profile: ${r.pick(['recommended', 'strict', 'all', 'paranoid'])}`);
  if (r.chance(0.6)) {
    lines.push('rules:');
    for (const id of r.some(['privileged-container', 'sudo-in-run', 'invalid-file', 'no-such-rule', 'base-image-latest-tag'], 0.5)) lines.push(`  ${id}: ${r.pick(['off', 'error', 'warning', 'info', 'hint', 'loud', '1'])}`);
  }
  if (r.chance(0.4)) lines.push('ignorePaths:', `  - ${r.pick(['vendor/**', '"[', '**/*.yaml'])}`);
  if (r.chance(0.3)) lines.push('trustedRegistries: [ghcr.io/acme, "docker.io"]');
  if (r.chance(0.3)) lines.push(`podSecurityLevel: ${r.pick(['baseline', 'restricted', 'privileged'])}`);
  if (r.chance(0.2)) lines.push('podTemplatePaths: [spec.template]');
  return `${lines.join('\n')}\n`;
}
