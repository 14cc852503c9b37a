// Screenshots to look at (not assertions), run by `MARGUERITE_SCREENS=1 npx playwright test
// screens-quiz`: every quiz screen, facilitator and participant, at laptop and phone sizes,
// into .tmp/screens/ (quiz-*.png).
import { test, type Browser, type Page } from "@playwright/test";
import path from "node:path";
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
  test(`quiz screens at ${size.name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${size.name}-quiz-${name}.png` });
    const fac = await open(browser, size);
    await fac.goto("/");
    await fac.getByText("sans classement des personnes").scrollIntoViewIfNeeded();
    await shot(fac, "00-home");

    const res = await fac.request.post("/api/sessions", { data: { title: "Journée du réseau : quiz", method: "quiz" } });
    const s = (await res.json()) as CreateSessionResponse;
    await fac.goto(`/s/${s.code}#cle=${s.facilitatorToken}`);
    await fac.getByTestId("quiz-editor").waitFor();
    await shot(fac, "01-editor-empty");
    await fac.getByTestId("quiz-save").click();
    await fac.getByTestId("quiz-field-error").waitFor();
    await shot(fac, "02-editor-refused");

    const part = await open(browser, size);
    await part.goto(`/rejoindre/${s.code}`);
    await part.getByLabel("Votre prénom").fill("Fatou");
    await part.getByRole("button", { name: "Entrer dans la séance" }).click();
    await part.getByTestId("quiz-waiting").waitFor();
    await shot(part, "03-participant-waiting");

    await fac.getByRole("button", { name: "Charger l'exemple" }).click();
    await fac.getByTestId("quiz-question-editor").nth(4).waitFor();
    await shot(fac, "04-editor-sample");
    await fac.getByTestId("quiz-question-editor").nth(3).scrollIntoViewIfNeeded();
    await shot(fac, "04b-editor-ordering");
    // The true/false question gets 5 seconds, to see the time run out.
    await fac.getByTestId("quiz-question-editor").nth(1).getByLabel(/^Temps pour répondre/).fill("5");
    await fac.getByTestId("quiz-save").click();
    await fac.getByTestId("quiz-ready").waitFor();
    await shot(fac, "05-ready");
    await fac.getByTestId("quiz-scoring-team").click();
    await part.getByTestId("quiz-team-picker").waitFor();
    await fac.getByTestId("quiz-scoring").scrollIntoViewIfNeeded();
    await shot(fac, "05b-ready-teams");
    await shot(part, "05c-participant-team");
    await part.getByTestId("quiz-team-picker").getByText("Équipe 2").click();
    await part.getByText("Vous êtes dans l'équipe Équipe 2.").waitFor();

    await fac.getByTestId("quiz-start").click();
    await part.getByTestId("quiz-answer-form").waitFor();
    await shot(part, "06-participant-single");
    await shot(fac, "07-facilitator-open");
    await part.getByTestId("quiz-choice").nth(2).click();
    await shot(part, "08-participant-picked");
    await part.getByTestId("quiz-submit").click();
    await part.getByTestId("quiz-sent").waitFor();
    await shot(part, "09-participant-sent");
    await fac.getByTestId("quiz-answered").filter({ hasText: "1 réponse" }).waitFor();
    await shot(fac, "10-facilitator-answered");
    await fac.getByTestId("quiz-reveal-button").click();
    await part.getByTestId("quiz-reveal").waitFor();
    await fac.getByTestId("quiz-reveal").waitFor();
    await shot(part, "11-participant-reveal");
    await part.getByTestId("quiz-room-answers").scrollIntoViewIfNeeded();
    await shot(part, "11b-participant-reveal-bars");
    await shot(fac, "12-facilitator-reveal");

    // True/false: let the time run out.
    await fac.getByTestId("quiz-next").click();
    await part.getByTestId("quiz-answer-form").waitFor();
    await shot(part, "13-participant-truefalse");
    await part.getByTestId("quiz-missed").waitFor({ timeout: 10_000 });
    await shot(part, "14-participant-time-up");
    await shot(fac, "15-facilitator-time-up");
    await fac.getByTestId("quiz-reveal-button").click();
    await part.getByTestId("quiz-reveal").waitFor();
    await shot(part, "16-participant-reveal-missed");

    // Multiple, ordering, number.
    await fac.getByTestId("quiz-next").click();
    await part.getByTestId("quiz-answer-form").waitFor();
    await part.getByTestId("quiz-choice").nth(0).click();
    await part.getByTestId("quiz-choice").nth(1).click();
    await shot(part, "17-participant-multiple");
    await part.getByTestId("quiz-submit").click();
    await part.getByTestId("quiz-sent").waitFor();
    await fac.getByTestId("quiz-reveal-button").click();
    await part.getByTestId("quiz-reveal").waitFor();
    await shot(part, "18-participant-reveal-multiple");

    await fac.getByTestId("quiz-next").click();
    await part.getByTestId("quiz-order").waitFor();
    await part.getByTestId("quiz-order-item").nth(1).getByRole("button").first().click();
    await shot(part, "19-participant-ordering");
    await shot(fac, "20-facilitator-ordering");
    await part.getByTestId("quiz-submit").click();
    await part.getByTestId("quiz-sent").waitFor();
    await fac.getByTestId("quiz-reveal-button").click();
    await part.getByTestId("quiz-reveal").waitFor();
    await part.getByTestId("quiz-room-answers").scrollIntoViewIfNeeded();
    await shot(part, "21-participant-reveal-ordering");

    await fac.getByTestId("quiz-next").click();
    await part.getByTestId("quiz-number").waitFor();
    await part.getByTestId("quiz-number").fill("20");
    await shot(part, "22-participant-number");
    await part.getByTestId("quiz-submit").click();
    await part.getByTestId("quiz-sent").waitFor();
    await fac.getByTestId("quiz-reveal-button").click();
    await part.getByTestId("quiz-reveal").waitFor();
    await fac.getByTestId("quiz-reveal").waitFor();
    await shot(part, "23-participant-reveal-number");
    await shot(fac, "24-facilitator-reveal-last");

    await fac.getByTestId("quiz-end").click();
    await fac.getByTestId("quiz-summary").waitFor();
    await part.getByTestId("quiz-ended").waitFor();
    await shot(fac, "25-facilitator-summary");
    await shot(part, "26-participant-ended");
    await fac.context().close();
    await part.context().close();
  });
}
