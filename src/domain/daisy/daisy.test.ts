import { describe, expect, it } from "vitest";
import { daisyLayout, daisySvg, escapeXml, wrap, type DaisyPetalInput } from "./daisy.ts";

/** A small well-formedness check: balanced tags, quoted attributes, only known entities in text. */
function wellFormed(xml: string): string[] {
  const errors: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (m[6]) errors.push(`stray < at ${m.index}`);
    else if (m[5] !== undefined) {
      const bad = m[5].match(/&(?!(amp|lt|gt|quot|apos);)/);
      if (bad) errors.push(`raw & in text at ${m.index}`);
    } else if (m[1]) {
      if (stack.pop() !== m[2]) errors.push(`unbalanced </${m[2]}>`);
    } else {
      const attrs = m[3];
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(attrs)) errors.push(`raw & in attribute of <${m[2]}>`);
      if (!m[4]) stack.push(m[2]);
    }
  }
  if (stack.length) errors.push(`unclosed ${stack.join(",")}`);
  return errors;
}

const input = (petals: DaisyPetalInput[], title = "Nos compétences") => ({
  title,
  petals,
  unnamed: "Regroupement {n}",
  countLabel: (n: number) => `${n} notes`,
  empty: "Pas encore de regroupement.",
});

describe("daisy", () => {
  it("escapes every XML special character and drops characters XML forbids", () => {
    expect(escapeXml(`<b>"Tom" & 'Jerry'</b>`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;");
    expect(escapeXml("a\u0000b\u0007c\td")).toBe("abc\td");
  });

  it("wraps long names without losing a word when they fit, and marks a cut with an ellipsis", () => {
    expect(wrap("Accès aux droits et démarches", 12, 3)).toEqual(["Accès aux", "droits et", "démarches"]);
    const cut = wrap("un deux trois quatre cinq six sept", 9, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1].endsWith("…")).toBe(true);
    expect(wrap("Anticonstitutionnellement", 10, 5).every((l) => l.length <= 10)).toBe(true);
  });

  it("draws one petal per cluster, each with its full name, and the title in the centre, as well-formed XML", () => {
    const names = ["Mobilité", "Logement <urgence> & santé", `Garde d'enfants "mercredi"`, "", "x".repeat(80)];
    const petals = names.map((name, i) => ({ id: `c${i}`, name, color: i % 2 ? ("green" as const) : null, count: i + 2 }));
    const layout = daisyLayout(input(petals, "Séance <du> 12 & 13"));
    expect(layout.petals).toHaveLength(5);
    const svg = daisySvg(layout, "Marguerite des compétences");
    expect(wellFormed(svg)).toEqual([]);
    for (const p of layout.petals) expect(svg).toContain(`<title>${escapeXml(p.label)}</title>`);
    expect(svg).toContain("Logement &lt;urgence&gt; &amp; santé");
    expect(svg).toContain("Regroupement 4");
    expect(svg).toContain("Séance &lt;du&gt; 12 &amp; 13");
    expect(svg).not.toContain("<urgence>");
  });

  it("keeps 40 petals apart: the centre grows with the number of clusters", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, name: `Famille ${i}`, color: null, count: 12 }));
    const small = daisyLayout(input(many.slice(0, 6)));
    const big = daisyLayout(input(many));
    expect(big.centreRadius).toBeGreaterThan(small.centreRadius);
    // circumference at the petals' middle leaves each petal at least its width
    const middle = big.centreRadius + big.petalLength / 2;
    expect((2 * Math.PI * middle) / 40).toBeGreaterThanOrEqual(big.petalWidth);
    expect(wellFormed(daisySvg(big, "d"))).toEqual([]);
  });

  it("says so when there is no cluster", () => {
    const svg = daisySvg(daisyLayout(input([])), "d");
    expect(svg).toContain("Pas encore de regroupement.");
    expect(wellFormed(svg)).toEqual([]);
  });
});
