import type { Document, LineCounter, ScalarTag, Tags } from 'yaml';

/**
 * A multi-document YAML file split at its `---` markers. Each chunk is parsed on its own and
 * cached by its text, so an edit re-parses only the document it touched: re-parsing a whole
 * 5,000-line manifest costs ~55 ms, one 100-line document well under a millisecond.
 *
 * A `---` (or `...`) at column 0 followed by whitespace or the line end always ends a document
 * in YAML 1.2, even inside a block scalar, so splitting by lines is exact.
 */
export interface YamlChunk {
  /** The chunk's text, from the start of its `---` line (or the file) to the next marker. */
  text: string;
  /** 0-based line of the chunk's first line in the file. */
  startLine: number;
  startOffset: number;
}

export interface ParsedYamlChunk {
  chunk: YamlChunk;
  /** The document, or null when the chunk holds only comments and markers. */
  doc: Document.Parsed | null;
  lineCounter: LineCounter;
  /** Offset-based syntax errors, local to the chunk. */
  errors: { message: string; start: number; end: number }[];
  /** Some map repeats a key (not a syntax error for Kubernetes: see `resolveAnchors`). */
  hasDuplicateKeys: boolean;
}

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t]|\r?$)/;

export function splitYamlDocuments(text: string): YamlChunk[] {
  const chunks: YamlChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let line = 0;
  let offset = 0;
  // A lone \r ends a line too, for the editor and LineIndex: chunks start on the line they count.
  const loneCr = text.includes('\r') ? /\r(?!\n)/g : null;
  while (offset <= text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl;
    if (line > 0 && text.startsWith('---', offset) && DOCUMENT_MARKER.test(text.slice(offset, Math.min(end, offset + 5)))) {
      if (offset > chunkStart || chunks.length > 0) {
        chunks.push({ text: text.slice(chunkStart, offset), startLine: chunkLine, startOffset: chunkStart });
      }
      chunkStart = offset;
      chunkLine = line;
    }
    if (nl === -1) break;
    if (loneCr) line += text.slice(offset, nl + 1).match(loneCr)?.length ?? 0;
    offset = nl + 1;
    line++;
  }
  chunks.push({ text: text.slice(chunkStart), startLine: chunkLine, startOffset: chunkStart });
  return chunks;
}

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/** `yaml` is loaded on first use so that a Dockerfile-only session never pays for it. */
export function yamlLibrary(): YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('yaml') as YamlModule;
  return yamlModule;
}

/**
 * Rules walk the node tree and never call `toJS()`, so alias expansion (the "billion laughs"
 * blow-up) never happens during a check; an alias resolves to its one anchored node.
 */
export function parseYamlChunk(chunk: YamlChunk): ParsedYamlChunk {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const body = chunk.text;
  if (!/^[ \t]*[^\s#]/m.test(body.replace(/^(?:---|\.\.\.)[ \t]*$/gm, ''))) {
    // Only comments, blank lines and markers: no document to check.
    return { chunk, doc: null, lineCounter, errors: [], hasDuplicateKeys: false };
  }
  // YAML 1.1, as Kubernetes reads manifests (go-yaml v2): `privileged: yes` is true there.
  const doc = parseDocument(body, { lineCounter, prettyErrors: false, version: '1.1', customTags: asGoYamlReadsThem });
  const hasDuplicateKeys = doc.errors.some((e) => e.code === 'DUPLICATE_KEY');
  const errors = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => ({
    message: e.message.split('\n')[0] ?? e.message,
    start: e.pos[0],
    end: Math.max(e.pos[1], e.pos[0] + 1),
  }));
  return { chunk, doc, lineCounter, errors, hasDuplicateKeys };
}

/**
 * The YAML 1.1 scalars as go-yaml v2 (which the API server's sigs.k8s.io/yaml uses) resolves them,
 * not as the 1.1 specification does: base-60 numbers (`runAsUser: 1:00`, `fsGroup: 16:40`) stay
 * strings there (which the API server then rejects), so they are not 60 or 1000 here; and Go's own `0o17` octal form is a number
 * there (Go's ParseInt reads it), so it is 15 here. `0755` (octal), `0x1F`, `0b101` and `1_000`
 * already read alike.
 */
function asGoYamlReadsThem(tags: Tags): Tags {
  const kept = tags.filter((t) => typeof t === 'string' || t.format !== 'TIME');
  return [...kept, GO_OCTAL];
}

const GO_OCTAL: ScalarTag = {
  identify: () => false, // for reading only: numbers are written by the 1.1 int tags
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0[oO][0-7_]+$/,
  resolve: (source) => {
    const negative = source.startsWith('-');
    const digits = source.replace(/^[-+]?0[oO]/, '').replace(/_/g, '');
    const value = parseInt(digits, 8);
    return negative ? -value : value;
  },
};

