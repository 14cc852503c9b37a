// Shared by the e2e specs: pages that fail the test on any uncaught error, and the axe check.
import { expect, test, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Registers the hooks in the calling spec; returns newPage(browser) for its tests. */
export function pagesWithoutErrors(): (browser: Browser) => Promise<Page> {
  let pageErrors: string[] = [];
  test.beforeEach(() => {
    pageErrors = [];
  });
  test.afterEach(() => {
    expect(pageErrors).toEqual([]);
  });
  return async (browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    return page;
  };
}

export async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}
