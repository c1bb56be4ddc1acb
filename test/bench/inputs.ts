/**
 * Generated benchmark inputs: realistic Dockerfiles and Deployment manifests of a given size,
 * with a few findings each (the editor is usually looking at a file with problems), and the
 * place in the middle where the keystroke benchmark types.
 */
export interface BenchInput {
  name: string;
  fileName: string;
  languageId: 'dockerfile' | 'yaml';
  text: string;
  lines: number;
  /** Where a one-character edit keeps the file valid: the end of a line in the middle. */
  typeAt: { line: number; character: number };
}

function finish(name: string, fileName: string, languageId: BenchInput['languageId'], text: string, marker: RegExp): BenchInput {
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  let line = middle;
  while (line < lines.length && !marker.test(lines[line] ?? '')) line++;
  if (line >= lines.length) throw new Error(`no ${marker} after line ${middle} of ${name}`);
  return { name, fileName, languageId, text, lines: lines.length - (text.endsWith('\n') ? 1 : 0), typeAt: { line, character: (lines[line] ?? '').length } };
}

/** A multi-stage Dockerfile of about `lines` lines: a long builder stage and a short final stage. */
export function dockerfile(lines: number): BenchInput {
  const out: string[] = [
    '# syntax=docker/dockerfile:1',
    'ARG NODE_VERSION=22',
    'FROM node:${NODE_VERSION} AS deps',
    'WORKDIR /app',
    'ENV NODE_ENV=production \\',
    '    API_TOKEN=please-do-not-do-this',
    'COPY package.json package-lock.json ./',
    'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev',
    'FROM node:latest AS build',
    'WORKDIR /src',
    'ADD https://example.com/tools/protoc-25.1-linux-x86_64.zip /tmp/protoc.zip',
  ];
  let step = 0;
  while (out.length < lines - 12) {
    step++;
    switch (step % 5) {
      case 0:
        out.push(`RUN apt-get update \\`, `  && apt-get install -y --no-install-recommends tool-${step} \\`, `  && rm -rf /var/lib/apt/lists/*`);
        break;
      case 1:
        out.push(`ENV STEP_${step}=value-${step}`);
        break;
      case 2:
        out.push(`COPY src/module-${step}/ ./module-${step}/`);
        break;
      case 3:
        out.push(`# step ${step}: build the module`, `RUN echo building-${step}`);
        break;
      default:
        out.push(`LABEL org.example.step-${step}="${step}"`);
    }
  }
  out.push(
    'RUN npm run build',
    'FROM gcr.io/distroless/nodejs22-debian12',
    'WORKDIR /app',
    'COPY --from=deps /app/node_modules ./node_modules',
    'COPY --from=build /src/dist ./dist',
    'ENV PORT=8080',
    'EXPOSE 8080',
    'HEALTHCHECK NONE',
    'CMD ["dist/server.js"]',
  );
  return finish(`Dockerfile, ${out.length} lines`, 'Dockerfile', 'dockerfile', `${out.join('\n')}\n`, /^RUN echo building-/);
}

/** One Deployment of about 100 lines; every fifth runs privileged, every seventh as root. */
function deployment(i: number): string {
  const privileged = i % 5 === 0;
  const env = Array.from({ length: 6 }, (_, k) => `            - name: SETTING_${k}\n              value: info`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: team-${i % 7}
  labels:
    app.kubernetes.io/name: service-${i}
    app.kubernetes.io/part-of: shop
    app.kubernetes.io/version: "1.${i}.0"
  annotations:
    example.com/owner: team-${i % 7}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: service-${i}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: service-${i}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      serviceAccountName: service-${i}
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: ${i % 7 !== 0}
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: registry.example.com/shop/service-${i}:1.${i}.0
          imagePullPolicy: IfNotPresent
          args: ["--port=8080", "--metrics-port=9090"]
          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
          env:
${env}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
          securityContext:
            privileged: ${privileged}
            allowPrivilegeEscalation: ${privileged}
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: config
              mountPath: /etc/service
              readOnly: true
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          ports:
            - containerPort: 15001
          resources:
            limits:
              cpu: 200m
              memory: 128Mi
          securityContext:
            allowPrivilegeEscalation: false
            runAsUser: 1337
            capabilities:
              drop: ["ALL"]
      volumes:
        - name: tmp
          emptyDir: {}
        - name: config
          configMap:
            name: service-${i}
`;
}

export function manifest(objects: number): BenchInput {
  const text = Array.from({ length: objects }, (_, i) => deployment(i)).join('---\n');
  return finish(`manifest, ${objects} objects`, 'deploy.yaml', 'yaml', text, /^\s+value: info$/);
}

export function benchInputs(): BenchInput[] {
  return [dockerfile(300), dockerfile(3000), manifest(50), manifest(500)];
}

/** The keystroke: type one character at `typeAt`, or take it back, alternately (text stays valid). */
export function keystroke(input: BenchInput, iteration: number): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const { line, character } = input.typeAt;
  return iteration % 2 === 0
    ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
    : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
}
