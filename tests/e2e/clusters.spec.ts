// Boards that help a group think: clusters (drop a note on a note, rename, move out, group
// with the keyboard, undo) seen live on a second screen; suggested groups (preview, accept
// part); the daisy exported as SVG (parsed: every cluster name is in it) and PNG.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { expectNoSeriousViolations, pagesWithoutErrors, roomSteps } from "./pages.ts";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

test.describe.configure({ mode: "parallel" });

const newPage = pagesWithoutErrors();

async function facilitator(browser: Browser, title: string): Promise<{ page: Page; session: CreateSessionResponse }> {
  const page = await newPage(browser);
  const res = await page.request.post("/api/sessions", { data: { title } });
  expect(res.status()).toBe(201);
  const session = (await res.json()) as CreateSessionResponse;
  await page.goto(`/s/${session.code}#cle=${session.facilitatorToken}`);
  await expect(page.getByTestId("save-status")).toHaveText("Enregistré");
  // The share panel sits beside the board on a laptop: hide it to give the board room.
  await page.getByRole("button", { name: "Masquer le partage" }).click();
  return { page, session };
}

const participant = roomSteps(newPage).join;

const notes = (page: Page) => page.locator("[data-note-id]");
const note = (page: Page, text: string) => notes(page).filter({ hasText: text });
const clusters = (page: Page) => page.locator("section[data-cluster-id]");

async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId("add-note").click();
  await page.getByTestId("note-editor").fill(text);
  await page.keyboard.press("Escape");
  await expect(note(page, text)).toHaveCount(1);
}

/** Drags a note by its grip onto the middle of another element. */
async function dragOnto(page: Page, from: ReturnType<typeof note>, to: ReturnType<typeof note>): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + 30, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function select(page: Page, text: string): Promise<void> {
  await note(page, text).click({ position: { x: 100, y: 12 } });
  await expect(page.getByRole("toolbar", { name: "Modifier la note" })).toBeVisible();
}

test("dropping a note on a note makes a cluster the other screen sees; rename, move out, group with the keyboard, undo", async ({ browser }) => {
  const { page: fac, session } = await facilitator(browser, "Freins à l'emploi");
  const part = await participant(browser, session.code, "Fatou");
  await addNote(fac, "Pas de permis");
  await addNote(fac, "Horaires des bus");
  await addNote(part, "Pas de voiture");
  await expect(notes(fac)).toHaveCount(3);

  // Drag: "Pas de permis" onto "Horaires des bus".
  await dragOnto(fac, note(fac, "Pas de permis"), note(fac, "Horaires des bus"));
  await expect(clusters(fac)).toHaveCount(1);
  await expect(clusters(part)).toHaveCount(1);
  await expect(part.getByTestId("cluster-name")).toContainText("Regroupement 1");
  await expect(part.getByTestId("cluster-name")).toContainText("2 notes");
  await expect(note(part, "Pas de permis")).toHaveAttribute("data-cluster", "");
  await expect(note(part, "Horaires des bus")).toHaveAttribute("data-cluster", "");

  // Rename (from the participant's screen), seen by the facilitator.
  await part.getByTestId("cluster-options").click();
  const dialog = part.getByTestId("cluster-dialog");
  await dialog.getByLabel("Nom du regroupement").fill("Mobilité");
  await dialog.getByRole("button", { name: "Renommer" }).click();
  await dialog.getByRole("button", { name: "Fermer" }).click();
  await expect(fac.getByTestId("cluster-name")).toContainText("Mobilité");

  // Keyboard: select "Pas de voiture", "Grouper avec…", choose the cluster.
  await select(part, "Pas de voiture");
  await part.getByTestId("group-with").click();
  await part.getByTestId("group-with-dialog").getByRole("button", { name: /Mobilité/ }).click();
  await expect(part.getByTestId("toast")).toContainText("Note ajoutée à « Mobilité ».");
  await expect(fac.getByTestId("cluster-name")).toContainText("3 notes");

  // Undo is mine only: the participant's Ctrl+Z takes the note out again, not the facilitator's drag.
  await part.locator("body").click({ position: { x: 5, y: 300 } }).catch(() => {});
  await note(part, "Pas de voiture").focus();
  await part.keyboard.press("Control+z");
  await expect(fac.getByTestId("cluster-name")).toContainText("2 notes");
  await part.keyboard.press("Control+Shift+z");
  await expect(fac.getByTestId("cluster-name")).toContainText("3 notes");

  // Move out, from the toolbar.
  await select(fac, "Horaires des bus");
  await fac.getByTestId("move-out").click();
  await expect(part.getByTestId("cluster-name")).toContainText("2 notes");
  await expect(note(part, "Horaires des bus")).not.toHaveAttribute("data-cluster", "");

  // Collapse: the notes give way to a card, on this screen and the other.
  await fac.getByTestId("cluster-toggle").click();
  await expect(note(part, "Pas de permis")).toHaveCount(0);
  await expect(part.locator("section[data-collapsed]")).toHaveCount(1);
  await part.getByTestId("cluster-toggle").click();
  await expect(note(fac, "Pas de permis")).toHaveCount(1);

  // Search dims what does not match.
  await fac.getByTestId("board-search").fill("mobilite");
  await expect(fac.getByTestId("filter-count")).toHaveText("2 notes sur 3");
  await expect(note(fac, "Horaires des bus")).toHaveAttribute("data-dimmed", "");
  await expectNoSeriousViolations(fac, "board with a cluster");
});

test("suggested groups: preview with names and notes, accept part", async ({ browser }) => {
  const { page: fac } = await facilitator(browser, "Suggestions");
  for (const text of ["Pas de permis de conduire", "Horaires des bus trop rares", "Pas de voiture pour aller au travail", "Logement trop cher", "Hébergement d'urgence introuvable", "Menace d'expulsion du logement", "Garde des enfants le mercredi"]) {
    await addNote(fac, text);
  }
  await fac.getByTestId("suggest-open").click();
  const dialog = fac.getByTestId("suggest-dialog");
  const groups = dialog.getByTestId("suggested-group");
  await expect(groups).toHaveCount(2);
  const mobility = groups.filter({ hasText: "Pas de permis de conduire" });
  const housing = groups.filter({ hasText: "Logement trop cher" });
  await expect(mobility).toContainText("Horaires des bus trop rares");
  await expect(mobility.getByTestId("suggested-name")).toHaveValue("Mobilité");
  await expect(housing.getByTestId("suggested-name")).toHaveValue(/^Logement/);
  await expect(dialog).toContainText("1 note reste seule.");
  await expectNoSeriousViolations(fac, "suggestion preview");
  // Keep only the mobility group, renamed.
  await housing.getByRole("checkbox").uncheck();
  await expect(dialog.getByTestId("suggest-accept")).toHaveText("Créer les regroupements cochés (1)");
  await mobility.getByTestId("suggested-name").fill("Se déplacer");
  await dialog.getByTestId("suggest-accept").click();
  await expect(dialog).toHaveCount(0);
  await expect(clusters(fac)).toHaveCount(1);
  await expect(fac.getByTestId("cluster-name")).toContainText("Se déplacer");
  await expect(fac.getByTestId("cluster-name")).toContainText("3 notes");
  await expect(note(fac, "Logement trop cher")).not.toHaveAttribute("data-cluster", "");
});

test("the daisy: every cluster name in a well-formed SVG download, and a PNG", async ({ browser }) => {
  const { page: fac } = await facilitator(browser, "Marguerite des compétences");
  for (const text of ["Accueillir", "Écouter", "Orienter", "Négocier", "Former", "Encadrer"]) await addNote(fac, text);
  const names = [`Relation & <écoute> "vraie"`, "Partenariats", "Transmission d'un métier"];
  const pairs: Array<[string, string]> = [
    ["Accueillir", "Écouter"],
    ["Orienter", "Négocier"],
    ["Former", "Encadrer"],
  ];
  for (const [i, [a, b]] of pairs.entries()) {
    await select(fac, a);
    await fac.getByTestId("group-with").click();
    await fac.getByTestId("group-with-dialog").getByRole("button", { name: b }).click();
    await expect(clusters(fac)).toHaveCount(i + 1);
    await clusters(fac).nth(i).getByTestId("cluster-options").click();
    const dialog = fac.getByTestId("cluster-dialog");
    await dialog.getByLabel("Nom du regroupement").fill(names[i]);
    await dialog.getByRole("button", { name: "Renommer" }).click();
    await dialog.getByRole("button", { name: ["Famille : vert", "Famille : bleu", "Famille : rose"][i] }).click();
    await dialog.getByRole("button", { name: "Fermer" }).click();
  }
  await fac.getByTestId("daisy-open").click();
  const daisy = fac.getByTestId("daisy-dialog");
  await expect(daisy.getByTestId("daisy-title")).toHaveValue("Marguerite des compétences");
  await daisy.getByTestId("daisy-title").fill("Nos compétences <équipe>");
  await daisy.getByTestId("daisy-title").press("Enter");
  await expectNoSeriousViolations(fac, "daisy");

  const [svgDownload] = await Promise.all([fac.waitForEvent("download"), daisy.getByTestId("daisy-svg-download").click()]);
  expect(svgDownload.suggestedFilename()).toMatch(/^marguerite-.*\.svg$/);
  const svg = await readFile((await svgDownload.path())!, "utf8");
  const parsed = await fac.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: doc.getElementsByTagName("parsererror").length > 0,
      root: doc.documentElement.nodeName,
      titles: Array.from(doc.querySelectorAll("g > title")).map((el) => el.textContent),
      text: doc.documentElement.textContent,
    };
  }, svg);
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe("svg");
  expect(parsed.titles.sort()).toEqual([...names].sort());
  expect(parsed.text).toContain("Nos compétences <équipe>");

  const [pngDownload] = await Promise.all([fac.waitForEvent("download"), daisy.getByTestId("daisy-png-download").click()]);
  expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
  const png = await readFile((await pngDownload.path())!);
  expect(png.length).toBeGreaterThan(5000);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});
