/** spdx-expression-parse 3.0.1: parses an SPDX license expression, throwing on anything else. */
declare module 'spdx-expression-parse' {
  function parse(expression: string): unknown;
  export = parse;
}
