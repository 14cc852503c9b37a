// Board tools in browsers: a dot vote with a reveal (facilitator and two participants), and a
// moderated board (a participant submits, the facilitator approves and reveals, everyone sees
// the note). Screenshots of the vote panel, the results and the queue at laptop and phone
// sizes go to test-results/board-tools/ to be looked at.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations, pagesWithoutErrors, roomSteps, shot } from "./pages.ts";

const newPage = pagesWithoutErrors();
const SHOTS = "test-results/board-tools";

const { facilitator, join, addNote } = roomSteps(newPage);

const item = (page: Page, text: string) => page.getByTestId("ballot").locator("li").filter({ hasText: text });

test("a dot vote: budgets shown and held, counts hidden until the facilitator reveals, ties shown as ties", async ({ browser }) => {
  const { page: fac, s } = await facilitator(browser, "Atelier freins");
  for (const text of ["Mobilité", "Garde d'enfants", "Logement"]) await addNote(fac, text);
  const awa = await join(browser, s.code, "Awa");
  const ben = await join(browser, s.code, "Ben");
  await expect(awa.locator("[data-note-id]")).toHaveCount(3);

  // The facilitator opens a vote: 2 dots each, at most 1 per note, hidden until revealed.
  await fac.getByTestId("vote-new").click();
  await fac.getByTestId("vote-budget").fill("2");
  await fac.getByTestId("vote-max").fill("1");
  await fac.getByTestId("vote-open").click();
  await expect(awa.getByTestId("tools-strip")).toContainText("Vote en cours");
  await expect(awa.getByTestId("vote-remaining")).toHaveText("Il vous reste 2 gommette(s) sur 2.");
  await shot(awa, { path: `${SHOTS}/vote-participant-1366.png` });

  // Awa votes with the mouse; the per-item maximum disables "+" once reached.
  await item(awa, "Mobilité").getByTestId("dot-plus").click();
  await expect(item(awa, "Mobilité").getByTestId("dot-plus")).toBeDisabled();
  await item(awa, "Logement").getByTestId("dot-plus").click();
  await expect(awa.getByTestId("vote-remaining")).toHaveText("Il vous reste 0 gommette(s) sur 2.");
  await expect(item(awa, "Garde d'enfants").getByTestId("dot-plus")).toBeDisabled();
  // Ben votes with the keyboard alone.
  await item(ben, "Garde d'enfants").getByTestId("dot-plus").focus();
  await ben.keyboard.press("Enter");
  await expect(ben.getByTestId("vote-remaining")).toHaveText("Il vous reste 1 gommette(s) sur 2.");
  await item(ben, "Mobilité").getByTestId("dot-plus").focus();
  await ben.keyboard.press("Enter");
  await expect(ben.getByTestId("vote-remaining")).toHaveText("Il vous reste 0 gommette(s) sur 2.");
  await item(ben, "Mobilité").getByTestId("dot-minus").focus();
  await ben.keyboard.press("Enter");
  await expect(ben.getByTestId("vote-remaining")).toHaveText("Il vous reste 1 gommette(s) sur 2.");
  await item(ben, "Logement").getByTestId("dot-plus").click();

  // Before the reveal: participants see progress, not counts; the facilitator sees them.
  await expect(fac.getByTestId("dots-cast")).toHaveText("4 gommette(s) posée(s) en tout.");
  await expect(awa.getByTestId("vote-results")).toHaveCount(0);
  await expect(fac.getByTestId("vote-results")).toBeVisible();
  await shot(fac, { path: `${SHOTS}/vote-facilitator-1366.png` });
  await expectNoSeriousViolations(awa, "vote panel");

  await fac.getByTestId("vote-reveal").click();
  const results = awa.getByTestId("vote-results");
  await expect(results).toBeVisible();
  await expect(results.locator("li").nth(0)).toContainText("Logement");
  // Logement 2, then Mobilité and Garde d'enfants 1 each: both second, both marked tied.
  await expect(results.locator("li").nth(0)).not.toContainText("ex æquo");
  for (const n of [1, 2]) {
    await expect(results.locator("li").nth(n)).toHaveAttribute("data-rank", "2");
    await expect(results.locator("li").nth(n)).toContainText("ex æquo");
  }
  await shot(awa, { path: `${SHOTS}/vote-results-1366.png` });
  await expectNoSeriousViolations(awa, "vote results");
  await awa.setViewportSize({ width: 390, height: 844 });
  await results.scrollIntoViewIfNeeded();
  await shot(awa, { path: `${SHOTS}/vote-results-390.png` });
  await fac.getByTestId("vote-close").click();
  await expect(ben.getByTestId("vote-section")).toContainText("Vote clos.");
  for (const p of [fac, awa, ben]) await p.context().close();
});

test("a moderated board: the participant's note waits, the facilitator approves and reveals it, everyone sees it", async ({ browser }) => {
  const { page: fac, s } = await facilitator(browser, "Atelier modéré");
  await fac.getByTestId("switch-mod").click();
  await expect(fac.getByTestId("switch-mod")).toHaveAttribute("aria-checked", "true");
  await fac.getByTestId("switch-anon").click();
  await expect(fac.getByTestId("switch-anon")).toHaveAttribute("aria-checked", "true");
  const awa = await join(browser, s.code, "Awa");
  const ben = await join(browser, s.code, "Ben");
  await expect(awa.getByTestId("tools-strip")).toContainText("Vos notes sont anonymes");

  // "Ajouter une note" goes to the form; the note waits, it is not on the board.
  await awa.getByRole("button", { name: "Ajouter une note" }).click();
  await expect(awa.getByTestId("submit-text")).toBeFocused();
  await awa.keyboard.type("Les horaires du bus ne collent pas aux chantiers");
  await awa.getByTestId("submit-note").click();
  await expect(awa.getByTestId("my-pending")).toContainText("en attente de validation");
  await expect(awa.locator("[data-note-id]")).toHaveCount(0);
  await shot(awa, { path: `${SHOTS}/moderation-participant-1366.png` });
  await awa.setViewportSize({ width: 390, height: 844 });
  await shot(awa, { path: `${SHOTS}/moderation-participant-390.png` });

  const queued = fac.getByTestId("moderation-queue").locator("li").filter({ hasText: "Les horaires du bus" });
  await expect(queued).toContainText("auteur·rice masqué·e");
  await expect(queued).not.toContainText("Awa");
  await shot(fac, { path: `${SHOTS}/moderation-queue-1366.png` });
  await expectNoSeriousViolations(fac, "moderation queue");
  await queued.getByTestId("approve").click();
  await queued.getByTestId("reveal-one").click();
  for (const p of [fac, awa, ben]) await expect(p.locator("[data-note-id]").filter({ hasText: "Les horaires du bus" })).toHaveCount(1);
  await expect(awa.getByTestId("my-pending")).toHaveCount(0);
  await fac.setViewportSize({ width: 390, height: 844 });
  await shot(fac, { path: `${SHOTS}/moderation-queue-390.png` });
  for (const p of [fac, awa, ben]) await p.context().close();
});
