// Shared by the e2e specs: pages that fail the test on any uncaught error, and the axe check.
import { expect, test, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

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

/** Steps most specs share: a facilitator's room made through the API, a participant joining by link, a note. */
export function roomSteps(newPage: (browser: Browser) => Promise<Page>) {
  async function facilitator(browser: Browser, title: string): Promise<{ page: Page; s: CreateSessionResponse }> {
    const page = await newPage(browser);
    const res = await page.request.post("/api/sessions", { data: { title } });
    expect(res.status()).toBe(201);
    const s = (await res.json()) as CreateSessionResponse;
    await page.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await expect(page.getByTestId("save-status")).toHaveText("Enregistré");
    return { page, s };
  }

  /** Joins by the link with a name and waits for the room: a free board saved, or a séance's lobby. */
  async function join(browser: Browser, code: string, name: string, ready: "saved" | "lobby" = "saved"): Promise<Page> {
    const page = await newPage(browser);
    await page.goto(`/rejoindre/${code}`);
    await page.getByLabel("Votre prénom").fill(name);
    await page.getByRole("button", { name: "Entrer dans la séance" }).click();
    await page.waitForURL(new RegExp(`/s/${code}$`));
    if (ready === "lobby") await page.getByTestId("lobby").waitFor();
    else await expect(page.getByTestId("save-status")).toHaveText("Enregistré");
    return page;
  }

  async function addNote(page: Page, text: string): Promise<void> {
    await page.getByRole("button", { name: "Ajouter une note" }).click();
    await page.getByTestId("note-editor").fill(text);
    await page.keyboard.press("Escape");
  }

  return { facilitator, join, addNote };
}
