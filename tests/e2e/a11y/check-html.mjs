// tests/e2e/a11y/check-html.mjs -- the HTML report in headless Chromium:
// axe-core at WCAG 2.1 level AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa)
// at desk (1280 and 1920 px) and phone (390 px) width, with every
// <details> closed as delivered and opened; the layout at each width (no
// horizontal scroll of the page and nothing past the right edge except
// inside a scroll box; at desk widths no table scrolls; at 390 px chart
// text at least 12 CSS px and the current period of the clients and
// costs tables in view; every section links back to the contents), the
// same at ten widths between 360 and 1600 px without axe, and in print at
// A4 width (no table wider than the page); full-page
// screenshots at each width; and no request other than the report file.
//
// Usage: node check-html.mjs REPORT.html OUT_DIR
// Writes OUT_DIR/rapport-desktop.png, rapport-phone.png, rapport-wide.png
// (full page), html-390.png, html-1280.png, html-1920.png (one screen,
// at the first table; docs/img holds copies), axe.json and layout.json.
// Exit 0 when axe finds no violation, the layout checks pass and the
// page made no other request, 1 otherwise, 2 on a usage or start-up
// error.
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
  { name: 'wide', width: 1920, height: 1080, openDetails: true },
];
// The printable width of A4 with the print style sheet's side margins
// (210 - 2 x 14 mm at 96 px per inch).
const PRINT_WIDTH = Math.floor((210 - 28) / 25.4 * 96);
// Widths between, checked for the layout only (details open).
const SWEEP = [360, 414, 480, 600, 768, 834, 1024, 1366, 1440, 1600];
// Chart text on a phone, in CSS px.
const MIN_CHART_PX = 12;

// In the page: the layout at the current width. `phone` adds the chart
// text size and the current-period columns; `desk` asks that no table
// scrolls. Returns the measurements and a list of problems.
function layoutCheck({ phone, desk, minPx }) {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    const id = el.closest('[id]')?.id;
    const cls = typeof el.className === 'string' && el.className
      ? '.' + el.className.split(' ')[0] : '';
    return `${el.localName}${cls}${id ? ` in #${id}` : ''}`;
  };
  const scrollBox = (el) => {
    for (let a = el.parentElement; a && a !== document.body;
      a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return a;
    }
    return null;
  };
  const res = { viewport: vw, scrollWidth: document.scrollingElement
    .scrollWidth };
  if (res.scrollWidth > vw)
    problems.push(`the page scrolls sideways: scrollWidth ` +
                  `${res.scrollWidth} > ${vw}`);
  let over = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 0.5 && !scrollBox(el)) {
      if (over++ < 5)
        problems.push(`past the right edge: ${name(el)} reaches ` +
                      `${Math.round(r.right)} of ${vw} px`);
    }
  }
  if (over > 5)
    problems.push(`past the right edge: ${over - 5} more element(s)`);
  res.overflowing = over;
  // charts scale with the width: never wider than the viewport, never in
  // a scroll box
  for (const svg of document.querySelectorAll('figure svg')) {
    const r = svg.getBoundingClientRect();
    if (r.right > vw + 0.5 || scrollBox(svg))
      problems.push(`a chart does not fit the width: ${name(svg)}`);
    if (r.width === 0) continue;
    // and no label is cut off by the chart's own edge
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBoundingClientRect();
      if (b.width && (b.left < r.left - 1 || b.right > r.right + 1 ||
                      b.top < r.top - 1 || b.bottom > r.bottom + 1))
        problems.push(`a chart label is cut off: "${t.textContent}" in ` +
                      name(svg));
    }
  }
  const boxes = [...document.querySelectorAll('table')]
    .map((t) => scrollBox(t)).filter((b) => b && b.clientWidth > 0);
  res.scrollingTables = boxes.filter((b) => b.scrollWidth >
                                     b.clientWidth + 1).length;
  for (const b of boxes) {
    const label = b.getAttribute('aria-labelledby');
    if (b.tabIndex < 0 || !label || !document.getElementById(
      label.split(' ')[0]))
      problems.push(`a scroll box is not focusable and labelled: ` +
                    name(b));
    if (desk && b.scrollWidth > b.clientWidth + 1)
      problems.push(`a table scrolls at desk width: ` +
                    `${name(b.querySelector('table'))} ` +
                    `(${b.scrollWidth} > ${b.clientWidth} px)`);
  }
  if (phone) {
    let min = Infinity;
    for (const t of document.querySelectorAll('figure svg text')) {
      if (!t.textContent.trim()) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) *
        t.getScreenCTM().a;
      if (px < min) min = px;
      if (px < minPx - 0.01)
        problems.push(`chart text below ${minPx} px: ` +
                      `"${t.textContent.trim().slice(0, 30)}" in ` +
                      `${name(t)} is ${px.toFixed(1)} px`);
    }
    res.minChartPx = +min.toFixed(2);
    // the current period: the last column of the clients and costs
    // tables is in view without scrolling
    res.currentTables = 0;
    res.currentInView = 0;
    for (const t of document.querySelectorAll('table')) {
      const cap = t.caption?.textContent ?? '';
      if (!/(cliënten|kosten) per (zorgsoort|gemeente)/i.test(cap)) continue;
      res.currentTables++;
      res.currentInView++;
      const box = scrollBox(t);
      const b = box ? box.getBoundingClientRect() : { left: 0, right: vw };
      const right = Math.min(b.right, vw);
      for (const row of t.rows) {
        const cell = row.cells[row.cells.length - 1];
        if (row.cells.length < 2) continue;   // a group heading
        const r = cell.getBoundingClientRect();
        if (r.right > right + 0.5 || r.left < b.left - 0.5) {
          problems.push(`the current period is not in view: ` +
                        `"${cell.textContent.trim()}" in ${name(t)}`);
          res.currentInView--;
          break;
        }
      }
    }
    if (!res.currentTables)
      problems.push('no clients or costs table found');
    // a caption's text (with "schuif opzij ...") wraps inside the
    // visible part of its scroll box, never cut off at its edge
    res.captionsCut = 0;
    for (const t of document.querySelectorAll('table')) {
      const span = t.caption?.firstElementChild;
      const box = scrollBox(t);
      if (!span || !box) continue;
      const b = box.getBoundingClientRect();
      const r = span.getBoundingClientRect();
      if (r.width && r.right > Math.min(b.right, vw) + 0.5) {
        res.captionsCut++;
        problems.push(`a caption is cut off: ` +
                      `"${t.caption.textContent.trim().slice(0, 40)}"`);
      }
    }
  }
  // every section of the first two levels leads back to the contents
  const toc = document.getElementById('inhoud');
  const sections = document.querySelectorAll('section.l1, section.l2');
  res.sections = sections.length;
  res.sectionsWithBackLink = 0;
  for (const sec of sections) {
    if (toc && sec.querySelector('a[href="#inhoud"]'))
      res.sectionsWithBackLink++;
    else
      problems.push('a section has no link back to the contents: ' +
                    `"${sec.querySelector('h2,h3')?.textContent}"`);
  }
  return { ...res, problems };
}

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
const layouts = [];

function report(what, lay) {
  const parts = [`page scrollWidth ${lay.scrollWidth} of ${lay.viewport}`,
    `${lay.overflowing} element(s) past the edge outside a scroll box`,
    `${lay.scrollingTables} table(s) scrolling in their box`,
    `back links in ${lay.sectionsWithBackLink}/${lay.sections} sections`];
  if (lay.minChartPx !== undefined)
    parts.push(`smallest chart text ${lay.minChartPx} px`,
               `current period in view in ${lay.currentInView} of ` +
               `${lay.currentTables} clients/costs table(s)`);
  console.log(`layout (${what}): ${parts.join('; ')}`);
  // up to three of each kind of problem (the text up to the first
  // quote or number tells the kinds apart)
  const kinds = new Map();
  for (const p of lay.problems) {
    const k = p.replace(/["#(\d].*$/, '');
    kinds.set(k, [...(kinds.get(k) ?? []), p]);
  }
  for (const list of kinds.values()) {
    for (const p of list.slice(0, 3)) console.log(`  ${p}`);
    if (list.length > 3) console.log(`  ... and ${list.length - 3} more`);
  }
  if (lay.problems.length) failed = true;
}

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
    if (run.openDetails) {
      const lay = await page.evaluate(layoutCheck, {
        phone: run.width < 600, desk: run.width >= 1280,
        minPx: MIN_CHART_PX });
      layouts.push({ run: run.name, width: run.width, ...lay });
      report(`${run.width} px`, lay);
      // one screen at the first table, for docs/img
      await page.evaluate(() => {
        document.querySelector('table')?.closest('section')
          ?.scrollIntoView();
      });
      await page.screenshot({ path: join(out, `html-${run.width}.png`) });
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
  // the widths between: no sideways page scroll anywhere from 360 px on
  for (const width of SWEEP) {
    await page.setViewportSize({ width, height: 900 });
    const lay = await page.evaluate(layoutCheck, { phone: false,
                                                   desk: width >= 1280,
                                                   minPx: 0 });
    layouts.push({ run: 'sweep', width, ...lay });
    if (lay.problems.length) report(`${width} px`, lay);
  }
  console.log(`layout at ${SWEEP.join(', ')} px: ` +
              `${layouts.filter((l) => l.run === 'sweep' &&
                                l.problems.length).length} width(s) ` +
              'with problems');
  // print: the A4 width, no table cut
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: PRINT_WIDTH, height: 1100 });
  await page.goto(reportUrl, { waitUntil: 'load', timeout: 30000 });
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const lay = await page.evaluate(layoutCheck, { phone: false, desk: true,
                                                 minPx: 0 });
  layouts.push({ run: 'print', width: PRINT_WIDTH, ...lay });
  report(`print, A4 ${PRINT_WIDTH} px`, lay);
  await page.emulateMedia({ media: 'screen' });
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
writeFileSync(join(out, 'layout.json'), JSON.stringify(layouts, null, 1));
if (external.size) {
  failed = true;
  console.log(`external requests (${external.size}):`);
  for (const u of [...external].slice(0, 10)) console.log(`  ${u}`);
}
if (process.exitCode !== 2) {
  console.log(failed ? 'FAILED'
    : 'axe: no violations, layout checks passed, no external requests');
  process.exitCode = failed ? 1 : 0;
}
