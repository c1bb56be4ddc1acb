import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { classifyAddSource } from '../../server/src/engine/dockerfile/addSources';
import { isWindowsImage, nonRootUserFor, runsAsNonRootByDefault } from '../../server/src/engine/dockerfile/nonRootBaseImages';
import { applyEdits, lint } from '../../server/src/engine';
import { judgeSecret, nameWords, secretWordIn } from '../../server/src/engine/secrets';
import { nearestName } from '../../server/src/engine/dockerfile/nearestName';
import { variableReferences } from '../../server/src/engine/dockerfile/variableReferences';
import { jsonArgumentsOf } from '../../server/src/parse/shell/jsonArguments';
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

describe('exec-form strings', () => {
  it('keep the blanks inside a JSON string (dockerfile-ast\'s getJSONValue drops them)', () => {
    const model = parseDockerfileModel('FROM alpine:3.22\nCOPY ["a b.txt", "/srv/my data/"]\nRUN ["sh", "-c", "echo \\"a  b\\""]\n');
    const copy = model.stages[0]?.instructions[0];
    assert.ok(copy);
    assert.deepEqual(jsonArgumentsOf(copy).map((a) => a.value), ['a b.txt', '/srv/my data/']);
    assert.deepEqual(model.runs()[0]?.script.commands[0]?.args.map((w) => w.value), ['-c', 'echo "a  b"']);
  });
});

describe('secret ARG to a secret mount', () => {
  const suggestionsFor = (text: string) => lint({ fileName: 'Dockerfile', text }).findings.filter((f) => f.ruleId === 'secret-in-arg-or-env');

  it('offers the mount for an ARG that exactly one RUN uses, and the result lints clean', () => {
    const text = 'FROM node:24-slim\nARG NPM_TOKEN\nRUN --network=default NPM_TOKEN="$NPM_TOKEN" npm ci\nUSER 1000\n';
    const [finding] = suggestionsFor(text);
    const suggestion = finding?.suggestions?.[0];
    assert.ok(suggestion);
    assert.match(suggestion.title, /--secret id=npm_token,env=NPM_TOKEN/);
    const moved = applyEdits(text, suggestion.edits);
    assert.equal(moved, 'FROM node:24-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN --network=default NPM_TOKEN="$NPM_TOKEN" npm ci\nUSER 1000\n');
    assert.deepEqual(suggestionsFor(moved), []);
    assert.equal(finding?.fix, undefined, 'never a fix: the build must be run with --secret');
  });

  it('offers nothing when the ARG has a default or several instructions use it', () => {
    for (const text of [
      'FROM node:24-slim\nARG NPM_TOKEN=abc\nRUN echo ${NPM_TOKEN}\n',
      'FROM node:24-slim\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN\nRUN echo ${NPM_TOKEN}\n',
      'FROM node:24-slim\nARG NPM_TOKEN\nENV T=$NPM_TOKEN\nRUN echo $NPM_TOKEN\n',
      'FROM node:24-slim\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN_2\n',
    ]) {
      const [finding] = suggestionsFor(text);
      assert.ok(finding, text);
      assert.equal(finding.suggestions, undefined, text);
    }
  });
});

describe('judgeSecret', () => {
  it('finds a credential format under any name, and names its kind', () => {
    const cases: [string, string][] = [
      ['AKIAIOSFODNN7EXAMPLE', 'aws-access-key-id'],
      ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'github-token'],
      ['xoxp-1234567890-abcdefghij', 'slack-token'],
      ['-----BEGIN RSA PRIVATE KEY-----', 'private-key'],
      ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'private-key'],
      ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'jwt'],
      ['https://user:hunter2@registry.example.com/simple', 'url-credentials'],
    ];
    for (const [value, kind] of cases) {
      const judgement = judgeSecret('SOME_SETTING', value);
      assert.equal(judgement.secret, true, value);
      assert.equal(judgement.kind, kind, value);
    }
  });

  it('clears a plainly public value under a secret-looking name, saying why', () => {
    const cases: [string, string][] = [
      ['GPG_KEYS', '0x4ED778F539E3634C779C87C6D7062848A1AB005C B9AE9905FFD7803F25714661B63B535A4C206CA9'],
      ['PUBLIC_KEY_OF_SIGNER', 'ssh-rsa AAAAB3NzaC1yc2E='],
      ['SIGNING_KEY', '-----BEGIN PUBLIC KEY-----'],
      ['DB_PASSWORD', '/run/secrets/db'],
      ['API_TOKEN', '${CI_API_TOKEN}'],
      ['API_TOKEN', '${CI_API_TOKEN:-}'],
      ['API_TOKEN', ''],
      ['AUTH_SERVER', 'https://auth.example.com'],
    ];
    for (const [name, value] of cases) {
      const judgement = judgeSecret(name, value);
      assert.equal(judgement.secret, false, `${name}=${value}`);
      assert.match(judgement.reason, /^its value is /);
    }
  });

  it('judges by name when the value is absent or not plainly public', () => {
    assert.deepEqual(judgeSecret('NPM_TOKEN', null), { secret: true, reason: 'its name contains "token"', kind: 'secret-name' });
    assert.equal(judgeSecret('DB_PASSWORD', 'changeme').secret, true);
    assert.equal(judgeSecret('API_TOKEN', '${CI_API_TOKEN:-hunter2}').secret, true);
    // A fingerprint-shaped value only counts as one under a GPG/PGP name.
    assert.equal(judgeSecret('API_KEY', '7169605F62C751356D054A26A821E680E5FA6305').secret, true);
    assert.equal(judgeSecret('NODE_ENV', 'production').secret, false);
    assert.equal(judgeSecret('NODE_ENV', undefined).secret, false);
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

describe('variableReferences', () => {
  const names = (text: string, escape?: string) => variableReferences(text, escape).map((r) => `${r.name}@${r.start}-${r.end}`);

  it('finds $NAME, ${NAME} and the names nested in a modifier word, outer first', () => {
    assert.deepEqual(names('a$A/${B}-${C:-${D}x}$1$@'), ['A@1-3', 'B@4-8', 'C@9-20', 'D@14-18']);
    assert.deepEqual(names('${E/x/$F}'), ['E@0-9', 'F@6-8']);
  });

  it('skips single quotes and the escape character, not double quotes', () => {
    assert.deepEqual(names(`'$A' "$B" \\$C`), ['B@6-8']);
    assert.deepEqual(names('`$A \\$B', '`'), ['B@5-7']);
  });

  it('ends at an unclosed brace and bounds the nesting', () => {
    assert.deepEqual(names('${A:-$B'), ['B@5-7']);
    const deep = '${A:-'.repeat(10_000) + '}'.repeat(10_000);
    assert.ok(variableReferences(deep).length <= 33);
  });
});

describe('nearestName ("did you mean")', () => {
  it('names another case, two swapped letters, or one letter missing or extra; not one letter replaced', () => {
    const declared = ['NODE_VERSION', 'PATH', 'APP_GID'];
    assert.equal(nearestName('node_version', declared), 'NODE_VERSION');
    assert.equal(nearestName('PAHT', declared), 'PATH');
    assert.equal(nearestName('NODE_VERSON', declared), 'NODE_VERSION');
    assert.equal(nearestName('NODE_VERSIONS', declared), 'NODE_VERSION');
    assert.equal(nearestName('APP_UID', declared), undefined);
    assert.equal(nearestName('PAT', declared), undefined, 'too short for a missing letter');
    assert.equal(nearestName('PATH', declared), undefined, 'declared: nothing to suggest');
  });

  it('is what undefined-arg-in-from suggests in FROM', () => {
    const [finding] = lint({ fileName: 'Dockerfile', text: 'ARG NODE_VERSION=24\nFROM node:${NODE_VERSON}-slim\nUSER 1000\n' }).findings.filter((f) => f.ruleId === 'undefined-arg-in-from');
    assert.match(finding?.message ?? '', /did you mean NODE_VERSION\?/);
  });
});
