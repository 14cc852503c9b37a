// Security basics in a real browser: markup typed as a title, a name or a note stays text
// (no element is created, no handler runs), the pages run under their content security
// policy without a single violation, and the facilitator deletes the session from the room.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { pagesWithoutErrors } from "./pages.ts";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

const newPage = pagesWithoutErrors();
const INJECTION = `<img src=x onerror="window.__xss=1">`;

/** A page that also records every CSP violation and every console error. */
async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await newPage(browser);
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      ((window as unknown as { __csp: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, problems };
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

async function noInjectedElement(page: Page): Promise<void> {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
}

test("markup in a title, a name and a note renders as text, under a CSP with no violation", async ({ browser }) => {
  const fac = await watchedPage(browser);
  // The home page, under the policy, before anything else.
  await fac.page.goto("/");
  await expect(fac.page.getByRole("button", { name: "Créer la séance" })).toBeVisible();
  const created = await fac.page.request.post("/api/sessions", { data: { title: `Titre ${INJECTION}` } });
  expect(created.status()).toBe(201);
  const s = (await created.json()) as CreateSessionResponse;
  await fac.page.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  await expect(fac.page.getByTestId("room-title")).toHaveText(`Titre ${INJECTION}`);
  await expect(fac.page.getByTestId("save-status")).toHaveText("Enregistré");

  const part = await watchedPage(browser);
  await part.page.goto(`/rejoindre/${s.code}`);
  await expect(part.page.getByTestId("session-title")).toContainText(`Titre ${INJECTION}`);
  await part.page.getByLabel("Votre prénom").fill(`Awa ${INJECTION}`);
  await part.page.getByRole("button", { name: "Entrer dans la séance" }).click();
  await part.page.waitForURL(new RegExp(`/s/${s.code}$`));
  await expect(fac.page.getByTestId("presence")).toContainText(`Awa ${INJECTION}`);

  await part.page.getByRole("button", { name: "Ajouter une note" }).click();
  await part.page.getByTestId("note-editor").fill(`Note ${INJECTION} [x](javascript:alert(1)) <script>window.__xss=1</script>`);
  await part.page.keyboard.press("Escape");
  await expect(fac.page.locator("[data-note-id]").filter({ hasText: `Note ${INJECTION}` })).toHaveCount(1);
  await expect(fac.page.locator("[data-note-id] script")).toHaveCount(0);

  for (const { page, problems } of [fac, part]) {
    await noInjectedElement(page);
    expect(await violations(page)).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
  }
});

test("the facilitator deletes the session after confirming: it is gone for everyone", async ({ browser }) => {
  const fac = await watchedPage(browser);
  const created = await fac.page.request.post("/api/sessions", { data: { title: "À effacer" } });
  const s = (await created.json()) as CreateSessionResponse;
  await fac.page.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  await expect(fac.page.getByTestId("save-status")).toHaveText("Enregistré");

  await fac.page.getByRole("button", { name: "Supprimer la session…" }).click();
  const dialog = fac.page.getByRole("dialog", { name: "Supprimer « À effacer » ?" });
  await expect(dialog).toBeVisible();
  // Cancelling keeps it.
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  expect((await fac.page.request.get(`/api/sessions/${s.code}`)).status()).toBe(200);

  await fac.page.getByRole("button", { name: "Supprimer la session…" }).click();
  await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
  await fac.page.waitForURL((u) => u.pathname === "/");
  expect((await fac.page.request.get(`/api/sessions/${s.code}`)).status()).toBe(404);
  expect(await violations(fac.page)).toEqual([]);
});
