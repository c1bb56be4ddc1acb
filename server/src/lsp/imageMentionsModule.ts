import type * as ImageMentions from '../scan/imageMentions';

/**
 * Finding the images a document names needs the parsers, which the server keeps out of its own
 * bundle (see `engine.ts`); this module is loaded the first time a scan is asked for. The bundle
 * maps exactly this specifier to `./imageMentions.js` next to `dist/server.js`.
 */
let loaded: typeof ImageMentions | undefined;

export function imageMentionsModule(): typeof ImageMentions {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../scan/imageMentions') as typeof ImageMentions;
  return loaded;
}
