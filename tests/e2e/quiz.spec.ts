// A quiz in three browsers: the facilitator picks the Quiz card on the home page, writes two
// questions in the editor (a refusal is shown next to its field), chooses anonymous scores and
// starts; Karim (laptop) and Fatou (phone, 390x844) answer; the facilitator sees "2 réponses",
// reveals; both see the right answer and the bars; a timed question runs out for Karim; the
// facilitator ends the quiz and sees the summary. Axe checks the editor, the question and the reveal.
// Then a question with a picture: uploaded from the editor (a fake PNG refused, the file chosen
// by keyboard), described, seen with its description by the facilitator and a phone.
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { expectNoSeriousViolations, pagesWithoutErrors, roomSteps } from "./pages.ts";
import { daisyPng } from "../helpers/png.ts";

const newPage = pagesWithoutErrors();
const { join } = roomSteps(newPage);

test("a facilitator runs a short quiz with two participants, one on a phone", async ({ browser }) => {
  const fac = await newPage(browser);
  await fac.goto("/");
  await fac.getByLabel("Titre de la séance").fill("Quiz de l'équipe");
  const card = fac.locator("label").filter({ hasText: "sans classement des personnes" });
  await expect(card).toContainText("Quiz");
  await card.click();
  await fac.getByRole("button", { name: "Créer la séance" }).click();
  await fac.waitForURL(/\/s\/[A-Z0-9]{6}$/);
  const code = fac.url().split("/").pop()!;
  await expect(fac.getByTestId("quiz-editor")).toBeVisible();
  await expect(fac.getByTestId("quiz-heading")).toHaveText("Préparez votre quiz");

  // Two participants arrive before the quiz is ready: they wait.
  const karim = await join(browser, code, "Karim");
  const fatou = await join(browser, code, "Fatou");
  await fatou.setViewportSize({ width: 390, height: 844 });
  for (const page of [karim, fatou]) {
    await expect(page.getByTestId("quiz-heading")).toHaveText("Le quiz va commencer");
    await expect(page.getByTestId("quiz-waiting")).toBeVisible();
  }

  // Saving an empty question: the server's refusal lands next to the prompt, which gets the focus.
  await fac.getByTestId("quiz-save").click();
  await expect(fac.getByTestId("quiz-field-error")).toHaveText("Écrivez la question.");
  await expect(fac.getByRole("textbox", { name: "La question" })).toBeFocused();
  await expect(fac.getByTestId("quiz-save-status")).toHaveText("Le quiz n'est pas enregistré : corrigez la question 1.");
  await expectNoSeriousViolations(fac, "the quiz editor with a refusal");

  // Question 1, single choice; question 2, true or false with 5 seconds to answer.
  const q1 = fac.getByTestId("quiz-question-editor").nth(0);
  await q1.getByRole("textbox", { name: "La question" }).fill("Combien de temps dure au plus un CDDI, renouvellements compris ?");
  await q1.getByLabel("Réponse 1", { exact: true }).fill("12 mois");
  await q1.getByLabel("Réponse 2", { exact: true }).fill("24 mois");
  await q1.getByLabel("Réponse 2 : juste").check();
  await q1.getByLabel(/^Explication/).fill("24 mois au plus, sauf dérogations.");
  await fac.getByTestId("quiz-add-question").click();
  const q2 = fac.getByTestId("quiz-question-editor").nth(1);
  await expect(q2.getByRole("textbox", { name: "La question" })).toBeFocused();
  await q2.getByLabel("Type de question").selectOption({ label: "Vrai ou faux" });
  await q2.getByRole("textbox", { name: "La question" }).fill("Il faut un diplôme pour entrer dans un chantier d'insertion.");
  await q2.getByLabel("Faux").check();
  await q2.getByLabel(/^Temps pour répondre/).fill("5");
  await fac.getByTestId("quiz-save").click();

  // Ready: the questions, the code, the scoring (anonymous here).
  await expect(fac.getByTestId("quiz-ready")).toBeVisible();
  await expect(fac.getByTestId("quiz-heading")).toHaveText("Le quiz est prêt");
  await expect(fac.getByTestId("quiz-ready")).toContainText("Vrai ou faux · 5 s");
  await fac.getByTestId("quiz-scoring-anonymous").check();
  await expect(fac.getByText("Choix enregistré.")).toBeVisible();

  // Question 1 on every screen.
  await fac.getByTestId("quiz-start").click();
  for (const page of [fac, karim, fatou]) {
    await expect(page.getByTestId("quiz-position")).toHaveText("Question 1 sur 2");
    await expect(page.getByTestId("quiz-heading")).toHaveText("Quiz de l'équipe");
    await expect(page.getByTestId("quiz-prompt")).toHaveText("Combien de temps dure au plus un CDDI, renouvellements compris ?");
  }
  await expect(fatou.getByTestId("quiz-instruction")).toHaveText("Choisissez une réponse, puis appuyez sur « Valider ».");
  await expect(fac.getByTestId("quiz-answered")).toHaveText(/^0 réponse/);
  await expectNoSeriousViolations(fatou, "a question on a phone");

  // Valider without a choice is a kind hint; then each answers.
  await fatou.getByRole("button", { name: "Valider" }).click();
  await expect(fatou.getByTestId("quiz-answer-error")).toHaveText("Choisissez d'abord une réponse.");
  await fatou.getByText("12 mois").click();
  await fatou.getByRole("button", { name: "Valider" }).click();
  await karim.getByLabel("24 mois").check();
  await karim.getByRole("button", { name: "Valider" }).click();
  for (const page of [karim, fatou]) await expect(page.getByTestId("quiz-sent")).toContainText("Réponse envoyée");
  await expect(fatou.getByTestId("quiz-sent")).toContainText("Votre réponse : 12 mois");
  await expect(fac.getByTestId("quiz-answered")).toHaveText("2 réponses sur 2 présent·e·s");
  // Back after a reload: the answer is still there.
  await karim.reload();
  await expect(karim.getByTestId("quiz-sent")).toContainText("Votre réponse : 24 mois");

  // Reveal: the right answer, the bars with their numbers, a kind word for each.
  await fac.getByRole("button", { name: "Révéler la réponse" }).click();
  for (const page of [fac, karim, fatou]) {
    await expect(page.getByTestId("quiz-correct-answer")).toHaveText("24 mois");
    const bars = page.getByTestId("quiz-bar");
    await expect(bars.filter({ hasText: "24 mois" }).getByTestId("quiz-bar-count")).toHaveText("1 réponse (50 %)");
    await expect(bars.filter({ hasText: "12 mois" }).getByTestId("quiz-bar-count")).toHaveText("1 réponse (50 %)");
    await expect(bars.filter({ hasText: "24 mois" })).toContainText("Bonne réponse");
    await expect(page.getByTestId("quiz-explanation")).toContainText("24 mois au plus, sauf dérogations.");
  }
  await expect(karim.getByTestId("quiz-my-result")).toHaveText("Bonne réponse, bravo !");
  await expect(fatou.getByTestId("quiz-my-result")).toHaveText("Ce n'est pas la réponse attendue. Pas de souci : voici la bonne.");
  await expect(karim.getByTestId("quiz-my-score")).toContainText("Votre score : 1 sur 1");
  await expect(fatou.getByTestId("quiz-my-score")).toContainText("Votre score : 0 sur 1");
  await expectNoSeriousViolations(fatou, "the reveal on a phone");

  // Question 2: 5 seconds. Fatou answers; Karim lets the time run out.
  await fac.getByRole("button", { name: "Question suivante" }).click();
  for (const page of [fac, karim, fatou]) await expect(page.getByTestId("quiz-position")).toHaveText("Question 2 sur 2");
  await expect(karim.getByTestId("quiz-changed")).toHaveText("Nouvelle question : 2 sur 2.");
  await expect(karim.getByTestId("quiz-countdown")).toHaveText(/^0:0[0-5]$/);
  await fatou.getByText("Faux", { exact: true }).click();
  await fatou.getByRole("button", { name: "Valider" }).click();
  await expect(fatou.getByTestId("quiz-sent")).toContainText("Votre réponse : Faux");
  await expect(karim.getByTestId("quiz-missed")).toHaveText("Pas de réponse de votre part cette fois-ci : ce n'est pas grave, regardez la réponse quand elle arrive.", { timeout: 10_000 });
  await expect(karim.getByTestId("quiz-time-up")).toHaveText("Temps écoulé");
  await expect(fac.getByTestId("quiz-answered")).toHaveText("1 réponse sur 2 présent·e·s");
  await fac.getByRole("button", { name: "Révéler la réponse" }).click();
  await expect(fatou.getByTestId("quiz-my-result")).toHaveText("Bonne réponse, bravo !");
  await expect(karim.getByTestId("quiz-my-result")).toHaveText("Vous n'avez pas répondu à cette question. Voici la bonne réponse.");
  await expect(karim.getByTestId("quiz-correct-answer")).toHaveText("Faux");

  // The last question revealed: ending is the one action left.
  await expect(fac.getByTestId("quiz-next")).toHaveCount(0);
  await fac.getByRole("button", { name: "Terminer le quiz" }).click();
  await expect(fac.getByTestId("quiz-heading")).toHaveText("Le quiz est terminé");
  const rows = fac.getByTestId("quiz-summary-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole("cell")).toHaveText(["2", "1"]);
  await expect(rows.nth(1).getByRole("cell")).toHaveText(["1", "1"]);
  await expect(fac.getByTestId("quiz-scoreboard")).toContainText("Les scores de la salle, sans noms");
  await expect(fac.getByTestId("quiz-bar")).toHaveCount(0);
  await expect(karim.getByTestId("quiz-my-score")).toContainText("Vous avez répondu à 1 question sur 2.");
  await expect(fatou.getByTestId("quiz-my-score")).toContainText("Vous avez répondu à 2 questions sur 2.");
  for (const page of [karim, fatou]) {
    await expect(page.getByTestId("quiz-instruction")).toHaveText("Merci d'avoir participé !");
    await expect(page.getByTestId("quiz-my-score")).toContainText("Votre score : 1 sur 2");
    // Nobody's name next to a score.
    await expect(page.getByTestId("quiz-scoreboard")).not.toContainText(/Karim|Fatou/);
  }
  await expectNoSeriousViolations(fac, "the quiz summary");
  for (const page of [fac, karim, fatou] as Page[]) await page.context().close();
});

test("the sample quiz loads in one click and is accepted", async ({ browser }) => {
  const fac = await newPage(browser);
  const res = await fac.request.post("/api/sessions", { data: { title: "Découverte", method: "quiz" } });
  expect(res.status()).toBe(201);
  const s = (await res.json()) as { code: string; facilitatorToken: string };
  await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  await fac.getByRole("button", { name: "Charger l'exemple" }).click();
  await expect(fac.getByTestId("quiz-question-editor")).toHaveCount(5);
  await expect(fac.getByLabel("Titre du quiz")).toHaveValue("L'insertion en 5 questions");
  await fac.getByRole("button", { name: "Enregistrer le quiz" }).click();
  await expect(fac.getByTestId("quiz-ready")).toContainText("Remettre dans l'ordre");
  await expectNoSeriousViolations(fac, "the ready quiz");
  // Changing it before the start brings the saved questions back into the editor.
  await fac.getByTestId("quiz-edit").click();
  await expect(fac.getByTestId("quiz-question-editor")).toHaveCount(5);
  await fac.getByRole("button", { name: "Annuler les modifications" }).click();
  await expect(fac.getByTestId("quiz-ready")).toBeVisible();
  await fac.context().close();
});

test("the facilitator illustrates a question with a picture and its description; a participant on a phone sees both", async ({ browser }) => {
  const fac = await newPage(browser);
  const res = await fac.request.post("/api/sessions", { data: { title: "Quiz illustré", method: "quiz" } });
  const s = (await res.json()) as { code: string; facilitatorToken: string };
  await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  const fatou = await join(browser, s.code, "Fatou");
  await fatou.setViewportSize({ width: 390, height: 844 });

  const q1 = fac.getByTestId("quiz-question-editor").nth(0);
  await q1.getByRole("textbox", { name: "La question" }).fill("Quelle fleur donne son nom à Marguerite ?");
  await q1.getByLabel("Réponse 1", { exact: true }).fill("La marguerite");
  await q1.getByLabel("Réponse 2", { exact: true }).fill("Le coquelicot");

  // A web page named .png is refused by the server, which reads the file's first bytes.
  const field = q1.getByRole("group", { name: "Image (facultatif)" });
  await field.getByTestId("quiz-image-input").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") });
  await expect(field.getByTestId("quiz-image-error")).toHaveText("Ce fichier n'est pas une image PNG, JPEG, WebP ou GIF.");

  // The real one, chosen with the keyboard: Enter on the button opens the file chooser.
  const choose = field.getByRole("button", { name: "Choisir une image" });
  await choose.focus();
  const [chooser] = await Promise.all([fac.waitForEvent("filechooser"), fac.keyboard.press("Enter")]);
  await chooser.setFiles({ name: "marguerite.png", mimeType: "image/png", buffer: daisyPng() });
  const alt = field.getByRole("textbox", { name: "Description de l'image (obligatoire)" });
  await expect(alt).toBeFocused();
  await expect(field.getByTestId("quiz-image-error")).toHaveCount(0);
  const preview = field.getByTestId("quiz-image-preview").getByRole("img");
  await expect(preview).toHaveAttribute("alt", "Aperçu de l'image de la question 1");
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  // Removed and added again: the focus comes back to the button, then to the description.
  await field.getByRole("button", { name: "Retirer l'image" }).click();
  await expect(choose).toBeFocused();
  await field.getByTestId("quiz-image-input").setInputFiles({ name: "marguerite.png", mimeType: "image/png", buffer: daisyPng() });
  await expect(alt).toBeFocused();

  // Without its description the picture is refused at the description, which gets the focus.
  await fac.getByTestId("quiz-save").click();
  await expect(field.getByTestId("quiz-field-error")).toHaveText("Décrivez l'image en une phrase, ou retirez-la.");
  await expect(alt).toBeFocused();
  await alt.fill("Une marguerite blanche au cœur jaune dans un pré");
  await expectNoSeriousViolations(fac, "the editor with a picture");
  if (process.env.MARGUERITE_SCREENS) await screens(fac, "editor", () => field.scrollIntoViewIfNeeded());
  await fac.getByTestId("quiz-save").click();
  await expect(fac.getByTestId("quiz-ready")).toBeVisible();

  await fac.getByTestId("quiz-start").click();
  for (const page of [fac, fatou]) {
    const img = page.getByTestId("quiz-image").getByRole("img", { name: "Une marguerite blanche au cœur jaune dans un pré" });
    await expect(img).toBeVisible();
    // Loaded from our own site (the page's CSP allows nothing else), above the question.
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(480);
    expect(await img.getAttribute("src")).toMatch(new RegExp(`^/api/sessions/${s.code}/quiz/images/[A-Za-z0-9_-]+$`));
    const [imgBox, promptBox] = [await img.boundingBox(), await page.getByTestId("quiz-prompt").boundingBox()];
    expect(imgBox!.y + imgBox!.height).toBeLessThanOrEqual(promptBox!.y);
  }
  // Scaled to the phone, and the answers still in sight below it.
  const phoneImg = (await fatou.getByTestId("quiz-image").getByRole("img").boundingBox())!;
  expect(phoneImg.x).toBeGreaterThanOrEqual(0);
  expect(phoneImg.x + phoneImg.width).toBeLessThanOrEqual(390);
  await expect(fatou.getByTestId("quiz-choice").first()).toBeInViewport();
  await expectNoSeriousViolations(fatou, "a question with a picture on a phone");
  if (process.env.MARGUERITE_SCREENS) {
    await screens(fatou, "participant");
    await screens(fac, "facilitator");
  }
  for (const page of [fac, fatou] as Page[]) await page.context().close();
});

/** Screenshots to look at (MARGUERITE_SCREENS=1): the page at laptop and phone sizes, into .tmp/screens/. */
async function screens(page: Page, name: string, before?: () => Promise<void>): Promise<void> {
  const original = page.viewportSize();
  for (const [size, width, height] of [["laptop", 1366, 768], ["phone", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await before?.();
    await page.screenshot({ path: path.resolve(import.meta.dirname, `../../.tmp/screens/${size}-quiz-image-${name}.png`) });
  }
  if (original) await page.setViewportSize(original);
}
