import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findOnPath } from '../executables';
import { referenceProblem } from '../imageReference';
import { runProcess, SpawnError, type ProcessHost, type RunResult } from '../processes';
import { DockerArchiveSource } from './dockerArchive';
import { ImageError } from './imageError';
import type { ImageSource, OpenedImage } from './imageSource';
import type { ImageLimits } from './limits';

/** The engines whose `image save` writes a docker-archive, in the order they are tried. */
const ENGINE_COMMANDS = ['docker', 'podman'] as const;

/** `image save` has no timeout of its own: the scan's abort signal (its timeout, a cancel) ends it. */
const SAVE_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * `docker-daemon:NAME[:TAG]`: an image in the local engine, read through `docker image save`
 * (or `podman image save` when there is no docker, or docker cannot reach its daemon) run as a
 * child process with an argument array. Its stdout streams to a private temporary file, which the
 * docker-archive reader then reads (the archive names its layers only at its end, in
 * manifest.json, so it cannot be read in one pass); the file is removed when the scan ends.
 * Cancelling or timing out the scan ends the child.
 */
export class DockerDaemonSource implements ImageSource {
  readonly reference: string;
  constructor(
    private readonly name: string,
    private readonly host: ProcessHost,
    private readonly limits: ImageLimits,
  ) {
    this.reference = `docker-daemon:${name}`;
  }

  async open(signal?: AbortSignal): Promise<OpenedImage> {
    const problem = referenceProblem(this.name);
    if (problem) throw new ImageError('unsupported', `${this.reference} does not name an image: ${problem}`);
    const engines = ENGINE_COMMANDS.map((command) => ({ command, file: findOnPath(command, this.host) })).filter((e): e is { command: (typeof ENGINE_COMMANDS)[number]; file: string } => e.file !== null);
    if (engines.length === 0) {
      throw new ImageError(
        'unsupported',
        `${this.reference} is read with \`docker image save\` or \`podman image save\`, and neither docker nor podman is on PATH: install one, or save the image elsewhere (\`docker save -o app.tar ${this.name}\`) and scan docker-archive:app.tar`,
      );
    }
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seaworthy-save-'));
    const remove = (): void => fs.rmSync(folder, { recursive: true, force: true });
    try {
      const archive = path.join(folder, 'image.tar');
      const failures: string[] = [];
      for (const engine of engines) {
        const result = await this.save(engine.file, archive, signal);
        if (result.ended === 'cancelled') throw new ImageError('cancelled', `the scan of ${this.reference} was cancelled; \`${engine.command} image save\` was stopped`);
        if (result.code === 0) {
          const opened = await new DockerArchiveSource(archive, null, this.limits, this.reference).open();
          return { ...opened, close: async () => remove() };
        }
        failures.push(`\`${engine.command} image save ${this.name}\` ${result.code === null ? `was ended by ${result.signal ?? 'a signal'}` : `exited with code ${result.code}`}${lastLine(result.stderr) ? `: ${lastLine(result.stderr)}` : ''}`);
      }
      const missing = failures.some((f) => /no such image|image not known|not found|does not exist/i.test(f));
      throw new ImageError(missing ? 'not-found' : 'failed', `cannot read ${this.reference} from the local engine: ${failures.join('; ')}`);
    } catch (e) {
      remove();
      throw e;
    }
  }

  /** Runs `ENGINE image save NAME` with its stdout written to `archive` (a fresh file, owner-only). */
  private async save(file: string, archive: string, signal?: AbortSignal): Promise<RunResult> {
    const out = fs.createWriteStream(archive, { mode: 0o600 });
    const writing = new AbortController();
    let writeError: Error | null = null;
    out.once('error', (e) => {
      writeError = e;
      writing.abort();
    });
    const onAbort = (): void => writing.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) writing.abort();
      const result = await runProcess(this.host, file, ['image', 'save', this.name], { timeoutMs: SAVE_TIMEOUT_MS, signal: writing.signal, stdoutTo: out });
      if (writeError) throw new ImageError('failed', `the image saved from ${this.reference} could not be written to a temporary file: ${(writeError as Error).message}`);
      return result;
    } catch (e) {
      if (e instanceof SpawnError) throw new ImageError('failed', `${file} could not be started to save ${this.reference}: ${e.message}`);
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      out.destroy();
    }
  }
}

function lastLine(text: string): string {
  return text.trim().split(/\r?\n/).pop()?.trim() ?? '';
}
