import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { EXTENSION_INITIALIZATION_OPTIONS } from '../../server/src/lsp/extensionOptions';
import { cacheFilesFor } from '../support/codeCache';
import { LspClient } from '../support/lspClient';
import { keystroke, type BenchInput } from './inputs';

/**
 * Keystrokes typed before timing starts. A user types into a server that has been running: its
 * hot paths are compiled by then. With 5 the p95 measured the first seconds of JIT warm-up.
 */
const WARM_UP_KEYSTROKES = 50;

/**
 * Keystroke → diagnostics over stdio against the built server: open the file, then type one
 * character in the middle (and take it back) `iterations` times, timing each change until the
 * publish for its version arrives. The server gets the extension's initialization options;
 * `debounceMs` undefined runs it with its default settings (the wait follows each document's
 * cost), as users have it.
 */
export async function keystrokeLatency(input: BenchInput, iterations: number, debounceMs: number | undefined = 0): Promise<{ open: number; samples: number[]; cpuPerKeystroke: number }> {
  const client = await LspClient.start({ initializationOptions: { ...EXTENSION_INITIALIZATION_OPTIONS, ...(debounceMs === undefined ? {} : { debounceMs }) } });
  try {
    const uri = `file:///bench/${input.languageId}/${input.fileName}`;
    let t0 = performance.now();
    client.open(uri, input.languageId, input.text);
    await client.diagnostics(uri, 1);
    const open = performance.now() - t0;
    const samples: number[] = [];
    let cpuBefore = Number.NaN;
    for (let i = 0; i < iterations + WARM_UP_KEYSTROKES; i++) {
      if (i === WARM_UP_KEYSTROKES) cpuBefore = cpuMs(client.process.pid);
      t0 = performance.now();
      const version = client.change(uri, [keystroke(input, i)]);
      await client.diagnostics(uri, version);
      if (i >= WARM_UP_KEYSTROKES) samples.push(performance.now() - t0);
      client.published.length = 0;
    }
    return { open, samples, cpuPerKeystroke: (cpuMs(client.process.pid) - cpuBefore) / iterations };
  } finally {
    await client.stop();
  }
}

/**
 * didOpen → diagnostics of a small file with the default settings and the extension's
 * initialization options, in a server that has already checked one (its engine loaded, the
 * settings of its folder known): what a user opening another file waits for.
 */
export async function smallFileOpen(text: string, languageId: string, fileName: string, runs: number): Promise<number[]> {
  const client = await LspClient.start({ initializationOptions: { ...EXTENSION_INITIALIZATION_OPTIONS } });
  try {
    const out: number[] = [];
    for (let i = -WARM_UP_OPENS; i < runs; i++) {
      const uri = `file:///bench/open-${i + WARM_UP_OPENS}/${fileName}`;
      const t0 = performance.now();
      client.open(uri, languageId, text);
      await client.diagnostics(uri, 1);
      if (i >= 0) out.push(performance.now() - t0);
      client.close(uri);
    }
    return out;
  } finally {
    await client.stop();
  }
}

const WARM_UP_OPENS = 5;

/**
 * Spawn → `initialize` result, in ms, `runs` times (in `env`, default this process's). With
 * `codeCache` the server keeps its V8 code cache there, as the extension starts it: one untimed
 * start and check of a Dockerfile writes it first, so the timed starts are the ones users have
 * after the first.
 */
export async function serverStart(runs: number, env: NodeJS.ProcessEnv = process.env, codeCache?: string): Promise<number[]> {
  if (codeCache) {
    env = { ...env, SEAWORTHY_CODE_CACHE: codeCache };
    await writeCodeCache(env);
  }
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const client = await LspClient.start({ env });
    out.push(performance.now() - t0);
    await client.stop();
  }
  return out;
}

/** Starts the server in `env`, checks a Dockerfile and waits until its code cache is written. */
async function writeCodeCache(env: NodeJS.ProcessEnv): Promise<void> {
  const dir = env.SEAWORTHY_CODE_CACHE ?? '';
  fs.mkdirSync(dir, { recursive: true });
  const client = await LspClient.start({ env });
  try {
    const uri = 'file:///bench/code-cache/Dockerfile';
    client.open(uri, 'dockerfile', 'FROM node:22\nRUN apt-get update\n');
    await client.diagnostics(uri, 1);
    await cacheFilesFor(dir, ['serverMain.js', 'engine.js']);
  } finally {
    await client.stop();
  }
}

/**
 * What the first YAML document costs on top of the second (loading the yaml parser, which a
 * Dockerfile-only session never pays): open two small manifests in a fresh server.
 */
export async function firstYamlCost(runs: number): Promise<{ first: number[]; second: number[] }> {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < runs; i++) {
    const client = await LspClient.start();
    try {
      for (const [n, into] of [[1, first], [2, second]] as const) {
        const uri = `file:///bench/first-yaml-${n}.yaml`;
        const t0 = performance.now();
        client.open(uri, 'yaml', text);
        await client.diagnostics(uri, 1);
        into.push(performance.now() - t0);
      }
    } finally {
      await client.stop();
    }
  }
  return { first, second };
}

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system) a process has used, in ms, from /proc on Linux (NaN elsewhere). Unlike
 * wall time it does not grow when other processes compete for the CPU.
 */
export function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}
