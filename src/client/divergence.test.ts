import { describe, expect, it } from "vitest";
import { t } from "../i18n/index.ts";
import { WRITE_REFUSAL_REASONS, writeRefusedKey } from "./divergence.ts";

describe("the sentence shown when the server refuses an edit", () => {
  it("every known refusal has its own French and English sentence, and says the page shows what is saved", () => {
    for (const code of WRITE_REFUSAL_REASONS) {
      const key = writeRefusedKey(code);
      expect(key).toBe(`seance.writeRefusedBecause.${code}`);
      expect(t("fr", key)).toMatch(/^Votre dernière modification n'a pas été enregistrée : .+ La page montre maintenant ce qui est enregistré\.$/);
      expect(t("en", key)).toMatch(/^Your last change was not saved: .+ The page now shows what is saved\.$/);
    }
    expect(t("fr", writeRefusedKey("board_locked"))).toContain("verrouillé le tableau");
  });

  it("any other code gets the general sentence, never a raw code", () => {
    for (const code of ["invalid_update", "wrong_item_id", "", null, undefined]) {
      expect(writeRefusedKey(code)).toBe("seance.writeRefused");
      expect(t("fr", writeRefusedKey(code))).toMatch(/^Votre dernière modification n'a pas été enregistrée/);
    }
  });
});
