import type { FileMeta, LayerRecord } from './layerReader';

/** A file of the final file system and the layer it comes from. */
export interface FinalFile {
  meta: FileMeta;
  layer: number;
}

/**
 * The file system a container of the image starts with: layers applied bottom to top, each
 * layer's opaque directories and whiteouts first removing what the layers below put there
 * (OCI image spec, "Applying Changesets"), then its own entries. A non-directory that replaces a
 * directory removes what was under it.
 */
export function finalFileSystem(layers: readonly LayerRecord[]): Map<string, FinalFile> {
  const files = new Map<string, FinalFile>();
  for (const layer of [...layers].sort((a, b) => a.index - b.index)) {
    for (const dir of layer.opaque) removeUnder(files, dir);
    for (const gone of layer.whiteouts) {
      files.delete(gone);
      removeUnder(files, gone);
    }
    for (const [entryPath, meta] of layer.entries) {
      const before = files.get(entryPath);
      if (before?.meta.type === 'directory' && meta.type !== 'directory') removeUnder(files, entryPath);
      files.set(entryPath, { meta, layer: layer.index });
    }
  }
  return files;
}

/** Removes everything below `dir` (not `dir` itself); `''` is the root. */
function removeUnder(files: Map<string, FinalFile>, dir: string): void {
  const prefix = dir === '' ? '' : `${dir}/`;
  for (const key of files.keys()) if (key.startsWith(prefix) && key !== dir) files.delete(key);
}
