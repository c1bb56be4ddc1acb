import { Copy } from 'dockerfile-ast';
import { jsonArgumentsOf } from '../../../parse/shell/jsonArguments';
import type { LineIndex } from '../../../parse/lineIndex';
import type { Range } from '../../types';
import { defineRule } from '../../rule';

/** The destination of a COPY with several sources, and where a `/` would go; null with one source, a heredoc or a variable. */
function destinationOf(copy: Copy, lines: LineIndex): { text: string; range: Range; slashAt: Range['end'] } | null {
  const json = jsonArgumentsOf(copy);
  if (json.length > 0) {
    const last = json[json.length - 1];
    if (json.length < 3 || !last) return null;
    const end = last.range.end;
    return { text: last.value, range: last.range, slashAt: { line: end.line, character: end.character - 1 } };
  }
  const args = copy.getArguments();
  const last = args[args.length - 1];
  if (args.length < 3 || !last || args.some((a) => a.getValue().startsWith('<<'))) return null;
  // A quoted destination (`"/opt/app"`): the builder removes the quotes, and the slash goes inside them.
  const raw = lines.text.slice(lines.offset(last.getRange().start), lines.offset(last.getRange().end));
  const quoted = /^(["']).*\1$/s.test(raw);
  const end = last.getRange().end;
  return { text: quoted ? raw.slice(1, -1) : last.getValue(), range: last.getRange(), slashAt: quoted ? { line: end.line, character: end.character - 1 } : end };
}

/** hadolint DL3021 and Trivy DS-0011. The fix adds the `/`, the only meaning the build accepts. */
export default defineRule({
  meta: {
    id: 'copy-to-non-directory',
    title: 'COPY of several sources to a destination without a trailing /',
    defaultSeverity: 'error',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3021'], trivy: ['DS-0011'] },
    fixable: true,
    rationale:
      'With more than one source, COPY needs a directory to copy into, and the destination must say so with a trailing `/`: `COPY a.txt b.txt /app` fails the build ("When using COPY with more than one source file, the destination must be a directory and end with a /"). Adding the `/` states what was meant.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nCOPY package.json package-lock.json /app/\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nCOPY package.json package-lock.json /app\n' },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Copy)) continue;
      const destination = destinationOf(instruction, context.lines);
      if (!destination || destination.text.endsWith('/') || destination.text.includes('$')) continue;
      context.report({
        range: destination.range,
        message: `COPY of several sources needs a directory: write ${destination.text}/`,
        fix: { title: `Copy into ${destination.text}/`, edits: [{ range: { start: destination.slashAt, end: destination.slashAt }, newText: '/' }] },
      });
    }
  },
});
