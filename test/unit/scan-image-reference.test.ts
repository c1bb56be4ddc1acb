import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerfileImageMentions, mentionsOfScan } from '../../server/src/scan/imageMentions';
import { canonicalReference, parseReference, referenceProblem, sameImage } from '../../server/src/scan/imageReference';

describe('image references (distribution reference grammar)', () => {
  it('accepts what registries accept, normalised as Docker does', () => {
    assert.deepEqual(parseReference('node'), { domain: 'docker.io', path: 'library/node', tag: null, digest: null });
    assert.deepEqual(parseReference('bitnami/redis:7.2'), { domain: 'docker.io', path: 'bitnami/redis', tag: '7.2', digest: null });
    assert.deepEqual(parseReference('index.docker.io/library/node:22'), { domain: 'docker.io', path: 'library/node', tag: '22', digest: null });
    assert.deepEqual(parseReference('127.0.0.1:5000/team/app:1.0-rc_1'), { domain: '127.0.0.1:5000', path: 'team/app', tag: '1.0-rc_1', digest: null });
    assert.deepEqual(parseReference('localhost/app'), { domain: 'localhost', path: 'app', tag: null, digest: null });
    assert.deepEqual(parseReference('[::1]:5000/app:1'), { domain: '[::1]:5000', path: 'app', tag: '1', digest: null });
    const digest = `sha256:${'ab'.repeat(32)}`;
    assert.deepEqual(parseReference(`ghcr.io/org/app:1@${digest}`), { domain: 'ghcr.io', path: 'org/app', tag: '1', digest });
  });

  it('refuses anything else, saying why', () => {
    for (const [text, reason] of [
      ['', /empty/],
      ['-v', /starts with '-'/],
      ['--output=/tmp/x', /starts with '-'/],
      ['node 22', /white space/],
      ['node:22\n', /white space/],
      ['Node:22', /upper-case/],
      ['node:22;id', /not an image reference/],
      ['node:$(id)', /not an image reference/],
      ['a___b', /not an image reference/],
      ['a__b.c-d/e', /not an image reference/],
      ['node:-x', /not an image reference/],
      ['node@sha256:short', /not an image reference/],
      [`${'a'.repeat(256)}`, /not an image reference/],
    ] as const) {
      assert.equal(parseReference(text), null, text);
      assert.match(referenceProblem(text) ?? '', reason, text);
    }
    assert.equal(referenceProblem('node:22'), null);
  });

  it('tells when two references name the same image', () => {
    assert.ok(sameImage('node', 'docker.io/library/node:latest'));
    assert.ok(sameImage('registry-1.docker.io/library/node:22', 'node:22'));
    assert.ok(!sameImage('node:22', 'node:20'));
    assert.ok(!sameImage('node:22', 'ghcr.io/library/node:22'));
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    assert.ok(sameImage(`node@${a}`, 'node:22'), 'a digest alone may be any tag');
    assert.ok(!sameImage(`node:22@${a}`, `node:22@${b}`));
    assert.equal(canonicalReference('node'), 'docker.io/library/node:latest');
    assert.equal(canonicalReference(`node@${a}`), `docker.io/library/node@${a}`);
  });
});

describe('the images a Dockerfile names', () => {
  const text = [
    'ARG BASE=node',
    'ARG TAG',
    'FROM ${BASE}:22 AS build', // line 2
    'FROM scratch AS empty',
    'FROM debian:${TAG} AS unknown',
    'FROM build AS test',
    'FROM gcr.io/distroless/nodejs22-debian12', // line 6: a stage of its own, the final one
    '',
  ].join('\n');

  it('resolves ARG defaults, and leaves out scratch, stages and unresolved ARGs', () => {
    assert.deepEqual(dockerfileImageMentions(text), [
      { image: 'node:22', range: { start: { line: 2, character: 5 }, end: { line: 2, character: 15 } }, final: false },
      { image: 'gcr.io/distroless/nodejs22-debian12', range: { start: { line: 6, character: 5 }, end: { line: 6, character: 40 } }, final: true },
    ]);
  });

  it('follows a final stage built on an earlier stage to that stage’s image', () => {
    const mentions = dockerfileImageMentions('FROM alpine:3.20 AS base\nFROM base\n');
    assert.deepEqual(mentions.map((m) => [m.image, m.final]), [['alpine:3.20', true]]);
  });

  it('matches a scan by its image or by a digest a FROM pins', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    const mentions = dockerfileImageMentions(`FROM docker.io/library/node:22\nFROM python@${digest}\n`);
    assert.deepEqual(mentionsOfScan({ image: 'node:22', digest: null }, mentions).map((m) => m.range.start.line), [0]);
    assert.deepEqual(mentionsOfScan({ image: 'my-build:1', digest }, mentions).map((m) => m.range.start.line), [1]);
    assert.deepEqual(mentionsOfScan({ image: '', digest: null }, mentions), []);
  });
});
