// A co-développement séance in two browsers: the facilitator creates it from the home page,
// a participant joins and volunteers, the facilitator makes them the case holder and starts;
// both screens follow the step, its instruction for their role and the countdown; the
// reactions wait for the contract, and the facilitator is told why.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { codevSteps, expectNoSeriousViolations, pagesWithoutErrors, roomSteps } from "./pages.ts";
import { io } from "socket.io-client";


/** Uncaught errors in any page of the current test: there must be none. */
const newPage = pagesWithoutErrors();

test("a facilitator runs a co-développement séance with a participant", async ({ browser }) => {
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
    await expect(page.getByTestId("countdown")).toHaveText(/^(10:00|9:\d\d)$/);
  }
  await expect(fac.getByTestId("instruction")).toContainText("Donnez la parole au porteur ou à la porteuse");
  await expect(part.getByTestId("instruction")).toContainText("Présentez votre situation");
  await expect(part.getByTestId("can-do")).toHaveText("À vous d'écrire");

  // The case holder writes the case; the facilitator reads it live (codev collections, §4).
  await part.getByLabel("Le contexte").fill("Un salarié en CDDI depuis 8 mois, dans un chantier d'insertion.");
  await expect(fac.getByTestId("case-context")).toHaveText("Un salarié en CDDI depuis 8 mois, dans un chantier d'insertion.");
  await expect(part.getByTestId("save-status").first()).toHaveText("Enregistré");

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
    await expect(page.getByTestId("countdown")).toHaveText(/^(15:00|1[34]:\d\d)$/);
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

const join = (browser: Browser, code: string, name: string) => roomSteps(newPage).join(browser, code, name, "lobby");

// Each step's rules, in three browsers, are in codev-steps.spec.ts; here, what comes after the steps.
const { codevAtStep } = codevSteps(newPage);

test("after the end: the facilitator downloads the Markdown report, and the group's next séance opens on the action plan", async ({ browser }) => {
  const { fac, holder, consultant, code, contract, close } = await codevAtStep(browser, 5);
  await holder.getByTestId("action-add").click();
  await holder.getByTestId("action-what").fill("Appeler la mission locale");
  await expect(consultant.getByTestId("action")).toContainText("Appeler la mission locale");

  // The end: the facilitator and the case holder get the report; the consultant gets no report button.
  await fac.getByTestId("bar-end").click();
  await fac.getByRole("button", { name: "Oui, terminer" }).click();
  await expect(holder.getByTestId("report")).toBeVisible();
  await expect(consultant.getByTestId("ended")).toBeVisible();
  await expect(consultant.getByTestId("report")).toHaveCount(0);
  const [download] = await Promise.all([fac.waitForEvent("download"), fac.getByTestId("report-md").click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^compte-rendu-\\d{4}-\\d{2}-\\d{2}-${code}\\.md$`));
  const markdown = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(markdown).toContain("Appeler la mission locale");
  expect(markdown).toContain(contract!);

  // The group meets again: the facilitator opens the next séance from the end screen; the
  // others are offered to join it; its lobby starts with the report-back on Fatou's plan.
  await fac.getByTestId("next-seance-create").click();
  await fac.waitForURL((url) => /\/s\/[A-Z0-9]{6}$/.test(url.pathname) && !url.pathname.endsWith(code));
  const nextCode = fac.url().split("/").pop()!;
  await expect(consultant.getByTestId("next-seance")).toContainText("La prochaine séance du groupe est ouverte");
  await consultant.getByTestId("next-seance-link").click();
  await consultant.waitForURL(new RegExp(`/rejoindre/${nextCode}$`));
  await consultant.getByLabel("Votre prénom").fill("Karim");
  await consultant.getByRole("button", { name: "Entrer dans la séance" }).click();
  for (const page of [fac, consultant]) {
    const plan = page.getByTestId("previous-plan");
    await expect(plan.getByRole("heading")).toHaveText("Retour sur le plan d'action de la dernière séance");
    await expect(plan).toContainText("porteur·euse du sujet : Fatou.");
    await expect(plan.getByTestId("previous-action")).toHaveText(["Appeler la mission locale"].map((what) => new RegExp(`^${what}`)));
  }
  await expectNoSeriousViolations(consultant, "lobby with the previous action plan");
  await close();
});

test("the séance screens have no serious accessibility violations", async ({ browser }) => {
  const fac = await newPage(browser);
  const res = await fac.request.post("/api/sessions", { data: { title: "Codev accessible", method: "codev" } });
  const s = (await res.json()) as { code: string; facilitatorToken: string };
  await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  await fac.getByTestId("lobby").waitFor();
  const holder = await join(browser, s.code, "Fatou");
  await holder.getByTestId("volunteer").click();
  await fac.getByTestId("bar-people").click();
  await fac.getByRole("button", { name: "Choisir comme porteur·euse" }).click();
  await expectNoSeriousViolations(fac, "facilitator lobby with the people panel");
  await expectNoSeriousViolations(holder, "participant lobby");
  await fac.getByTestId("bar-start").click();
  await holder.getByTestId("countdown").waitFor();
  await expectNoSeriousViolations(holder, "case holder in the exposé");
  await expectNoSeriousViolations(fac, "facilitator in the exposé");
  for (const page of [fac, holder]) await page.context().close();
});

test("when the time is up the facilitator is prompted, and +5 min works whatever the local clock says", async ({ browser, baseURL }) => {
  const fac = await newPage(browser);
  // The facilitator's computer is ten minutes ahead: the countdown must follow the server.
  await fac.clock.install({ time: Date.now() + 10 * 60_000 });
  const res = await fac.request.post("/api/sessions", { data: { title: "Codev minuté", method: "codev" } });
  const s = (await res.json()) as { code: string; facilitatorToken: string };
  await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
  await fac.getByTestId("lobby").waitFor();
  const holder = await join(browser, s.code, "Fatou");
  await holder.getByTestId("volunteer").click();
  await fac.getByTestId("bar-people").click();
  await fac.getByRole("button", { name: "Choisir comme porteur·euse" }).click();
  await fac.getByTestId("bar-start").click();
  await expect(fac.getByTestId("countdown")).toHaveText(/^(10:00|9:\d\d)$/);
  await expect(fac.getByTestId("time-up")).toHaveCount(0);

  // A program with the facilitator's key restarts the step's timer for 2 seconds (T6).
  const socket = io(baseURL!, { auth: { v: 1, code: s.code, token: s.facilitatorToken }, transports: ["websocket"] });
  try {
    const ack = await socket.timeout(5000).emitWithAck("seance:command", { type: "timerStart", durationMs: 2000 });
    expect(ack).toEqual({ ok: true });
  } finally {
    socket.disconnect();
  }

  // Time is up: the facilitator is prompted, the participant is not, nothing moves by itself.
  await expect(fac.getByTestId("time-up")).toBeVisible();
  await expect(fac.getByTestId("countdown")).toHaveText("0:00");
  await expect(holder.getByTestId("countdown")).toHaveText("0:00");
  await expect(holder.getByTestId("time-up")).toHaveCount(0);
  await expect(fac.getByTestId("step-title")).toHaveText("Exposé de la situation");

  // +5 min from the prompt: an overrun timer is extended from the server's now (T5).
  await fac.getByTestId("time-up").getByRole("button", { name: "+5 min" }).click();
  await expect(fac.getByTestId("time-up")).toHaveCount(0);
  for (const page of [fac, holder]) await expect(page.getByTestId("countdown")).toHaveText(/^(5:00|4:\d\d)$/);
  for (const page of [fac, holder]) await page.context().close();
});

test("an edit the server refuses (the screen had not seen the lock yet) is undone, and the participant is told why in French", async ({ browser, baseURL }) => {
  const consultant = await newPage(browser);
  // Hold back the séance states sent to this screen, as a slow network would, until the
  // server's refusal has come through.
  let hold = false;
  await consultant.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (typeof m === "string") {
        if (hold && m.includes('"seance:state"')) return;
        if (m.includes('"marguerite:error"')) hold = false;
      }
      ws.send(m);
    });
  });
  const res = await consultant.request.post("/api/sessions", { data: { title: "Codev verrouillé", method: "codev" } });
  const s = (await res.json()) as { code: string; facilitatorToken: string };
  const holder = (await (await consultant.request.post(`/api/sessions/${s.code}/participants`, { data: { displayName: "Fatou" } })).json()) as { participantId: string };
  const fac = io(baseURL!, { auth: { v: 1, code: s.code, token: s.facilitatorToken }, transports: ["websocket"] });
  const command = async (c: unknown) => expect(await fac.timeout(5000).emitWithAck("seance:command", c)).toEqual({ ok: true });
  try {
    await command({ type: "assignRole", participantId: holder.participantId, role: "caseHolder" });
    await command({ type: "start" });
    await command({ type: "next" });
    await consultant.goto(`/rejoindre/${s.code}`);
    await consultant.getByLabel("Votre prénom").fill("Karim");
    await consultant.getByRole("button", { name: "Entrer dans la séance" }).click();
    await expect(consultant.getByTestId("step-title")).toHaveText("Questions de clarification");

    hold = true;
    await command({ type: "lockBoard" });
    await consultant.getByTestId("question-input").fill("Depuis quand ne vient-il plus ?");
    await consultant.getByTestId("question-add").click();

    await expect(consultant.getByTestId("seance-notice").locator("p")).toHaveText(
      "Votre dernière modification n'a pas été enregistrée : l'animateur·rice a verrouillé le tableau. La page montre maintenant ce qui est enregistré.",
    );
    // The board is shown as the server holds it: no question, and no way to add one while locked.
    await expect(consultant.getByTestId("question")).toHaveCount(0);
    await expect(consultant.getByTestId("question-input")).toHaveCount(0);
    await expect(consultant.getByTestId("save-status").first()).toHaveText("Enregistré");
    await expectNoSeriousViolations(consultant, "the notice of a refused edit");
  } finally {
    fac.disconnect();
  }
  await consultant.context().close();
});
