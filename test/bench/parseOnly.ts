/**
 * The parse-only baseline for the CLI benchmark: read each file named on the command line and
 * parse it (dockerfile-ast for Dockerfiles, yaml's parseAllDocuments otherwise), print a count.
 * The benchmark bundles it with the CLI's esbuild settings so both pay the same start-up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';

let nodes = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  if (/dockerfile/i.test(path.basename(file))) nodes += DockerfileParser.parse(text).getInstructions().length;
  else nodes += parseAllDocuments(text).length;
}
process.stdout.write(`${JSON.stringify({ nodes })}\n`);
