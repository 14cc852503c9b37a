// A browser offline for 5 minutes (Playwright's offline mode): it keeps its edits and says it
// is offline; on its return they are merged, and what others wrote meanwhile arrives.
import { expect, test } from "@playwright/test";
import { pagesWithoutErrors, roomSteps } from "./pages.ts";

const newPage = pagesWithoutErrors();
const { facilitator, join, addNote } = roomSteps(newPage);
const OFFLINE_MS = 5 * 60_000;

// @background: scripts/test.sh runs it alongside the unit and integration suites, as it mostly waits.
test("five minutes offline: edits kept, offline shown, everything merged on return", { tag: "@background" }, async ({ browser }) => {
  test.setTimeout(OFFLINE_MS + 120_000);
  const { page: fac, s } = await facilitator(browser, "Atelier hors ligne");
  const part = await join(browser, s.code, "Inès");
  const notes = (page: typeof fac, text: string) => page.locator("[data-note-id]").filter({ hasText: text });

  await part.context().setOffline(true);
  await expect(part.getByTestId("save-status")).toContainText("Hors ligne", { timeout: 30_000 });
  await addNote(part, "Écrit dans le train");
  await addNote(fac, "Écrit pendant l'absence d'Inès");
  await expect(notes(part, "Écrit dans le train")).toHaveCount(1); // kept on her screen
  await expect(notes(fac, "Écrit dans le train")).toHaveCount(0);

  // Five minutes: long past the server's ping timeout and the room's unload delay.
  await part.waitForTimeout(OFFLINE_MS / 2);
  await addNote(part, "Deuxième note hors ligne");
  await part.waitForTimeout(OFFLINE_MS / 2);
  await expect(part.getByTestId("save-status")).toContainText("Hors ligne");

  await part.context().setOffline(false);
  await expect(part.getByTestId("save-status")).toHaveText("Enregistré", { timeout: 30_000 });
  for (const page of [fac, part])
    for (const text of ["Écrit dans le train", "Deuxième note hors ligne", "Écrit pendant l'absence d'Inès"]) await expect(notes(page, text)).toHaveCount(1);

  // And it was stored: a reload of the facilitator's page finds all three.
  await fac.reload();
  for (const text of ["Écrit dans le train", "Deuxième note hors ligne", "Écrit pendant l'absence d'Inès"]) await expect(notes(fac, text)).toHaveCount(1);
});
