import type { TextDocument } from 'vscode';

/**
 * The VS Code languages Seaworthy checks. Compose files have their own language id
 * (`dockercompose`, from VS Code's YAML support), so it is listed beside `yaml`.
 */
export const CHECKED_LANGUAGES = ['dockerfile', 'yaml', 'dockercompose'] as const;

/** Saved files and unsaved (untitled) editors; virtual file systems are not supported yet. */
export const DOCUMENT_SELECTOR: { scheme: 'file' | 'untitled'; language: string }[] = CHECKED_LANGUAGES.flatMap((language) => [
  { scheme: 'file' as const, language },
  { scheme: 'untitled' as const, language },
]);

export function isChecked(document: TextDocument): boolean {
  return (CHECKED_LANGUAGES as readonly string[]).includes(document.languageId) && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}
