import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isChecked } from '../languages';
import { localImages } from './localImages';
import { ImageMentionsRequest } from './scanProtocol';

export interface ImageChoice {
  image: string;
  /** The document whose lines name it, when it came from one. */
  uri?: string;
}

interface ImageItem extends vscode.QuickPickItem {
  choice?: ImageChoice;
}

/**
 * "Scan Image…": the images the active file names (`FROM` with `ARG`s resolved, `image:`
 * fields), the local engine's images, or a reference typed in the box.
 */
export async function pickImage(client: LanguageClient): Promise<ImageChoice | undefined> {
  const editor = vscode.window.activeTextEditor;
  const inFile = editor && isChecked(editor.document) ? await mentionItems(client, editor.document) : [];
  const picker = vscode.window.createQuickPick<ImageItem>();
  picker.title = 'Seaworthy: Scan Image';
  picker.placeholder = 'An image reference (e.g. node:22-slim), or pick one below';
  picker.matchOnDescription = true;
  let local: ImageItem[] = [];
  let typed: ImageItem[] = [];
  const render = (): void => {
    picker.items = [
      ...typed,
      ...(inFile.length > 0 ? [{ label: 'In this file', kind: vscode.QuickPickItemKind.Separator }, ...inFile] : []),
      ...(local.length > 0 ? [{ label: 'Local images', kind: vscode.QuickPickItemKind.Separator }, ...local] : []),
    ];
  };
  picker.busy = true;
  void localImages().then((images) => {
    local = images.map((image) => ({ label: image, description: 'local image', choice: { image } }));
    picker.busy = false;
    render();
  });
  picker.onDidChangeValue((value) => {
    const image = value.trim();
    const known = [...inFile, ...local].some((i) => i.label === image);
    typed = image === '' || known ? [] : [{ label: image, description: 'scan this reference', alwaysShow: true, choice: { image } }];
    render();
  });
  render();
  return new Promise((resolve) => {
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]?.choice);
      picker.hide();
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}

async function mentionItems(client: LanguageClient, document: vscode.TextDocument): Promise<ImageItem[]> {
  if (!client.isRunning()) return [];
  const { mentions } = await client.sendRequest(ImageMentionsRequest, { uri: document.uri.toString() });
  const seen = new Set<string>();
  return mentions
    .filter((m) => !seen.has(m.image) && seen.add(m.image))
    .map((m) => ({ label: m.image, description: `line ${m.range.start.line + 1} of ${path.basename(document.fileName)}`, choice: { image: m.image, uri: document.uri.toString() } }));
}
