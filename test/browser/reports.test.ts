/**
 * The HTML reports in a real browser: Debian's Chromium driven by puppeteer-core (no browser
 * download). Each report is made by the real command on the bundled data, then opened at a
 * 390 px phone width and a 1280 px desktop width and printed to PDF (A4 and Letter).
 *
 * Screenshots and PDFs go to test-output/reports/ (gitignored) for a person to look at.
 * CI installs chromium when it is missing (.ci/run); where it cannot be installed, this file
 * skips with a message saying so.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// page.evaluate callbacks run in the browser; the test tsconfig has no DOM library
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
import { homeWithDatasets, repoRoot, runPrep } from '../helpers/home.js';

const chromiumPath = [process.env.PREP_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p): p is string => Boolean(p) && existsSync(p!));
if (!chromiumPath) {
  process.stderr.write('test/browser/reports.test.ts: SKIPPED, no Chromium found (install it: apt-get install -y chromium, or set PREP_CHROMIUM)\n');
}

const outDir = join(repoRoot, 'test-output', 'reports');
const reports = ['churn', 'segment', 'drift', 'runs-diff'] as const;
type ReportName = (typeof reports)[number];

describe.skipIf(!chromiumPath)('HTML reports in headless Chromium', () => {
  // puppeteer-core's types, loaded only when a browser is there
  let browser: import('puppeteer-core').Browser;
  let home: string;
  const files = {} as Record<ReportName, string>;

  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    home = await homeWithDatasets(['telco', 'retail']);
    for (const name of reports) files[name] = join(outDir, `${name}.html`);
    const run = (args: string[]) => {
      const r = runPrep(args, { home, timeoutMs: 180_000 });
      if (r.status !== 0) throw new Error(`prep ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return r;
    };
    run(['lab', 'churn', '--report', files.churn]);
    run(['lab', 'churn', '--seed', '7', '--offer-cost', '60', '--folds', '3', '--examples', '1', '--json']);
    run(['lab', 'segment', '--report', files.segment]);
    run(['lab', 'churn', 'drift', '--scenario', 'price-rise', '--report', files.drift]);
    const churnRuns = JSON.parse(run(['runs', 'list', '--lab', 'churn', '--json']).stdout) as { id: string }[];
    run(['runs', 'diff', churnRuns[1]!.id, churnRuns[0]!.id, '--report', files['runs-diff']]);
    const puppeteer = (await import('puppeteer-core')).default;
    browser = await puppeteer.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report at a width; returns the page with what the console and the network saw. */
  async function open(name: ReportName, width: number) {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    const external: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => {
      if (!/^(file|data|about):/.test(r.url())) external.push(r.url());
    });
    await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(files[name]).href, { waitUntil: 'load' });
    return { page, consoleErrors, external };
  }

  for (const name of reports) {
    it(`${name}: no sideways scrolling at 390 px; wide tables scroll in their own box; no console errors or requests`, async () => {
      const { page, consoleErrors, external } = await open(name, 390);
      const layout = await page.evaluate(() => {
        const doc = document.documentElement;
        const tooWide = [...document.querySelectorAll('body *')]
          .filter((el) => !el.closest('.table-scroll') && !el.closest('.visually-hidden'))
          .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
          .slice(0, 5);
        const svgs = [...document.querySelectorAll('svg.chart')].map((s) => s.getBoundingClientRect().width);
        return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, tooWide, svgs, charts: svgs.length };
      });
      expect(layout.tooWide).toEqual([]);
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      expect(layout.charts).toBeGreaterThan(0);
      for (const w of layout.svgs) expect(w).toBeLessThanOrEqual(layout.clientWidth);
      expect(consoleErrors).toEqual([]);
      expect(external).toEqual([]);
      await page.screenshot({ path: join(outDir, `${name}-390.png`), fullPage: true });
      await page.close();
    });

    it(`${name}: at 1280 px every chart has a title, a description and a data table; tables have captions`, async () => {
      const { page, consoleErrors, external } = await open(name, 1280);
      const a11y = await page.evaluate(() => ({
        charts: [...document.querySelectorAll('svg.chart')].map((svg) => ({
          title: svg.querySelector('title')?.textContent ?? '',
          labelledBy: svg.getAttribute('aria-labelledby') ?? '',
          dataRows: svg.closest('figure')?.querySelectorAll('.visually-hidden table tbody tr').length ?? 0,
        })),
        uncaptioned: [...document.querySelectorAll('table')].filter((t) => !t.querySelector('caption')?.textContent?.trim()).length,
        scrollWidth: document.documentElement.scrollWidth,
      }));
      expect(a11y.scrollWidth).toBeLessThanOrEqual(1280);
      for (const c of a11y.charts) {
        expect(c.title.length).toBeGreaterThan(0);
        expect(c.labelledBy).toMatch(/-t\b/);
        expect(c.dataRows).toBeGreaterThan(0);
      }
      expect(a11y.uncaptioned).toBe(0);
      expect(consoleErrors).toEqual([]);
      expect(external).toEqual([]);
      await page.screenshot({ path: join(outDir, `${name}-1280.png`), fullPage: true });
      await page.close();
    });

    it(`${name}: prints to PDF on A4 and Letter without content wider than the page`, async () => {
      const { page } = await open(name, 1280);
      await page.emulateMediaType('print');
      // A4 with the report's 12 mm side margins leaves 186 mm ≈ 703 CSS px (Letter leaves more)
      await page.setViewport({ width: 703, height: 1000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = Buffer.from(await page.pdf({ format, printBackground: true }));
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
        expect(pages).toBeGreaterThanOrEqual(1);
        writeFileSync(join(outDir, `${name}-${format}.pdf`), pdf);
      }
      await page.close();
    });
  }

  it("the churn report's held-out scores (saved model on the reference rows) reproduce the recorded test AUC and confusion counts", async () => {
    const { RunStore } = await import('../../src/data/runs.js');
    const { openState } = await import('../../src/data/state.js');
    const { churnReportInputs } = await import('../../src/commands/lab/report-inputs.js');
    const store = new RunStore(openState({ home }));
    const runId = /run (churn-[\w-]+)/.exec(readFileSync(files.churn, 'utf8'))![1]!;
    const inputs = churnReportInputs(store, runId);
    const positives = inputs.testScores!.filter((s) => s.churned);
    const negatives = inputs.testScores!.filter((s) => !s.churned);
    let wins = 0;
    for (const p of positives) for (const n of negatives) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
    expect(wins / (positives.length * negatives.length)).toBeCloseTo(inputs.metrics!['test.auc']!, 12);
    expect(positives.filter((s) => s.score >= inputs.metrics!['test.threshold']!).length).toBe(inputs.metrics!['test.tp']);
    expect(inputs.cvAucPerFold?.gradient_boosting).toHaveLength(5);
  });

  it('the reports are self-contained: no script, no stylesheet or image from elsewhere', () => {
    for (const name of reports) {
      const html = readFileSync(files[name], 'utf8');
      expect(html).not.toMatch(/<script|<link |<img |@import|url\(/i);
    }
  });
});
