// Shared set-up for the browser journeys: the app on a free loopback port over
// a fresh database, and Debian's Chromium driven by playwright-core.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/kernel/config/index.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const skipReason = hasChromium ? false : `Chromium not found at ${CHROMIUM}: browser journey skipped`;

export type BrowserEnv = {
  baseUrl: string;
  browser: Browser;
  database: TestDatabase;
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
};

export async function startBrowserEnv(
  options: { seeded?: boolean; config?: Partial<Config> } = {},
): Promise<BrowserEnv> {
  const database = await freshDatabase({ seeded: options.seeded ?? true });
  const config = loadConfig({}, { seedOnStart: false, ...options.config });
  const app = await buildApp({ config, database, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    baseUrl: address,
    browser,
    database,
    newPage: async ({ width = 1280, height = 900 } = {}) => {
      const context = await browser.newContext({ viewport: { width, height }, baseURL: address });
      return context.newPage();
    },
    close: async () => {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The serious and critical axe-core violations of the page (its context must bypass CSP). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run(),
  )) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
