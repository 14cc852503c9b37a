// Screenshots to look at (not assertions), run by `npm run screens`: a board with clusters,
// the suggested groups preview and the daisy, at laptop and phone sizes, into .tmp/screens/.
import { test, type Browser, type Page } from "@playwright/test";
import path from "node:path";
import { seedBoard } from "../../bench/lib/seedBoard.ts";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

test.skip(!process.env.MARGUERITE_SCREENS, "screenshots: npm run screens");

const OUT = path.resolve(import.meta.dirname, "../../.tmp/screens");
const SIZES = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function open(browser: Browser, size: (typeof SIZES)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, isMobile: size.name === "phone", hasTouch: size.name === "phone" });
  return context.newPage();
}

for (const size of SIZES) {
  test(`cluster screens at ${size.name}`, async ({ browser }) => {
    const page = await open(browser, size);
    const res = await page.request.post("/api/sessions", { data: { title: "Freins à l'emploi : journée du réseau" } });
    const s = (await res.json()) as CreateSessionResponse;
    await seedBoard(test.info().project.use.baseURL!, s.code, s.facilitatorToken, s.participantId, {
      boardWidth: 1400,
      clusters: [
        { name: "Mobilité", color: "green", notes: ["Pas de permis de conduire", "Horaires des bus trop rares", "Pas de voiture pour le chantier"] },
        { name: "Logement", color: "blue", notes: ["Hébergement d'urgence introuvable", "Loyer trop cher"] },
        { name: "Garde d'enfants", color: "pink", notes: ["Crèche complète", "Le mercredi sans solution"] },
        { name: "", color: null, notes: ["Confiance en soi", "Peur de l'échec"] },
      ],
      loose: ["Menace d'expulsion du logement", "Pas de bus le dimanche", "Garde des enfants pendant la formation", "Dettes de loyer"],
    });
    await page.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await page.getByText("Enregistré").first().waitFor();
    const hide = page.getByRole("button", { name: "Masquer le partage" });
    if (await hide.isVisible()) await hide.click();
    await page.locator("section[data-cluster-id]").first().waitFor();
    await page.locator("[data-note-id]").filter({ hasText: "Horaires des bus" }).click({ position: { x: 100, y: 12 } });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}/${size.name}-clusters-1-board.png` });
    await page.keyboard.press("Escape");
    await page.getByTestId("suggest-open").click();
    await page.getByTestId("suggested-group").first().waitFor();
    await page.screenshot({ path: `${OUT}/${size.name}-clusters-2-suggest.png` });
    await page.getByRole("button", { name: "Annuler" }).last().click();
    await page.getByTestId("daisy-open").click();
    await page.getByTestId("daisy-svg").waitFor();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}/${size.name}-clusters-3-daisy.png` });
    await page.context().close();
  });
}
