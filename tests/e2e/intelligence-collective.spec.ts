// An atelier d'intelligence collective in three browsers: the facilitator (laptop), Fatou the
// porteuse (laptop) and Karim, a participant on a phone. The facilitator makes Fatou porteuse
// and drives with the bar; every screen shows the step, its instruction for the role and the
// countdown; Fatou states her difficulty, Karim asks a question and Fatou answers it, both give
// ideas, they put them into regroupements and vote with the board's dots, and Fatou writes the
// short answer. Screenshots go to .tmp/screens/ic-*.png to be looked at.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations, pagesWithoutErrors, roomSteps, shot } from "./pages.ts";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

const newPage = pagesWithoutErrors();
const { join } = roomSteps(newPage);
const SHOTS = ".tmp/screens";
const PHONE = { width: 390, height: 844 };

const IC_STEPS = ["Énoncé du problème", "Questions de clarification", "Idées", "Regroupement et vote", "Réponse courte"] as const;

async function stepIs(pages: Page[], index: number): Promise<void> {
  for (const page of pages) {
    await expect(page.getByTestId("step-title")).toHaveText(IC_STEPS[index - 1]);
    await expect(page.getByTestId("step-index")).toHaveText(`Étape ${index} sur 5`);
    await expect(page.getByTestId("countdown")).toBeVisible();
  }
}

test("an atelier d'intelligence collective from the difficulty to the short answer", async ({ browser }) => {
  const fac = await newPage(browser);
  const res = await fac.request.post("/api/sessions", { data: { title: "Groupe 3", method: "intelligenceCollective" } });
  expect(res.status()).toBe(201);
  const s = (await res.json()) as CreateSessionResponse;
  const [, fatou, karim] = await Promise.all([
    fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`).then(() => fac.getByTestId("lobby").waitFor()),
    join(browser, s.code, "Fatou", "lobby"),
    join(browser, s.code, "Karim", "lobby"),
  ]);
  await karim.setViewportSize(PHONE);

  // The lobby: the method's name and its plan, not a free board.
  await expect(fac.getByTestId("now")).toContainText("Atelier d'intelligence collective");
  await expect(fac.getByTestId("plan")).toContainText("Énoncé du problème");
  await expect(fac.getByTestId("plan")).toContainText("Réponse courte");
  await expect(fac.getByTestId("blocked-reason")).toHaveText("Choisissez d'abord le porteur ou la porteuse du sujet.");
  await expect(karim.getByTestId("facilitator-bar")).toHaveCount(0);
  await expect(karim.getByTestId("add-note")).toHaveCount(0);

  // Fatou is made porteuse in the people panel.
  await fac.getByTestId("bar-people").click();
  await fac.getByTestId("person").filter({ hasText: "Fatou" }).getByTestId("role-select").selectOption("caseHolder");
  await expect(fatou.getByTestId("my-role")).toHaveText("Votre rôle : Porteur·euse du sujet");
  await fac.getByTestId("people-panel").getByRole("button", { name: "Fermer" }).click();
  await shot(fac, { path: `${SHOTS}/ic-lobby-facilitator-1366.png` });

  // 1. The problem statement: Fatou writes, the others listen and read it live.
  await fac.getByTestId("bar-start").click();
  await stepIs([fac, fatou, karim], 1);
  await expect(fatou.getByTestId("instruction")).toContainText("Écrivez votre difficulté en quelques phrases");
  await expect(fatou.getByTestId("can-do")).toHaveText("À vous d'écrire");
  await expect(karim.getByTestId("instruction")).toContainText("Écoutez sans interrompre");
  const difficulty = "Un salarié en insertion ne veut pas quitter le chantier à la fin de son contrat.";
  await fatou.getByLabel("La difficulté").fill(difficulty);
  await expect(karim.getByTestId("ic-problem-statement")).toHaveText(difficulty);
  await expect(fac.getByTestId("ic-problem-statement")).toHaveText(difficulty);
  // The timer from the bar, as in co-développement.
  await fac.getByTestId("bar-plus1").click();
  await expect(fac.getByTestId("countdown")).toHaveText(/^1[01]:\d\d$/);
  await shot(fatou, { path: `${SHOTS}/ic-1-problem-porteuse-1366.png` });
  await shot(karim, { path: `${SHOTS}/ic-1-problem-participant-390.png` });
  await expectNoSeriousViolations(fatou, "ic problem statement (porteuse)");

  // 2. Clarifying questions: Karim asks, Fatou answers under the question.
  await fac.getByTestId("bar-next").click();
  await stepIs([fac, fatou, karim], 2);
  await expect(karim.getByTestId("ic-problem-reminder")).toHaveText(difficulty);
  await karim.getByTestId("question-input").fill("Depuis combien de temps est-il sur le chantier ?");
  await karim.getByTestId("question-add").click();
  await expect(fatou.getByTestId("question")).toHaveCount(1);
  await fatou.getByTestId("answer-input").fill("Deux ans, son contrat finit en mars.");
  await expect(karim.getByTestId("answer")).toHaveText("Deux ans, son contrat finit en mars.");
  await shot(karim, { path: `${SHOTS}/ic-2-questions-participant-390.png` });
  await shot(fatou, { path: `${SHOTS}/ic-2-questions-porteuse-1366.png` });
  await expectNoSeriousViolations(karim, "ic questions (participant, phone)");

  // 3. Ideas: one per sticky note, everyone writes their own.
  await fac.getByTestId("bar-next").click();
  await stepIs([fac, fatou, karim], 3);
  await expect(karim.getByTestId("can-do")).toHaveText("À vous d'écrire");
  for (const idea of ["Une immersion dans une autre entreprise", "Rencontrer d'anciens salariés"]) {
    await karim.getByLabel("Mon idée", { exact: true }).fill(idea);
    await karim.getByTestId("ic-idea-add").click();
  }
  await fatou.getByLabel("Mon idée", { exact: true }).fill("En parler avec sa référente RSA");
  await fatou.getByTestId("ic-idea-add").click();
  await expect(fac.getByTestId("ic-idea")).toHaveCount(3);
  await expect(karim.getByTestId("ic-idea")).toHaveCount(3);
  await shot(karim, { path: `${SHOTS}/ic-3-ideas-participant-390.png`, fullPage: true });
  await shot(fac, { path: `${SHOTS}/ic-3-ideas-facilitator-1366.png` });
  await expectNoSeriousViolations(karim, "ic ideas (participant, phone)");

  // 4. Regroupement and vote: ideas put into groups by anyone; the board's dot vote.
  await fac.getByTestId("bar-next").click();
  await stepIs([fac, fatou, karim], 4);
  await expect(karim.getByTestId("ic-idea-input")).toHaveCount(0);
  await karim.getByLabel("Ranger l'idée « Une immersion dans une autre entreprise » dans").selectOption("1");
  await fatou.getByLabel("Ranger l'idée « Rencontrer d'anciens salariés » dans").selectOption("1");
  await fatou.getByLabel("Ranger l'idée « En parler avec sa référente RSA » dans").selectOption("2");
  await expect(fac.getByTestId("ic-family-1").getByTestId("ic-idea")).toHaveCount(2);
  await expect(fac.getByTestId("ic-family-2").getByTestId("ic-idea")).toHaveCount(1);
  await expect(karim.getByTestId("ic-family-0").getByTestId("ic-idea")).toHaveCount(0);
  // Anyone names a regroupement; the others see the name as it is typed, and in the "Ranger dans" choice.
  await karim.getByLabel("Nom du regroupement 1").fill("Rencontres et immersions");
  await fatou.getByLabel("Nom du regroupement 2").fill("L'accompagnement");
  await expect(fatou.getByLabel("Nom du regroupement 1")).toHaveValue("Rencontres et immersions");
  // the facilitator's screen shows what the participants write, read-only (as for every input)
  await expect(fac.getByTestId("ic-family-title-1")).toHaveText("Regroupement 1 : Rencontres et immersions (2)");
  await expect(fac.getByLabel("Nom du regroupement 1")).toHaveCount(0);
  await expect(karim.getByLabel("Nom du regroupement 2")).toHaveValue("L'accompagnement");
  await expect(karim.getByLabel("Ranger l'idée « En parler avec sa référente RSA » dans").locator("option[value='1']")).toHaveText("Regroupement 1 : Rencontres et immersions");
  await expect(fatou.getByLabel("Nom du regroupement 3")).toHaveAttribute("maxlength", "80");
  await shot(fatou.getByTestId("ic-families"), { path: `${SHOTS}/ic-4-clusters-named-porteuse-1366.png` });
  await karim.getByTestId("ic-family-1").scrollIntoViewIfNeeded();
  await shot(karim, { path: `${SHOTS}/ic-4-clusters-participant-390.png` });

  await fac.getByTestId("tools-toggle").click();
  await fac.getByTestId("vote-new").click();
  await fac.getByTestId("vote-budget").fill("2");
  await fac.getByTestId("vote-max").fill("1");
  await fac.getByTestId("vote-open").click();
  await expect(karim.getByTestId("vote-remaining")).toHaveText("Il vous reste 2 gommette(s) sur 2.");
  const ballot = (page: Page, text: string) => page.getByTestId("ballot").locator("li").filter({ hasText: text });
  await ballot(karim, "Rencontrer d'anciens salariés").getByTestId("dot-plus").click();
  await ballot(karim, "En parler avec sa référente RSA").getByTestId("dot-plus").click();
  await ballot(fatou, "Rencontrer d'anciens salariés").getByTestId("dot-plus").click();
  await expect(fac.getByTestId("dots-cast")).toHaveText("3 gommette(s) posée(s) en tout.");
  await shot(karim, { path: `${SHOTS}/ic-4-vote-participant-390.png` });
  await shot(fac, { path: `${SHOTS}/ic-4-clusters-facilitator-1366.png` });
  await expectNoSeriousViolations(karim, "ic regroupement and vote (participant, phone)");
  await fac.getByTestId("vote-reveal").click();
  await expect(karim.getByTestId("vote-results").locator("li").nth(0)).toContainText("Rencontrer d'anciens salariés");
  await fac.getByTestId("vote-close").click();
  await expect(karim.getByTestId("dot-plus")).toHaveCount(0);
  await shot(fatou, { path: `${SHOTS}/ic-4-clusters-porteuse-1366.png` });

  // 5. The short answer: Fatou writes it, the others read it live.
  await fac.getByTestId("bar-next").click();
  await stepIs([fac, fatou, karim], 5);
  await expect(karim.getByTestId("ic-answer-text")).toHaveText("Pas encore écrit.");
  // The names stay, read-only, above the ideas by regroupement.
  await expect(karim.getByTestId("ic-family-title-1")).toHaveText("Regroupement 1 : Rencontres et immersions (2)");
  await expect(fatou.getByTestId("ic-family-title-2")).toHaveText("Regroupement 2 : L'accompagnement (1)");
  await expect(karim.getByLabel("Nom du regroupement 1")).toHaveCount(0);
  await shot(karim.getByTestId("ic-families"), { path: `${SHOTS}/ic-5-clusters-named-participant-390.png` });
  const answer = "Organiser une rencontre avec d'anciens salariés, puis une immersion d'une semaine.";
  await fatou.getByLabel("Réponse courte du groupe").fill(answer);
  await expect(fatou.getByTestId("ic-answer-count")).toHaveText(`${answer.length} / 600 caractères`);
  await expect(karim.getByTestId("ic-answer-text")).toHaveText(answer);
  await expect(fac.getByTestId("ic-answer-text")).toHaveText(answer);
  await shot(fatou, { path: `${SHOTS}/ic-5-answer-porteuse-1366.png` });
  await shot(karim, { path: `${SHOTS}/ic-5-answer-participant-390.png` });
  await expectNoSeriousViolations(fatou, "ic short answer (porteuse)");

  // The end: the difficulty and the answer stay, the porteuse may still edit them (I5).
  await fac.getByTestId("bar-end").click();
  await fac.getByRole("button", { name: "Oui, terminer" }).click();
  for (const page of [fac, fatou, karim]) await expect(page.getByTestId("ended")).toBeVisible();
  await expect(fatou.getByTestId("ended")).toContainText("Vous pouvez encore modifier la difficulté et la réponse courte");
  await expect(fac.getByTestId("report")).toHaveCount(0);
  await expect(fatou.getByLabel("Réponse courte du groupe")).toHaveValue(answer);
  await expect(karim.getByTestId("ic-answer-text")).toHaveText(answer);
  await expect(karim.getByTestId("ic-family-title-1")).toHaveText("Regroupement 1 : Rencontres et immersions (2)");
  await shot(fatou, { path: `${SHOTS}/ic-6-ended-porteuse-1366.png` });
  await expectNoSeriousViolations(karim, "ic ended (participant)");
});

test("a national day's intelligence-collective group opens with its steps, from the participant's ticket and the coordination's", async ({ browser }) => {
  const coord = await newPage(browser);
  const res = await coord.request.post("/api/sessions", { data: { title: "Journée entraide", method: "event" } });
  expect(res.status()).toBe(201);
  const s = (await res.json()) as CreateSessionResponse;
  await coord.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  await expect(coord.getByTestId("dashboard")).toBeVisible();
  await coord.getByTestId("rooms-count").fill("1");
  await coord.getByTestId("rooms-template").selectOption("intelligenceCollective");
  await coord.getByTestId("rooms-add").click();
  await expect(coord.getByTestId("room-card")).toHaveCount(1);

  const awa = await newPage(browser);
  await awa.goto(`/rejoindre/${s.code}`);
  await awa.getByLabel("Votre prénom").fill("Awa");
  await awa.getByRole("button", { name: "Entrer dans la séance" }).click();
  await awa.waitForURL(new RegExp(`/s/${s.code}$`));
  await awa.getByTestId("who-structure").fill("Ressourcerie du Port");
  await awa.getByTestId("who-territory").fill("Bretagne");
  await awa.getByTestId("who-submit").click();
  await expect(awa.getByTestId("event-waiting")).toBeVisible();

  await coord.getByTestId("tab-people").click();
  await coord.getByTestId("place-balanced").click();
  await expect(coord.getByTestId("placed-count")).toHaveText("1 personne(s) placée(s) sur 1");
  // Still in plenary: the groups' answers as the room is shown them (I6), none written yet.
  await expect(awa.getByTestId("wall-entry")).toHaveText([/Groupe 1.*Pas encore de réponse courte\./]);
  await coord.getByTestId("stage-groups").click();
  // In her group: the atelier's lobby and plan, not a free board.
  const room = awa.getByTestId("event-room");
  await expect(room.getByTestId("lobby")).toBeVisible();
  await expect(room.getByTestId("now")).toContainText("Atelier d'intelligence collective");
  await expect(room.getByTestId("plan")).toContainText("Réponse courte");
  await expect(room.getByTestId("add-note")).toHaveCount(0);
  await expect(room.getByTestId("lobby")).toContainText("Vous avez une difficulté de votre travail");
  await expect(room.getByTestId("volunteer")).toHaveText("Je propose une difficulté");
  await shot(awa, { path: `${SHOTS}/ic-event-participant-1366.png` });
  await expectNoSeriousViolations(awa, "ic group in a national day (participant)");

  // The coordination enters the group with its ticket: the same séance, with the facilitator's bar.
  await coord.getByTestId("tab-rooms").click();
  const [roomTab] = await Promise.all([coord.context().waitForEvent("page"), coord.getByTestId("room-enter").first().click()]);
  await expect(roomTab.getByTestId("now")).toContainText("Atelier d'intelligence collective");
  await expect(roomTab.getByTestId("lobby")).toBeVisible();
  await shot(roomTab, { path: `${SHOTS}/ic-event-coordination-1366.png` });
  await roomTab.close();
});
