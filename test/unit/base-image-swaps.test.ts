import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyEdits, defaultConfig, lint, type Finding } from '../../server/src/engine';
import { shellParserReady } from '../support/shellParser';

// The engine is used in-process here too: load its shell parser as the server and the CLI do.
before(shellParserReady);

const TODAY = '2026-12-02';
const MINIMAL_IMAGE_RULES = new Set(['full-size-base-image', 'base-image-end-of-life', 'deprecated-base-image', 'final-stage-keeps-toolchain']);

function findings(text: string, profile: 'recommended' | 'strict' = 'recommended'): Finding[] {
  return lint({ fileName: 'Dockerfile', text, config: { ...defaultConfig(), profile }, today: TODAY }).findings;
}

function finding(text: string, ruleId: string): Finding {
  const found = findings(text, 'strict').find((f) => f.ruleId === ruleId);
  assert.ok(found, `${ruleId} should fire on:\n${text}`);
  return found;
}

function swap(text: string, ruleId: string, titleStart: string): string {
  const suggestion = finding(text, ruleId).suggestions?.find((s) => s.title.startsWith(titleStart));
  assert.ok(suggestion, `no suggestion starting "${titleStart}"`);
  assert.equal(suggestion.disabledReason, undefined, suggestion.disabledReason);
  return applyEdits(text, suggestion.edits);
}

/** The Dockerfiles the issue names: each must get the full-size finding and swaps that leave it clean. */
const DONE_WHEN: Record<string, string> = {
  'python:3.12': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\nCMD ["python", "app.py"]\n',
  'node:20': 'FROM node:20\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nEXPOSE 3000\nCMD node server.js\n',
  'golang:1.23': 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nEXPOSE 8080\nCMD ["/out/app"]\n',
  'nginx:1.27': 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n',
  'ubuntu:24.04': 'FROM ubuntu:24.04\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
};

describe('swap the base image', () => {
  for (const [image, text] of Object.entries(DONE_WHEN)) {
    it(`${image}: every offered swap leaves a Dockerfile that re-lints clean for the minimal-image rules`, () => {
      const full = finding(text, 'full-size-base-image');
      const offered = (full.suggestions ?? []).filter((s) => s.disabledReason === undefined);
      assert.ok(offered.length >= 2, `${image} should offer at least two swaps, got ${offered.map((s) => s.title).join(' | ')}`);
      for (const suggestion of offered) {
        const after = applyEdits(text, suggestion.edits);
        const left = findings(after).filter((f) => MINIMAL_IMAGE_RULES.has(f.ruleId) || f.ruleId === 'invalid-file');
        assert.deepEqual(left.map((f) => `${f.ruleId}: ${f.message}`), [], `after "${suggestion.title}":\n${after}`);
      }
    });
  }

  it('orders the swaps safest first and says what changes', () => {
    const titles = (finding(DONE_WHEN['python:3.12'] ?? '', 'full-size-base-image').suggestions ?? []).map((s) => s.title);
    assert.deepEqual(titles, [
      'python:3.12-slim — Debian, keeps a shell and apt (no compiler), ~900 MB smaller',
      'python:3.12-alpine — Alpine (musl: packages without musl wheels build from source), keeps a shell, ~950 MB smaller',
      'gcr.io/distroless/python3-debian13:nonroot — Python 3.13, no shell or pip, runs as UID 65532, ~950 MB smaller',
      'cgr.dev/chainguard/python:latest — the newest Python, Wolfi, no shell or pip, runs as UID 65532 (free tier: :latest only), ~950 MB smaller',
    ]);
  });

  it('gives the reason in place of a shell-less swap when a RUN needs a shell', () => {
    const shellless = (finding(DONE_WHEN['python:3.12'] ?? '', 'full-size-base-image').suggestions ?? []).filter((s) => s.title.startsWith('gcr.io/distroless'));
    assert.deepEqual(
      shellless.map((s) => [s.edits.length, s.disabledReason]),
      [[0, 'RUN on line 4 needs a shell, which this image does not have: build in a stage of its own and COPY --from it']],
    );
  });

  it('moves an ended runtime to the next supported line and rewrites CMD, USER, --chown for distroless', () => {
    assert.equal(
      swap(DONE_WHEN['node:20'] ?? '', 'full-size-base-image', 'gcr.io/distroless/nodejs22'),
      'FROM gcr.io/distroless/nodejs22-debian13:nonroot\nWORKDIR /app\nCOPY --chown=1000:1000 . .\nUSER 1000\nEXPOSE 3000\nCMD ["server.js"]\n',
    );
    assert.equal(
      swap(DONE_WHEN['node:20'] ?? '', 'full-size-base-image', 'node:22-slim'),
      'FROM node:22-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nEXPOSE 3000\nCMD node server.js\n',
    );
  });

  it('splits a Go final stage into a build stage on a supported Go and a distroless runtime', () => {
    assert.equal(
      swap(DONE_WHEN['golang:1.23'] ?? '', 'final-stage-keeps-toolchain', 'Build in golang:1.26, run on gcr.io/distroless/static-debian13'),
      'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian13:nonroot\nWORKDIR /src\nCOPY --from=build /out/app /out/app\nEXPOSE 8080\nCMD ["/out/app"]\n',
    );
  });

  it('names the build stage in the title exactly as the split writes it', () => {
    const text = (DONE_WHEN['golang:1.23'] ?? '').replace('FROM golang:1.23', 'FROM docker.io/library/golang:1.23-bookworm');
    const split = finding(text, 'final-stage-keeps-toolchain').suggestions?.find((s) => s.title.includes('static-debian13'));
    assert.ok(split?.title.startsWith('Build in docker.io/library/golang:1.26-bookworm, run on gcr.io/distroless/static-debian13:nonroot — '), split?.title);
    assert.match(applyEdits(text, split?.edits ?? []), /^FROM docker\.io\/library\/golang:1\.26-bookworm AS build\n/);
  });

  it('refuses a Go split it cannot copy the binary of, and says why', () => {
    const text = 'FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build .\nCMD ["/src/app"]\n';
    const reasons = (finding(text, 'final-stage-keeps-toolchain').suggestions ?? []).map((s) => s.disabledReason);
    assert.ok(reasons.length > 0 && reasons.every((r) => r === 'no `go build -o PATH` in this stage to copy the binary from: add -o with an absolute path'), reasons.join(' | '));
  });

  it('follows the port of an unprivileged nginx, and refuses alpine where RUN uses apt-get', () => {
    assert.equal(swap(DONE_WHEN['nginx:1.27'] ?? '', 'full-size-base-image', 'nginxinc/nginx-unprivileged'), 'FROM nginxinc/nginx-unprivileged:1.28-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 8080\n');
    const text = 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD ["curl", "--version"]\n';
    const alpine = finding(text, 'full-size-base-image').suggestions?.find((s) => s.title.startsWith('alpine:'));
    assert.equal(alpine?.disabledReason, 'RUN on line 2 uses apt-get, which alpine images do not have (apk): port it first');
  });

  it('drops what a Java image\'s ENTRYPOINT already says, and keeps a JDK where a RUN may compile', () => {
    const text = 'FROM eclipse-temurin:21\nCOPY app.jar /app.jar\nUSER 10001\nCMD ["java", "-jar", "/app.jar"]\n';
    assert.equal(swap(text, 'full-size-base-image', 'gcr.io/distroless/java21'), 'FROM gcr.io/distroless/java21-debian13:nonroot\nCOPY app.jar /app.jar\nUSER 10001\nCMD ["/app.jar"]\n');
    assert.equal(swap(text, 'full-size-base-image', 'eclipse-temurin:21-jre —'), text.replace('eclipse-temurin:21', 'eclipse-temurin:21-jre'));
    const compiling = 'FROM eclipse-temurin:21\nCOPY . /src\nRUN cd /src && ./mvnw -q package\nUSER 10001\nCMD ["java", "-jar", "/src/target/app.jar"]\n';
    const jre = finding(compiling, 'full-size-base-image').suggestions?.find((s) => s.title.startsWith('eclipse-temurin:21-jre —'));
    assert.equal(jre?.disabledReason, 'RUN on line 3 may need the compiler this image drops: build in a stage of its own and COPY --from it');
  });

  it('offers only alternatives published for the stage\'s --platform', () => {
    const text = 'FROM --platform=linux/386 python:3.12\nUSER 10001\nCMD ["python", "app.py"]\n';
    const images = (finding(text, 'full-size-base-image').suggestions ?? []).map((s) => s.title.split(' — ')[0]);
    assert.deepEqual(images, ['python:3.12-slim', 'python:3.12-alpine']);
    const arm64 = (finding(text.replace('linux/386', 'linux/arm64'), 'full-size-base-image').suggestions ?? []).length;
    assert.equal(arm64, 4);
  });

  it('leaves images written through ARGs alone, with the reason', () => {
    const text = 'ARG PY=3.12\nFROM python:${PY}\nUSER 10001\nCMD ["python", "-V"]\n';
    const reasons = new Set((finding(text, 'full-size-base-image').suggestions ?? []).map((s) => s.disabledReason));
    assert.deepEqual([...reasons], ['the image comes from ARG values (python:${PY}): set them to python:3.12-slim', 'the image comes from ARG values (python:${PY}): set them to python:3.12-alpine', 'the image comes from ARG values (python:${PY}): set them to gcr.io/distroless/python3-debian13:nonroot', 'the image comes from ARG values (python:${PY}): set them to cgr.dev/chainguard/python:latest']);
  });
});

describe('end of life', () => {
  it('reports the date a runtime and an OS ended, and offers the oldest supported line', () => {
    const node = finding('FROM node:16-alpine\nUSER 1000\nCMD ["node", "x.js"]\n', 'base-image-end-of-life');
    assert.equal(node.message, 'node:16-alpine is end-of-life: Node.js 16 (gallium) reached end of life on 2023-09-11. It gets no more security fixes; move to a supported release such as node:22-alpine');
    assert.deepEqual(node.suggestions?.map((s) => [s.title, s.edits[0]?.newText]), [['Move to node:22-alpine (Node.js 22 (jod), supported until 2027-04-30)', 'node:22-alpine']]);
    const debian = finding('FROM debian:buster\nUSER 10001\n', 'base-image-end-of-life');
    assert.equal(debian.message, 'debian:buster is end-of-life: Debian 10 (buster) reached end of life on 2022-09-10. It gets no more security fixes; move to a supported release such as debian:trixie');
  });

  it('judges against the day it is given', () => {
    const text = 'FROM node:22-slim\nUSER 1000\nCMD ["node", "x.js"]\n';
    const at = (today: string): string[] => lint({ fileName: 'Dockerfile', text, today }).findings.filter((f) => f.ruleId === 'base-image-end-of-life').map((f) => f.message);
    assert.deepEqual(at('2027-04-29'), []);
    assert.deepEqual(at('2027-04-30'), ['node:22-slim is end-of-life: Node.js 22 (jod) reached end of life on 2027-04-30. It gets no more security fixes; move to a supported release such as node:24-slim']);
  });
});
