import type { Page } from 'playwright-core';
import { uiSession, type OwnCodeServer } from './uiSession';
import { Workbench } from './workbench';

/** The deadline of a window's first load (a hang still fails, with the step that hung). */
const WORKBENCH_LOAD_MS = 60_000;

/**
 * The hooks every UI suite needs: a page on the examples/ workspace (or `folder`), ready before the first test,
 * a screenshot of a failed test, and the page closed at the end. Call inside `suite()`; read
 * `page` and `workbench` in the tests (they are set by the suite's first hook). `server`: the
 * suite's own code-server (started in an earlier `suiteSetup`) instead of the shared one.
 */
export function workbenchOnExamples(
  folder: () => string = () => uiSession().examplesDir,
  server: () => Pick<OwnCodeServer, 'workbenchUrl'> = () => uiSession(),
): { page: Page; workbench: Workbench } {
  const state = {} as { page: Page; workbench: Workbench };
  suiteSetup(async () => {
    const session = uiSession();
    state.page = await session.newPage();
    // Each wait's deadline (waits end on the event; this only bounds a hang): at load average 20
    // on 2 cores an opened Dockerfile took over 20 s to draw its first line.
    state.page.setDefaultTimeout(45_000);
    state.workbench = new Workbench(state.page, session.screenshotDir);
    // Loading the workbench took over 20 s on a 2-core machine at load average 20 (a page.goto
    // timed out there): the window's first load gets a minute, every later wait the default.
    await state.page.goto(server().workbenchUrl(folder()), { timeout: WORKBENCH_LOAD_MS });
    await state.workbench.waitUntilReady(WORKBENCH_LOAD_MS);
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed' && state.page) {
      const name = `failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      await state.workbench.screenshot(name).catch(() => undefined);
    }
  });

  suiteTeardown(async () => {
    await state.page?.close();
  });
  return state;
}
