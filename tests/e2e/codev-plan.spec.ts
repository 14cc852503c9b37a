// A co-développement séance prepared and chosen by the group, in three browsers (facilitator,
// future case holder, consultant): the facilitator changes the durations and adds the
// subject-choice step; the group proposes two subjects and votes (a tie is shown as a tie);
// the facilitator picks one and its proposer holds the case; spotlight and summon reach the
// other screens; the séance runs to its end and its PDF report holds what the group wrote.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousViolations, pagesWithoutErrors, roomSteps } from "./pages.ts";
import { pdfPlainText } from "../helpers/pdf.ts";

const newPage = pagesWithoutErrors();

const join = (browser: Browser, code: string, name: string) => roomSteps(newPage).join(browser, code, name, "lobby");

test("prepare, choose the subject together, spotlight and summon, run to the end and read the PDF report", async ({ browser }) => {
  // 30 s on a quiet machine; over 120 s on a loaded 2-core CI machine.
  test.setTimeout(300_000);
  const fac = await newPage(browser);
  const res = await fac.request.post("/api/sessions", { data: { title: "Codev préparé", method: "codev" } });
  expect(res.status()).toBe(201);
  const s = (await res.json()) as { code: string; facilitatorToken: string };
  await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  await fac.getByTestId("lobby").waitFor();
  const fatou = await join(browser, s.code, "Fatou");
  const karim = await join(browser, s.code, "Karim");

  // Preparation: the facilitator sees the steps with their default durations; participants do not.
  const prep = fac.getByTestId("preparation");
  await expect(prep.getByRole("heading")).toHaveText("Préparer le déroulé");
  await expect(karim.getByTestId("preparation")).toHaveCount(0);
  await expect(fac.getByLabel("Durée de « Exposé de la situation » en minutes")).toHaveValue("10");
  await expect(fac.getByLabel("Durée de « Choix du sujet » en minutes")).toBeDisabled();

  // A duration out of bounds is refused in French before anything is sent.
  await fac.getByLabel("Durée de « Exposé de la situation » en minutes").fill("0");
  await prep.getByRole("button", { name: "Enregistrer le déroulé" }).click();
  await expect(prep.getByTestId("prep-error")).toHaveText("« Exposé de la situation » : indiquez un nombre entier de minutes, de 1 à 180.");
  await expect(fac.getByLabel("Durée de « Exposé de la situation » en minutes")).toBeFocused();

  // With the keyboard: the subject choice switched on, the durations changed, then saved.
  await fac.getByLabel("Prévoir l'étape « Choix du sujet »").focus();
  await fac.keyboard.press("Space");
  await fac.getByLabel("Durée de « Choix du sujet » en minutes").fill("8");
  await fac.getByLabel("Durée de « Exposé de la situation » en minutes").fill("12");
  await fac.getByLabel("Durée de « Réactions, commentaires, suggestions » en minutes").fill("20");
  await fac.getByLabel("Durée de « Réactions, commentaires, suggestions » en minutes").press("Enter");
  await expect(prep.getByTestId("prep-saved")).toHaveText("Déroulé enregistré. Tout le monde le voit.");
  await expect(prep.getByTestId("prep-error")).toHaveCount(0);
  for (const page of [fac, karim]) {
    const plan = page.getByTestId("plan");
    await expect(plan.getByRole("listitem")).toHaveCount(7);
    await expect(plan.getByRole("listitem").first()).toContainText("Choix du sujet");
    await expect(plan.getByTestId("plan-minutes")).toHaveText(["8 min", "12 min", "15 min", "5 min", "20 min", "15 min", "15 min"]);
  }
  await fac.setViewportSize({ width: 1366, height: 768 });
  await fac.screenshot({ path: test.info().outputPath("preparation.png") });
  await expectNoSeriousViolations(fac, "the preparation of the plan");

  // The subject step needs no case holder: the facilitator starts straight away.
  await expect(fac.getByTestId("lobby")).toContainText("Le groupe choisira son sujet à la première étape");
  await expect(fac.getByTestId("blocked-reason")).toHaveCount(0);
  await fac.getByTestId("bar-start").click();
  for (const page of [fac, fatou, karim]) {
    await expect(page.getByTestId("step-title")).toHaveText("Choix du sujet");
    await expect(page.getByTestId("step-index")).toHaveText("Étape 1 sur 7");
    await expect(page.getByTestId("countdown")).toHaveText(/^(8:00|7:\d\d)$/);
  }
  await expect(fac.getByTestId("blocked-reason")).toHaveText("Choisissez un sujet parmi les propositions pour passer à l'exposé.");
  await expect(fac.getByTestId("subject-input")).toHaveCount(0);

  // Two proposals; one renamed.
  await fatou.getByLabel("Le titre de la situation que vous proposez").fill("Un salarié qui ne vient plus");
  await fatou.getByTestId("subject-propose").click();
  await karim.getByLabel("Le titre de la situation que vous proposez").fill("Une famille sans logement");
  await karim.getByTestId("subject-propose").click();
  await karim.getByLabel("Le titre de la situation que vous proposez").fill("Une famille à la rue");
  await karim.getByRole("button", { name: "Modifier ma proposition" }).click();
  for (const page of [fac, fatou, karim]) await expect(page.getByTestId("subject-title")).toHaveText(["Un salarié qui ne vient plus", "Une famille à la rue"]);
  await expect(fac.getByTestId("subject").first()).toContainText("Proposé par Fatou");

  // Votes: each for the other's subject, a tie shown as a tie; a vote changed then withdrawn.
  await fatou.getByRole("button", { name: "Voter pour ce sujet : « Une famille à la rue »" }).click();
  await karim.getByRole("button", { name: "Voter pour ce sujet : « Un salarié qui ne vient plus »" }).click();
  await expect(fac.getByTestId("subject-tie")).toHaveText("Égalité entre 2 sujets : le groupe en parle, puis l'animateur·rice choisit.");
  await expect(fac.getByTestId("subject-leading")).toHaveText(["Égalité", "Égalité"]);
  await expect(fac.getByTestId("subject-votes")).toHaveText(["1 voix", "1 voix"]);
  await fatou.getByRole("button", { name: "Voter pour ce sujet : « Un salarié qui ne vient plus »" }).click();
  await expect(fac.getByTestId("subject-tie")).toHaveCount(0);
  await expect(fac.getByTestId("subject-title")).toHaveText(["Un salarié qui ne vient plus", "Une famille à la rue"]);
  await expect(fac.getByTestId("subject-votes")).toHaveText(["2 voix", "0 voix"]);
  await expect(fac.getByTestId("subject-leading")).toHaveText(["En tête"]);
  await karim.getByRole("button", { name: "Retirer mon vote : « Un salarié qui ne vient plus »" }).click();
  await expect(fatou.getByTestId("subject-votes")).toHaveText(["1 voix", "0 voix"]);
  await expect(karim.getByRole("button", { name: "Voter pour ce sujet : « Un salarié qui ne vient plus »" })).toHaveAttribute("aria-pressed", "false");
  await fatou.screenshot({ path: test.info().outputPath("subject.png") });
  await expectNoSeriousViolations(fatou, "the subject choice");
  await expectNoSeriousViolations(fac, "the subject choice, facilitator");

  // The facilitator picks Fatou's subject: she becomes the case holder, and the exposé can start.
  await fac.getByRole("button", { name: "Choisir ce sujet : « Un salarié qui ne vient plus »" }).click();
  await expect(fatou.getByTestId("my-role")).toHaveText("Votre rôle : Porteur·euse du sujet");
  await expect(karim.getByTestId("subject-chosen")).toContainText("« Un salarié qui ne vient plus »");
  await expect(fac.getByTestId("blocked-reason")).toHaveCount(0);
  await fac.getByTestId("bar-next").click();
  for (const page of [fac, fatou, karim]) await expect(page.getByTestId("step-title")).toHaveText("Exposé de la situation");
  await expect(karim.getByTestId("countdown")).toHaveText(/^(12:00|11:\d\d)$/);
  await fatou.getByLabel("Ma question au groupe").fill("Comment renouer le contact ?");
  await expect(karim.getByTestId("case-question")).toHaveText("Comment renouer le contact ?");

  // Clarification: a question spotlighted by the facilitator is seen, large, on every screen.
  await fac.getByTestId("bar-next").click();
  await karim.getByTestId("question-input").fill("Depuis quand ne vient-il plus ?");
  await karim.getByTestId("question-add").click();
  await expect(karim.getByTestId("spotlight-button")).toHaveCount(0);
  await fac.getByRole("button", { name: "Mettre en avant : Depuis quand ne vient-il plus ?" }).click();
  for (const page of [fac, fatou, karim]) await expect(page.getByTestId("spotlight-text")).toHaveText("Depuis quand ne vient-il plus ?");
  await expect(karim.getByTestId("spotlight-clear")).toHaveCount(0);
  await fac.getByTestId("spotlight-clear").click();
  for (const page of [fatou, karim]) await expect(page.getByTestId("spotlight")).toHaveCount(0);

  // Summon: the others are brought back to the step's content, and told so.
  await karim.getByTestId("seance-main").evaluate((el) => el.scrollIntoView({ block: "end" }));
  await fac.getByTestId("bar-summon").click();
  for (const page of [fatou, karim]) await expect(page.getByTestId("summon-notice")).toHaveText("L'animateur·rice vous ramène ici : l'étape en cours.");
  await expect(karim.getByTestId("seance-main")).toBeFocused();
  await expect(fac.getByTestId("bar-summon")).toHaveText("Ne plus ramener");
  await fac.getByTestId("bar-summon").click();
  await expect(fac.getByTestId("bar-summon")).toHaveText("Ramener tout le monde ici");

  // Contract, reactions (a suggestion spotlighted, kept; the spotlight ends with the step), synthesis, learnings.
  await fac.getByTestId("bar-next").click();
  await fatou.getByLabel("Ce que j'attends du groupe").fill("Des idées concrètes.");
  await expect(fac.getByTestId("contract")).toHaveText("Des idées concrètes.");
  await fac.getByTestId("bar-next").click();
  await expect(karim.getByTestId("countdown")).toHaveText(/^(20:00|19:\d\d)$/);
  await karim.getByTestId("suggestion-input").fill("Le référent mission locale");
  await karim.getByTestId("suggestion-add").click();
  await fac.getByTestId("suggestion").filter({ hasText: "Le référent mission locale" }).getByTestId("spotlight-button").click();
  await expect(fatou.getByTestId("spotlight-text")).toHaveText("Le référent mission locale");
  await fatou.getByTestId("suggestion").filter({ hasText: "Le référent mission locale" }).getByTestId("keep").click();
  await expect(karim.getByTestId("suggestion")).toContainText("Gardée");
  await fac.getByTestId("bar-next").click();
  await expect(fatou.getByTestId("step-title")).toHaveText("Synthèse et plan d'action");
  await expect(fatou.getByTestId("spotlight")).toHaveCount(0);
  await fatou.getByTestId("action-add").click();
  await fatou.getByTestId("action-what").fill("Appeler la mission locale");
  await expect(karim.getByTestId("action")).toContainText("Appeler la mission locale");
  await fac.getByTestId("bar-next").click();
  for (const [page, text, rating] of [[fatou, "Écouter avant de répondre", "5 sur 5"], [karim, "Poser des questions ouvertes", "4 sur 5"]] as const) {
    await page.getByTestId("learning").fill(text);
    await page.getByLabel(rating).check({ force: true });
  }
  await expect(fac.getByText("Note moyenne de la séance : 4,5 sur 5 (2 avis)")).toBeVisible();
  await fac.getByTestId("bar-end").click();
  await fac.getByRole("button", { name: "Oui, terminer" }).click();
  await expect(fac.getByTestId("report")).toBeVisible();

  // The PDF report, with the facilitator's key: the case, the contract, the kept suggestion, the action, the average.
  const pdf = await fac.request.get(`/api/sessions/${s.code}/report?format=pdf`, { headers: { Authorization: `Bearer ${s.facilitatorToken}` } });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  const text = pdfPlainText(await pdf.body());
  for (const expected of ["Comment renouer le contact ?", "Des idées concrètes.", "Le référent mission locale", "Appeler la mission locale", "Note moyenne : 4,5 / 5"]) {
    expect(text, expected).toContain(expected);
  }

  for (const page of [fac, fatou, karim]) await page.context().close();
});
