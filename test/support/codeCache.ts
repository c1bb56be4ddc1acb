import * as fs from 'node:fs';

/** Resolves when `dir` holds a cache file for each of `bundles` that `fresh` accepts (an fs.watch event, not a poll). */
export function cacheFilesFor(dir: string, bundles: string[], fresh: (file: string) => boolean = () => true): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const found = (): string[] | null => {
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache') && fresh(f));
      return bundles.every((b) => files.some((f) => f.startsWith(`${b}.`))) ? files.sort() : null;
    };
    const watcher = fs.watch(dir, () => {
      const files = found();
      if (files) done(files);
    });
    const limit = setTimeout(() => done(null), 15_000);
    const done = (files: string[] | null): void => {
      watcher.close();
      clearTimeout(limit);
      if (files) resolve(files);
      else reject(new Error(`no cache for ${bundles.join(', ')} in ${dir}: ${fs.readdirSync(dir).join(', ')}`));
    };
    const already = found();
    if (already) done(already);
  });
}
