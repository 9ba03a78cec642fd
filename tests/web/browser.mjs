// browser.mjs — the web view in headless Chromium (Debian's, through playwright-core): story list, a story, a
// search; RTL layout; summary, timeline and quotes shown; a hostile title stays text; no request leaves loopback.
// Usage: node browser.mjs BASE_URL SHOT_DIR. Prints "N passed, N failed" last.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const base = process.argv[2];
const shots = process.argv[3] || 'build/web';
fs.mkdirSync(shots, { recursive: true });
let passed = 0, failed = 0;
function check(what, ok) {
  if (ok) passed++;
  else { failed++; console.error('FAIL: ' + what); }
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rasd-chromium-'));
let ctx;
try {
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const external = [], dialogs = [], errors = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base)) return route.continue();
    external.push(u);
    return route.abort();
  });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => errors.push(String(e)));

  // Story list
  let resp = await page.goto(base + '/');
  check('story list loads (200)', resp && resp.status() === 200);
  const html = await page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang,
    cssDir: getComputedStyle(document.body).direction }));
  check('page is dir=rtl lang=ar', html.dir === 'rtl' && html.lang === 'ar');
  check('layout is right-to-left (computed)', html.cssDir === 'rtl');
  const stories = await page.$$eval('.story', (els) => els.map((e) => ({
    title: e.querySelector('h3 a').textContent, href: e.querySelector('h3 a').getAttribute('href'),
    size: parseInt(e.querySelector('.size').textContent, 10), outlets: e.querySelectorAll('.tag').length,
    dates: e.querySelectorAll('time').length })));
  check('the list shows stories', stories.length >= 2);
  check('each story shows its dates and size', stories.every((s) => s.dates >= 1 && s.size >= 1));
  check('stories show their outlets', stories.some((s) => s.outlets >= 1));
  check('the hostile title is shown as text', stories.some((s) => s.title === '<script>alert(1)</script>'));
  const style = await page.evaluate(() => getComputedStyle(document.querySelector('header')).backgroundColor);
  check('the embedded stylesheet applies', style !== 'rgba(0, 0, 0, 0)');
  await page.screenshot({ path: path.join(shots, 'stories.png'), fullPage: true });

  // The largest story
  const big = stories.slice().sort((a, b) => b.size - a.size)[0];
  await Promise.all([page.waitForNavigation(), page.click(`a[href="${big.href}"]`)]);
  check('story page opens', page.url().endsWith(big.href));
  const st = await page.evaluate(() => {
    const r = (sel) => document.querySelector(sel);
    const h1 = r('h1').getBoundingClientRect(), main = r('.cols > div').getBoundingClientRect(),
      aside = r('aside').getBoundingClientRect();
    return {
      h1: r('h1').textContent, summary: document.querySelectorAll('#summary li').length,
      summaryTags: document.querySelectorAll('#summary li .tag').length,
      timeline: !!r('#timeline'), timelineItems: document.querySelectorAll('#timeline li').length,
      quotes: !!r('#quotes'), quoteItems: document.querySelectorAll('#quotes blockquote').length,
      articles: document.querySelectorAll('#articles li').length,
      h1Right: h1.right, width: document.documentElement.clientWidth, mainX: main.x, asideX: aside.x,
    };
  });
  check('story title shown', st.h1.trim().length > 0);
  check('summary shown', st.summary >= 1);
  if (process.env.EXPECT_CONTENT === '1') check('summary sentences carry outlet tags', st.summaryTags >= st.summary);
  check('timeline section shown', st.timeline);
  check('quotes section shown', st.quotes);
  check('member articles listed', st.articles === big.size);
  check('title hugs the right edge (RTL)', st.h1Right > st.width * 0.85);
  check('main column is right of the side column (RTL grid)', st.mainX > st.asideX);
  if (process.env.EXPECT_CONTENT === '1') {
    check('timeline has dated events', st.timelineItems >= 1);
    check('quotes are listed', st.quoteItems >= 1);
  }
  await page.screenshot({ path: path.join(shots, 'story.png'), fullPage: true });

  // Search from the header box, with a word of the story's title
  const word = (st.h1.split(/\s+/).filter((w) => w.length >= 4)[0]) || st.h1.split(/\s+/)[0];
  await page.fill('header input[name=q]', word);
  await Promise.all([page.waitForNavigation(), page.press('header input[name=q]', 'Enter')]);
  check('search page opens', page.url().includes('/search?q='));
  const results = await page.$$eval('.result', (els) => els.length);
  const marks = await page.$$eval('.result mark', (els) => els.length);
  check(`search for "${word}" finds articles`, results >= 1);
  check('search hits are highlighted', marks >= 1);
  await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });

  // Hostile content never runs
  const hostile = stories.find((s) => s.title === '<script>alert(1)</script>');
  if (hostile) {
    await page.goto(base + hostile.href);
    await page.goto(base + '/article/hostile');
  }
  check('no script ran (no dialogs)', dialogs.length === 0);
  check('no page errors', errors.length === 0);
  check('no request left loopback', external.length === 0);
} catch (e) {
  failed++;
  console.error('FAIL: browser run: ' + (e && e.stack ? e.stack : e));
} finally {
  if (ctx) await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
