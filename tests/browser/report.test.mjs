// report.test.mjs — permgraph's report.html in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core): node report.test.mjs ESTATE.html HOSTILE.html OUTDIR
// Prints one line per check and "N passed, N failed"; exits 1 when a check failed.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [estatePath, hostilePath, outDir] = process.argv.slice(2);
if (!estatePath || !hostilePath || !outDir) {
  console.error("usage: node report.test.mjs ESTATE.html HOSTILE.html OUTDIR");
  process.exit(2);
}
const requireGraph = process.env.PG_BROWSER_NO_GRAPH !== "1";
let passed = 0, failed = 0;

function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ": " + detail : ""}`); }
}

// A page with every console error, page error and request outside the file recorded.
async function open(browser, file, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  const url = pathToFileURL(path.resolve(file)).href;
  const log = { errors: [], requests: [] };
  page.on("console", (m) => { if (m.type() === "error") log.errors.push(m.text()); });
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("request", (r) => { if (r.url() !== url) log.requests.push(r.url()); });
  await page.goto(url, { waitUntil: "load" });
  return { context, page, log };
}

const visibleRows = (page) => page.$$eval("#findings tbody tr", (rows) =>
  rows.filter((r) => !r.hidden && getComputedStyle(r).display !== "none").map((r) => ({
    severity: r.dataset.severity, category: r.dataset.category,
    rule: r.cells[2].textContent.trim().toLowerCase(),
  })));

async function estate(browser) {
  const { context, page, log } = await open(browser, estatePath);
  check("estate: no console or page errors", log.errors.length === 0, log.errors.join(" | "));
  check("estate: loads nothing (offline)", log.requests.length === 0, log.requests.join(" "));
  const all = await visibleRows(page);
  check("estate: findings table has rows", all.length > 0, `${all.length} rows`);
  for (const id of ["summary", "findings-section", "stores", "access-matrix", "evidence"])
    check(`estate: section #${id}`, (await page.$(`section#${id}`)) !== null);
  check("estate: access matrix has cells", (await page.$$("#matrix tbody td.lv-l, #matrix tbody td.lv-r, " +
    "#matrix tbody td.lv-w, #matrix tbody td.lv-p")).length > 0);
  check("estate: evidence lists input digests", (await page.$$eval("#inputs code.digest",
    (c) => c.filter((x) => /^[0-9a-f]{64}$/.test(x.textContent)).length)) > 0);
  const svgs = await page.$$("figure.graph svg");
  if (requireGraph)
    check("estate: an inline SVG graph per store", svgs.length > 0 && svgs.length === (await page.$$("article.store")).length,
      `${svgs.length} svg`);

  // Filter by severity: only rows of that severity stay visible.
  const sevs = [...new Set(all.map((r) => r.severity))];
  const sev = sevs.includes("high") ? "high" : sevs[0];
  await page.selectOption("#f-sev", sev);
  let rows = await visibleRows(page);
  check(`estate: severity filter '${sev}' shows only ${sev}`, rows.length > 0 && rows.every((r) => r.severity === sev) &&
    rows.length === all.filter((r) => r.severity === sev).length, JSON.stringify(rows.map((r) => r.severity)));
  check("estate: severity filter hides the others", sevs.length < 2 || rows.length < all.length);
  const countText = await page.textContent("#f-count");
  check("estate: filter count says so", countText.includes(`${rows.length} of ${all.length}`), countText);
  await page.selectOption("#f-sev", "");
  const cats = [...new Set(all.map((r) => r.category))];
  await page.selectOption("#f-cat", cats[cats.length - 1]);
  rows = await visibleRows(page);
  check("estate: category filter", rows.length > 0 && rows.every((r) => r.category === cats[cats.length - 1]));
  await page.selectOption("#f-cat", "");
  await page.fill("#f-text", "zz-no-such-text-zz");
  check("estate: text filter", (await visibleRows(page)).length === 0);
  await page.fill("#f-text", "");
  check("estate: filters cleared", (await visibleRows(page)).length === all.length);

  // Sort by rule, ascending then descending; by severity ascending puts the lowest first.
  const ruleHeader = page.locator("#findings thead th", { hasText: "rule" }).locator("button");
  await ruleHeader.click();
  let rules = (await visibleRows(page)).map((r) => r.rule);
  check("estate: sort by rule ascending", rules.every((r, i) => i === 0 || rules[i - 1] <= r), rules.join(","));
  await ruleHeader.click();
  rules = (await visibleRows(page)).map((r) => r.rule);
  check("estate: sort by rule descending", rules.every((r, i) => i === 0 || rules[i - 1] >= r), rules.join(","));
  await page.locator("#findings thead th", { hasText: "severity" }).locator("button").click();
  const rank = { low: 1, medium: 2, high: 3, critical: 4 };
  const sorted = (await visibleRows(page)).map((r) => rank[r.severity]);
  check("estate: sort by severity", sorted.every((r, i) => i === 0 || sorted[i - 1] <= r), sorted.join(","));

  // Evidence paths expand.
  const details = page.locator("#findings details.evidence").first();
  await details.locator("summary").click();
  check("estate: evidence expands", await details.evaluate((d) => d.open));
  await page.locator("#findings thead th", { hasText: "severity" }).locator("button").click();
  await page.screenshot({ path: path.join(outDir, "report.png"), fullPage: true });
  check("estate: still no console errors", log.errors.length === 0, log.errors.join(" | "));
  await context.close();
}

async function hostile(browser) {
  // bypassCSP: the page's own policy would stop injected scripts; this checks the escaping alone.
  const { context, page, log } = await open(browser, hostilePath, { bypassCSP: true });
  check("hostile: no console or page errors", log.errors.length === 0, log.errors.join(" | "));
  check("hostile: no injected script ran", await page.evaluate(() => window.__pwned === undefined));
  check("hostile: no injected element", await page.evaluate(() =>
    document.querySelectorAll("img, iframe, object, embed, [onerror], [onload]").length === 0 &&
    document.querySelectorAll("script").length === 2 &&
    [...document.querySelectorAll("svg")].every((s) => s.closest("figure.graph"))));
  check("hostile: loads nothing", log.requests.length === 0, log.requests.join(" "));
  const text = await page.evaluate(() => document.body.innerText);
  for (const name of ["<script>window.__pwned=1</script>", "\"><img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>", "synth-\"><svg onload=window.__pwned=1>&amp;'x'"])
    check(`hostile: shown as text: ${name}`, text.includes(name));
  const evidence = await page.evaluate(() => {
    try { return JSON.parse(document.getElementById("pg-evidence").textContent); } catch (e) { return String(e); }
  });
  check("hostile: evidence JSON parses", typeof evidence === "object" && evidence.schema === "permgraph/1" &&
    evidence.inputs.length >= 2, JSON.stringify(evidence).slice(0, 200));
  check("hostile: findings table has rows", (await page.$$("#findings tbody tr")).length > 0);
  await page.screenshot({ path: path.join(outDir, "hostile.png"), fullPage: true });
  await context.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // The machine's network is closed: without these Chromium keeps trying to reach Google's services.
  args: ["--disable-gpu", "--no-first-run", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  await estate(browser);
  await hostile(browser);
} catch (e) {
  check("browser run", false, e.stack || String(e));
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
