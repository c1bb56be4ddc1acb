import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyEdits, defaultConfig, lint, type Finding } from '../../server/src/engine';
import { shellParserReady } from '../support/shellParser';

before(shellParserReady);

const STRICT = { ...defaultConfig(), profile: 'strict' as const };

function findings(text: string, ruleId = 'npm-install-instead-of-ci'): Finding[] {
  return lint({ fileName: 'Dockerfile', text, config: STRICT }).findings.filter((f) => f.ruleId === ruleId);
}

/** The one finding's suggestion, applied; asserts it is enabled and never a fix. */
function applySuggestion(text: string, ruleId?: string): string {
  const [finding, ...rest] = findings(text, ruleId);
  assert.equal(rest.length, 0, text);
  const suggestion = finding?.suggestions?.[0];
  assert.ok(suggestion, text);
  assert.equal(suggestion.disabledReason, undefined, text);
  assert.equal(finding?.fix, undefined, 'never in fix-all or check --fix');
  return applyEdits(text, suggestion.edits);
}

function disabledReason(text: string, ruleId?: string): string | undefined {
  const [finding] = findings(text, ruleId);
  assert.ok(finding, text);
  return finding.suggestions?.[0]?.disabledReason;
}

describe('npm install → npm ci --omit=dev', () => {
  it('rewrites a bare npm install when the lockfile is copied first, keeping the line as written, and re-lints clean', () => {
    const text = 'FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN set -eux; \\\n    npm install   --no-audit \\\n      --no-fund  # deps\nUSER node\n';
    const fixed = applySuggestion(text);
    assert.equal(fixed, 'FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN set -eux; \\\n    npm ci --omit=dev   --no-audit \\\n      --no-fund  # deps\nUSER node\n');
    assert.deepEqual(findings(fixed), []);
  });

  it('keeps exec form JSON, and an --omit already there', () => {
    const text = 'FROM node:24-slim\nCOPY ["npm-shrinkwrap.json", "package.json", "./"]\nRUN ["npm", "install", "--omit=dev"]\n';
    const fixed = applySuggestion(text);
    assert.equal(fixed, 'FROM node:24-slim\nCOPY ["npm-shrinkwrap.json", "package.json", "./"]\nRUN ["npm", "ci", "--omit=dev"]\n');
    assert.deepEqual(findings(fixed), []);
  });

  it('uses --production for npm 6 (node 14 and older), and takes a lockfile bind-mounted on the RUN or copied in the parent stage', () => {
    assert.equal(
      applySuggestion('FROM node:14-alpine\nRUN --mount=type=bind,source=package-lock.json,target=package-lock.json --mount=type=bind,source=package.json,target=package.json npm install\n'),
      'FROM node:14-alpine\nRUN --mount=type=bind,source=package-lock.json,target=package-lock.json --mount=type=bind,source=package.json,target=package.json npm ci --production\n',
    );
    assert.equal(applySuggestion('FROM node:22 AS base\nCOPY package.json /app/package-lock.json /app/\nFROM base\nRUN npm i\n'), 'FROM node:22 AS base\nCOPY package.json /app/package-lock.json /app/\nFROM base\nRUN npm ci --omit=dev\n');
  });

  it('shows the rewrite disabled, with the reason, where it is not provably right', () => {
    assert.match(disabledReason('FROM node:24-slim\nCOPY package*.json ./\nRUN npm install\n') ?? '', /no package-lock.json or npm-shrinkwrap.json is copied by name/);
    assert.match(disabledReason('FROM node:24-slim\nRUN npm install\nCOPY package-lock.json ./\n') ?? '', /is copied by name before this RUN/);
    assert.match(disabledReason('FROM node:24-slim\nCOPY --from=deps /app/package-lock.json ./\nRUN npm install\n') ?? '', /copied by name/);
    assert.match(disabledReason('FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm install && npm run build\n') ?? '', /npm run build runs later in the image and may need the devDependencies/);
    assert.match(disabledReason('FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm install\nCOPY . .\nRUN npx tsc -p .\n') ?? '', /npx tsc -p \. runs later/);
    assert.match(disabledReason('FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm install --no-package-lock\n') ?? '', /npm ci may not take --no-package-lock/);
  });

  it('lets a later npm script pass when the devDependencies are already left out', () => {
    const text = 'FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm install --production && npm run postinstall-check\n';
    assert.equal(applySuggestion(text), 'FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm ci --production && npm run postinstall-check\n');
  });

  it('is in the strict profile, not the default one', () => {
    const text = 'FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm install\n';
    assert.deepEqual(lint({ fileName: 'Dockerfile', text }).findings.filter((f) => f.ruleId === 'npm-install-instead-of-ci'), []);
    assert.equal(findings(text).length, 1);
  });
});

describe('cd → WORKDIR', () => {
  const CD = 'cd-instead-of-workdir';

  it('moves a leading cd into a WORKDIR and restores the directory from before, across continuation lines', () => {
    const text = 'FROM golang:1.25\nWORKDIR /go\n  RUN cd /src/app \\\n      && go build ./...\nCOPY . .\n';
    const fixed = applySuggestion(text, CD);
    assert.equal(fixed, 'FROM golang:1.25\nWORKDIR /go\n  WORKDIR /src/app\n  RUN go build ./...\n  WORKDIR /go\nCOPY . .\n');
    assert.deepEqual(findings(fixed, CD), []);
  });

  it('needs no restore when the next instruction sets its own directory; takes the parent stage\'s WORKDIR; keeps CRLF and lower case', () => {
    assert.equal(applySuggestion('FROM debian:13\nRUN cd /opt; make install\nWORKDIR /app\n', CD), 'FROM debian:13\nWORKDIR /opt\nRUN make install\nWORKDIR /app\n');
    assert.equal(applySuggestion('from debian:13 as base\r\nworkdir /srv\r\nfrom base\r\nrun cd /tmp && make', CD), 'from debian:13 as base\r\nworkdir /srv\r\nfrom base\r\nworkdir /tmp\r\nrun make\r\nworkdir /srv');
  });

  it('is disabled when the directory before is the base image\'s, and not offered for other cds', () => {
    assert.match(disabledReason('FROM debian:13\nRUN cd /opt && make\n', CD) ?? '', /the base image's, unknown here/);
    for (const text of ['FROM debian:13\nRUN make && cd /tmp\n', 'FROM debian:13\nRUN cd src && make\n', 'FROM debian:13\nRUN cd /$DIR && make\n', 'FROM debian:13\nRUN cd /a | cat\n', 'FROM debian:13\nRUN (cd /a && make)\n']) {
      const [finding] = findings(text, CD);
      assert.ok(finding, text);
      assert.equal(finding.suggestions, undefined, text);
    }
  });
});
