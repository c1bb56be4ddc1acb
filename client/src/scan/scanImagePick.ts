import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isChecked } from '../languages';
import { localImages } from './localImages';
import { ImageMentionsRequest, ScanEngineRequest } from './scanProtocol';

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
 * fields), the local engine's images, or a reference typed in the box. When scans run on the
 * built-in engine, which reads registries, a local image is offered as `docker-daemon:NAME:TAG`
 * (read through `docker|podman image save`); an external scanner looks in the local engine itself.
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
  void Promise.all([localImages(), scanEngine(client, editor?.document.uri.toString())]).then(([images, engine]) => {
    local = images.map((name) => {
      const image = engine === 'builtin' ? localForm(name) : name;
      return { label: image, description: 'local image', choice: { image } };
    });
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

/** How the built-in engine names an image of the local engine (skopeo's form). */
function localForm(name: string): string {
  return `docker-daemon:${name}`;
}

/** The engine scans use now (`auto` resolved by the server); null when the server cannot say. */
async function scanEngine(client: LanguageClient, uri: string | undefined): Promise<string | null> {
  if (!client.isRunning()) return null;
  try {
    return (await client.sendRequest(ScanEngineRequest, { ...(uri ? { uri } : {}), trusted: vscode.workspace.isTrusted })).engine;
  } catch {
    return null;
  }
}

async function mentionItems(client: LanguageClient, document: vscode.TextDocument): Promise<ImageItem[]> {
  if (!client.isRunning()) return [];
  const { mentions } = await client.sendRequest(ImageMentionsRequest, { uri: document.uri.toString() });
  const seen = new Set<string>();
  return mentions
    .filter((m) => !seen.has(m.image) && seen.add(m.image))
    .map((m) => ({ label: m.image, description: `line ${m.range.start.line + 1} of ${path.basename(document.fileName)}`, choice: { image: m.image, uri: document.uri.toString() } }));
}
