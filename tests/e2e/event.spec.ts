// A national day in four browsers: the coordination creates the day from the home page's card,
// adds two groups; Awa, Bruno and Chloé join with the day's one code and say who they are; two
// more come from a CSV list (a bad line said by its number); a balanced placement opens each
// one's group on their screen; a live move follows; a message and a call for help go both ways; the angles d'écoute are set up (the three usual angles, a story
// told by Chloé) and given out; Awa writes a perception; the regroup sends each listener to their
// angle's room, where Awa finds her perception; the synthesis is downloaded and read; the
// projector shows the plenary. Axe on every screen; screenshots (MARGUERITE_SCREENS=1) in .tmp/screens/.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { eventSteps, expectNoSeriousViolations, pagesWithoutErrors, shot } from "./pages.ts";

const newPage = pagesWithoutErrors();
const { createDay, joinDay } = eventSteps(newPage);
const SHOTS = ".tmp/screens";

test("a national day: groups, placement, a live move, a message, a call, angles d'écoute, regroup and synthesis", async ({ browser }) => {
  // The whole day in four browsers: 1.5-2 minutes alone, three beside other tests on a loaded 2-core machine.
  test.setTimeout(300_000);
  const t0 = Date.now();
  const { coord, code } = await createDay(browser, "Journée nationale du réseau");

  // Two groups, free boards.
  await coord.getByTestId("rooms-count").fill("2");
  await coord.getByTestId("rooms-add").click();
  await expect(coord.getByTestId("room-card")).toHaveCount(2);
  await expect(coord.getByTestId("room-name")).toHaveText(["Groupe 1", "Groupe 2"]);
  await expect(coord.getByTestId("room-card").first()).toContainText("code ");
  await expectNoSeriousViolations(coord, "the coordination's dashboard");

  // Three people join with the day's code and say who they are.
  const [awa, bruno, chloe] = await Promise.all([
    joinDay(browser, code, "Awa", "Ressourcerie du Port", "Bretagne"),
    joinDay(browser, code, "Bruno", "Jardin de Cocagne", "Normandie"),
    joinDay(browser, code, "Chloé", "Chantier Bois", "Bretagne"),
  ]);
  await expect(awa.getByTestId("event-title")).toHaveText("Journée nationale du réseau");
  await expectNoSeriousViolations(awa, "a participant waiting to be placed");
  console.log(`joined after ${Date.now() - t0} ms`);

  // The list from a spreadsheet: two more people, a line without a name said by its number.
  await coord.getByTestId("tab-people").click();
  await expect(coord.getByTestId("person-row")).toHaveCount(3);
  const csv = "Nom;Structure;Territoire\r\nDavid;Ressourcerie du Port;Normandie\r\n;Sans nom;Bretagne\r\nEmma;Jardin de Cocagne;Occitanie\r\n";
  await coord.getByTestId("roster-file").setInputFiles({ name: "liste.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await coord.getByTestId("roster-upload").click();
  await expect(coord.getByTestId("roster-report")).toContainText("2 ajoutée(s), 0 mise(s) à jour : 5 personnes sur la liste.");
  await expect(coord.getByTestId("roster-issues")).toHaveText("Ligne 3 : le nom manque.");
  await expect(coord.getByTestId("person-row")).toHaveCount(5);
  // David, on the list, types his name his own way: the server finds him there (E26).
  const david = await joinDay(browser, code, "david", "", "");
  await expect(coord.getByTestId("person-row").filter({ hasText: "David" })).toContainText("Oui");
  await expect(coord.getByTestId("person-row")).toHaveCount(5);
  await david.context().close();

  // Balanced placement: each lands in their group's room.
  await coord.getByTestId("place-balanced").click();
  await expect(coord.getByTestId("placed-count")).toHaveText("5 personne(s) placée(s) sur 5");
  // Placed during the plenary: the plenary screen says where everyone is, the group is one button away.
  await expect(awa.getByTestId("event-plenary")).toContainText(/Votre groupe : Groupe [12]/);
  await expect(awa.getByTestId("event-room")).toHaveCount(0);
  await expectNoSeriousViolations(awa, "the plenary screen of a placed participant");
  await awa.getByTestId("open-my-room").click();
  await expect(awa.getByTestId("event-room").getByTestId("save-status")).toHaveText("Enregistré");
  await awa.getByTestId("back-to-plenary").click();
  await expect(awa.getByTestId("event-plenary")).toBeVisible();
  // Off to the groups: every screen opens its group.
  await coord.getByTestId("stage-groups").click();
  for (const page of [awa, bruno, chloe]) {
    await expect(page.getByTestId("event-placed")).toContainText("Vous êtes dans le Groupe");
    await expect(page.getByTestId("event-room").getByTestId("save-status")).toHaveText("Enregistré");
  }
  const awaRoom = (await awa.getByTestId("event-room").getAttribute("data-room"))!;
  const other = awaRoom === "room-1" ? "room-2" : "room-1";
  const otherName = other === "room-1" ? "Groupe 1" : "Groupe 2";
  await coord.getByTestId("tab-rooms").click();
  await expect(coord.getByTestId("room-people").first()).toContainText(/[12] connecté·e·s sur [23] placé·e·s/);
  await shot(coord, { path: `${SHOTS}/event-dashboard-1366.png`, fullPage: true });

  // The coordination enters a group in a new tab, with its own ticket; "advance all" skips free boards.
  const [roomTab] = await Promise.all([coord.context().waitForEvent("page"), coord.getByTestId("room-enter").first().click()]);
  await expect(roomTab.getByTestId("room-title")).toContainText("Groupe 1");
  await expect(roomTab.getByTestId("save-status")).toHaveText("Enregistré");
  await roomTab.close();
  await coord.getByTestId("advance-all").click();
  await expect(coord.getByTestId("advance-results")).toContainText("Aucun groupe n'avait d'étape à passer");

  // A live move: Awa's screen follows to the other group.
  await coord.getByTestId("tab-people").click();
  await coord.getByTestId("person-row").filter({ hasText: "Awa" }).getByTestId("person-room").selectOption(other);
  await expect(awa.getByTestId("event-room")).toHaveAttribute("data-room", other);
  await expect(awa.getByTestId("event-placed")).toHaveText(`Vous êtes dans le ${otherName}`);
  await expect(awa.getByTestId("event-notice")).toContainText(`Vous rejoignez maintenant : ${otherName}.`);
  await expect(awa.getByTestId("event-room").getByTestId("save-status")).toHaveText("Enregistré");
  await shot(coord, { path: `${SHOTS}/event-dashboard-people-1366.png`, fullPage: true });

  // A message and a timer for everyone.
  await coord.getByTestId("broadcast-input").fill("Pause café : retour à 10 h 30");
  await coord.getByTestId("broadcast-send").click();
  await coord.getByTestId("timer-minutes").fill("15");
  await coord.getByTestId("timer-start").click();
  for (const page of [awa, bruno, chloe]) {
    await expect(page.getByTestId("event-message")).toContainText("Pause café : retour à 10 h 30");
    await expect(page.getByTestId("event-timer")).toContainText(/1[45]:\d\d/);
  }

  // A call for help: Bruno calls, the coordination answers, Bruno sees someone coming.
  await bruno.getByTestId("call-facilitator").click();
  await expect(bruno.getByTestId("call-state")).toHaveText("Appel envoyé");
  const call = coord.getByTestId("help-call").filter({ hasText: "Bruno" });
  await expect(call).toBeVisible();
  await call.getByTestId("help-ack").click();
  await expect(bruno.getByTestId("call-state")).toHaveText("Quelqu'un arrive");
  await call.getByTestId("help-close").click();
  await expect(coord.getByTestId("help-call")).toHaveCount(0);
  await expect(bruno.getByTestId("call-facilitator")).toBeVisible();
  await shot(bruno, { path: `${SHOTS}/event-participant-room-1366.png` });
  await expectNoSeriousViolations(bruno, "a participant in their group's room");

  // Angles d'écoute: the usual three, one story told by Chloé in her group; everyone gets an angle.
  await coord.getByTestId("tab-angles").click();
  await expect(coord.getByTestId("angle-label")).toHaveCount(3);
  await expect(coord.getByTestId("angle-label").nth(1)).toHaveValue("Pratique partenariale");
  await coord.getByTestId("story-add").click();
  await coord.getByTestId("story-title").fill("Du premier contrat au CDI");
  await coord.getByTestId("story-narrator").selectOption({ label: "Chloé" });
  await coord.getByTestId("angles-save").click();
  await expect(coord.getByTestId("dash-notice-text")).toHaveText("Angles et histoires enregistrés.");
  await coord.getByTestId("angles-assign").click();
  await expect(coord.getByTestId("angles-summary")).toContainText(/Pratique partenariale : [12] à l'écoute/);
  await expectNoSeriousViolations(coord, "the angles d'écoute panel");
  await shot(coord, { path: `${SHOTS}/event-dashboard-angles-1366.png`, fullPage: true });

  for (const page of [awa, bruno, chloe]) await expect(page.getByTestId("my-angle")).not.toBeEmpty();
  const awaAngle = (await awa.getByTestId("my-angle").textContent())!.trim();
  await expect(chloe.getByTestId("angle-panel")).toContainText("Vous racontez la seule histoire");
  await awa.getByTestId("perceive-text").fill("La confiance entre la conseillère et l'assistante sociale");
  await awa.getByTestId("perceive-send").click();
  await expect(awa.getByTestId("my-perceptions")).toContainText("La confiance entre la conseillère et l'assistante sociale");
  await expect(coord.getByTestId("angles-summary")).toContainText("1 perception(s)");
  await shot(awa, { path: `${SHOTS}/event-participant-angle-1366.png` });
  await expectNoSeriousViolations(awa, "a listener with their angle and perceptions");
  await chloe.setViewportSize({ width: 390, height: 844 });
  await shot(chloe, { path: `${SHOTS}/event-participant-angle-390.png` });
  await chloe.getByRole("button", { name: "Masquer" }).click();
  await expect(chloe.getByTestId("event-room").getByTestId("save-status")).toBeVisible();
  await shot(chloe, { path: `${SHOTS}/event-participant-room-390.png` });
  await expectNoSeriousViolations(chloe, "a participant's room at phone width");

  // The regroup: each listener lands in their angle's room and finds the perceptions of their angle.
  await coord.getByTestId("angles-regroup").click();
  await expect(coord.getByTestId("dash-notice-text")).toHaveText("Regroupement fait : chacun·e rejoint la salle de son angle.");
  for (const page of [awa, bruno, chloe]) await expect(page.getByTestId("event-room")).toHaveAttribute("data-room", /^angle-/);
  await expect(awa.getByTestId("event-placed")).toHaveText(`Salle de votre angle : ${awaAngle}`);
  await expect(awa.getByTestId("event-stage")).toHaveText("Regroupement par angle d'écoute");
  await expect(awa.getByTestId("event-room").locator("[data-note-text]")).toHaveText(["La confiance entre la conseillère et l'assistante sociale"]);
  await expect(awa.getByTestId("event-room")).toContainText("#histoire-du-premier-contrat-au");
  await shot(awa, { path: `${SHOTS}/event-participant-regrouped-1366.png` });

  // The synthesis, downloaded as Markdown and read.
  const [download] = await Promise.all([coord.waitForEvent("download"), coord.getByTestId("synthesis-md").click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^synthese-journee-\\d{4}-\\d{2}-\\d{2}-${code}\\.md$`));
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toContain("Synthèse de la journée");
  expect(text).toContain("Journée nationale du réseau");
  expect(text).toContain("Du premier contrat au CDI");
  expect(text).toContain("Chloé");
  for (const label of ["Collaboration autour du salarié", "Pratique partenariale", "Évolution des pratiques professionnelles"]) expect(text).toContain(label);

  // The projector: the plenary on the big screen, with each angle's synthesis after the regroup.
  const projector = await coord.context().newPage();
  await projector.goto(`/s/${code}/projection`);
  await expect(projector.getByTestId("projection-title")).toHaveText("Journée nationale du réseau");
  await expect(projector.getByTestId("projection-code")).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(projector.getByTestId("projection-message")).toHaveText("Pause café : retour à 10 h 30");
  await expect(projector.getByTestId("projection-synthesis")).toContainText("Pratique partenariale");
  await expect(projector.getByTestId("projection-synthesis")).toContainText("1 perception(s)");
  await shot(projector, { path: `${SHOTS}/event-projection-angles-1366.png` });
  await expectNoSeriousViolations(projector, "the projector");
  await coord.getByTestId("stage-groups").click();
  await expect(projector.getByTestId("projection-rooms")).toContainText("Groupe 1");
  await expect(awa.getByTestId("event-room")).toHaveAttribute("data-room", other);
  await shot(projector, { path: `${SHOTS}/event-projection-groups-1366.png` });
  console.log(`done after ${Date.now() - t0} ms`);
});
