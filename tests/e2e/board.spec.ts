// The first room, end to end: a facilitator creates a session, a participant joins by code
// in another browser, both write on the same board live; reload keeps who you are; the board
// works with the keyboard alone; axe finds nothing serious on the pages.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousViolations, pagesWithoutErrors } from "./pages.ts";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

test.describe.configure({ mode: "parallel" });

/** Uncaught errors in any page of the current test: there must be none. */
const newPage = pagesWithoutErrors();

/** Creates a session through the API (fast path for tests that are not about the home page). */
async function createSession(page: Page, title: string): Promise<CreateSessionResponse> {
  const res = await page.request.post("/api/sessions", { data: { title } });
  expect(res.status()).toBe(201);
  return (await res.json()) as CreateSessionResponse;
}


const notes = (page: Page) => page.locator("[data-note-id]");
const noteWithText = (page: Page, text: string) => notes(page).filter({ hasText: text });

test("a facilitator and a participant share one live board, and a reload keeps both", async ({ browser }) => {
  const fac = await newPage(browser);
  await fac.goto("/");
  await fac.getByLabel("Titre de la séance").fill("Atelier mobilité");
  await fac.getByRole("button", { name: "Créer la séance" }).click();
  await fac.waitForURL(/\/s\/[A-Z0-9]{6}$/);
  const code = fac.url().split("/").pop()!;
  await expect(fac.getByTestId("room-title")).toHaveText("Atelier mobilité");

  // What the facilitator shares: the code (formatted), the QR code, the join link.
  await expect(fac.getByTestId("join-code")).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  const qr = fac.getByTestId("qr");
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(fac.getByTestId("join-link")).toHaveValue(new RegExp(`/rejoindre/${code}$`));
  await expect(fac.getByTestId("save-status")).toHaveText("Enregistré");

  // The participant types the code on the home page (lower case, with a space), then a name.
  const part = await newPage(browser);
  await part.goto("/");
  await part.getByLabel("Code de la séance").fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
  await part.getByRole("button", { name: "Rejoindre", exact: true }).click();
  await expect(part.getByTestId("session-title")).toContainText("Atelier mobilité");
  await part.getByRole("button", { name: "Entrer dans la séance" }).click();
  await expect(part.getByText("Indiquez votre prénom (ou un pseudo).")).toBeVisible();
  await part.getByLabel("Votre prénom").fill("Fatou");
  await part.getByRole("button", { name: "Entrer dans la séance" }).click();
  await part.waitForURL(new RegExp(`/s/${code}$`));
  await expect(part.getByTestId("room-title")).toHaveText("Atelier mobilité");

  // Both see each other in the presence strip.
  await expect(fac.getByTestId("presence")).toContainText("Fatou");
  await expect(part.getByTestId("presence")).toContainText("Animateur·rice");

  // Each adds a note; each sees the other's.
  await part.getByRole("button", { name: "Ajouter une note" }).click();
  await part.getByTestId("note-editor").fill("Pas de permis de conduire");
  await part.keyboard.press("Escape");
  await fac.getByRole("button", { name: "Ajouter une note" }).click();
  await fac.getByTestId("note-editor").fill("Horaires des bus <b>trop</b> rares");
  await fac.keyboard.press("Escape");
  await expect(noteWithText(fac, "Pas de permis de conduire")).toHaveCount(1);
  await expect(noteWithText(part, "Horaires des bus <b>trop</b> rares")).toHaveCount(1); // shown as text, inert

  // Colour and move made by the participant reach the facilitator.
  const mine = noteWithText(part, "Pas de permis de conduire");
  await mine.click({ position: { x: 100, y: 12 } });
  await part.getByRole("button", { name: "Couleur : bleu" }).click();
  await expect(noteWithText(fac, "Pas de permis de conduire")).toHaveAttribute("data-color", "blue");
  const box = (await mine.boundingBox())!;
  const startX = Number(await mine.getAttribute("data-x"));
  const startY = Number(await mine.getAttribute("data-y"));
  await part.mouse.move(box.x + 100, box.y + 12);
  await part.mouse.down();
  await part.mouse.move(box.x + 160, box.y + 100, { steps: 5 });
  await part.mouse.move(box.x + 220, box.y + 212, { steps: 5 });
  await part.mouse.up();
  const moved = noteWithText(fac, "Pas de permis de conduire");
  await expect(moved).toHaveAttribute("data-x", String(startX + 120));
  await expect(moved).toHaveAttribute("data-y", String(startY + 200));

  // Two people typing in the same note merge, and my caret stays where I was typing.
  await mine.locator("[data-note-text]").click({ position: { x: 20, y: 60 } });
  const partEditor = part.getByTestId("note-editor");
  await expect(partEditor).toBeFocused();
  await noteWithText(fac, "Pas de permis de conduire").locator("[data-note-text]").click({ position: { x: 20, y: 60 } });
  await expect(fac.getByTestId("note-editor")).toBeFocused();
  await fac.keyboard.press("Control+Home");
  await fac.keyboard.type("Urgent : ");
  await expect(partEditor).toHaveValue("Urgent : Pas de permis de conduire");
  await part.keyboard.type(" B");
  await expect(fac.getByTestId("note-editor")).toHaveValue("Urgent : Pas de permis de conduire B");
  await part.keyboard.press("Escape");
  await fac.keyboard.press("Escape");
  await expect(part.getByTestId("save-status")).toHaveText("Enregistré");

  // A reload keeps the participant (same name, no join page) and the notes.
  await part.reload();
  await expect(part).toHaveURL(new RegExp(`/s/${code}$`));
  await expect(noteWithText(part, "Urgent : Pas de permis de conduire B")).toHaveAttribute("data-color", "blue");
  await expect(noteWithText(part, "Horaires des bus")).toHaveCount(1);
  await expect(part.getByTestId("presence")).toContainText("Fatou (vous)");
  await expect(fac.getByTestId("presence").locator("li", { hasText: "Fatou" })).toHaveAttribute("data-online", "true");
  const people = await fac.getByTestId("presence").locator("li").count();
  expect(people).toBe(2); // the reload did not create a second participant
});

test("the board works with the keyboard alone", async ({ browser }) => {
  const page = await newPage(browser);
  const session = await createSession(page, "Clavier seulement");
  // The facilitator link: the secret is taken out of the address bar once read.
  await page.goto(`/s/${session.code}#cle=${session.facilitatorToken}`);
  await expect(page.getByTestId("room-title")).toHaveText("Clavier seulement");
  await expect(page).toHaveURL(new RegExp(`/s/${session.code}$`));
  await expect(page.getByTestId("save-status")).toHaveText("Enregistré");

  // N adds a note and puts the caret in it.
  await page.keyboard.press("n");
  await expect(page.getByTestId("note-editor")).toBeFocused();
  await page.keyboard.type("Première idée");
  await page.keyboard.press("Escape");
  const first = noteWithText(page, "Première idée");
  await expect(first).toBeFocused();

  // Arrows move the focused note, Shift goes further; focus stays on it.
  const x0 = Number(await first.getAttribute("data-x"));
  await page.keyboard.press("ArrowRight");
  await expect(first).toHaveAttribute("data-x", String(x0 + 20));
  const y0 = Number(await first.getAttribute("data-y"));
  await page.keyboard.press("Shift+ArrowDown");
  await expect(first).toHaveAttribute("data-y", String(y0 + 100));
  await expect(first).toBeFocused();
  await page.keyboard.press("Shift+ArrowUp");
  await expect(first).toHaveAttribute("data-y", String(y0));
  await expect(first).toBeFocused();

  await page.keyboard.press("n");
  await page.keyboard.type("Deuxième idée");
  await page.keyboard.press("Escape");
  const second = noteWithText(page, "Deuxième idée");
  await expect(second).toBeFocused();
  await expect(notes(page)).toHaveCount(2);

  // Reading order: K (or Shift+Tab) goes back to the note above, J forward again.
  await page.keyboard.press("k");
  await expect(first).toBeFocused();
  await page.keyboard.press("j");
  await expect(second).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(first).toBeFocused();

  // Enter edits, typing is saved, Escape stops editing.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("note-editor")).toBeFocused();
  await page.keyboard.type(" !");
  await page.keyboard.press("Escape");
  await expect(noteWithText(page, "Première idée !")).toBeFocused();

  // Delete removes it (with an undo), focus goes to the next note.
  await page.keyboard.press("Delete");
  await expect(notes(page)).toHaveCount(1);
  await expect(page.getByTestId("toast")).toContainText("Note supprimée.");
  await expect(second).toBeFocused();
  await page.getByRole("button", { name: "Annuler" }).click();
  await expect(notes(page)).toHaveCount(2);
  await expect(noteWithText(page, "Première idée !")).toBeFocused();
  await expect(page.getByTestId("save-status")).toHaveText("Enregistré");
});

test("home, join and room have no serious accessibility violations", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/");
  await expectNoSeriousViolations(page, "home");

  const session = await createSession(page, "Accessibilité");
  await page.goto(`/rejoindre/${session.code}`);
  await expect(page.getByTestId("session-title")).toBeVisible();
  await expectNoSeriousViolations(page, "join");

  await page.getByLabel("Votre prénom").fill("Karim");
  await page.getByRole("button", { name: "Entrer dans la séance" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Enregistré");
  await page.getByRole("button", { name: "Ajouter une note" }).click();
  await page.keyboard.type("Une idée");
  await page.keyboard.press("Escape");
  await expectNoSeriousViolations(page, "room (participant)");

  const fac = await newPage(browser);
  await fac.goto(`/s/${session.code}#cle=${session.facilitatorToken}`);
  await expect(fac.getByTestId("share-panel")).toBeVisible();
  await expect(noteWithText(fac, "Une idée")).toHaveCount(1);
  await expectNoSeriousViolations(fac, "room (facilitator)");
});

test("an unknown code says so", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/rejoindre/ACDEFG");
  await expect(page.getByText("Aucune séance avec ce code. Vérifiez-le auprès de l'animateur·rice.")).toBeVisible({ timeout: 3000 });
  await expect(page.getByLabel("Votre prénom")).toHaveCount(0);
});

test("no room without joining, and the language switch", async ({ browser }) => {
  const page = await newPage(browser);
  const session = await createSession(page, "Sans inscription");
  await page.goto(`/s/${session.code}`);
  await page.waitForURL(new RegExp(`/rejoindre/${session.code}$`));
  await expect(page.getByTestId("session-title")).toContainText("Sans inscription");

  // The language switch sets the cookie and redraws the page in English.
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Join a session");
  await expect(page.getByTestId("session-title")).toContainText("Session: Sans inscription");
});
