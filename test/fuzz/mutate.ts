import type { FuzzKind } from './kinds';
import type { Random } from './random';

/** Tokens that break or bend each grammar where parsers and rules are weakest. */
const TOKENS: Record<FuzzKind, string[]> = {
  dockerfile: ['FROM ', 'ARG ', 'RUN ', 'USER ', 'COPY --from=', '--platform=', ' AS ', '${', '}', '$', ':-', ':+', '\\\n', '\\', '<<EOF\n', '<<-EOF\n', '\nEOF\n', '&&', '|', ';', '"', "'", '[', ']', '# escape=`\n', '# seaworthy-ignore ', '# seaworthy-ignore-file ', '# syntax=docker/dockerfile:1\n', 'ONBUILD ', 'HEALTHCHECK ', 'SHELL ["cmd", "/S", "/C"]\n', 'sudo ', 'apt-get install ', '-y ', '$(', ')', '`', '\t', '#', '=', '@sha256:', ':latest'],
  kubernetes: [': ', '- ', '---\n', '&a ', '*a', '!!str ', '!!binary ', '{', '}', '[', ']', '"', "'", '|\n', '>-\n', '# ', '? ', '<<: *a\n', '  ', 'securityContext:\n', 'privileged: true', 'hostNetwork: true', 'runAsUser: 0', 'containers:\n', '- name: x\n  image: y\n', 'apiVersion: v1\nkind: Pod\n', '# seaworthy-ignore ', '# seaworthy-ignore-file ', '%YAML 1.2\n', '...\n', '\t', 'null', '~', '0x1F', '.inf'],
  compose: [': ', '- ', '---\n', '&a ', '*a', '{', '}', '[', ']', '"', "'", '  ', 'services:\n', 'privileged: true', 'cap_add: [ALL]', 'network_mode: host', 'x-common: &c\n  image: a\n', '<<: *c\n', '# seaworthy-ignore ', '\t', 'null'],
  config: [': ', '- ', 'rules:\n', '  privileged-container: off\n', 'profile: ', 'strict', 'ignorePaths: [', 'trustedRegistries:', 'podSecurityLevel: ', '{', '}', '[', ']', '"', '&a ', '*a', '\t', 'null', '---\n'],
};

const ODD_CHARS = ['\r', '\r\n', '\uFEFF', '\u00A0', '\u2028', '\u{1F433}', '\uD800', '\uDC00', 'é', '\u200B', ' ', '\n', '\t', 'x', '0', '-', ':', '#'];

/** Applies one to five random edits; `donors` are other inputs of the same kind to splice from. */
export function mutate(text: string, r: Random, kind: FuzzKind, donors: readonly string[]): string {
  let out = text;
  const rounds = r.between(1, 5);
  for (let i = 0; i < rounds; i++) out = mutateOnce(out, r, kind, donors);
  return out;
}

function mutateOnce(text: string, r: Random, kind: FuzzKind, donors: readonly string[]): string {
  const at = r.int(text.length + 1);
  const lines = text.split('\n');
  const line = r.int(lines.length);
  switch (r.int(11)) {
    case 0: // delete a span
      return text.slice(0, at) + text.slice(Math.min(text.length, at + r.between(1, 24)));
    case 1: // insert a token
      return text.slice(0, at) + r.pick(TOKENS[kind]) + text.slice(at);
    case 2: // an odd character
      return text.slice(0, at) + r.pick(ODD_CHARS) + text.slice(at + (r.chance(0.5) ? 1 : 0));
    case 3: // duplicate a line
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 4: // drop a line
      lines.splice(line, 1);
      return lines.join('\n');
    case 5: {
      // swap two lines
      const other = r.int(lines.length);
      [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
      return lines.join('\n');
    }
    case 6: // re-indent a line
      lines[line] = ' '.repeat(r.int(9)) + (lines[line] ?? '').trimStart();
      return lines.join('\n');
    case 7: {
      // splice lines from another input of the kind
      const donor = r.pick(donors.length ? donors : [text]).split('\n');
      const from = r.int(donor.length);
      lines.splice(line, 0, ...donor.slice(from, from + r.between(1, 8)));
      return lines.join('\n');
    }
    case 8: // line ends
      return r.pick([text.replace(/\r?\n/g, '\r\n'), text.replace(/\r?\n/g, '\r'), text.replace(/\r\n/g, '\n')]);
    case 9: // cut the end off (a half-typed file)
      return text.slice(0, at);
    default:
      // repeat a span (long lines, many documents)
      return text.slice(0, at) + text.slice(at, at + r.between(1, 40)).repeat(r.between(2, 30)) + text.slice(at);
  }
}
