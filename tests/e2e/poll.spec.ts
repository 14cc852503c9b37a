// Polls in browsers, in a free board: a facilitator and two participants (one on a phone).
// A choice poll whose results stay hidden until the facilitator reveals them, answers changed
// on the way; then a word cloud with live results.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations, pagesWithoutErrors, roomSteps } from "./pages.ts";

const newPage = pagesWithoutErrors();
const { facilitator, join } = roomSteps(newPage);

const choice = (page: Page, label: string) => page.getByTestId("poll-choice").filter({ hasText: label });
const bar = (page: Page, key: string) => page.getByTestId("poll-results").locator(`[data-bar]`).filter({ hasText: key });

async function launch(fac: Page, fill: (dialog: ReturnType<Page["getByTestId"]>) => Promise<void>): Promise<void> {
  await fac.getByTestId("poll-button").click();
  const dialog = fac.getByTestId("poll-launch");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("poll-question")).toBeFocused();
  await fill(dialog);
  await dialog.getByTestId("poll-launch-submit").click();
  await expect(dialog).toBeHidden();
}

test("a choice poll: participants answer and change their answer, results hidden until the reveal, then closed", async ({ browser }) => {
  const { page: fac, s } = await facilitator(browser, "Atelier sondage");
  const awa = await join(browser, s.code, "Awa");
  const ben = await join(browser, s.code, "Ben");
  await ben.setViewportSize({ width: 390, height: 844 });

  // Nothing to see before a poll; participants have no poll button.
  await expect(awa.getByTestId("poll-panel")).toHaveCount(0);
  await expect(awa.getByTestId("poll-button")).toHaveCount(0);

  await launch(fac, async (dialog) => {
    await expect(dialog.getByTestId("poll-kind-choice").locator("input")).toBeChecked();
    await dialog.getByTestId("poll-question").fill("Quel frein traiter en premier ?");
    const options = dialog.getByTestId("poll-option");
    await options.nth(0).fill("Mobilité");
    await options.nth(1).fill("Logement");
    // Enter in the last answer adds the next one.
    await options.nth(1).press("Enter");
    await expect(options).toHaveCount(3);
    await expect(options.nth(2)).toBeFocused();
    await options.nth(2).fill("Garde d'enfants");
    await expect(dialog.getByTestId("poll-results-onReveal")).toBeChecked();
  });
  await expect(fac.getByTestId("poll-kicker")).toHaveText("Sondage en cours");
  await expect(fac.getByTestId("poll-respondents")).toHaveText("Aucune réponse");

  // Both participants see the question at once, with large answers.
  for (const p of [awa, ben]) {
    await expect(p.getByTestId("poll-kicker")).toHaveText("Un sondage est ouvert : répondez ici");
    await expect(p.getByTestId("poll-question-title")).toHaveText("Quel frein traiter en premier ?");
  }
  const box = await choice(ben, "Logement").boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await expectNoSeriousViolations(awa, "poll open (participant)");

  // Awa answers, then changes her mind; Ben answers on his phone.
  await choice(awa, "Logement").click();
  await awa.getByTestId("poll-send").click();
  await expect(awa.getByTestId("poll-mine-text")).toHaveText("Logement");
  await awa.getByTestId("poll-change").click();
  await choice(awa, "Mobilité").click();
  await awa.getByTestId("poll-send").click();
  await expect(awa.getByTestId("poll-mine-text")).toHaveText("Mobilité");
  await choice(ben, "Mobilité").click();
  await ben.getByTestId("poll-send").click();
  await expect(ben.getByTestId("poll-mine-text")).toHaveText("Mobilité");

  // The count is everyone's; the results are the facilitator's until the reveal.
  for (const p of [fac, awa, ben]) await expect(p.getByTestId("poll-respondents")).toHaveText("2 réponses");
  await expect(bar(fac, "Mobilité").getByTestId("bar-value")).toHaveText("2 (100 %)");
  await expect(bar(fac, "Logement").getByTestId("bar-value")).toHaveText("0 (0 %)");
  await expect(fac.getByTestId("poll-results")).toContainText("Vous seul·e voyez les résultats pour l'instant.");
  await expect(awa.getByTestId("poll-results")).toHaveCount(0);
  await expect(awa.getByTestId("poll-waiting")).toBeVisible();
  await expectNoSeriousViolations(fac, "poll results (facilitator)");

  await fac.getByTestId("poll-reveal").click();
  await expect(bar(ben, "Mobilité").getByTestId("bar-value")).toHaveText("2 (100 %)");
  await expect(bar(awa, "Garde d'enfants").getByTestId("bar-value")).toHaveText("0 (0 %)");
  await expect(fac.getByTestId("poll-reveal")).toHaveCount(0);
  await expectNoSeriousViolations(ben, "poll results revealed (phone)");

  // Closing freezes it: no more answering, the results stay, the participant may hide them.
  await fac.getByTestId("poll-close").click();
  await expect(awa.getByTestId("poll-kicker")).toHaveText("Sondage clos");
  await expect(awa.getByTestId("poll-answer-form")).toHaveCount(0);
  await expect(awa.getByTestId("poll-change")).toHaveCount(0);
  await awa.getByTestId("poll-dismiss").click();
  await expect(awa.getByTestId("poll-panel")).toHaveCount(0);
  await expect(fac.getByTestId("poll-new")).toBeVisible();
  for (const p of [fac, awa, ben]) await p.context().close();
});

test("a word cloud with live results: everyone sees the words grow, also listed as text", async ({ browser }) => {
  const { page: fac, s } = await facilitator(browser, "Atelier nuage");
  const awa = await join(browser, s.code, "Awa");
  const ben = await join(browser, s.code, "Ben");
  await ben.setViewportSize({ width: 390, height: 844 });

  await launch(fac, async (dialog) => {
    await dialog.getByTestId("poll-kind-words").click();
    await dialog.getByTestId("poll-question").fill("En un mot, qu'est-ce qui aide un accompagnement ?");
    await expect(dialog.getByTestId("poll-max-words")).toHaveValue("3");
    await dialog.getByTestId("poll-results-live").check();
  });

  const words = awa.getByTestId("poll-word");
  await expect(words).toHaveCount(3);
  await words.nth(0).fill("Confiance");
  await words.nth(1).fill("l'écoute");
  await awa.getByTestId("poll-send").click();
  await expect(awa.getByTestId("poll-mine-text")).toHaveText("Confiance, l'écoute");

  // Live: Awa sees her words before anyone else answers.
  await expect(awa.getByTestId("poll-cloud-list")).toContainText("Confiance (1)");
  await ben.getByTestId("poll-word").nth(0).fill("confiance !");
  await ben.getByTestId("poll-word").nth(1).fill("Partage");
  await ben.getByTestId("poll-send").click();

  // "Confiance" and "confiance !" are one word, given by two people: the largest.
  for (const p of [fac, awa, ben]) {
    await expect(p.getByTestId("poll-respondents")).toHaveText("2 réponses");
    await expect(p.getByTestId("poll-cloud-list").locator("li").first()).toHaveText("Confiance (2)");
    await expect(p.getByTestId("poll-cloud-list")).toContainText("l'écoute (1)");
    await expect(p.getByTestId("poll-cloud-list")).toContainText("Partage (1)");
  }
  const big = await ben.locator("[data-cloud-word='Confiance']").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const small = await ben.locator("[data-cloud-word='Partage']").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(big).toBeGreaterThan(small);
  await expect(fac.getByTestId("poll-results")).toContainText("Tout le monde voit les résultats.");
  await expectNoSeriousViolations(ben, "word cloud (phone)");

  // Withdrawing takes one's words out of the cloud.
  await ben.getByTestId("poll-withdraw").click();
  await expect(fac.getByTestId("poll-respondents")).toHaveText("1 réponse");
  await expect(fac.getByTestId("poll-cloud-list").locator("li").first()).toHaveText("Confiance (1)");
  await expect(ben.getByTestId("poll-answer-form")).toBeVisible();
  for (const p of [fac, awa, ben]) await p.context().close();
});

test("a poll in a quiz session: launched from the quiz room's header, answered by a participant waiting for the quiz", async ({ browser }) => {
  const fac = await newPage(browser);
  const res = await fac.request.post("/api/sessions", { data: { title: "Quiz et sondage", method: "quiz" } });
  expect(res.status()).toBe(201);
  const s = (await res.json()) as { code: string; facilitatorToken: string };
  await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  const karim = await join(browser, s.code, "Karim");

  await launch(fac, async (dialog) => {
    await dialog.getByTestId("poll-question").fill("Comment arrivez-vous ce matin ?");
    await dialog.getByTestId("poll-option").nth(0).fill("En forme");
    await dialog.getByTestId("poll-option").nth(1).fill("Fatigué·e");
  });
  await expect(karim.getByTestId("poll-question-title")).toHaveText("Comment arrivez-vous ce matin ?");
  await choice(karim, "En forme").click();
  await karim.getByTestId("poll-send").click();
  await expect(karim.getByTestId("poll-mine-text")).toHaveText("En forme");
  await expect(fac.getByTestId("poll-respondents")).toHaveText("1 réponse");
  await expect(bar(fac, "En forme").getByTestId("bar-value")).toHaveText("1 (100 %)");
  for (const p of [fac, karim]) await p.context().close();
});
