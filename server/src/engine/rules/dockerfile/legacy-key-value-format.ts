import { Env, Label } from 'dockerfile-ast';
import type { Fix } from '../../types';
import { propertiesOf } from '../../../parse/properties';
import { defineRule } from '../../rule';

/**
 * BuildKit LegacyKeyValueFormat: `ENV KEY value` / `LABEL key value` without `=`. The fix writes
 * `KEY=value`, quoting a value with blanks; a value with quotes, backslashes or continuation
 * lines gets no fix (its reading differs between the two forms in ways a rewrite could change).
 */
function toKeyValue(context: { text: string; lines: { offset(p: { line: number; character: number }): number } }, name: string, nameEnd: { line: number; character: number }, valueRange: { start: { line: number; character: number }; end: { line: number; character: number } }): Fix | null {
  const raw = context.text.slice(context.lines.offset(valueRange.start), context.lines.offset(valueRange.end));
  if (/["'\\\r\n`]/.test(raw)) return null;
  const value = /\s/.test(raw) ? `"${raw}"` : raw;
  return { title: `Write ${name}=${value}`, edits: [{ range: { start: nameEnd, end: valueRange.end }, newText: `=${value}` }] };
}

export default defineRule({
  meta: {
    id: 'legacy-key-value-format',
    title: 'ENV or LABEL without =',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { buildkit: ['LegacyKeyValueFormat'] },
    fixable: true,
    rationale:
      'In the legacy form `ENV KEY value` everything after the first blank is the value, so `ENV PATH /opt/bin PORT 8080` sets one variable to `/opt/bin PORT 8080` rather than two; `KEY=value` says where each value ends and can set several at once. Docker deprecates the form without `=`. The fix writes `KEY=value` and quotes a value with blanks.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nENV NODE_ENV=production\nLABEL org.opencontainers.image.title="My app"\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nENV NODE_ENV production\nLABEL org.opencontainers.image.title My app\n' },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Env) && !(instruction instanceof Label)) continue;
      // `KEY=value` form when the first word has a `=`: the builder reads the whole instruction so.
      // Read from the text first; scanning the arguments of every LABEL costs a keystroke more.
      const { start, end } = instruction.getRange();
      const first = /^\S+[ \t]+(\S+)/.exec(context.text.slice(context.lines.offset(start), context.lines.offset(end)))?.[1];
      if (first && first.includes('=') && !first.startsWith('=')) continue;
      if (instruction.getArguments()[0]?.getValue().includes('=') !== false) continue;
      for (const property of propertiesOf(instruction)) {
        const valueRange = property.getValueRange();
        if (property.getAssignmentOperator() !== null || !valueRange) continue;
        const name = property.getName();
        const fix = toKeyValue(context, name, property.getNameRange().end, valueRange);
        context.report({
          range: property.getRange(),
          message: `${instruction.getKeyword()} ${name} uses the legacy form without "="; write ${name}=value`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
