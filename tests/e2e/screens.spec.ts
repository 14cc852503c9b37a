// Screenshots to look at (not assertions): `npm run screens` writes home, join and room
// (participant, facilitator) at laptop, phone and 200 % zoom sizes into .tmp/screens/.
// The default e2e run leaves this file out (playwright.config.ts).
import { test, type Browser, type Page } from "@playwright/test";
import path from "node:path";

const OUT = path.resolve(import.meta.dirname, "../../.tmp/screens");
const SIZES = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
  // A laptop at 200 % zoom.
  { name: "zoom200", width: 683, height: 384 },
] as const;

async function newPage(browser: Browser, size: (typeof SIZES)[number], lang?: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: 1,
    isMobile: size.name === "phone",
    hasTouch: size.name === "phone",
  });
  if (lang) await context.addCookies([{ name: "lang", value: lang, url: test.info().project.use.baseURL! }]);
  return context.newPage();
}

for (const size of SIZES) {
  test(`screens at ${size.name}`, async ({ browser }) => {
    const fac = await newPage(browser, size);
    await fac.goto("/");
    await fac.screenshot({ path: `${OUT}/${size.name}-1-home.png` });
    await fac.getByLabel("Titre de la séance").fill("Réunion d'équipe : freins à l'emploi");
    await fac.getByRole("button", { name: "Créer la séance" }).click();
    await fac.waitForURL(/\/s\/[A-Z0-9]{6}$/);
    const code = fac.url().split("/").pop()!;
    await fac.getByTestId("board").waitFor();
    await fac.getByText("Enregistré").first().waitFor();
    await fac.screenshot({ path: `${OUT}/${size.name}-4-room-facilitator-empty.png` });

    const part = await newPage(browser, size);
    await part.goto(`/rejoindre/${code}`);
    await part.getByTestId("session-title").waitFor();
    await part.screenshot({ path: `${OUT}/${size.name}-2-join.png` });
    await part.getByLabel("Votre prénom").fill("Fatou");
    await part.getByRole("button", { name: "Entrer dans la séance" }).click();
    await part.getByTestId("board").waitFor();

    const ideas = [
      "Mobilité : pas de permis, horaires des bus",
      "Garde d'enfants le mercredi",
      "Confiance en soi après une longue période sans emploi",
    ];
    for (const [i, text] of ideas.entries()) {
      const page = i % 2 === 0 ? part : fac;
      await page.getByTestId("add-note").click();
      await page.getByTestId("note-editor").fill(text);
      await page.keyboard.press("Escape");
    }
    await part.locator("[data-note-id]").first().click({ position: { x: 100, y: 10 } });
    await part.waitForTimeout(300);
    await part.screenshot({ path: `${OUT}/${size.name}-3-room-participant.png` });
    await fac.waitForTimeout(300);
    await fac.screenshot({ path: `${OUT}/${size.name}-5-room-facilitator.png` });
    if (size.name === "laptop") {
      await fac.getByRole("button", { name: "Afficher en grand" }).click();
      await fac.waitForTimeout(200);
      await fac.screenshot({ path: `${OUT}/${size.name}-6-projector.png` });
      await fac.keyboard.press("Escape");
    }
    // Offline: the banner says that nothing is lost.
    await part.context().setOffline(true);
    await part.getByTestId("offline-banner").waitFor({ timeout: 15_000 }).catch(() => {});
    await part.screenshot({ path: `${OUT}/${size.name}-7-offline.png` });
    await part.context().setOffline(false);
    await fac.context().close();
    await part.context().close();

    const en = await newPage(browser, size, "en");
    await en.goto("/");
    await en.screenshot({ path: `${OUT}/${size.name}-8-home-en.png` });
    await en.context().close();
  });
}

// The co-développement room: lobby and a step, facilitator and case holder, laptop and phone.
for (const size of SIZES.filter((s) => s.name !== "zoom200")) {
  test(`codev screens at ${size.name}`, async ({ browser }) => {
    const fac = await newPage(browser, size);
    await fac.goto("/");
    await fac.getByLabel("Titre de la séance").fill("Codev du mardi");
    await fac.locator("label").filter({ hasText: "Co-développement" }).click();
    await fac.screenshot({ path: `${OUT}/${size.name}-codev-1-home.png`, fullPage: true });
    await fac.getByRole("button", { name: "Créer la séance" }).click();
    await fac.waitForURL(/\/s\/[A-Z0-9]{6}$/);
    const code = fac.url().split("/").pop()!;
    await fac.getByTestId("lobby").waitFor();

    const part = await newPage(browser, size);
    await part.goto(`/rejoindre/${code}`);
    await part.getByLabel("Votre prénom").fill("Fatou");
    await part.getByRole("button", { name: "Entrer dans la séance" }).click();
    await part.getByTestId("lobby").waitFor();
    await part.getByTestId("volunteer").click();
    await part.waitForTimeout(300);
    await part.screenshot({ path: `${OUT}/${size.name}-codev-2-lobby-participant.png` });
    await fac.getByTestId("bar-people").click();
    await fac.getByTestId("person").filter({ hasText: "Fatou" }).waitFor();
    await fac.waitForTimeout(300);
    await fac.screenshot({ path: `${OUT}/${size.name}-codev-3-lobby-facilitator.png` });
    await fac.getByRole("button", { name: "Choisir comme porteur·euse" }).click();
    await fac.getByTestId("people-panel").getByRole("button", { name: "Fermer" }).click();
    await fac.getByTestId("bar-start").click();
    await part.getByTestId("countdown").waitFor();
    await part.getByTestId("case-context").fill("Une structure d'insertion, un salarié en CDDI depuis 8 mois.").catch(() => {});
    await part.waitForTimeout(500);
    await part.screenshot({ path: `${OUT}/${size.name}-codev-4-expose-caseholder.png` });
    await fac.waitForTimeout(300);
    await fac.screenshot({ path: `${OUT}/${size.name}-codev-5-expose-facilitator.png` });
    await fac.getByTestId("bar-next").click();
    await part.getByText("Nouvelle étape").waitFor();
    await part.screenshot({ path: `${OUT}/${size.name}-codev-6-clarification-caseholder.png` });
    await fac.screenshot({ path: `${OUT}/${size.name}-codev-7-clarification-facilitator.png`, fullPage: true });
    await fac.context().close();
    await part.context().close();
  });
}

// The later co-développement steps with content, as the case holder and a consultant see them.
for (const size of SIZES.filter((s) => s.name !== "zoom200")) {
  test(`codev steps at ${size.name}`, async ({ browser }) => {
    const fac = await newPage(browser, size);
    const res = await fac.request.post("/api/sessions", { data: { title: "Codev du mardi", method: "codev" } });
    const s = (await res.json()) as { code: string; facilitatorToken: string };
    await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await fac.getByTestId("lobby").waitFor();
    const join = async (name: string) => {
      const p = await newPage(browser, size);
      await p.goto(`/rejoindre/${s.code}`);
      await p.getByLabel("Votre prénom").fill(name);
      await p.getByRole("button", { name: "Entrer dans la séance" }).click();
      await p.getByTestId("lobby").waitFor();
      return p;
    };
    const holder = await join("Fatou");
    const karim = await join("Karim");
    await fac.getByTestId("bar-people").click();
    await fac.getByTestId("person").filter({ hasText: "Fatou" }).getByTestId("role-select").selectOption("caseHolder");
    await fac.getByTestId("people-panel").getByRole("button", { name: "Fermer" }).click();
    await fac.getByTestId("bar-start").click();
    await holder.getByTestId("case-context").waitFor();
    await holder.getByLabel("Le contexte").fill("Chantier d'insertion, un salarié en CDDI depuis 8 mois.");
    await holder.getByLabel("Ce qui se passe").fill("Il ne vient plus depuis trois semaines et ne répond pas au téléphone.");
    await holder.getByLabel("Ma question au groupe").fill("Comment renouer le contact sans le mettre en difficulté ?");
    await karim.getByLabel("Mes notes personnelles (visibles par vous seul·e)").fill("Mobilité ? Santé ?");
    await karim.waitForTimeout(300);
    await karim.screenshot({ path: `${OUT}/${size.name}-codev-steps-1-expose-consultant.png` });
    await fac.getByTestId("bar-next").click();
    await karim.getByTestId("question-input").fill("Avez-vous des nouvelles par un collègue ?");
    await karim.getByTestId("question-add").click();
    await holder.getByTestId("answer-input").fill("Oui, par l'encadrant technique.");
    await holder.waitForTimeout(300);
    await holder.screenshot({ path: `${OUT}/${size.name}-codev-steps-2-clarification-holder.png` });
    await fac.getByTestId("bar-next").click();
    await holder.getByLabel("Ce que j'attends du groupe").fill("Des idées pour reprendre contact.");
    await fac.getByTestId("bar-next").click();
    for (const [type, text] of [["Idée", "Passer par l'encadrant technique"], ["Ressource", "Le référent santé de la mission locale"]]) {
      await karim.getByText(type, { exact: true }).click();
      await karim.getByTestId("suggestion-input").fill(text);
      await karim.getByTestId("suggestion-add").click();
    }
    await holder.getByTestId("keep").first().click();
    await karim.waitForTimeout(300);
    await karim.screenshot({ path: `${OUT}/${size.name}-codev-steps-3-reactions-consultant.png` });
    await holder.screenshot({ path: `${OUT}/${size.name}-codev-steps-4-reactions-holder.png` });
    await fac.getByTestId("bar-next").click();
    await holder.getByTestId("action-add").click();
    await holder.getByTestId("action-what").fill("Appeler l'encadrant technique");
    await holder.waitForTimeout(300);
    await holder.screenshot({ path: `${OUT}/${size.name}-codev-steps-5-synthesis-holder.png`, fullPage: true });
    await fac.getByTestId("bar-next").click();
    await karim.getByTestId("learning").fill("Poser des questions ouvertes.");
    await karim.getByLabel("4 sur 5").check({ force: true });
    await karim.waitForTimeout(300);
    await karim.screenshot({ path: `${OUT}/${size.name}-codev-steps-6-learnings-consultant.png` });
    await fac.getByTestId("bar-end").click();
    await fac.getByRole("button", { name: "Oui, terminer" }).click();
    await holder.getByTestId("ended").waitFor();
    await holder.screenshot({ path: `${OUT}/${size.name}-codev-steps-7-end-holder.png` });
    for (const p of [fac, holder, karim]) await p.context().close();
  });
}
