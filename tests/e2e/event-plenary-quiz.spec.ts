// A national day's plenary (issue 6): the coordination opens "Quiz et questionnaire", loads the
// sample quiz in one click and saves it, starts; Awa (placed in her group, on a phone) sees
// question 1 on her plenary screen with what to do, Bruno (just arrived, not placed yet) lands on
// it too; the projector shows the question without its answer; Awa answers, the dashboard counts
// 1 answer, the coordination reveals: Awa and the projector see the right answer and the bars.
// Then the feedback questionnaire: opened from the tab, its invitation on Awa's plenary screen;
// the day's synthesis downloaded from the same tab holds the quiz.
// Axe on each new screen; screenshots (MARGUERITE_SCREENS=1) in .tmp/shots-h1/ (dashboard 1366, phone 390, projector 1920).
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { eventSteps, expectNoSeriousViolations, pagesWithoutErrors, shot } from "./pages.ts";

const newPage = pagesWithoutErrors();
const { createDay, joinDay } = eventSteps(newPage);
const SHOTS = ".tmp/shots-h1";

const Q1 = "En principe, combien de temps peut durer au plus un CDDI (contrat à durée déterminée d'insertion), renouvellements compris ?";

test("the plenary's quiz and feedback questionnaire, run from the dashboard, answered on a phone, shown on the projector", async ({ browser }) => {
  const { coord, code } = await createDay(browser, "Journée nationale : la plénière");
  await coord.getByTestId("rooms-count").fill("1");
  await coord.getByTestId("rooms-add").click();
  await expect(coord.getByTestId("room-card")).toHaveCount(1);

  // Awa joins on a phone and is placed: her plenary screen.
  const awa = await joinDay(browser, code, "Awa", "Ressourcerie du Port", "Bretagne");
  await awa.setViewportSize({ width: 390, height: 844 });
  await coord.getByTestId("tab-people").click();
  await coord.getByTestId("place-balanced").click();
  await expect(coord.getByTestId("placed-count")).toHaveText("1 personne(s) placée(s) sur 1");
  await expect(awa.getByTestId("event-plenary")).toContainText("Votre groupe : Groupe 1");
  await expect(awa.getByTestId("plenary-quiz")).toHaveCount(0);

  // The tab: what the quiz is for here, the editor; the sample in one click, a longer time for question 1.
  await coord.getByTestId("tab-plenary").click();
  await expect(coord.getByTestId("tab-plenary")).toHaveText("Quiz et questionnaire");
  await expect(coord.getByTestId("plenary-quiz-intro")).toContainText("Le quiz s'affiche sur l'écran des participant·e·s pendant la plénière");
  await expect(coord.getByTestId("plenary-not-now")).toHaveCount(0);
  await expect(coord.getByTestId("quiz-heading")).toHaveText("Préparez votre quiz");
  await coord.getByTestId("quiz-load-sample").click();
  await shot(coord, { path: `${SHOTS}/dashboard-plenary-editor-1366.png` });
  await coord.getByTestId("quiz-question-editor").first().getByLabel(/^Temps pour répondre/).fill("300");
  await coord.getByTestId("quiz-save").click();
  await expect(coord.getByTestId("quiz-ready")).toBeVisible();
  await expect(coord.getByTestId("quiz-heading")).toHaveText("Le quiz est prêt");
  await expect(coord.getByTestId("feedback-card")).toBeVisible();
  await shot(coord, { path: `${SHOTS}/dashboard-plenary-ready-1366.png`, fullPage: true });
  await expectNoSeriousViolations(coord, "the dashboard's plenary tab, quiz ready");
  // Prepared but not started: nothing on the phones yet.
  await expect(awa.getByTestId("plenary-quiz")).toHaveCount(0);

  // The projector, beside the dashboard (the coordination's key, kept in this browser).
  const projector = await coord.context().newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`/s/${code}/projection`);
  await expect(projector.getByTestId("projection-rooms")).toContainText("Groupe 1");
  await expect(projector.getByTestId("projection-quiz")).toHaveCount(0);

  // Question 1: the dashboard, the phone, the projector.
  await coord.getByTestId("quiz-start").click();
  await expect(coord.getByTestId("quiz-position")).toHaveText("Question 1 sur 5");
  await expect(coord.getByTestId("quiz-answered")).toHaveText(/^0 réponse/);
  await expect(coord.getByTestId("tab-plenary")).toHaveText("Quiz et questionnaire · quiz en cours");
  const awaQuiz = awa.getByTestId("plenary-quiz");
  await expect(awaQuiz.getByTestId("quiz-position")).toHaveText("Question 1 sur 5");
  await expect(awaQuiz.getByTestId("quiz-prompt")).toHaveText(Q1);
  await expect(awaQuiz.getByTestId("quiz-instruction")).toHaveText("Choisissez une réponse, puis appuyez sur « Valider ».");
  await expect(awaQuiz.getByTestId("quiz-countdown")).toHaveText(/^[45]:\d\d$/);
  await expect(awa.getByTestId("event-stage")).toHaveText("Plénière");
  // Now and next in view on a phone: the instruction and the button to answer, without scrolling.
  await expect(awaQuiz.getByTestId("quiz-instruction")).toBeInViewport();
  await expect(awa.getByRole("button", { name: "Valider" })).toBeInViewport();
  await shot(awa, { path: `${SHOTS}/plenary-question-390.png` });
  await expectNoSeriousViolations(awa, "a question on the plenary screen (phone)");

  const proj = projector.getByTestId("projection-quiz");
  await expect(proj).toHaveAttribute("data-phase", "open");
  await expect(projector.getByTestId("projection-quiz-prompt")).toHaveText(Q1);
  await expect(projector.getByTestId("projection-quiz-options").getByRole("listitem")).toHaveText(["6 mois", "12 mois", "24 mois", "36 mois"]);
  await expect(projector.getByTestId("projection-quiz-answered")).toHaveText("0 réponse sur 1 présent·e");
  // The projector holds the key (the coordination's view) and never shows it before the reveal.
  await expect(proj.getByTestId("quiz-correct-answer")).toHaveCount(0);
  await expect(proj).not.toContainText("Bonne réponse");
  await expect(proj).not.toContainText("dérogations");

  // Bruno arrives during the question, not placed yet: he lands on it.
  const bruno = await newPage(browser);
  await bruno.goto(`/rejoindre/${code}`);
  await bruno.getByLabel("Votre prénom").fill("Bruno");
  await bruno.getByRole("button", { name: "Entrer dans la séance" }).click();
  await bruno.getByTestId("who-submit").click();
  await expect(bruno.getByTestId("plenary-quiz").getByTestId("quiz-prompt")).toHaveText(Q1);
  await expect(bruno.getByTestId("plenary-not-placed")).toContainText("Vous serez bientôt placé·e dans un groupe.");
  await shot(bruno, { path: `${SHOTS}/plenary-not-placed-1366.png` });
  await expectNoSeriousViolations(bruno, "the plenary screen of someone not placed yet, a question on");

  // Awa answers; the dashboard and the projector count it.
  await awaQuiz.getByText("24 mois").click();
  await awa.getByRole("button", { name: "Valider" }).click();
  await expect(awaQuiz.getByTestId("quiz-sent")).toContainText("Votre réponse : 24 mois");
  await expect(awaQuiz.getByTestId("quiz-instruction")).toHaveText("Réponse envoyée. Attendez que l'animateur·rice révèle la réponse.");
  await expect(coord.getByTestId("quiz-answered")).toHaveText("1 réponse sur 2 présent·e·s");
  await expect(projector.getByTestId("projection-quiz-answered")).toHaveText("1 réponse sur 2 présent·e·s");
  await shot(coord, { path: `${SHOTS}/dashboard-plenary-question-1366.png`, fullPage: true });
  await expectNoSeriousViolations(coord, "the dashboard's plenary tab, a question on");

  // The reveal: the right answer on the phone and, only now, on the projector.
  await coord.getByTestId("quiz-reveal-button").click();
  await expect(awaQuiz.getByTestId("quiz-correct-answer")).toHaveText("24 mois");
  await expect(awaQuiz.getByTestId("quiz-my-result")).toHaveText("Bonne réponse, bravo !");
  await expect(awaQuiz.getByTestId("quiz-instruction")).toHaveText("Voici la réponse. La question suivante arrive bientôt.");
  await expect(proj).toHaveAttribute("data-phase", "revealed");
  await expect(proj.getByTestId("quiz-correct-answer")).toHaveText("24 mois");
  await expect(proj.getByTestId("quiz-bar").filter({ hasText: "24 mois" }).getByTestId("quiz-bar-count")).toHaveText("1 réponse (100 %)");
  await expect(proj.getByTestId("quiz-explanation")).toContainText("dérogations");
  await shot(projector, { path: `${SHOTS}/projector-revealed-1920.png` });
  await expectNoSeriousViolations(projector, "the projector, a question revealed");
  await shot(awa, { path: `${SHOTS}/plenary-revealed-390.png` });
  await expectNoSeriousViolations(awa, "the reveal on the plenary screen (phone)");
  await shot(coord, { path: `${SHOTS}/dashboard-plenary-revealed-1366.png` });

  // A reload lands on the question as it is.
  await awa.reload();
  await expect(awa.getByTestId("plenary-quiz").getByTestId("quiz-correct-answer")).toHaveText("24 mois");

  // The feedback questionnaire: created from the template and opened from the tab.
  await coord.getByTestId("feedback-open-manager").click();
  const dialog = coord.getByTestId("feedback-dialog");
  await dialog.getByTestId("feedback-create-submit").click();
  await expect(dialog.getByTestId("feedback-status")).toHaveText("Prêt, pas encore ouvert.");
  await dialog.getByTestId("feedback-open").click();
  await expect(dialog.getByTestId("feedback-status")).toHaveText("Ouvert");
  await coord.keyboard.press("Escape");
  await expect(coord.getByTestId("feedback-card")).toContainText("Ouvert · Aucune réponse");
  // The phone reads the questionnaire's state every 30 s and when the page is shown again: as if back to it.
  await awa.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  const invite = awa.getByTestId("feedback-invite");
  await expect(invite).toContainText("Donnez votre avis");
  await expect(invite.getByRole("link", { name: "Répondre au questionnaire" })).toHaveAttribute("href", `/s/${code}/retours`);
  await shot(awa, { path: `${SHOTS}/plenary-feedback-390.png` });
  await expectNoSeriousViolations(awa, "the plenary screen with the feedback invitation (phone)");
  await shot(coord, { path: `${SHOTS}/dashboard-plenary-feedback-1366.png`, fullPage: true });

  // The end of the quiz: the phone keeps the score card, the projector goes back to the groups.
  await coord.getByTestId("quiz-end").click();
  await coord.getByTestId("quiz-end-yes").click();
  await expect(coord.getByTestId("quiz-summary")).toBeVisible();
  await expect(awa.getByTestId("plenary-quiz").getByTestId("quiz-heading")).toHaveText("Le quiz est terminé");
  await expect(projector.getByTestId("projection-quiz")).toHaveCount(0);
  await expect(projector.getByTestId("projection-rooms")).toContainText("Groupe 1");

  // The day's synthesis from the same tab, without any angles d'écoute: the quiz, no names.
  const [download] = await Promise.all([coord.waitForEvent("download"), coord.getByTestId("plenary-activities").getByTestId("synthesis-md").click()]);
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toContain("Synthèse de la journée");
  expect(text).toContain("## Quiz : L'insertion en 5 questions");
  expect(text).toContain("24 mois");
  expect(text).not.toContain("Awa");
});
