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
 * directory removes what was under it. Only recorded entries are in the result; an entry a layer
 * did not record (known by its path hash) still replaces a recorded one of a layer below, and a
 * non-folder it puts where a recorded file's folder was removes that file.
 */
export function finalFileSystem(layers: readonly LayerRecord[]): Map<string, FinalFile> {
  const files = new Map<string, FinalFile>();
  for (const layer of [...layers].sort((a, b) => a.index - b.index)) {
    for (const dir of layer.opaque) removeUnder(files, dir);
    for (const gone of layer.whiteouts) {
      files.delete(gone);
      removeUnder(files, gone);
    }
    for (const filePath of [...files.keys()]) {
      if (layer.unrecorded.has(filePath) || ancestors(filePath).some((dir) => layer.unrecordedFiles.has(dir))) files.delete(filePath);
    }
    for (const [entryPath, meta] of layer.entries) {
      const before = files.get(entryPath);
      if (before?.meta.type === 'directory' && meta.type !== 'directory') removeUnder(files, entryPath);
      files.set(entryPath, { meta, layer: layer.index });
    }
  }
  return files;
}

/** `a/b/c` → `a`, `a/b`. */
function ancestors(filePath: string): string[] {
  const out: string[] = [];
  for (let slash = filePath.indexOf('/'); slash > 0; slash = filePath.indexOf('/', slash + 1)) out.push(filePath.slice(0, slash));
  return out;
}

/** Removes everything below `dir` (not `dir` itself); `''` is the root. */
function removeUnder(files: Map<string, FinalFile>, dir: string): void {
  const prefix = dir === '' ? '' : `${dir}/`;
  for (const key of files.keys()) if (key.startsWith(prefix) && key !== dir) files.delete(key);
}
