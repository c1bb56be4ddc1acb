import * as assert from 'assert';
import { codesOf, openFixture, seaworthyExtension, waitForDiagnostics } from './seaworthyExtension';

suite('activation by a Kubernetes manifest', () => {
  test('opening a manifest activates Seaworthy and its diagnostics arrive', async () => {
    const extension = seaworthyExtension();
    assert.strictEqual(
      extension.isActive,
      false,
      `Seaworthy was active before a document was opened (activationEvents: ${JSON.stringify(extension.packageJSON.activationEvents)})`,
    );
    const editor = await openFixture('deploy.yaml');
    assert.strictEqual(editor.document.languageId, 'yaml');
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (d) => codesOf(d).includes('privileged-container'),
      'privileged-container',
    );
    assert.ok(diagnostics.length > 0);
    assert.strictEqual(extension.isActive, true);
  });
});
