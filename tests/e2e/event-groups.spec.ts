// A national day's groups in browsers (issue 5), three features the protocol tests already cover:
// 1. self-chosen groups: the coordination gives one group a capacity and opens the choice; Awa
//    (laptop) and Bruno (phone) choose on their screens, the full group is shown full and cannot
//    be chosen, the dashboard shows the seats, and closing the choice takes it off their screens;
// 2. a group's facilitator named from the dashboard: Fatou's screen says she facilitates it, she
//    runs its séance from the facilitator bar, and Karim's call for help reaches her;
// 3. after the regroup by angle, the coordination enters an angle's room from the dashboard (new
//    tab), finds the angle's perceptions on its board and opens the dot vote there.
// Axe on each new screen; screenshots in .tmp/shots-h2/ (the choice on a phone, the facilitator's screen).
import { expect, test, type Page } from "@playwright/test";
import { PHONE, eventSteps, expectNoSeriousViolations, pagesWithoutErrors, shot } from "./pages.ts";

const newPage = pagesWithoutErrors();
const { createDay, addRooms, roomCard, openSettings, joinDay } = eventSteps(newPage);
const SHOTS = ".tmp/shots-h2";

const choice = (page: Page, room: string) => page.getByTestId("choose-room").filter({ hasText: room });
const changeRoom = (page: Page) => page.getByRole("button", { name: "Changer de groupe" });

test("self-chosen groups: a capacity, the choice on each screen, a full group, the seats on the dashboard, the choice closed", async ({ browser }) => {
  const t0 = Date.now();
  const { coord, code } = await createDay(browser, "Journée du libre choix");
  await addRooms(coord, 2);
  // One seat in the Groupe 2.
  const g2 = await openSettings(coord, "Groupe 2");
  await g2.getByLabel("Places").fill("1");
  await g2.getByTestId("room-save").click();
  await expect(coord.getByTestId("dash-notice-text")).toHaveText("Groupe enregistré.");

  const [awa, bruno] = await Promise.all([
    joinDay(browser, code, "Awa", "Ressourcerie du Port", "Bretagne"),
    joinDay(browser, code, "Bruno", "Jardin de Cocagne", "Normandie", { viewport: PHONE }),
  ]);
  await expect(awa.getByTestId("event-waiting")).toContainText("Bonjour Awa");
  await expect(bruno.getByTestId("event-waiting")).toContainText("Bonjour Bruno");
  await expect(roomCard(coord, "Groupe 2").getByTestId("room-seats")).toHaveText("Places : 0 sur 1");
  await expect(roomCard(coord, "Groupe 1").getByTestId("room-seats")).toHaveCount(0);

  // The coordination opens the choice from the people tab.
  await coord.getByTestId("tab-people").click();
  await coord.getByTestId("self-choice-open").click();
  await expect(coord.getByText("Le libre choix est ouvert : chacun·e choisit son groupe sur son écran.")).toBeVisible();
  await expect(coord.getByTestId("self-choice-close")).toHaveText("Fermer le libre choix");

  // Bruno, on his phone: both groups offered, the seats said.
  await expect(bruno.getByRole("heading", { name: "Choisissez votre groupe" })).toBeVisible();
  await expect(choice(bruno, "Groupe 1")).toContainText("Places libres");
  await expect(choice(bruno, "Groupe 2")).toContainText("1 place(s) restante(s)");
  await expect(choice(bruno, "Groupe 2")).toBeInViewport();
  await shot(bruno, { path: `${SHOTS}/self-choice-390.png` });
  await expectNoSeriousViolations(bruno, "the choice of a group on a phone");
  await choice(bruno, "Groupe 2").click();
  await expect(bruno.getByTestId("event-plenary")).toContainText("Votre groupe : Groupe 2");
  await shot(bruno, { path: `${SHOTS}/self-choice-chosen-390.png` });

  // Awa: the Groupe 2 is full and cannot be taken; she takes the Groupe 1 with the keyboard.
  await expect(choice(awa, "Groupe 2")).toContainText("Complet");
  await expect(choice(awa, "Groupe 2")).toBeDisabled();
  await expect(choice(awa, "Groupe 1")).toContainText("Places libres");
  await choice(awa, "Groupe 1").focus();
  await awa.keyboard.press("Enter");
  await expect(awa.getByTestId("event-plenary")).toContainText("Votre groupe : Groupe 1");

  // The dashboard: who sits where, and the full group's seats.
  await expect(coord.getByTestId("placed-count")).toHaveText("2 personne(s) placée(s) sur 2");
  await expect(coord.getByTestId("person-row").filter({ hasText: "Bruno" }).getByTestId("person-room")).toHaveValue("room-2");
  await expect(coord.getByTestId("person-row").filter({ hasText: "Awa" }).getByTestId("person-room")).toHaveValue("room-1");
  await coord.getByTestId("tab-rooms").click();
  await expect(roomCard(coord, "Groupe 2").getByTestId("room-seats")).toHaveText("Places : 1 sur 1 · complet");
  await expect(roomCard(coord, "Groupe 2").getByTestId("room-people")).toContainText("sur 1 placé·e·s");
  await expect(roomCard(coord, "Groupe 1").getByTestId("room-people")).toContainText("sur 1 placé·e·s");
  await expectNoSeriousViolations(coord, "the groups with their seats");
  await shot(coord, { path: `${SHOTS}/self-choice-dashboard-1366.png`, fullPage: true });

  // Bruno opens the choice again: his group is marked; then the coordination closes the choice.
  await changeRoom(bruno).click();
  await expect(choice(bruno, "Groupe 2")).toHaveAttribute("aria-pressed", "true");
  await expect(choice(bruno, "Groupe 2")).toContainText("Votre groupe");
  await coord.getByTestId("tab-people").click();
  await coord.getByTestId("self-choice-close").click();
  await expect(coord.getByTestId("self-choice-open")).toBeVisible();
  await expect(bruno.getByTestId("room-choice")).toHaveCount(0);
  await expect(bruno.getByTestId("event-plenary")).toContainText("Votre groupe : Groupe 2");
  for (const page of [awa, bruno]) await expect(changeRoom(page)).toHaveCount(0);
  console.log(`self-choice done after ${Date.now() - t0} ms`);
});

test("a group's facilitator named from the dashboard: her screen says so, she runs the séance, a call reaches her", async ({ browser }) => {
  const t0 = Date.now();
  const { coord, code } = await createDay(browser, "Journée des animateur·rice·s");
  await addRooms(coord, 1, "Intelligence collective");
  const [fatou, karim] = await Promise.all([
    joinDay(browser, code, "Fatou", "Mission locale", "Occitanie"),
    joinDay(browser, code, "Karim", "Chantier Bois", "Occitanie"),
  ]);

  // The coordination names Fatou in the group's settings and places Karim in it.
  const card = await openSettings(coord, "Groupe 1");
  await card.getByTestId("room-add-facilitator").selectOption({ label: "Fatou" });
  await expect(card).toContainText("Animation : Fatou");
  await coord.getByTestId("tab-people").click();
  await coord.getByTestId("person-row").filter({ hasText: "Karim" }).getByTestId("person-room").selectOption({ label: "Groupe 1" });
  await coord.getByTestId("stage-groups").click();

  // Fatou's screen: she facilitates the Groupe 1, with the séance's facilitator bar.
  await expect(fatou.getByTestId("event-placed")).toHaveText("Vous animez le Groupe 1");
  // Her own call would go to the coordination, and the button says so.
  await expect(fatou.getByTestId("call-facilitator")).toHaveText("Appeler la coordination");
  const room = fatou.getByTestId("event-room");
  await expect(room).toHaveAttribute("data-room", "room-1");
  await expect(room.getByTestId("my-role")).toHaveText("Votre rôle : Animateur·rice");
  await expect(room.getByTestId("facilitator-bar")).toBeVisible();
  await expect(karim.getByTestId("event-placed")).toHaveText("Vous êtes dans le Groupe 1");
  await expect(karim.getByTestId("event-room").getByTestId("facilitator-bar")).toHaveCount(0);
  await shot(fatou, { path: `${SHOTS}/facilitator-named-1366.png` });
  await expectNoSeriousViolations(fatou, "a named facilitator's screen");

  // She makes Karim porteur and starts the séance: Karim's screen follows.
  await room.getByTestId("bar-people").click();
  await room.getByTestId("person").filter({ hasText: "Karim" }).getByTestId("role-select").selectOption("caseHolder");
  await expect(karim.getByTestId("my-role")).toHaveText("Votre rôle : Porteur·euse du sujet");
  await room.getByTestId("people-panel").getByRole("button", { name: "Fermer" }).click();
  await room.getByTestId("bar-start").click();
  for (const page of [fatou, karim]) await expect(page.getByTestId("step-title")).toHaveText("Énoncé du problème");

  // Karim calls: the call reaches Fatou (and the coordination sees it is hers); she answers and closes it.
  await karim.getByTestId("call-facilitator").click();
  await expect(karim.getByTestId("call-state")).toHaveText("Appel envoyé");
  const calls = fatou.getByRole("region", { name: "Appels de votre groupe" });
  await expect(calls).toContainText("Karim vous appelle");
  await expect(coord.getByTestId("help-call")).toContainText("Karim · Groupe 1");
  await expect(coord.getByTestId("help-call")).toContainText("Adressé à l'animateur·rice du groupe");
  await shot(fatou, { path: `${SHOTS}/facilitator-called-1366.png` });
  await expectNoSeriousViolations(fatou, "a facilitator called by her group");
  await calls.getByRole("button", { name: "J'arrive" }).click();
  await expect(karim.getByTestId("call-state")).toHaveText("Quelqu'un arrive");
  await calls.getByRole("button", { name: "Clore" }).click();
  await expect(karim.getByTestId("call-facilitator")).toBeVisible();
  await expect(calls).toHaveCount(0);
  await expect(coord.getByTestId("help-call")).toHaveCount(0);
  console.log(`facilitator done after ${Date.now() - t0} ms`);
});

test("after the regroup the coordination enters an angle's room from the dashboard, finds its perceptions and opens the dot vote", async ({ browser }) => {
  const t0 = Date.now();
  const { coord, code } = await createDay(browser, "Journée des angles d'écoute");
  await addRooms(coord, 1);
  // Chloé tells the story: on the list, she need not join for it.
  await coord.getByTestId("tab-people").click();
  const csv = "Nom;Structure;Territoire\r\nChloé;Chantier Bois;Bretagne\r\n";
  await coord.getByTestId("roster-file").setInputFiles({ name: "liste.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await coord.getByTestId("roster-upload").click();
  await expect(coord.getByTestId("roster-report")).toContainText("1 ajoutée(s)");
  const awa = await joinDay(browser, code, "Awa", "Ressourcerie du Port", "Bretagne");

  await coord.getByTestId("tab-angles").click();
  await coord.getByTestId("story-add").click();
  await coord.getByTestId("story-title").fill("Du premier contrat au CDI");
  await coord.getByTestId("story-narrator").selectOption({ label: "Chloé" });
  await coord.getByTestId("angles-save").click();
  await expect(coord.getByTestId("dash-notice-text")).toHaveText("Angles et histoires enregistrés.");
  await coord.getByTestId("angles-assign").click();
  await expect(coord.getByTestId("dash-notice-text")).toHaveText("Chacun·e a reçu son angle d'écoute.");
  await expect(awa.getByTestId("my-angle")).not.toBeEmpty();
  const angle = (await awa.getByTestId("my-angle").textContent())!.trim();
  const perception = "La confiance entre la conseillère et l'employeur";
  await awa.getByTestId("perceive-text").fill(perception);
  await awa.getByTestId("perceive-send").click();
  await expect(awa.getByTestId("my-perceptions")).toContainText(perception);

  await coord.getByTestId("angles-regroup").click();
  await expect(coord.getByTestId("dash-notice-text")).toHaveText("Regroupement fait : chacun·e rejoint la salle de son angle.");
  await expect(coord.getByTestId("angle-room")).toHaveCount(3);
  await expect(awa.getByTestId("event-placed")).toHaveText(`Salle de votre angle : ${angle}`);
  await expectNoSeriousViolations(coord, "the angle rooms on the dashboard");

  // "Entrer dans cette salle" beside Awa's angle opens its room in a new tab, the coordination at its seat.
  const enter = coord.getByRole("button", { name: `Entrer dans cette salle : ${angle}` });
  await expect(enter).toHaveText("Entrer dans cette salle");
  const [tab] = await Promise.all([coord.context().waitForEvent("page"), enter.click()]);
  await expect(tab.getByTestId("room-title")).toContainText(angle);
  await expect(tab.getByTestId("save-status")).toHaveText("Enregistré");
  await expect(tab.locator("[data-note-text]")).toHaveText([perception]);
  await expect(tab.locator("[data-note-id]")).toContainText("#histoire-du-premier-contrat-au");
  // A room of the day: nothing to share (its people come through the day) and no deletion from inside.
  await expect(tab.getByRole("button", { name: /^Partager/ })).toHaveCount(0);
  await expect(tab.getByText("Supprimer la session")).toHaveCount(0);

  // The dot vote, opened there: Awa's screen in the same room gets it.
  await tab.getByTestId("vote-new").click();
  await tab.getByTestId("vote-budget").fill("3");
  await tab.getByTestId("vote-open").click();
  await expect(tab.getByRole("region", { name: "Vote par gommettes" })).toContainText("Vous ne votez pas : vous suivez le vote.");
  await expect(tab.getByTestId("dots-cast")).toHaveText("0 gommette(s) posée(s) en tout.");
  await expect(awa.getByTestId("event-room").getByTestId("vote-remaining")).toHaveText("Il vous reste 3 gommette(s) sur 3.");
  await shot(tab, { path: `${SHOTS}/angle-room-coordination-1366.png` });
  await expectNoSeriousViolations(tab, "an angle's room entered by the coordination");
  console.log(`angle room done after ${Date.now() - t0} ms`);
});
