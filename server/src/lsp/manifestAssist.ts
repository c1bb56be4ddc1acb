import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { engine } from './engine';

/**
 * Completion and hover in Kubernetes manifests, from the engine's securityContext knowledge:
 * inside a pod's or container's `securityContext`, its keys (the Pod Security level each affects
 * in the detail) and their values, the secure choice first. Read line by line, so a half-typed
 * document works; nothing is offered outside a securityContext.
 */
export function manifestCompletions(document: TextDocument, position: Position): CompletionItem[] {
  if (document.languageId !== 'yaml' && !/\.ya?ml$/i.test(document.uri)) return [];
  return engine()
    .securityContextCompletions(document.getText(), position)
    .map((item) => ({
      label: item.label,
      kind: item.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      detail: item.detail,
      documentation: { kind: MarkupKind.Markdown, value: item.documentation },
      sortText: `${item.rank}_${item.label}`,
      ...(item.kind === 'key' ? { insertText: `${item.label}: ` } : {}),
    }));
}

/** A securityContext field's explanation after (or standing for) the hover over findings. */
export function withFieldHover(hover: Hover | null, text: string, position: Position): Hover | null {
  const field = engine().securityContextHover(text, position);
  if (!field) return hover;
  if (!hover) return { contents: { kind: MarkupKind.Markdown, value: field.markdown }, range: field.range };
  const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${field.markdown}` } };
}
