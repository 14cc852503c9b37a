// The feedback questionnaire in browsers: the facilitator creates it from the template and
// opens it from the share panel; a participant on a phone (390x844) finds "Donnez votre
// avis" in the room, answers on the questionnaire's own page and edits; the facilitator
// follows the results live, pins a quote, downloads the CSV and the Markdown; then closes.
import { expect, test, type Download, type Page } from "@playwright/test";
import { expectNoSeriousViolations, pagesWithoutErrors, roomSteps } from "./pages.ts";

const newPage = pagesWithoutErrors();
const { facilitator, join } = roomSteps(newPage);

async function text(download: Download): Promise<string> {
  const chunks = await (await download.createReadStream()).toArray();
  return Buffer.concat(chunks).toString("utf8");
}

const field = (page: Page, questionId: string) => page.locator(`[data-testid="feedback-question-field"][data-question="${questionId}"]`);
const scale = (page: Page, questionId: string, value: number) => field(page, questionId).locator(`[data-testid="scale-value"][data-value="${value}"]`);

const TAKEAWAY = "Le partage entre pairs, très concret.";
const SUGGESTION = "Plus de temps pour les ateliers l'après-midi";

test("the facilitator opens the questionnaire, a participant answers on a phone, the results, a quote and the downloads follow", async ({ browser }) => {
  const { page: fac, s } = await facilitator(browser, "Journée nationale des référent·e·s");

  // From the share panel: create from the template, then open it until closed by hand.
  await fac.getByTestId("feedback-open-manager").click();
  const dialog = fac.getByTestId("feedback-dialog");
  await expect(dialog.getByTestId("feedback-template-nationalDay")).toBeChecked();
  await expectNoSeriousViolations(fac, "feedback: create");
  await dialog.getByTestId("feedback-create-submit").click();
  await expect(dialog.getByTestId("feedback-status")).toHaveText("Prêt, pas encore ouvert.");
  await expect(dialog).toContainText("Dans l'ensemble, êtes-vous satisfait·e de cette journée ?");
  await expect(dialog.getByTestId("feedback-until-none")).toBeChecked();
  await dialog.getByTestId("feedback-open").click();
  await expect(dialog.getByTestId("feedback-status")).toHaveText("Ouvert");
  await expect(dialog.getByTestId("feedback-link")).toHaveValue(new RegExp(`/s/${s.code}/retours$`));
  await expect(dialog.getByTestId("feedback-respondents")).toHaveText("Aucune réponse");
  await expectNoSeriousViolations(fac, "feedback: open, no response");

  // Without an identity in this browser, the page says kindly to join first.
  const stranger = await newPage(browser);
  await stranger.setViewportSize({ width: 390, height: 844 });
  await stranger.goto(`/s/${s.code}/retours`);
  await expect(stranger.getByRole("heading", { name: "Rejoignez d'abord la séance" })).toBeVisible();
  await expect(stranger.getByRole("link", { name: "Rejoindre la séance" })).toHaveAttribute("href", `/rejoindre/${s.code}`);
  await stranger.context().close();

  // A participant on a phone: the invitation in the room, then the questionnaire's page.
  const fatou = await join(browser, s.code, "Fatou");
  await fatou.setViewportSize({ width: 390, height: 844 });
  const invite = fatou.getByTestId("feedback-invite");
  await expect(invite).toContainText("Donnez votre avis");
  await expectNoSeriousViolations(fatou, "room with the feedback invitation (phone)");
  await invite.getByRole("link", { name: "Répondre au questionnaire" }).click();
  await fatou.waitForURL(new RegExp(`/s/${s.code}/retours$`));
  await expect(fatou.getByRole("heading", { level: 1 })).toHaveText("Questionnaire de satisfaction");
  await expect(fatou.getByTestId("feedback-notices")).toContainText("C'est anonyme : personne ne verra qui a répondu quoi.");
  await expect(fatou.getByTestId("feedback-notices")).toContainText("Vous pouvez répondre tant que l'animateur·rice ne l'a pas fermé.");
  const five = await scale(fatou, "satisfaction", 5).boundingBox();
  expect(five!.height).toBeGreaterThanOrEqual(44);
  expect(five!.x + five!.width).toBeLessThanOrEqual(390);
  await expectNoSeriousViolations(fatou, "feedback form (phone)");

  await scale(fatou, "satisfaction", 5).click();
  await scale(fatou, "usefulness", 4).click();
  await scale(fatou, "organisation", 3).click();
  await field(fatou, "takeaway").getByRole("textbox").fill(TAKEAWAY);
  await field(fatou, "suggestions").getByRole("textbox").fill(SUGGESTION);
  await fatou.getByRole("button", { name: "Envoyer mes réponses" }).click();
  await expect(fatou.getByTestId("feedback-thanks")).toContainText("Merci ! Vos réponses sont enregistrées.");
  await expectNoSeriousViolations(fatou, "feedback thanks (phone)");

  // She changes one mark: the form comes back with her answers.
  await fatou.getByTestId("feedback-edit").click();
  await expect(field(fatou, "takeaway").getByRole("textbox")).toHaveValue(TAKEAWAY);
  await expect(scale(fatou, "satisfaction", 5).locator("input")).toBeChecked();
  await scale(fatou, "organisation", 4).click();
  await fatou.getByRole("button", { name: "Enregistrer mes modifications" }).click();
  await expect(fatou.getByTestId("feedback-thanks")).toBeVisible();

  // Back in the room, the invitation is gone: she has answered.
  await fatou.goto(`/s/${s.code}`);
  await expect(fatou.getByTestId("save-status")).toHaveText("Enregistré");
  await expect(fatou.getByTestId("feedback-invite")).toHaveCount(0);

  // The facilitator's results move by themselves.
  await expect(dialog.getByTestId("feedback-respondents")).toHaveText("1 réponse", { timeout: 15_000 });
  const q = (id: string) => dialog.locator(`[data-testid="feedback-question"][data-question="${id}"]`);
  await expect(q("satisfaction").getByTestId("feedback-average")).toHaveText("Moyenne : 5,0 sur 5");
  await expect(q("organisation").getByTestId("feedback-average")).toHaveText("Moyenne : 4,0 sur 5");
  await expect(q("organisation").locator('[data-bar="4"]').getByTestId("bar-value")).toHaveText("1 (100 %)");
  await expect(q("suggestions").getByTestId("feedback-text")).toHaveText(new RegExp(SUGGESTION));

  // Pin a quote for the report.
  const takeaway = q("takeaway").getByTestId("feedback-text").filter({ hasText: TAKEAWAY });
  await takeaway.getByRole("button", { name: "Citer dans le compte rendu" }).click();
  await expect(takeaway).toHaveAttribute("data-pinned", "true");
  await expect(takeaway.getByTestId("feedback-pin")).toHaveAttribute("aria-pressed", "true");
  await expect(dialog.getByTestId("feedback-quotes-count")).toHaveText("1 citation retenue pour le compte rendu.");
  await expectNoSeriousViolations(fac, "feedback results (facilitator)");

  // The CSV holds the answers; the Markdown holds the quote.
  const [csv] = await Promise.all([fac.waitForEvent("download"), dialog.getByTestId("feedback-download-csv").click()]);
  expect(csv.suggestedFilename()).toMatch(new RegExp(`^retours-\\d{4}-\\d{2}-\\d{2}-${s.code}\\.csv$`));
  const table = await text(csv);
  expect(table).toContain(TAKEAWAY);
  expect(table).toContain(SUGGESTION);
  expect(table).toMatch(/;5;4;4;/);
  const [md] = await Promise.all([fac.waitForEvent("download"), dialog.getByTestId("feedback-download-md").click()]);
  expect(md.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await text(md);
  expect(markdown).toContain(`« ${TAKEAWAY} »`);
  expect(markdown).not.toContain(SUGGESTION);
  const [pdf] = await Promise.all([fac.waitForEvent("download"), dialog.getByTestId("feedback-download-pdf").click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);

  // Closing: the participant's page says so; the facilitator may reopen.
  await dialog.getByTestId("feedback-close").click();
  await expect(dialog.getByTestId("feedback-status")).toHaveText("Clos");
  await expect(dialog.getByTestId("feedback-open")).toHaveText("Rouvrir le questionnaire");
  await fatou.goto(`/s/${s.code}/retours`);
  await expect(fatou.getByTestId("feedback-closed")).toContainText("Le questionnaire est clos. Merci à vous !");

  // The share panel's card sums it up once the dialog is closed.
  await fac.keyboard.press("Escape");
  await expect(fac.getByTestId("feedback-card")).toContainText("Clos · 1 réponse");
  for (const p of [fac, fatou]) await p.context().close();
});

test("the facilitator edits the questions before opening: wording, a new single choice, a deletion, the order; the participant answers the edited questionnaire", async ({ browser }) => {
  const { page: fac, s } = await facilitator(browser, "Séminaire des référent·e·s");
  await fac.getByTestId("feedback-open-manager").click();
  const dialog = fac.getByTestId("feedback-dialog");
  await dialog.getByTestId("feedback-create-submit").click();
  const editor = dialog.getByTestId("feedback-editor");
  const cards = editor.getByTestId("feedback-editor-question");
  await expect(cards).toHaveCount(5);
  const status = editor.getByTestId("feedback-editor-status");
  await expectNoSeriousViolations(fac, "feedback editor (folded)");

  // The first question's wording, from its folded title.
  await editor.getByRole("button", { name: /^1\. Dans l'ensemble/ }).click();
  const first = cards.nth(0);
  await expect(first.getByRole("button", { name: /^1\./ })).toHaveAttribute("aria-expanded", "true");
  await first.getByLabel("Intitulé de la question").fill("Dans l'ensemble, que retenez-vous de la journée ?");
  await expect(status).toHaveText("Modifications non enregistrées");
  // The dialog closed by mistake: the changes are still there when it opens again.
  await fac.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await fac.getByTestId("feedback-open-manager").click();
  await expect(status).toHaveText("Modifications non enregistrées, retrouvées : enregistrez-les ou annulez-les.");
  await expect(editor.getByTestId("feedback-editor-toggle").first()).toContainText("1. Dans l'ensemble, que retenez-vous de la journée ?");
  // Opening now would open the stored version: it waits for a save or a cancel.
  await expect(dialog.getByTestId("feedback-open-form")).toContainText("Enregistrez ou annulez vos modifications avant d'ouvrir le questionnaire.");

  // A new question: the focus is in its wording; a single choice with three options, required.
  await editor.getByRole("button", { name: "Ajouter une question" }).click();
  const added = cards.nth(5);
  await expect(added.getByLabel("Intitulé de la question")).toBeFocused();
  await fac.keyboard.type("Quel atelier avez-vous préféré ?");
  await added.getByLabel("Type de réponse").selectOption({ label: "Un seul choix" });
  await added.getByLabel("Choix 1", { exact: true }).fill("Le matin");
  await added.getByLabel("Choix 2", { exact: true }).fill("L'après-midi");
  await added.getByRole("button", { name: "Ajouter un choix" }).click();
  await expect(added.getByLabel("Choix 3", { exact: true })).toBeFocused();
  await fac.keyboard.type("Les deux");
  await added.getByLabel("Réponse obligatoire").check();
  await expectNoSeriousViolations(fac, "feedback editor (a question open)");

  // The title emptied: the server's refusal points at it, in French.
  const title = editor.getByLabel("Titre du questionnaire", { exact: true });
  await title.fill("");
  await editor.getByTestId("feedback-editor-save").click();
  await expect(status).toHaveText("Non enregistré : voyez le titre.");
  await expect(editor.getByTestId("feedback-editor-error")).toHaveText("Donnez un titre au questionnaire.");
  await expect(title).toBeFocused();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await title.fill("Vos retours sur le séminaire");

  // Delete "Vos suggestions…" (5th), undo, delete it again.
  await editor.getByRole("button", { name: "Supprimer la question 5" }).click();
  await expect(cards).toHaveCount(5);
  await expect(editor.getByRole("button", { name: "Annuler la suppression" })).toBeFocused();
  await fac.keyboard.press("Enter");
  await expect(cards).toHaveCount(6);
  await expect(cards.nth(4)).toHaveAttribute("data-question", "suggestions");
  await editor.getByRole("button", { name: "Supprimer la question 5" }).click();
  await expect(cards).toHaveCount(5);

  // The new question up one place, the focus staying on its arrow.
  await editor.getByRole("button", { name: "Monter la question 5" }).click();
  await expect(editor.getByRole("button", { name: "Monter la question 4" })).toBeFocused();
  const order = [/1\. Dans l'ensemble, que retenez-vous de la journée \?/, /2\. Cette journée/, /3\. Comment jugez-vous/, /4\. Quel atelier avez-vous préféré \?/, /5\. Qu'est-ce que vous retenez/];
  await expect(editor.getByTestId("feedback-editor-toggle")).toHaveText(order);

  await editor.getByTestId("feedback-editor-save").click();
  await expect(status).toHaveText("Questions enregistrées.");
  await expect(status).toBeFocused();
  await expect(dialog.getByTestId("feedback-open-form")).not.toContainText("Enregistrez ou annulez");

  // After a reload, the stored questionnaire is the edited one.
  await fac.reload();
  await expect(fac.getByTestId("save-status")).toHaveText("Enregistré");
  await fac.getByTestId("feedback-open-manager").click();
  await expect(editor.getByTestId("feedback-editor-toggle")).toHaveText(order);
  await expect(editor.getByLabel("Titre du questionnaire", { exact: true })).toHaveValue("Vos retours sur le séminaire");
  await expect(status).toHaveText("");
  await editor.getByRole("button", { name: /^4\. Quel atelier/ }).click();
  const options = cards.nth(3).getByTestId("feedback-editor-option");
  await expect(options).toHaveCount(3);
  for (const [i, label] of ["Le matin", "L'après-midi", "Les deux"].entries()) await expect(options.nth(i)).toHaveValue(label);
  await expect(cards.nth(3).getByLabel("Réponse obligatoire")).toBeChecked();

  // Opened: until the first answer, the questions can still change.
  await dialog.getByTestId("feedback-open").click();
  await expect(dialog.getByTestId("feedback-status")).toHaveText("Ouvert");
  await expect(editor).toContainText("Personne n'a encore répondu : vous pouvez encore changer les questions.");

  // The participant finds the edited questionnaire and answers it.
  const awa = await join(browser, s.code, "Awa");
  await awa.setViewportSize({ width: 390, height: 844 });
  await awa.goto(`/s/${s.code}/retours`);
  await expect(awa.getByRole("heading", { level: 1 })).toHaveText("Vos retours sur le séminaire");
  const fields = awa.getByTestId("feedback-question-field");
  await expect(fields).toHaveCount(5);
  await expect(fields.nth(0)).toContainText("1. Dans l'ensemble, que retenez-vous de la journée ?");
  const workshop = fields.nth(3);
  await expect(workshop).toContainText(/4\. Quel atelier avez-vous préféré \?\s*\(obligatoire\)/);
  await expect(workshop.getByRole("radio")).toHaveCount(3);
  await expect(awa.getByText("Vos suggestions pour les prochaines rencontres")).toHaveCount(0);
  await workshop.getByRole("radio", { name: "Les deux" }).check();
  await awa.getByRole("button", { name: "Envoyer mes réponses" }).click();
  await expect(awa.getByTestId("feedback-thanks")).toBeVisible();

  // F3: once someone has answered, the editor gives way to the results.
  await expect(dialog.getByTestId("feedback-respondents")).toHaveText("1 réponse", { timeout: 15_000 });
  await expect(editor).toHaveCount(0);
  for (const p of [fac, awa]) await p.context().close();
});
