// A co-développement séance in two browsers: the facilitator creates it from the home page,
// a participant joins and volunteers, the facilitator makes them the case holder and starts;
// both screens follow the step, its instruction for their role and the countdown; the
// reactions wait for the contract, and the facilitator is told why.
import { expect, test, type Browser, type Page } from "@playwright/test";

let pageErrors: string[] = [];
test.beforeEach(() => {
  pageErrors = [];
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  return page;
}

test("a facilitator runs a co-développement séance with a participant", async ({ browser }) => {
  test.setTimeout(60_000);
  const fac = await newPage(browser);
  await fac.goto("/");
  await fac.getByLabel("Titre de la séance").fill("Codev du mardi");
  const codevCard = fac.locator("label").filter({ hasText: "Co-développement" });
  await expect(codevCard).toContainText("6 étapes, environ 85 min");
  await codevCard.click();
  await fac.getByRole("button", { name: "Créer la séance" }).click();
  await fac.waitForURL(/\/s\/[A-Z0-9]{6}$/);
  const code = fac.url().split("/").pop()!;

  // Lobby on the facilitator's screen, with the bar and the plan.
  await expect(fac.getByTestId("lobby")).toBeVisible();
  await expect(fac.getByTestId("step-title")).toHaveText("La séance n'a pas encore commencé");
  await expect(fac.getByTestId("my-role")).toHaveText("Votre rôle : Animateur·rice");
  await expect(fac.getByTestId("lobby")).toContainText("Exposé de la situation");
  await expect(fac.getByTestId("blocked-reason")).toHaveText("Choisissez d'abord le porteur ou la porteuse du sujet.");

  // A participant joins and sees the lobby too.
  const part = await newPage(browser);
  await part.goto(`/rejoindre/${code}`);
  await part.getByLabel("Votre prénom").fill("Fatou");
  await part.getByRole("button", { name: "Entrer dans la séance" }).click();
  await part.waitForURL(new RegExp(`/s/${code}$`));
  await expect(part.getByTestId("lobby")).toBeVisible();
  await expect(part.getByTestId("my-role")).toHaveText("Votre rôle : Consultant·e");
  await expect(part.getByTestId("facilitator-bar")).toHaveCount(0);

  // Starting without a case holder is refused, kindly.
  await fac.getByTestId("bar-start").click();
  await expect(fac.getByTestId("seance-notice")).toContainText("Choisissez d'abord le porteur ou la porteuse du sujet.");

  // She volunteers; the facilitator sees it in the people panel and makes her the case holder.
  await part.getByTestId("volunteer").click();
  await expect(part.getByText("Vous vous êtes proposé·e comme porteur·euse.")).toBeVisible();
  await fac.getByTestId("bar-people").click();
  const fatou = fac.getByTestId("person").filter({ hasText: "Fatou" });
  await expect(fatou).toContainText("se propose comme porteur·euse");
  await fatou.getByRole("button", { name: "Choisir comme porteur·euse" }).click();
  await expect(fatou.getByTestId("role-select")).toHaveValue("caseHolder");
  await expect(part.getByTestId("my-role")).toHaveText("Votre rôle : Porteur·euse du sujet");

  // Start: both screens show the first step, the instruction for their role and the countdown.
  await fac.getByTestId("bar-start").click();
  for (const page of [fac, part]) {
    await expect(page.getByTestId("step-title")).toHaveText("Exposé de la situation");
    await expect(page.getByTestId("step-index")).toHaveText("Étape 1 sur 6");
    await expect(page.getByTestId("countdown")).toHaveText(/^(10:00|9:[0-5]\d)$/);
  }
  await expect(fac.getByTestId("instruction")).toContainText("Donnez la parole au porteur ou à la porteuse");
  await expect(part.getByTestId("instruction")).toContainText("Présentez votre situation");
  await expect(part.getByTestId("can-do")).toHaveText("À vous d'écrire");

  // The case holder writes the case; the facilitator reads it live (codev collections, §4).
  await part.getByLabel("Le contexte").fill("Un salarié en CDDI depuis 8 mois, dans un chantier d'insertion.");
  await expect(fac.getByTestId("case-context")).toHaveText("Un salarié en CDDI depuis 8 mois, dans un chantier d'insertion.");
  await expect(part.getByTestId("save-status")).toHaveText("Enregistré");

  // Pause and +5 min: the same timer on both screens.
  await fac.getByTestId("bar-pause").click();
  await expect(part.getByText("En pause")).toBeVisible();
  await fac.getByTestId("bar-plus5").click();
  await expect(part.getByTestId("countdown")).toHaveText(/^1[45]:[0-5]\d$/);
  await fac.getByTestId("bar-pause").click();
  await expect(part.getByText("En pause")).toHaveCount(0);

  // Next: the step changes on both screens, gently announced.
  await fac.getByTestId("bar-next").click();
  for (const page of [fac, part]) {
    await expect(page.getByTestId("step-title")).toHaveText("Questions de clarification");
    await expect(page.getByTestId("step-index")).toHaveText("Étape 2 sur 6");
    await expect(page.getByTestId("countdown")).toHaveText(/^(15:00|14:[0-5]\d)$/);
  }
  await expect(part.getByTestId("step-changed")).toHaveText("Nouvelle étape : Questions de clarification");
  await expect(part.getByTestId("instruction")).toContainText("Répondez à chaque question");

  // Contract step: the reactions wait for the contract, and the bar says why.
  await fac.getByTestId("bar-next").click();
  await expect(part.getByTestId("step-title")).toHaveText("Contrat");
  await expect(fac.getByTestId("blocked-reason")).toHaveText("Les réactions commencent quand le contrat est écrit par le porteur ou la porteuse.");
  await fac.getByTestId("bar-next").click();
  await expect(fac.getByTestId("seance-notice")).toContainText("Les réactions commencent quand le contrat est écrit");
  await expect(fac.getByTestId("step-title")).toHaveText("Contrat");

  // Once the case holder has written the contract, the reactions can start.
  await part.getByLabel("Ce que j'attends du groupe").fill("Des idées pour reprendre contact avec lui.");
  await expect(fac.getByTestId("contract")).toHaveText("Des idées pour reprendre contact avec lui.");
  await expect(fac.getByTestId("blocked-reason")).toHaveCount(0);
  await fac.getByTestId("bar-next").click();
  for (const page of [fac, part]) await expect(page.getByTestId("step-title")).toHaveText("Réactions, commentaires, suggestions");
  await expect(part.getByTestId("instruction")).toContainText("Écoutez sans répondre");
  await expect(part.getByTestId("suggestion-input")).toHaveCount(0);

  // Back one step, then end: both see the end screen.
  await fac.getByTestId("bar-previous").click();
  await expect(part.getByTestId("step-title")).toHaveText("Contrat");
  await fac.getByTestId("bar-end").click();
  await fac.getByRole("button", { name: "Oui, terminer" }).click();
  for (const page of [fac, part]) await expect(page.getByTestId("step-title")).toHaveText("La séance est terminée. Merci à toutes et à tous !");

  await fac.context().close();
  await part.context().close();
});
