import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageWriter } from 'vscode-languageserver/node';
import { oneWritePerMessage } from '../../server/src/lsp/stdioFrames';

/** A stdout stand-in that records each write it gets (each would be one system call on a pipe). */
function recordingStream(): { stream: NodeJS.WriteStream; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk.toString('utf8'));
      callback();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('language server over stdio: one write per message', () => {
  it('sends each message of the library’s writer as one write, header and body, in order', async () => {
    const { stream, writes } = recordingStream();
    oneWritePerMessage(stream);
    const writer = new StreamMessageWriter(stream);
    const messages = [
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///é/Dockerfile', diagnostics: [{ message: 'ünïcode ✓' }] } },
      { jsonrpc: '2.0', id: 2, method: 'workspace/configuration', params: { items: [{ section: 'seaworthy' }] } },
    ];
    await Promise.all(messages.map((m) => writer.write(m)));
    assert.deepEqual(
      writes,
      messages.map((m) => {
        const body = JSON.stringify(m);
        return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
      }),
    );
  });

  it('writes anything else as it comes, and a header followed by another header in order', async () => {
    const { stream, writes } = recordingStream();
    oneWritePerMessage(stream);
    const calledBack: string[] = [];
    stream.write('plain text\n', () => calledBack.push('plain'));
    stream.write('Content-Length: 2\r\n\r\n', 'ascii', () => calledBack.push('header'));
    stream.write('Content-Length: 3\r\n\r\n', 'ascii', () => calledBack.push('second header'));
    await new Promise<void>((resolve) =>
      stream.write(new TextEncoder().encode('{}x'), () => {
        calledBack.push('body');
        resolve();
      }),
    );
    assert.deepEqual(writes, ['plain text\n', 'Content-Length: 2\r\n\r\nContent-Length: 3\r\n\r\n', '{}x']);
    assert.deepEqual(calledBack, ['plain', 'header', 'second header', 'body']);
  });
});
