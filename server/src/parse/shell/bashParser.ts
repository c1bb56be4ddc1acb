import { Language, Parser, type Node } from 'web-tree-sitter';
import type { ShellCommand, ShellPipeline, ShellScript, ShellWord } from './shellScript';
import { wrappedCommand } from './wrappers';

/**
 * The shell parser behind every rule that reads `RUN`: tree-sitter's bash grammar on
 * `web-tree-sitter` (the pair bash-language-server uses), chosen on measurements recorded in
 * CONTRIBUTING.md: it parses synchronously (the keystroke path is synchronous), recovers from
 * half-typed input instead of throwing, reads heredocs, and ships as two wasm files.
 *
 * Loading is asynchronous and happens once: the language server and the CLI await
 * `loadShellParser` before their first lint. The engine stays free of file access: the front
 * end reads the two wasm files and hands their bytes in.
 */
export interface ShellParserWasm {
  /** `web-tree-sitter.wasm`, the runtime. */
  runtime: Uint8Array;
  /** `tree-sitter-bash.wasm`, the grammar. */
  bash: Uint8Array;
}

let parser: Parser | null = null;
let loading: Promise<void> | null = null;

/** Loads the parser; later calls return the first call's promise. */
export function loadShellParser(wasm: ShellParserWasm | (() => ShellParserWasm)): Promise<void> {
  loading ??= (async () => {
    const bytes = typeof wasm === 'function' ? wasm() : wasm;
    await Parser.init({ wasmBinary: bytes.runtime });
    const bash = await Language.load(bytes.bash);
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  return loading;
}

export function shellParserLoaded(): boolean {
  return parser !== null;
}

/** Parses `text` as a bash script. Throws if `loadShellParser` has not finished. */
export function parseShellScript(text: string): ShellScript {
  if (!parser) throw new Error('the shell parser is not loaded (await loadShellParser() before the first lint)');
  const tree = parser.parse(text);
  if (!tree) throw new Error('the shell parser returned no tree');
  try {
    const root = tree.rootNode;
    const script: ShellScript = { text, commands: [], pipelines: [], hasError: root.hasError, end: scriptEnd(root) };
    collect(root, script);
    return script;
  } finally {
    tree.delete();
  }
}

function scriptEnd(root: Node): number {
  for (let i = root.namedChildCount - 1; i >= 0; i--) {
    const child = root.namedChild(i);
    if (child && child.type !== 'comment') return child.endIndex;
  }
  return 0;
}

type PipelinePlace = ShellCommand['pipeline'];

/** A node still to visit: where in a pipeline it stands, and the pipeline that lists it when it is one of its commands. */
interface Visit {
  node: Node;
  place: PipelinePlace;
  listedBy: ShellPipeline | null;
}

/**
 * Walks the tree in source order, adding every simple command and pipeline to `script`. The walk
 * keeps its own stack: `a && b && …` nests one `list` node per `&&`, so a RUN of thousands of
 * commands is a tree thousands deep. Walked by recursion it overflowed the call stack past about
 * 8,000 commands, and below that every garbage collection during the walk scanned a stack that
 * deep, so parsing grew 4× per doubling (4,000 → 8,000 commands) where tree-sitter's own parse
 * grows 2×.
 */
function collect(root: Node, script: ShellScript): void {
  const stack: Visit[] = [{ node: root, place: null, listedBy: null }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const { node, place, listedBy } = visit;
    if (listedBy) listedBy.commands.push(script.commands.length);
    const children = node.namedChildren;
    if (node.type === 'pipeline') {
      const pipeline: ShellPipeline = { commands: [], start: node.startIndex, end: node.endIndex };
      const index = script.pipelines.push(pipeline) - 1;
      const members: Visit[] = [];
      for (const child of children) {
        if (!child || child.type === 'comment') continue;
        const head = child.type === 'redirected_statement' ? child.childForFieldName('body') : child;
        members.push({ node: child, place: { index, position: members.length }, listedBy: head?.type === 'command' ? pipeline : null });
      }
      for (let i = members.length - 1; i >= 0; i--) stack.push(members[i] as Visit);
      continue;
    }
    if (node.type === 'command') {
      const command = commandOf(node, place);
      script.commands.push(command);
      for (let inner = wrappedCommand(command); inner; inner = wrappedCommand(inner)) script.commands.push(inner);
    }
    const redirected = node.type === 'redirected_statement';
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, place: redirected && child.type === 'command' ? place : null, listedBy: null });
    }
  }
}

function commandOf(node: Node, pipeline: PipelinePlace): ShellCommand {
  const nameNode = node.childForFieldName('name');
  const nameWord = nameNode ? wordOf(nameNode.firstNamedChild ?? nameNode) : { text: '', value: null, start: node.startIndex, end: node.startIndex };
  const args: ShellWord[] = [];
  const assignments: ShellCommand['assignments'] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'command_name') continue;
    if (child.type === 'variable_assignment') {
      const value = child.childForFieldName('value');
      assignments.push({ name: child.childForFieldName('name')?.text ?? '', value: value ? wordOf(value).value : '' });
    } else if (!child.type.endsWith('_redirect') && child.type !== 'comment') {
      args.push(wordOf(child));
    }
  }
  const name = nameWord.value;
  return { name, program: name === null ? null : name.slice(name.lastIndexOf('/') + 1), nameWord, args, assignments, start: node.startIndex, end: node.endIndex, pipeline };
}

function wordOf(node: Node): ShellWord {
  return { text: node.text, value: valueOf(node), start: node.startIndex, end: node.endIndex };
}

/** The word as the command receives it, or null when an expansion decides it. */
function valueOf(node: Node): string | null {
  switch (node.type) {
    case 'word':
    case 'number':
      return node.text.replace(/\\(.)/gs, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string':
      if (node.namedChildren.some((c) => c !== null && c.type !== 'string_content')) return null;
      return node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
    case 'concatenation': {
      let out = '';
      for (const child of node.namedChildren) {
        const part = child ? valueOf(child) : null;
        if (part === null) return null;
        out += part;
      }
      // Unnamed pieces between named ones (a bare `=` in `--opt="x"`) are literal text.
      return node.namedChildCount === 0 ? node.text : rebuildConcatenation(node, out);
    }
    default:
      return null;
  }
}

/** A concatenation's value including the literal characters tree-sitter leaves unnamed. */
function rebuildConcatenation(node: Node, namedOnly: string): string {
  let out = '';
  let at = node.startIndex;
  const text = node.text;
  for (const child of node.namedChildren) {
    if (!child) continue;
    out += text.slice(at - node.startIndex, child.startIndex - node.startIndex);
    out += valueOf(child) ?? '';
    at = child.endIndex;
  }
  out += text.slice(at - node.startIndex);
  return out === '' ? namedOnly : out;
}
