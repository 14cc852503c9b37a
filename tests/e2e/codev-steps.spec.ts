// One test per step of the co-développement method, each in three browser contexts
// (facilitator, case holder Fatou, consultant Karim), from the users' side: the step and the
// instruction each role sees, what each may do ("can-do", inputs there or not), what one
// writes reaching the others live, and what the step forbids. Rule ids from src/domain/SPEC.md.
// codevAtStep (pages.ts) makes the séance over HTTP and moves it to the step with the bar.
import { expect, test } from "@playwright/test";
import { codevSteps, pagesWithoutErrors } from "./pages.ts";

const newPage = pagesWithoutErrors();
const { codevAtStep } = codevSteps(newPage);
// About 15 s each on a quiet machine; room for a busy one (three browsers each).
test.describe.configure({ timeout: 90_000 });

const CAN_WRITE = "À vous d'écrire";
const LISTEN_ONLY = "Écoute : vous ne pouvez pas écrire pendant cette étape";
const PRIVATE_NOTES = "Mes notes personnelles (visibles par vous seul·e)";

test("1 Exposé — C5, C6: only the case holder writes the case, read live by the others; the consultant listens and keeps private notes", async ({ browser }) => {
  const { fac, holder, consultant, close } = await codevAtStep(browser, 1);
  for (const page of [fac, holder, consultant]) await expect(page.getByTestId("step-index")).toHaveText("Étape 1 sur 6");
  await expect(fac.getByTestId("instruction")).toContainText("Donnez la parole au porteur ou à la porteuse");
  await expect(holder.getByTestId("instruction")).toContainText("Présentez votre situation");
  await expect(consultant.getByTestId("instruction")).toContainText("Écoutez le porteur ou la porteuse");
  await expect(holder.getByTestId("can-do")).toHaveText(CAN_WRITE);
  await expect(consultant.getByTestId("can-do")).toHaveText(LISTEN_ONLY);
  await expect(consultant.getByText("Vos notes personnelles restent visibles par vous seul·e.")).toBeVisible();
  await expect(fac.getByTestId("can-do")).toHaveCount(0);

  // Forbidden: the consultant (and the facilitator's screen) cannot write the case; it reads "not written yet".
  for (const page of [consultant, fac]) {
    await expect(page.getByLabel("Le contexte")).toHaveCount(0);
    await expect(page.getByLabel("Ma question au groupe")).toHaveCount(0);
    await expect(page.getByTestId("case-question")).toHaveText("Pas encore écrit.");
  }

  // The case holder writes; both others read it live.
  await holder.getByLabel("Le contexte").fill("Un salarié en CDDI depuis 8 mois, dans un chantier d'insertion.");
  await holder.getByLabel("Ma question au groupe").fill("Comment renouer le contact ?");
  for (const page of [fac, consultant]) {
    await expect(page.getByTestId("case-context")).toHaveText("Un salarié en CDDI depuis 8 mois, dans un chantier d'insertion.");
    await expect(page.getByTestId("case-question")).toHaveText("Comment renouer le contact ?");
  }

  // Private notes: the consultant's are saved and seen by nobody else; the facilitator has none (C6, P5).
  await consultant.getByLabel(PRIVATE_NOTES).fill("Penser à la mobilité");
  await expect(consultant.getByTestId("private-status")).toHaveText("Enregistré");
  await expect(holder.getByLabel(PRIVATE_NOTES)).toHaveValue("");
  await expect(fac.getByLabel(PRIVATE_NOTES)).toHaveCount(0);
  for (const page of [fac, holder]) await expect(page.getByText("Penser à la mobilité")).toHaveCount(0);
  await close();
});

test("2 Clarification — C7: the consultant asks, the case holder answers in place and asks nothing", async ({ browser }) => {
  const { fac, holder, consultant, close } = await codevAtStep(browser, 2);
  await expect(holder.getByTestId("instruction")).toContainText("Répondez à chaque question");
  await expect(consultant.getByTestId("instruction")).toContainText("Posez vos questions pour mieux comprendre la situation");
  for (const page of [holder, consultant]) await expect(page.getByTestId("can-do")).toHaveText(CAN_WRITE);

  // Forbidden: no question card for the case holder (nor the facilitator's screen).
  for (const page of [holder, fac]) await expect(page.getByTestId("question-input")).toHaveCount(0);

  await consultant.getByTestId("question-input").fill("Depuis quand ne vient-il plus ?");
  await consultant.getByTestId("question-add").click();
  await expect(consultant.getByTestId("question-input")).toHaveValue("");
  for (const page of [fac, holder]) await expect(page.getByTestId("question")).toContainText("Depuis quand ne vient-il plus ?");
  await expect(consultant.getByTestId("question")).toContainText("(votre question)");
  await expect(consultant.getByRole("button", { name: "Retirer ma question" })).toBeVisible();
  await expect(holder.getByRole("button", { name: "Retirer ma question" })).toHaveCount(0);

  // Forbidden: the consultant cannot answer; the answer is the case holder's, read live.
  await expect(consultant.getByTestId("answer-input")).toHaveCount(0);
  await expect(consultant.getByTestId("answer")).toHaveText("Pas encore de réponse.");
  await holder.getByTestId("answer-input").fill("Trois semaines.");
  for (const page of [fac, consultant]) await expect(page.getByTestId("answer")).toHaveText("Trois semaines.");
  await close();
});

test("3 Contrat — C8, C3: only the case holder writes the contract; the reactions wait for it, and the facilitator is told why", async ({ browser }) => {
  const { fac, holder, consultant, close } = await codevAtStep(browser, 3);
  await expect(fac.getByTestId("instruction")).toContainText("Le groupe ne passe aux suggestions qu'une fois le contrat écrit.");
  await expect(holder.getByTestId("instruction")).toContainText("Écrivez ce que vous attendez du groupe");
  await expect(holder.getByTestId("can-do")).toHaveText(CAN_WRITE);
  await expect(consultant.getByTestId("can-do")).toHaveText(LISTEN_ONLY);

  // Forbidden: the consultant has no contract to write.
  await expect(consultant.getByLabel("Ce que j'attends du groupe")).toHaveCount(0);
  await expect(consultant.getByTestId("contract")).toHaveText("Pas encore écrit.");

  // Forbidden: no reactions without a contract; the bar says why, and so does the refusal.
  const needContract = "Les réactions commencent quand le contrat est écrit par le porteur ou la porteuse.";
  await expect(fac.getByTestId("blocked-reason")).toHaveText(needContract);
  await fac.getByTestId("bar-next").click();
  await expect(fac.getByTestId("seance-notice")).toContainText(needContract);
  await fac.getByRole("button", { name: "Fermer le message" }).click();
  await expect(fac.getByTestId("seance-notice")).toHaveCount(0);

  // Blanks are no contract either: the server refuses again.
  await holder.getByLabel("Ce que j'attends du groupe").fill("   ");
  await expect(fac.getByTestId("contract")).toHaveText("");
  await fac.getByTestId("bar-next").click();
  await expect(fac.getByTestId("seance-notice")).toContainText(needContract);
  for (const page of [fac, holder, consultant]) await expect(page.getByTestId("step-title")).toHaveText("Contrat");

  // Written: everyone reads it, the bar is free, and the reactions start with the contract as a reminder.
  await holder.getByLabel("Ce que j'attends du groupe").fill("Des idées pour reprendre contact avec lui.");
  for (const page of [fac, consultant]) await expect(page.getByTestId("contract")).toHaveText("Des idées pour reprendre contact avec lui.");
  await expect(fac.getByTestId("blocked-reason")).toHaveCount(0);
  await fac.getByTestId("bar-next").click();
  for (const page of [fac, holder, consultant]) await expect(page.getByTestId("step-title")).toHaveText("Réactions, commentaires, suggestions");
  await expect(consultant.getByTestId("contract-reminder")).toHaveText("Des idées pour reprendre contact avec lui.");
  await close();
});

test("4 Réactions — C4, C9, C13: the consultant posts typed suggestions; the case holder cannot post, only keeps them", async ({ browser }) => {
  const { fac, holder, consultant, contract, close } = await codevAtStep(browser, 4);
  for (const page of [holder, consultant]) await expect(page.getByTestId("contract-reminder")).toHaveText(contract!);
  await expect(holder.getByTestId("instruction")).toContainText("Écoutez sans répondre");
  await expect(consultant.getByTestId("instruction")).toContainText("Postez vos suggestions en choisissant leur type");
  await expect(holder.getByTestId("can-do")).toHaveText("Écoutez, et gardez les suggestions qui vous aident");
  await expect(consultant.getByTestId("can-do")).toHaveText(CAN_WRITE);

  // Forbidden: the case holder's back is turned, no suggestion input (nor on the facilitator's screen).
  for (const page of [holder, fac]) await expect(page.getByTestId("suggestion-input")).toHaveCount(0);

  // A typed suggestion, live on the other screens.
  await consultant.getByText("Ressource", { exact: true }).click();
  await consultant.getByTestId("suggestion-input").fill("Le référent de la mission locale");
  await consultant.getByTestId("suggestion-add").click();
  for (const page of [fac, holder]) await expect(page.getByTestId("suggestion").filter({ hasText: "Le référent de la mission locale" })).toContainText("Ressource");
  await expect(consultant.getByRole("button", { name: "Retirer ma suggestion" })).toBeVisible();
  await expect(holder.getByRole("button", { name: "Retirer ma suggestion" })).toHaveCount(0);

  // Forbidden: keeping is the case holder's choice, not the consultant's nor the facilitator's.
  for (const page of [consultant, fac]) await expect(page.getByTestId("keep")).toHaveCount(0);
  const keep = holder.getByTestId("suggestion").filter({ hasText: "Le référent de la mission locale" }).getByTestId("keep");
  await keep.click();
  await expect(keep).toHaveAttribute("aria-pressed", "true");
  for (const page of [fac, consultant]) await expect(page.getByTestId("suggestion")).toContainText("Gardée");
  await close();
});

test("5 Synthèse — C10: the synthesis starts from the kept suggestions; the case holder writes the plan, the consultant does not", async ({ browser }) => {
  const { fac, holder, consultant, close } = await codevAtStep(browser, 4);
  // Two suggestions, one kept.
  for (const text of ["Le référent de la mission locale", "Une visite à domicile"]) {
    await consultant.getByTestId("suggestion-input").fill(text);
    await consultant.getByTestId("suggestion-add").click();
  }
  await holder.getByTestId("suggestion").filter({ hasText: "Le référent de la mission locale" }).getByTestId("keep").click();
  await expect(consultant.getByTestId("suggestion").filter({ hasText: "Le référent de la mission locale" })).toContainText("Gardée");
  await fac.getByTestId("bar-next").click();
  for (const page of [fac, holder, consultant]) {
    await expect(page.getByTestId("step-title")).toHaveText("Synthèse et plan d'action");
    await expect(page.getByTestId("suggestion")).toHaveCount(1);
    await expect(page.getByTestId("suggestion")).toContainText("Le référent de la mission locale");
  }
  await expect(holder.getByTestId("instruction")).toContainText("Dites ce que vous retenez, puis écrivez vos actions");
  await expect(consultant.getByTestId("instruction")).toContainText("Écoutez ce que le porteur ou la porteuse retient.");
  await expect(holder.getByTestId("can-do")).toHaveText(CAN_WRITE);
  await expect(consultant.getByTestId("can-do")).toHaveText(LISTEN_ONLY);

  // Forbidden: no action nor summary for the consultant (nor on the facilitator's screen).
  for (const page of [consultant, fac]) {
    await expect(page.getByTestId("action-add")).toHaveCount(0);
    await expect(page.getByLabel("Ce que je retiens")).toHaveCount(0);
  }

  await holder.getByLabel("Ce que je retiens").fill("Passer par ses partenaires.");
  await holder.getByTestId("action-add").click();
  await holder.getByTestId("action-what").fill("Appeler la mission locale");
  await holder.getByTestId("action").getByLabel("Pour quand").fill("Lundi");
  for (const page of [fac, consultant]) {
    await expect(page.getByTestId("synthesis")).toHaveText("Passer par ses partenaires.");
    await expect(page.getByTestId("action")).toContainText("Appeler la mission locale");
    await expect(page.getByTestId("action")).toContainText("Lundi");
  }
  await expect(consultant.getByRole("button", { name: "Supprimer cette action" })).toHaveCount(0);
  await expect(holder.getByRole("button", { name: "Supprimer cette action" })).toBeVisible();
  await close();
});

test("6 Apprentissages — C11, C13: each participant, the case holder included, writes and rates; the average is shown, not who gave what", async ({ browser }) => {
  const { fac, holder, consultant, close } = await codevAtStep(browser, 6);
  await expect(fac.getByTestId("step-index")).toHaveText("Étape 6 sur 6");
  for (const page of [holder, consultant]) {
    await expect(page.getByTestId("instruction")).toContainText("Écrivez ce que vous avez appris pendant cette séance, puis notez-la de 1 à 5.");
    await expect(page.getByTestId("can-do")).toHaveText(CAN_WRITE);
  }
  // Forbidden: the facilitator neither writes a learning nor rates the séance; no step after the last (M3).
  await expect(fac.getByTestId("learning")).toHaveCount(0);
  await expect(fac.getByLabel("5 sur 5")).toHaveCount(0);
  await expect(fac.getByTestId("bar-next")).toHaveText(/Dernière étape/);
  await expect(fac.getByTestId("bar-next")).toBeDisabled();

  for (const [page, text, rating] of [[holder, "Écouter avant de répondre", "5 sur 5"], [consultant, "Poser des questions ouvertes", "4 sur 5"]] as const) {
    await page.getByTestId("learning").fill(text);
    await page.getByLabel(rating).check({ force: true });
  }
  for (const page of [fac, holder, consultant]) {
    await expect(page.getByText("Note moyenne de la séance : 4,5 sur 5 (2 avis)")).toBeVisible();
    // The learnings are shown without their author.
    for (const text of ["Écouter avant de répondre", "Poser des questions ouvertes"]) {
      await expect(page.getByRole("listitem").filter({ hasText: text })).toHaveText(text);
    }
  }
  await close();
});
