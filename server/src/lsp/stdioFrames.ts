/**
 * Over `--stdio`, `vscode-languageserver` writes each message as two writes to stdout: the
 * `Content-Length` header, then (once the first write is done) the body. Stdout is a pipe, and
 * Node writes to pipes synchronously on Linux and macOS: every message cost two system calls and
 * woke the client twice, which a busy machine turns into waits (measured: the write path was a
 * sixth of the server's time opening small files one after another). This joins them: a header
 * is held until its body comes and the two go out as one write. Anything else (a chunk that is
 * not a lone header, a header after a held one) is written as it comes, in order, so nothing is
 * lost or reordered whatever the library does. IPC, sockets and pipes are left alone.
 */
export function oneWritePerMessage(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: string | Uint8Array, encoding?: BufferEncoding, callback?: (error?: Error | null) => void) => boolean;
  let held: string | null = null;
  stream.write = function (chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    const charset = typeof encoding === 'string' ? encoding : undefined;
    if (held === null && typeof chunk === 'string' && HEADER.test(chunk)) {
      held = chunk;
      // The header is accepted now; it reaches the pipe with its body.
      if (done) process.nextTick(done);
      return true;
    }
    const header = held;
    held = null;
    if (header === null) return write(chunk, charset, done);
    const body = typeof chunk === 'string' ? Uint8Array.from(Buffer.from(chunk, charset ?? 'utf8')) : chunk;
    const joined = new Uint8Array(header.length + body.length);
    for (let i = 0; i < header.length; i++) joined[i] = header.charCodeAt(i);
    joined.set(body, header.length);
    return write(joined, undefined, done);
  } as NodeJS.WriteStream['write'];
}

const HEADER = /^Content-Length: \d+\r\n\r\n$/;
