import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver/node';
import { LspClient } from '../support/lspClient';
import { PRIVILEGED, ofRule, podYaml, tempWorkspace } from '../support/lspWorkspace';

const ESCALATION = 'privilege-escalation-allowed';
const STRICT_ONLY = 'root-filesystem-writable';

describe('language server: .seaworthy.yaml is team policy, settings may only make it stricter', () => {
  const ws = tempWorkspace('config-precedence');
  ws.write('.seaworthy.yaml', `profile: strict\nrules:\n  ${PRIVILEGED}: warning\n`);
  let settingsFor: () => unknown = () => ({});
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [ws.dir], settings: () => settingsFor() });
  });
  after(() => client.stop());

  const uri = ws.uri('pod.yaml');
  async function withSettings(settings: unknown) {
    settingsFor = () => settings;
    const next = client.nextDiagnostics(uri);
    client.configurationChanged();
    return (await next).diagnostics;
  }

  /** The hover over the first finding of `ruleId`. */
  async function hoverText(diagnostics: Awaited<ReturnType<typeof withSettings>>, ruleId: string): Promise<string> {
    const at = ofRule(diagnostics, ruleId)[0]!.range.start;
    const hover = await client.hover(uri, at.line, at.character);
    return (hover?.contents as MarkupContent).value;
  }

  it('keeps the file\'s level when a setting would lower it or turn it off, and says so in the hover', async () => {
    client.open(uri, 'yaml', podYaml([true]));
    await client.diagnostics(uri, 1);
    const off = await withSettings({ rules: { [PRIVILEGED]: 'off' } });
    assert.deepEqual(ofRule(off, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Warning]);
    const text = await hoverText(off, PRIVILEGED);
    // Named as the config's note names it: relative to the workspace folder.
    assert.ok(text.includes('Level: **warning**, set by the team policy in .seaworthy.yaml.'), text);
    assert.match(text, /Your setting `off` is not applied/);
  });

  it('lets a setting raise the file\'s level, and names the settings as the source', async () => {
    const raised = await withSettings({ rules: { [PRIVILEGED]: 'error' } });
    assert.deepEqual(ofRule(raised, PRIVILEGED).map((d) => d.severity), [DiagnosticSeverity.Error]);
    assert.match(await hoverText(raised, PRIVILEGED), /Level: \*\*error\*\*, set by your settings \(`seaworthy.rules`\)\./);
  });

  it('applies settings as they are for rules the file does not name', async () => {
    const before = await withSettings({});
    assert.match(await hoverText(before, ESCALATION), /set by the rule's default level\./);
    const off = await withSettings({ rules: { [ESCALATION]: 'off' } });
    assert.deepEqual(ofRule(off, ESCALATION), []);
  });

  it('keeps the file\'s larger profile when a setting asks for a smaller one', async () => {
    const smaller = await withSettings({ profile: 'recommended' });
    assert.equal(ofRule(smaller, STRICT_ONLY).length, 1, 'the strict profile of the file stays');
  });
});
