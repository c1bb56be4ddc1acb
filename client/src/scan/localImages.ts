import { execFile } from 'child_process';

/**
 * Images in a local engine, from `docker images` or else `podman images` (found on PATH, run
 * with an argument array, five seconds at most). No engine, or one that fails, gives none.
 */
export async function localImages(): Promise<string[]> {
  for (const engine of ['docker', 'podman']) {
    const images = await listImages(engine);
    if (images !== null) return images;
  }
  return [];
}

function listImages(engine: string): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile(engine, ['images', '--format', '{{.Repository}}:{{.Tag}}'], { timeout: 5000, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      if (error) {
        resolve(null);
        return;
      }
      const images = stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.includes('<none>'));
      resolve([...new Set(images)]);
    });
  });
}
