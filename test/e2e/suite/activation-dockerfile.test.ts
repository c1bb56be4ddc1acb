import * as assert from 'assert';
import { openFixture, seaworthyExtension, waitForDiagnostics } from './seaworthyExtension';

suite('activation by a Dockerfile', () => {
  test('opening a Dockerfile activates Seaworthy and its diagnostics arrive', async () => {
    const extension = seaworthyExtension();
    assert.strictEqual(
      extension.isActive,
      false,
      `Seaworthy was active before a document was opened (activationEvents: ${JSON.stringify(extension.packageJSON.activationEvents)})`,
    );
    const editor = await openFixture('web.Dockerfile');
    assert.strictEqual(editor.document.languageId, 'dockerfile');
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'the first Seaworthy diagnostics');
    assert.strictEqual(extension.isActive, true);
  });
});
