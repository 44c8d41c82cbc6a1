// tests/e2e/a11y/check-html.mjs -- the HTML report in headless Chromium:
// axe-core at WCAG 2.1 level AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa)
// at desktop (1280 px) and phone (390 px) width, with every <details>
// closed as delivered and opened; full-page screenshots at both widths;
// and no request other than the report file itself.
//
// Usage: node check-html.mjs REPORT.html OUT_DIR
// Writes OUT_DIR/rapport-desktop.png, rapport-phone.png and axe.json.
// Exit 0 when axe finds no violation and the page made no other
// request, 1 otherwise, 2 on a usage or start-up error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [htmlArg, outArg] = process.argv.slice(2);
if (!htmlArg || !outArg) {
  console.error('usage: node check-html.mjs REPORT.html OUT_DIR');
  process.exit(2);
}
const html = resolve(htmlArg);
const out = resolve(outArg);
const reportUrl = pathToFileURL(html).href;

// The machine has no network: without these flags Chromium waits for
// services it cannot reach.
const flags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const RUNS = [
  { name: 'desktop', width: 1280, height: 900, openDetails: false },
  { name: 'desktop, details open', width: 1280, height: 900,
    openDetails: true },
  { name: 'phone', width: 390, height: 844, openDetails: true },
];

// In the page: every SVG <text> whose colour contrasts less than 4.5:1
// with what lies under its centre (WCAG 1.4.3 for chart labels).
function svgTextContrast() {
  const rgb = (s) => {
    const m = /rgba?\(([\d.]+), ?([\d.]+), ?([\d.]+)/.exec(s || '');
    return m ? [+m[1], +m[2], +m[3]] : null;
  };
  const lum = ([r, g, b]) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const shapes = new Set(['rect', 'path', 'circle', 'ellipse', 'polygon']);
  const bad = [];
  for (const t of document.querySelectorAll('svg text')) {
    const box = t.getBoundingClientRect();
    if (box.width === 0 || !t.textContent.trim()) continue;
    t.scrollIntoView({ block: 'center', inline: 'center' });
    const b = t.getBoundingClientRect();
    const fg = rgb(getComputedStyle(t).fill);
    let bg = [255, 255, 255];
    for (const el of document.elementsFromPoint(b.x + b.width / 2,
                                                b.y + b.height / 2)) {
      if (el === t) continue;
      if (el instanceof SVGElement && shapes.has(el.localName)) {
        const f = rgb(getComputedStyle(el).fill);
        if (f && getComputedStyle(el).fill !== 'none') { bg = f; break; }
        continue;
      }
      if (!(el instanceof SVGElement)) {
        const c = getComputedStyle(el).backgroundColor;
        const f = rgb(c);
        if (f && !/rgba\(.*, 0\)/.test(c)) { bg = f; break; }
      }
    }
    if (fg && ratio(fg, bg) < 4.5)
      bad.push({ text: t.textContent.trim().slice(0, 40),
                 fg: `rgb(${fg})`, bg: `rgb(${bg})`, ratio: ratio(fg, bg),
                 chart: t.closest('figure')?.id ?? '?' });
  }
  return bad;
}

const profile = mkdtempSync(join(tmpdir(), 'zt-chromium-'));
let context;
let failed = false;
const external = new Set();
const results = [];

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: flags,
    timeout: 30000,
  });
  // Every request goes through here: the report itself may load, nothing
  // else (no fonts, styles, scripts or images from anywhere).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === reportUrl) return route.continue();
    external.add(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('request', (req) => {
    const url = req.url();
    if (url !== reportUrl && !url.startsWith('data:')) external.add(url);
  });
  for (const run of RUNS) {
    await page.setViewportSize({ width: run.width, height: run.height });
    await page.goto(reportUrl, { waitUntil: 'load', timeout: 30000 });
    if (run.openDetails) {
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
    }
    if (!run.name.includes('details open')) {
      const png = join(out, `rapport-${run.name}.png`);
      await page.screenshot({ path: png, fullPage: true });
      console.log(`screenshot: ${png}`);
    }
    await page.evaluate(axeSource);
    const r = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const res = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return {
        violations: res.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, tags: v.tags,
          nodes: v.nodes.map((n) => ({
            target: n.target.join(' '), summary: n.failureSummary,
          })),
        })),
        passes: res.passes.length,
        incomplete: res.incomplete.map((v) => v.id),
      };
    }, TAGS);
    // axe leaves SVG text to a person ("incomplete": the background is
    // an image to it); chart labels are measured here: the fill of the
    // text against the fill of the shape under its centre (or the page).
    r.svgContrast = await page.evaluate(svgTextContrast);
    results.push({ run: run.name, width: run.width, ...r });
    for (const c of r.svgContrast) {
      failed = true;
      console.log(`  svg-text-contrast: "${c.text}" ${c.fg} on ${c.bg}: ` +
                  `${c.ratio.toFixed(2)}:1 (needs 4.5:1) in ${c.chart}`);
    }
    console.log(`axe (${run.name}, ${run.width} px): ` +
                `${r.violations.length} violation(s)` +
                (r.incomplete.length
                  ? `; to review by hand: ${r.incomplete.join(', ')}` : ''));
    for (const v of r.violations) {
      failed = true;
      console.log(`  ${v.id} (${v.impact}): ${v.help}`);
      for (const n of v.nodes.slice(0, 5))
        console.log(`    ${n.target}\n      ${n.summary.replace(/\n/g,
          '\n      ')}`);
      if (v.nodes.length > 5)
        console.log(`    ... ${v.nodes.length - 5} more`);
    }
  }
} catch (e) {
  console.error(`check-html: ${e.message}`);
  process.exitCode = 2;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}

writeFileSync(join(out, 'axe.json'),
              JSON.stringify({ report: html, tags: TAGS,
                               external: [...external], results }, null, 1));
if (external.size) {
  failed = true;
  console.log(`external requests (${external.size}):`);
  for (const u of [...external].slice(0, 10)) console.log(`  ${u}`);
}
if (process.exitCode !== 2) {
  console.log(failed ? 'FAILED' : 'axe: no violations, no external requests');
  process.exitCode = failed ? 1 : 0;
}
