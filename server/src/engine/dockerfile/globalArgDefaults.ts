import { ExpansionBudget, expandArgs, type DockerfileModel } from '../../parse/dockerfileModel';
import { propertiesOf } from '../../parse/properties';

/**
 * The global ARGs as a plain `docker build` (no `--build-arg`) sees them: an ARG without a
 * default is the empty string, as BuildKit substitutes it, where `DockerfileModel.globalArgs`
 * keeps it unknown. A default that cannot be expanded (past the bounds of `expandArgs`) stays
 * unknown. Built beside `expandArgs`, which it uses unchanged.
 */
export function globalArgDefaults(model: DockerfileModel): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  const budget = new ExpansionBudget();
  for (const arg of model.ast.getInitialARGs()) {
    for (const property of propertiesOf(arg)) {
      const value = property.getValue();
      values.set(property.getName(), value === null ? '' : (expandArgs(value, values, budget) ?? undefined));
    }
  }
  return values;
}
