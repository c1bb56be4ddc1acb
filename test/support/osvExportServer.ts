import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { FIXTURES } from './paths';
import { zipArchive } from './zipFile';

/**
 * How one export is answered: in full, 404, 500, dropped half-way, stalled half-way (until
 * `resume()`), or a page that is not a zip.
 */
export type ExportMode = 'serve' | '404' | '500' | 'drop' | 'hang' | 'garbage';

/** The ecosystems osv.dev exports that the built-in scanner downloads, in its order. */
export const EXPORTED_ECOSYSTEMS = ['Debian', 'Alpine', 'npm', 'PyPI', 'Go'] as const;

/**
 * The exports built at test time: Debian's `all.zip` holds the Debian 12 OSV records of the
 * fixtures (real records, two of which cover packages of `insecureImage`'s dpkg status), every
 * other ecosystem one record that affects nothing.
 */
export function osvExportZips(): Map<string, Buffer> {
  const debian = path.join(FIXTURES, 'osv', 'debian-12');
  const records = Object.fromEntries(
    fs
      .readdirSync(debian)
      .filter((n) => n.endsWith('.json'))
      .map((n) => [n, fs.readFileSync(path.join(debian, n))]),
  );
  const zips = new Map<string, Buffer>([['Debian', zipArchive(records)]]);
  for (const ecosystem of EXPORTED_ECOSYSTEMS.slice(1)) {
    zips.set(ecosystem, zipArchive({ [`${ecosystem}-0001.json`]: JSON.stringify({ id: `${ecosystem}-0001`, modified: '2024-01-01T00:00:00Z', affected: [] }) }));
  }
  return zips;
}

/** osv.dev's bucket layout (`<Ecosystem>/all.zip`) on 127.0.0.1, each export answered as `modes` says. */
export class OsvExportServer {
  readonly modes = new Map<string, ExportMode>();
  private readonly stalled: { res: http.ServerResponse; rest: Buffer }[] = [];
  private stallWaiters: (() => void)[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly zips: Map<string, Buffer>,
  ) {}

  static async start(zips: Map<string, Buffer> = osvExportZips()): Promise<OsvExportServer> {
    let self: OsvExportServer | undefined;
    const server = http.createServer((req, res) => self!.answer(req, res));
    self = new OsvExportServer(server, zips);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Resolves when a stalled export has sent its first bytes. */
  stalledOnce(): Promise<void> {
    return new Promise((resolve) => this.stallWaiters.push(resolve));
  }

  /** Sends the rest of every stalled export (and serves later requests in full). */
  resume(): void {
    for (const [ecosystem, mode] of this.modes) if (mode === 'hang') this.modes.delete(ecosystem);
    for (const { res, rest } of this.stalled.splice(0)) res.end(rest);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const ecosystem = /^\/([^/]+)\/all\.zip$/.exec(req.url ?? '')?.[1] ?? '';
    const zip = this.zips.get(decodeURIComponent(ecosystem));
    const mode = this.modes.get(ecosystem) ?? 'serve';
    if (!zip || mode === '404') return void res.writeHead(404).end('no such object');
    if (mode === '500') return void res.writeHead(500).end('backend error');
    if (mode === 'garbage') return void res.writeHead(200).end('<html>a captive portal</html>');
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length });
    if (mode === 'serve') return void res.end(zip);
    res.write(zip.subarray(0, zip.length >> 1), () => {
      if (mode === 'drop') return void res.socket?.destroy();
      this.stalled.push({ res, rest: zip.subarray(zip.length >> 1) });
      this.stallWaiters.splice(0).forEach((w) => w());
    });
  }

  async stop(): Promise<void> {
    this.stalled.splice(0).forEach(({ res }) => res.socket?.destroy());
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Every file in `dir` with its bytes, to show a failed download changed nothing. */
export function folderSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) out[name] = fs.readFileSync(path.join(dir, name)).toString('base64');
  return out;
}
