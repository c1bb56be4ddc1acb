import type { Node as YamlNode, Pair } from 'yaml';
import { yamlLibrary } from './yamlDocuments';

/** What a walk's callback returns to stop the whole walk. */
export const STOP_WALK = Symbol('stop walk');

export interface YamlWalker {
  /** Each node (collection, scalar or alias), parents before children. */
  node?(node: YamlNode): typeof STOP_WALK | void;
  /** Each map pair, before its key and value. */
  pair?(pair: Pair): typeof STOP_WALK | void;
}

/**
 * Every node and pair under `root` (a document's contents or any node), in document order, with
 * an explicit stack. The `yaml` library's own `visit` copies the path from the root at every
 * level, so a document nested n levels deep costs it n² (and it recurses, n frames deep); this
 * walk costs each node once.
 */
export function walkYaml(root: unknown, walker: YamlWalker): void {
  const lib = yamlLibrary();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (lib.isPair(item)) {
      if (walker.pair?.(item as Pair) === STOP_WALK) return;
      stack.push(item.value, item.key);
    } else if (lib.isNode(item)) {
      if (walker.node?.(item) === STOP_WALK) return;
      if (lib.isCollection(item)) for (let i = item.items.length - 1; i >= 0; i--) stack.push(item.items[i]);
    }
  }
}
