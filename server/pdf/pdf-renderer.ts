// Prints one of the app's own pages to PDF in headless Chromium (playwright-core): the patrol
// briefing now, the meeting pack later (decision 039). The page is opened on this server's own
// origin with a short-lived API token the caller makes; the token goes only on the page's /api/
// requests, and every request to another origin is refused, so nothing leaves the machine.
// At most one browser, launched for a print and closed when no other print is waiting; prints
// run one at a time (the server has two cores and Chromium is heavy).
import { chromium, type Browser } from 'playwright-core';
import { fail, ok, type Result } from '../../geo/types';
import { findChromium } from './chromium-path';

/** As the end-to-end tests launch it (tests/e2e/fixtures.ts): software WebGL, so MapLibre and deck.gl maps draw too. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

/** How long a page may take to say it is ready before the print is given up. */
export const PAGE_TIMEOUT_MS = 45_000;

/** A page to print. It marks an element data-print-state="ready" when drawn, or "failed" with data-print-error. */
export interface PdfPage {
  /** On this server, e.g. http://127.0.0.1:3000/patrol-plans/4/briefing. */
  url: string;
  /** Sent as `Authorization: Bearer` on the page's requests to this origin's /api/, nowhere else. */
  bearerToken: string;
  timeoutMs?: number;
}

export interface PdfFailure {
  status: 502 | 503 | 504;
  code: 'chromium_missing' | 'chromium_failed' | 'page_failed' | 'page_timeout';
  message: string;
}

export interface PdfRenderer {
  /** Why no PDF can be printed (no Chromium), or null when one can. */
  unavailable(): string | null;
  render(page: PdfPage): Promise<Result<Buffer, PdfFailure>>;
  /** Closes the browser if one is open. */
  close(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

export function createPdfRenderer(options: { chromiumPath: string | null }): PdfRenderer {
  let browser: Browser | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  const closeBrowser = async () => {
    const open = browser;
    browser = null;
    await open?.close().catch(() => undefined);
  };

  async function launch(executablePath: string): Promise<Browser> {
    if (browser?.isConnected()) return browser;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      // The server's own signal handling stays as it is (server/db/database-lock.ts ends the process on SIGTERM).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 30_000,
    });
    return browser;
  }

  async function print(page: PdfPage): Promise<Result<Buffer, PdfFailure>> {
    const found = findChromium(options.chromiumPath);
    if (!found.ok) return fail({ status: 503, code: 'chromium_missing', message: found.reason });
    let open: Browser;
    try {
      open = await launch(found.value);
    } catch (error) {
      return fail({ status: 503, code: 'chromium_failed', message: `Chromium at ${found.value} did not start: ${messageOf(error)}` });
    }
    const origin = new URL(page.url).origin;
    // Our own origin only, which may be loopback with a certificate made for the public name.
    const context = await open.newContext({ viewport: { width: 794, height: 1123 }, ignoreHTTPSErrors: true, serviceWorkers: 'block' });
    try {
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== origin) return route.abort('blockedbyclient');
        if (!url.pathname.startsWith('/api/')) return route.continue();
        return route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${page.bearerToken}` } });
      });
      const tab = await context.newPage();
      const timeout = page.timeoutMs ?? PAGE_TIMEOUT_MS;
      await tab.goto(page.url, { waitUntil: 'load', timeout });
      const marker = tab.locator('[data-print-state="ready"], [data-print-state="failed"]').first();
      try {
        await marker.waitFor({ state: 'attached', timeout });
      } catch {
        return fail({
          status: 504,
          code: 'page_timeout',
          message: `The page ${new URL(page.url).pathname} did not finish drawing within ${timeout / 1000} s.`,
        });
      }
      if ((await marker.getAttribute('data-print-state')) === 'failed') {
        const why = (await marker.getAttribute('data-print-error')) ?? 'it did not say why';
        return fail({ status: 502, code: 'page_failed', message: `The page could not be drawn for printing: ${why}` });
      }
      await tab.evaluate(async () => {
        await document.fonts.ready;
      });
      // Page size and margins come from the page's @page rule.
      const pdf = await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      return ok(pdf);
    } catch (error) {
      return fail({ status: 502, code: 'page_failed', message: `Printing ${new URL(page.url).pathname} failed: ${messageOf(error)}` });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  return {
    unavailable: () => {
      const found = findChromium(options.chromiumPath);
      return found.ok ? null : found.reason;
    },
    render: (page) => {
      waiting += 1;
      const run = queue.then(async () => {
        try {
          return await print(page);
        } finally {
          waiting -= 1;
          if (waiting === 0) await closeBrowser();
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close: closeBrowser,
  };
}
