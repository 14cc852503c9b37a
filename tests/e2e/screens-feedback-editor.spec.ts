// Screenshots to look at (not assertions), run with MARGUERITE_SCREENS=1: the feedback
// questionnaire's editor in the facilitator's dialog (folded, a choice question open with its
// English version, a refusal pointing at a field), at laptop and phone sizes, into
// .tmp/screens/feedback-editor-*.png.
import { test } from "@playwright/test";
import path from "node:path";
import type { CreateSessionResponse } from "../../src/protocol/index.ts";

test.skip(!process.env.MARGUERITE_SCREENS, "screenshots: MARGUERITE_SCREENS=1");

const OUT = path.resolve(import.meta.dirname, "../../.tmp/screens");
const SIZES = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  test(`feedback editor screens at ${size.name}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, isMobile: size.name === "phone", hasTouch: size.name === "phone" });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: `${OUT}/feedback-editor-${size.name}-${name}.png` });
    const s = (await (await page.request.post("/api/sessions", { data: { title: "Séminaire des référent·e·s" } })).json()) as CreateSessionResponse;
    await page.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await page.getByTestId("save-status").filter({ hasText: "Enregistré" }).waitFor();
    if (!(await page.getByTestId("share-panel").isVisible())) await page.locator('header button[aria-controls="partage"]').click();
    await page.getByTestId("feedback-open-manager").click();
    const dialog = page.getByTestId("feedback-dialog");
    await dialog.getByTestId("feedback-create-submit").click();
    const editor = dialog.getByTestId("feedback-editor");
    await editor.waitFor();
    await shot("1-folded");
    await editor.getByTestId("feedback-editor-question").nth(3).scrollIntoViewIfNeeded();
    await shot("1b-questions");

    await editor.getByRole("button", { name: "Ajouter une question" }).click();
    await page.keyboard.type("Quel atelier avez-vous préféré ?");
    const added = editor.getByTestId("feedback-editor-question").last();
    await added.getByLabel("Type de réponse").selectOption({ label: "Plusieurs choix" });
    await added.getByLabel("Choix 1", { exact: true }).fill("Le matin");
    await added.getByLabel("Choix 2", { exact: true }).fill("L'après-midi");
    await added.getByRole("button", { name: "Ajouter un choix" }).click();
    await added.getByText("Version anglaise (facultative)").click();
    await added.getByLabel("Intitulé en anglais").fill("Which workshop did you prefer?");
    await added.scrollIntoViewIfNeeded();
    await shot("2-question-open");

    // Option 3 left empty: the server's refusal points at it.
    await editor.getByTestId("feedback-editor-save").click();
    await editor.getByTestId("feedback-editor-error").waitFor();
    await shot("3-refused");
    await context.close();
  });
}

