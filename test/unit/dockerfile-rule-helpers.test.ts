import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { classifyAddSource } from '../../server/src/engine/dockerfile/addSources';
import { isWindowsImage, nonRootUserFor, runsAsNonRootByDefault } from '../../server/src/engine/dockerfile/nonRootBaseImages';
import { nameWords, secretWordIn } from '../../server/src/engine/rules/dockerfile/secret-in-arg-or-env';
import { expandArgs, parseDockerfileModel, parseImageReference, type ImageReference } from '../../server/src/parse/dockerfileModel';
import { shellParserReady } from '../support/shellParser';

before(shellParserReady);

function ref(image: string): ImageReference {
  const parsed = parseImageReference(image);
  assert.ok(parsed, image);
  return parsed;
}

describe('global ARG defaults', () => {
  it('declares every property of a multi-property ARG', () => {
    const model = parseDockerfileModel('ARG A=1 B=2\nFROM x\n');
    assert.deepEqual([...model.globalArgs], [['A', '1'], ['B', '2']]);
  });

  it('expands a default through the ARGs declared before it', () => {
    const model = parseDockerfileModel('ARG V=22\nARG IMAGE=node:${V}-slim\nARG LATER=${UNSET}\nFROM ${IMAGE}\n');
    assert.equal(model.globalArgs.get('IMAGE'), 'node:22-slim');
    assert.equal(model.globalArgs.get('LATER'), undefined);
    assert.equal(model.stages[0]?.base.resolved, 'node:22-slim');
  });
});

describe('expandArgs', () => {
  const args = new Map<string, string | undefined>([['TAG', 'latest'], ['EMPTY', ''], ['NONE', undefined]]);

  it('substitutes the forms BuildKit supports in FROM', () => {
    assert.equal(expandArgs('node:${TAG}', args), 'node:latest');
    assert.equal(expandArgs('node:$TAG', args), 'node:latest');
    assert.equal(expandArgs('${EMPTY:-debian}', args), 'debian');
    assert.equal(expandArgs('${EMPTY-debian}', args), '');
    assert.equal(expandArgs('${NONE:-debian:12}', args), 'debian:12');
    assert.equal(expandArgs('${TAG:+alpine}', args), 'alpine');
    assert.equal(expandArgs('${NONE:-${TAG}}', args), 'latest', 'a word nested in a default is expanded too');
  });

  it('gives no value for an unset variable or a form it does not model', () => {
    assert.equal(expandArgs('node:${NONE}', args), null);
    assert.equal(expandArgs('${TAG:+${NONE}}', args), null);
    assert.equal(expandArgs('node:${TAG%-slim}', args), null);
  });
});

describe('secret-looking names', () => {
  it('splits on underscores and camelCase', () => {
    assert.deepEqual(nameWords('DB_PASSWORD'), ['db', 'password']);
    assert.deepEqual(nameWords('APIKey'), ['api', 'key']);
    assert.deepEqual(nameWords('dbPassword2'), ['db', 'password', '2']);
  });

  it('matches whole deny words unless an allow word is present', () => {
    assert.equal(secretWordIn('GITHUB_TOKEN'), 'token');
    assert.equal(secretWordIn('apiKey'), 'key');
    assert.equal(secretWordIn('PUBLIC_KEY'), null);
    assert.equal(secretWordIn('PASSWORD_FILE'), null);
    assert.equal(secretWordIn('KEYCLOAK_URL'), null);
    assert.equal(secretWordIn('MONKEY'), null);
  });
});

describe('non-root base images', () => {
  it('knows the images that already run as a non-root user', () => {
    for (const image of [
      'gcr.io/distroless/static-debian13:nonroot',
      'gcr.io/distroless/base-debian13:debug-nonroot',
      'cgr.dev/chainguard/python:latest',
      'cgr.dev/chainguard/static',
      'dhi.io/node:22',
      'nginxinc/nginx-unprivileged:1.27-alpine',
      'mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled',
    ]) {
      assert.equal(runsAsNonRootByDefault(ref(image)), true, image);
    }
  });

  it('treats build variants, base OS images and everything else as root', () => {
    for (const image of ['gcr.io/distroless/static-debian13', 'cgr.dev/chainguard/python:latest-dev', 'cgr.dev/chainguard/wolfi-base', 'dhi.io/python:3.13-dev', 'node:22', 'nginx:1.27', 'mcr.microsoft.com/dotnet/aspnet:8.0']) {
      assert.equal(runsAsNonRootByDefault(ref(image)), false, image);
    }
  });

  it('picks the user each image family ships', () => {
    assert.equal(nonRootUserFor(ref('gcr.io/distroless/static-debian13')).user, '65532');
    // By number: Kubernetes runAsNonRoot cannot verify a user name ("image has non-numeric user").
    assert.equal(nonRootUserFor(ref('docker.io/library/node:22-slim')).user, '1000');
    assert.equal(nonRootUserFor(ref('mcr.microsoft.com/dotnet/runtime:8.0')).user, '$APP_UID');
    assert.deepEqual(nonRootUserFor(ref('python:3.13-slim')), {
      user: '10001',
      description: 'a new user app (UID 10001), created first',
      create: 'useradd --uid 10001 --no-log-init --no-create-home --shell /usr/sbin/nologin app',
    });
    assert.equal(nonRootUserFor(ref('alpine:3.22')).create, 'adduser -S -D -H -u 10001 -s /sbin/nologin app');
    assert.equal(nonRootUserFor(ref('registry.example.com/unknown:1')).create, undefined);
    assert.equal(nonRootUserFor(null).user, '10001');
  });

  it('recognises Windows images', () => {
    assert.equal(isWindowsImage(ref('mcr.microsoft.com/windows/servercore:ltsc2022')), true);
    assert.equal(isWindowsImage(ref('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022')), true);
    assert.equal(isWindowsImage(ref('mcr.microsoft.com/dotnet/aspnet:8.0')), false);
  });
});

describe('ADD sources', () => {
  it('tells Git repositories, downloads, heredocs and local paths apart', () => {
    assert.equal(classifyAddSource('https://github.com/moby/buildkit.git#v0.16.0'), 'git');
    assert.equal(classifyAddSource('git@github.com:acme/lib.git'), 'git');
    assert.equal(classifyAddSource('https://example.com/tool.tar.gz'), 'http');
    assert.equal(classifyAddSource('<<EOF'), 'heredoc');
    assert.equal(classifyAddSource('./src'), 'local');
  });
});
