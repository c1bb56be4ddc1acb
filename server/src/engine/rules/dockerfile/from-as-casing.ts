import { defineRule } from '../../rule';

/** BuildKit FromAsCasing. The fix writes `AS` in the case of `FROM`. */
export default defineRule({
  meta: {
    id: 'from-as-casing',
    title: 'AS written in another case than FROM',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    profile: 'strict',
    refs: { buildkit: ['FromAsCasing'] },
    fixable: true,
    rationale:
      '`FROM node:24 as build` mixes an upper-case instruction with a lower-case keyword, which makes the stage name harder to spot when reading down the file. BuildKit asks for `AS` in the same case as `FROM`. Style only, hence the `strict` profile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24 AS build\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24 as build\n' },
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const keyword = stage.from.getArguments()[1];
      const written = stage.from.getInstruction();
      const as = keyword?.getValue();
      if (!keyword || !as || as.toLowerCase() !== 'as') continue;
      const wanted = written === written.toUpperCase() ? 'AS' : written === written.toLowerCase() ? 'as' : null;
      if (wanted === null || as === wanted) continue;
      context.report({
        range: keyword.getRange(),
        message: `'${as}' does not match the case of '${written}'; write ${wanted}`,
        fix: { title: `Write ${wanted}`, edits: [{ range: keyword.getRange(), newText: wanted }] },
      });
    }
  },
});
