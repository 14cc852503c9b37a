// Shared by the e2e specs: pages that fail the test on any uncaught error, and the axe check.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
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

/** The co-développement steps, in order, as the screens title them (1 to 6, no subject choice). */
export const CODEV_STEPS = [
  "Exposé de la situation",
  "Questions de clarification",
  "Contrat",
  "Réactions, commentaires, suggestions",
  "Synthèse et plan d'action",
  "Apprentissages",
] as const;
export type CodevStep = 1 | 2 | 3 | 4 | 5 | 6;

export interface CodevRoom {
  fac: Page;
  holder: Page;
  consultant: Page;
  code: string;
  facilitatorToken: string;
  /** The contract the case holder wrote on the way (steps 4 to 6), or null. */
  contract: string | null;
  close(): Promise<void>;
}

/**
 * Like Parabol's `skipToVotePhase`: a co-développement séance made over HTTP, Fatou (case
 * holder) and Karim (consultant) joined by the link, Fatou made case holder in the people
 * panel, started and moved with the facilitator's bar to `step` (1 to 6). Past the contract
 * step Fatou writes the contract first, since the reactions wait for it (C3). Three browser
 * contexts; every screen shows the step when it returns.
 */
export function codevSteps(newPage: (browser: Browser) => Promise<Page>) {
  const { join } = roomSteps(newPage);
  async function codevAtStep(browser: Browser, step: CodevStep, { contract = "Des idées concrètes." } = {}): Promise<CodevRoom> {
    const fac = await newPage(browser);
    const res = await fac.request.post("/api/sessions", { data: { title: `Codev étape ${step}`, method: "codev" } });
    expect(res.status()).toBe(201);
    const s = (await res.json()) as CreateSessionResponse;
    // The three screens open at once: the slow part on a busy machine.
    const [, holder, consultant] = await Promise.all([
      fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`).then(() => fac.getByTestId("lobby").waitFor()),
      join(browser, s.code, "Fatou", "lobby"),
      join(browser, s.code, "Karim", "lobby"),
    ]);

    await fac.getByTestId("bar-people").click();
    await fac.getByTestId("person").filter({ hasText: "Fatou" }).getByTestId("role-select").selectOption("caseHolder");
    await expect(holder.getByTestId("my-role")).toHaveText("Votre rôle : Porteur·euse du sujet");
    await fac.getByTestId("people-panel").getByRole("button", { name: "Fermer" }).click();
    await fac.getByTestId("bar-start").click();
    await expect(fac.getByTestId("step-index")).toHaveText("Étape 1 sur 6");
    for (let i = 2; i <= step; i++) {
      if (i === 4) {
        // The server reads the contract from the board: wait until it has reached the facilitator.
        await holder.getByLabel("Ce que j'attends du groupe").fill(contract);
        await expect(fac.getByTestId("contract")).toHaveText(contract);
      }
      await fac.getByTestId("bar-next").click();
      await expect(fac.getByTestId("step-index")).toHaveText(`Étape ${i} sur 6`);
    }
    for (const page of [fac, holder, consultant]) await expect(page.getByTestId("step-title")).toHaveText(CODEV_STEPS[step - 1]);
    const pages = [fac, holder, consultant];
    return {
      fac,
      holder,
      consultant,
      code: s.code,
      facilitatorToken: s.facilitatorToken,
      contract: step >= 4 ? contract : null,
      close: async () => {
        for (const page of pages) await page.context().close();
      },
    };
  }
  return { codevAtStep };
}

export const PHONE = { width: 390, height: 844 } as const;

/**
 * A national day's first steps: the coordination creates it from the home page's card and lands
 * on the dashboard, adds groups and opens their settings; people join with the day's one code
 * (on a laptop, or on a phone) and say who they are.
 */
export function eventSteps(newPage: (browser: Browser) => Promise<Page>) {
  async function createDay(browser: Browser, title: string): Promise<{ coord: Page; code: string }> {
    const coord = await newPage(browser);
    await coord.goto("/");
    await coord.getByLabel("Titre de la séance").fill(title);
    await coord.getByTestId("method-event").check();
    await coord.getByRole("button", { name: "Créer la séance" }).click();
    await coord.waitForURL(/\/s\/[A-Z0-9]{6}$/);
    const code = coord.url().split("/").pop()!;
    await expect(coord.getByTestId("dashboard")).toBeVisible();
    await expect(coord.getByTestId("event-code")).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
    return { coord, code };
  }

  /** Joins by the link (on a phone with `{ viewport: PHONE }`), says who they are, and waits to be placed. */
  async function joinDay(browser: Browser, code: string, name: string, structure: string, territory: string, { viewport }: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const page = await newPage(browser);
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(`/rejoindre/${code}`);
    await page.getByLabel("Votre prénom").fill(name);
    await page.getByRole("button", { name: "Entrer dans la séance" }).click();
    await page.waitForURL(new RegExp(`/s/${code}$`));
    await expect(page.getByTestId("who-name")).toHaveValue(name);
    await page.getByTestId("who-structure").fill(structure);
    await page.getByTestId("who-territory").fill(territory);
    await page.getByTestId("who-submit").click();
    await expect(page.getByTestId("event-waiting")).toBeVisible();
    return page;
  }

  /** Adds `count` groups of a template from the groups tab; waits for their cards and join codes. */
  async function addRooms(coord: Page, count: number, template: "Tableau libre" | "Co-développement" | "Intelligence collective" = "Tableau libre"): Promise<void> {
    await coord.getByTestId("tab-rooms").click();
    const before = await coord.getByTestId("room-card").count();
    await coord.getByTestId("rooms-count").fill(String(count));
    await coord.getByTestId("rooms-template").selectOption({ label: template });
    await coord.getByTestId("rooms-add").click();
    await expect(coord.getByTestId("room-card")).toHaveCount(before + count);
    for (const card of await coord.getByTestId("room-card").all()) await expect(card).toContainText("code ");
  }

  /** A group's card on the dashboard, by its name. */
  function roomCard(coord: Page, name: string): Locator {
    return coord.getByTestId("room-card").filter({ has: coord.getByTestId("room-name").getByText(name, { exact: true }) });
  }

  /** Opens a group's settings ("Réglages") on its card; returns the card. */
  async function openSettings(coord: Page, name: string): Promise<Locator> {
    const card = roomCard(coord, name);
    const toggle = card.getByTestId("room-settings");
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(card.getByTestId("room-save")).toBeVisible();
    return card;
  }

  return { createDay, joinDay, addRooms, roomCard, openSettings };
}

/** A screenshot to look at, only when asked (MARGUERITE_SCREENS=1): CI has no eyes and little time. */
export async function shot(target: Page | Locator, opts: { path: string; fullPage?: boolean }): Promise<void> {
  if (!process.env.MARGUERITE_SCREENS) return;
  if ("goto" in target) await target.screenshot(opts);
  else await target.screenshot({ path: opts.path });
}
