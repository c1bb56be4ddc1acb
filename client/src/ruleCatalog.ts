/** A rule as the extension knows it without asking the server: id and title. */
export interface RuleEntry {
  id: string;
  title: string;
}

interface RuleSettingSchema {
  properties?: Record<string, { description?: string }>;
}

/**
 * The rules, read from this extension's own manifest: `npm run docs` writes every rule id and
 * title (from the rule metadata) into the `seaworthy.rules` setting, so the client needs no copy.
 */
export function ruleCatalog(packageJSON: unknown): RuleEntry[] {
  const contributes = (packageJSON as { contributes?: { configuration?: unknown } }).contributes;
  const configuration = contributes?.configuration;
  const sections = (Array.isArray(configuration) ? configuration : [configuration]) as { properties?: Record<string, RuleSettingSchema> }[];
  const setting = sections.map((s) => s?.properties?.['seaworthy.rules']).find((s) => s !== undefined);
  return Object.entries(setting?.properties ?? {})
    .map(([id, schema]) => ({ id, title: schema.description ?? id }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
