// Screenshots to look at (not assertions), run with MARGUERITE_SCREENS=1: polls (launch
// dialog, a participant answering, results, word cloud, the séance bar's button) and the
// feedback questionnaire (facilitator's dialog, the participant's page, the room's
// invitation), at laptop and phone sizes, into .tmp/screens/polls-*.png.
import { test, type Browser, type Page } from "@playwright/test";
import path from "node:path";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

test.skip(!process.env.MARGUERITE_SCREENS, "screenshots: MARGUERITE_SCREENS=1");

const OUT = path.resolve(import.meta.dirname, "../../.tmp/screens");
const SIZES = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;
type Size = (typeof SIZES)[number];

async function open(browser: Browser, size: Size): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, isMobile: size.name === "phone", hasTouch: size.name === "phone" });
  return context.newPage();
}

async function session(page: Page, title: string, method: "board" | "codev" = "board"): Promise<CreateSessionResponse> {
  const res = await page.request.post("/api/sessions", { data: { title, method } });
  return (await res.json()) as CreateSessionResponse;
}

async function joinAs(browser: Browser, size: Size, code: string, name: string): Promise<Page> {
  const page = await open(browser, size);
  await page.goto(`/rejoindre/${code}`);
  await page.getByLabel("Votre prénom").fill(name);
  await page.getByRole("button", { name: "Entrer dans la séance" }).click();
  await page.waitForURL(new RegExp(`/s/${code}$`));
  return page;
}

const shot = (page: Page, size: Size, name: string) => page.screenshot({ path: `${OUT}/polls-${size.name}-${name}.png` });

for (const size of SIZES) {
  test(`poll screens at ${size.name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const fac = await open(browser, size);
    const s = await session(fac, "Freins à l'emploi : journée du réseau");
    await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await fac.getByText("Enregistré").first().waitFor();
    const hide = fac.getByRole("button", { name: "Masquer le partage" });
    if (await hide.isVisible()) await hide.click();
    const awa = await joinAs(browser, size, s.code, "Awa");
    const ben = await joinAs(browser, SIZES[1], s.code, "Ben");
    await awa.getByText("Enregistré").first().waitFor();

    await shot(fac, size, "1-board-bar");
    await fac.getByTestId("poll-button").click();
    await fac.getByTestId("poll-question").fill("Quel frein traiter en premier ?");
    const options = fac.getByTestId("poll-option");
    await options.nth(0).fill("La mobilité");
    await options.nth(1).fill("Le logement");
    await fac.getByTestId("poll-add-option").click();
    await options.nth(2).fill("La garde d'enfants");
    await shot(fac, size, "2-launch-dialog");
    await fac.getByTestId("poll-launch-submit").click();
    await awa.getByTestId("poll-panel").waitFor();
    await shot(awa, size, "3-participant-open");
    await awa.getByTestId("poll-choice").filter({ hasText: "Le logement" }).click();
    await shot(awa, size, "4-participant-chosen");
    await awa.getByTestId("poll-send").click();
    await awa.getByTestId("poll-mine").waitFor();
    await ben.getByTestId("poll-choice").filter({ hasText: "La mobilité" }).click();
    await ben.getByTestId("poll-send").click();
    await fac.getByText("2 réponses").first().waitFor();
    await shot(awa, size, "5-participant-answered");
    await shot(fac, size, "6-facilitator-results");
    await fac.getByTestId("poll-reveal").click();
    await awa.getByTestId("poll-results").waitFor();
    await shot(awa, size, "7-participant-revealed");
    await fac.getByTestId("poll-close").click();
    await awa.getByText("Sondage clos").waitFor();
    await shot(awa, size, "8-participant-closed");

    // A word cloud, live.
    await fac.getByTestId("poll-new").click();
    await fac.getByTestId("poll-kind-words").click();
    await fac.getByTestId("poll-question").fill("En un mot, qu'est-ce qui aide un accompagnement ?");
    await fac.getByTestId("poll-results-live").check();
    await shot(fac, size, "9-launch-words");
    await fac.getByTestId("poll-launch-submit").click();
    await awa.getByTestId("poll-word").first().waitFor();
    await shot(awa, size, "10-words-form");
    const answers: [Page, string[]][] = [
      [awa, ["Confiance", "l'écoute", "le temps"]],
      [ben, ["confiance", "Partenariat", "écoute"]],
    ];
    for (const [p, ws] of answers) {
      for (const [i, w] of ws.entries()) await p.getByTestId("poll-word").nth(i).fill(w);
      await p.getByTestId("poll-send").click();
      await p.getByTestId("poll-mine").waitFor();
    }
    const more = await joinAs(browser, SIZES[1], s.code, "Chloé");
    for (const [i, w] of ["la confiance", "Réseau", "Patience"].entries()) await more.getByTestId("poll-word").nth(i).fill(w);
    await more.getByTestId("poll-send").click();
    await fac.getByText("3 réponses").first().waitFor();
    await awa.waitForTimeout(300);
    await shot(awa, size, "11-word-cloud");
    await shot(fac, size, "12-word-cloud-facilitator");
    await awa.getByTestId("poll-collapse").click();
    await shot(awa, size, "13-collapsed");
    for (const p of [fac, awa, ben, more]) await p.context().close();
  });

  test(`séance bar with the poll at ${size.name}`, async ({ browser }) => {
    const fac = await open(browser, size);
    const s = await session(fac, "Codev du jeudi", "codev");
    await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await fac.getByTestId("lobby").waitFor();
    await shot(fac, size, "20-seance-bar");
    await fac.getByTestId("poll-button").click();
    await fac.getByTestId("poll-kind-scale").click();
    await fac.getByTestId("poll-question").fill("Où en est votre énergie ce matin ?");
    await fac.getByTestId("poll-min-label").fill("À plat");
    await fac.getByTestId("poll-max-label").fill("En pleine forme");
    await fac.getByTestId("poll-launch-submit").click();
    const p = await joinAs(browser, size, s.code, "Karim");
    await p.getByTestId("poll-panel").waitFor();
    await p.locator('[data-testid="scale-value"][data-value="4"]').click();
    await shot(p, size, "21-seance-scale-participant");
    await p.getByTestId("poll-send").click();
    await fac.getByText("1 réponse").first().waitFor();
    await shot(fac, size, "22-seance-scale-facilitator");
    for (const x of [fac, p]) await x.context().close();
  });

  test(`feedback screens at ${size.name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const fac = await open(browser, size);
    const s = await session(fac, "Journée nationale des référent·e·s");
    await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await fac.getByText("Enregistré").first().waitFor();
    if (!(await fac.getByTestId("share-panel").isVisible())) await fac.locator('header button[aria-controls="partage"]').click();
    await fac.getByTestId("feedback-card").scrollIntoViewIfNeeded();
    await shot(fac, size, "30-share-card");
    await fac.getByTestId("feedback-open-manager").click();
    await fac.getByTestId("feedback-create").waitFor();
    await shot(fac, size, "31-create");
    await fac.getByTestId("feedback-create-submit").click();
    await fac.getByTestId("feedback-open-form").waitFor();
    await shot(fac, size, "32-draft");
    await fac.getByTestId("feedback-until-date").check();
    await shot(fac, size, "33-draft-date");
    await fac.getByTestId("feedback-open").click();
    await fac.getByTestId("feedback-link").waitFor();
    await shot(fac, size, "34-open");

    const none = await open(browser, size);
    await none.goto(`/s/${s.code}/retours`);
    await none.getByText("Rejoignez d'abord la séance").waitFor();
    await shot(none, size, "35-need-join");
    await none.context().close();

    const texts = [
      ["Le partage entre pairs, très concret.", "Plus de temps pour les ateliers"],
      ["Des outils pour la mobilité que je vais tester lundi.", "Un lieu plus facile d'accès en transports"],
      ["La rencontre avec les autres structures du territoire", ""],
    ];
    for (const [i, [takeaway, suggestion]] of texts.entries()) {
      const p = await joinAs(browser, size, s.code, ["Fatou", "Karim", "Chloé"][i]);
      await p.getByTestId("feedback-invite").waitFor();
      if (i === 0) await shot(p, size, "36-room-invite");
      await p.getByTestId("feedback-invite-link").click();
      await p.getByTestId("feedback-form").waitFor();
      if (i === 0) await shot(p, size, "37-form-top");
      const field = (q: string) => p.locator(`[data-testid="feedback-question-field"][data-question="${q}"]`);
      for (const [q, v] of [["satisfaction", 5 - (i % 2)], ["usefulness", 4], ["organisation", 3 + i]] as const)
        await field(q).locator(`[data-testid="scale-value"][data-value="${Math.min(5, v)}"]`).click();
      await field("takeaway").getByRole("textbox").fill(takeaway);
      if (suggestion) await field("suggestions").getByRole("textbox").fill(suggestion);
      if (i === 0) {
        await field("organisation").scrollIntoViewIfNeeded();
        await shot(p, size, "38-form-filled");
        await p.screenshot({ path: `${OUT}/polls-${size.name}-38b-form-full.png`, fullPage: true });
      }
      await p.getByTestId("feedback-submit").click();
      await p.getByTestId("feedback-thanks").waitFor();
      if (i === 0) await shot(p, size, "39-thanks");
      await p.context().close();
    }
    await fac.getByText("3 réponses").first().waitFor({ timeout: 15_000 });
    await fac.getByTestId("feedback-text").filter({ hasText: "Le partage entre pairs" }).getByTestId("feedback-pin").click();
    await fac.getByText("1 citation retenue pour le compte rendu.").waitFor();
    await fac.getByTestId("feedback-results").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shot(fac, size, "40-results-top");
    await fac.getByTestId("feedback-text").first().scrollIntoViewIfNeeded();
    await shot(fac, size, "41-results-texts");
    await fac.getByTestId("feedback-downloads").scrollIntoViewIfNeeded();
    await shot(fac, size, "42-downloads");
    await fac.context().close();
  });
}
