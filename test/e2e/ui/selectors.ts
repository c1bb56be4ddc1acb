// Every CSS selector the UI tests use, in one place: the workbench's DOM changes between VS Code
// versions, and code-server is pinned (scripts/e2e-setup.js) so these match VS Code 1.139.
export const selectors = {
  workbench: '.monaco-workbench',
  statusBar: '.statusbar',
  statusBarItem: '.statusbar-item',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  /**
   * Seaworthy's item in the activity bar: present once the workbench has registered the
   * extension's contributions (its commands among them; the palette lists what it knew when opened).
   */
  seaworthyActivityItem: '.part.activitybar .action-label[aria-label="Seaworthy"]',

  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  quickInputTitle: '.quick-input-widget .quick-input-title',

  /** Rows of the tree views in the side bar (the Seaworthy view among them). */
  sideBarTreeRow: '.part.sidebar .monaco-list-row',
  sideBar: '.part.sidebar',

  editorTab: '.tabs-container .tab',
  activeEditor: '.editor-group-container.active .monaco-editor',
  anyEditorText: '.editor-group-container .monaco-editor .view-lines',
  editorLine: '.view-lines .view-line',

  problemsPanel: '.markers-panel',
  /** The Problems panel's filter box in the panel's title bar. */
  problemsFilter: '.part.panel .viewpane-filter input',
  problemRow: '.markers-panel .monaco-list-row',
  problemMessage: '.marker-message',
  problemSource: '.marker-source',
  problemCode: '.marker-code',
  /** The rule code as a link (a diagnostic with `codeDescription.href`). */
  problemLine: '.marker-line',

  /** Rows of the editor's completion list (Ctrl+Space). */
  suggestRow: '.editor-widget.suggest-widget .monaco-list-row',

  /** The light bulb in the editor's gutter, shown once the automatic code action request answered. */
  lightBulb: '.lightBulbWidget',
  /** The light bulb VS Code draws in the gutter instead, when the widget would cover the line's text. */
  gutterLightBulb: '[class*="codicon-gutter-lightbulb"]',
  /** The light bulb's menu (the code action widget); `.action` rows are actions, others headers. */
  codeActionRow: '.action-widget .monaco-list-row.action',

  /** A webview (Markdown preview): an outer iframe hosting the content frame. */
  webviewFrame: 'iframe.webview.ready',
  webviewContentFrame: '#active-frame',

  /** The icon in the header of an extension's page (Extensions view → the extension). */
  extensionEditorIcon: '.extension-editor .header .icon',

  /** A step of a walkthrough on the Welcome page. */
  walkthroughStep: '.getting-started-step',

  notificationToast: '.notifications-toasts .notification-toast',
  /** A notification in a toast or in the notification center (the bell). */
  notificationItem: '.notifications-toasts .notification-list-item, .notifications-center .notification-list-item',
  /** A notification's severity icon (`.codicon-error`, `.codicon-info`, …). */
  notificationErrorIcon: '.notification-list-item-icon.codicon-error',
  notificationInfoIcon: '.notification-list-item-icon.codicon-info',
  outputView: '.output-view',
  outputChannelPicker: '.panel select.monaco-select-box',
} as const;
