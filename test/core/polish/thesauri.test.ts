import { buildGroups, formLines } from "../../../scripts/gen-thesauri";
import { checkFaithfulness, type StyleId } from "../../../src/core";
import { lexiconFor } from "../../../src/core/polish/lexicon";

const check = (input: string, output: string, style: StyleId) => checkFaithfulness({ input, output, style });

describe("the German, Spanish and French thesauri", () => {
  it.each([
    ["de", "kohle", "Geld"],
    ["de", "schieben", "verschieben"],
    ["es", "asistir", "ir"],
    ["fr", "bouge", "déplacer"],
    ["fr", "gamin", "enfant"],
  ] as const)("reads %s %s and %s as synonyms, in any inflection", (language, a, b) => {
    expect(lexiconFor(language).relation(a, b.toLowerCase())).toBe("synonym");
  });

  it.each([
    ["de", "nimmt", "nehmen"],
    ["es", "piden", "pedir"],
    ["es", "pidió", "pedir"],
    ["fr", "serai", "être"],
    ["fr", "irai", "aller"],
  ] as const)("reads the irregular %s form %s as %s, which its stem misses", (language, form, base) => {
    expect(lexiconFor(language).relation(form, base)).toBe("synonym");
  });

  it("reads two forms of one verb that Snowball stems apart as one word, and different verbs still as different", () => {
    // "oublie" stems onto the noun "oubli", "oublier" does not.
    expect(lexiconFor("fr").unrelated("oublie", "oublier")).toBe(false);
    expect(lexiconFor("fr").unrelated("acheter", "vendre")).toBe(true);
    expect(
      check(
        "avant les vacances dis à inès d'arroser les plantes et n'oublie pas de fermer le gaz",
        "Avant les vacances :\n- Dire à Inès d'arroser les plantes\n- Ne pas oublier de fermer le gaz",
        "bullet-list",
      ),
    ).toMatchObject({ faithful: true });
  });

  it("keeps both readings of a form that is also a word of its own", () => {
    // "erkrankt" is an adjective listed with "krank", and a form of "erkranken".
    expect(lexiconFor("de").relation("krank", "erkrankt")).toBe("synonym");
    expect(lexiconFor("de").relation("erkranken", "erkrankt")).toBe("synonym");
  });

  it("lists only the forms its stems miss, with the key of a base form the table knows", () => {
    const lookup = { Piden: "pedir", pedimos: "pedir", fueron: ["ir", "ser"], zorros: "zorro" };
    expect(formLines(lookup, ["ped|solicit", "ir|march"], "es")).toEqual(["fueron=ir", "piden=ped"]);
  });

  it.each([
    ["de", "dienstag", "donnerstag"],
    ["es", "comprar", "vender"],
    ["fr", "venir", "partir"],
  ] as const)("does not read %s %s and %s as synonyms", (language, a, b) => {
    expect(lexiconFor(language).relation(a, b)).toBeUndefined();
  });

  it.each([
    [
      "a German verb by its synonym",
      "ich hab keine zeit fürs meeting am dienstag können wir das auf donnerstag schieben",
      "Am Dienstag habe ich keine Zeit für das Meeting. Können wir es auf Donnerstag verschieben?",
    ],
    [
      "a Spanish light verb by another",
      "te hago la transferencia de la factura antes del viernes",
      "Le realizaré la transferencia de la factura antes del viernes.",
    ],
    [
      "French slang by its formal word",
      "mon gamin est malade donc je reste à la maison demain",
      "Mon enfant est malade, donc je reste à la maison demain.",
    ],
  ])("lets Formal write %s", (_what, input, output) => {
    expect(check(input, output, "formal")).toMatchObject({ faithful: true });
  });

  it.each([
    [
      "a German day by another",
      "können wir das meeting auf donnerstag schieben",
      "Können wir das Meeting auf Dienstag verschieben?",
    ],
    ["a Spanish verb by its opposite", "mañana voy a comprar el coche", "Mañana voy a vender el coche."],
    ["a French amount", "le gamin a mangé trois gâteaux", "L'enfant a mangé deux gâteaux."],
    [
      "a French verb by one the thesaurus does not link to it",
      "je vais acheter la vieille table du salon à mon frère ce week-end",
      "Je vais vendre la vieille table du salon à mon frère ce week-end.",
    ],
  ])("still refuses a rewrite that changes %s", (_what, input, output) => {
    expect(check(input, output, "formal").faithful).toBe(false);
  });
});

describe("German compounds and what a thesaurus gets wrong", () => {
  it("lines a German compound up with the words it joins, both ways", () => {
    expect(
      check(
        "kannst du bitte die rechnung vom elektriker bis ende des monats begleichen",
        "Bitte die Elektrikerrechnung bis Monatsende bezahlen.",
        "concise",
      ).faithful,
    ).toBe(true);
    expect(
      check(
        "die elektrikerrechnung kommt zum monatsende",
        "Die Rechnung vom Elektriker kommt zum Ende des Monats.",
        "formal",
      ).faithful,
    ).toBe(true);
  });

  it("reads a German verb split from its particle, and a weak participle, as the verb", () => {
    expect(
      check(
        "sag dem vermieter dass wir die kohle erst nächste woche überweisen",
        "Bitte teilen Sie dem Vermieter mit, dass wir das Geld erst nächste Woche überweisen.",
        "formal",
      ).faithful,
    ).toBe(true);
    expect(lexiconFor("de").relation("gekriegt", "erhalten")).toBe("synonym");
    expect(
      check(
        "sag dem vermieter dass wir die kohle erst nächste woche überweisen",
        "Bitte teilen Sie dem Vermieter mit, dass wir das Geld erst übernächste Woche überweisen.",
        "formal",
      ).faithful,
    ).toBe(false);
  });

  it("refuses a place dropped with its preposition", () => {
    expect(
      check(
        "bitte leite die rechnungen von märz an die buchhaltung in köln weiter",
        "Rechnungen von März an die Buchhaltung weiterleiten.",
        "concise",
      ).faithful,
    ).toBe(false);
  });

  it("reads two words that traded places as a swap even where the thesaurus calls them synonyms", () => {
    expect(lexiconFor("fr").relation("locataire", "propriétaire")).toBe("synonym");
    expect(
      check(
        "note que c'est le locataire qui doit rembourser le propriétaire pour la vitre cassée",
        "Veuillez noter que c'est le propriétaire qui doit rembourser le locataire pour la vitre cassée.",
        "formal",
      ),
    ).toMatchObject({ faithful: false, moved: expect.arrayContaining(["locataire"]) });
  });
});

describe("gen-thesauri", () => {
  const thesaurus = (lines: string[]) => ["UTF-8", ...lines, ""].join("\n");

  it("keeps a shared set whole but never its broader terms", () => {
    const text = thesaurus(["kohle|1", "-|Geld|Knete (ugs.)|Zahlungsmittel (Oberbegriff)"]);
    expect(buildGroups(text, true)).toEqual(["geld|knete|kohle"]);
  });

  it("keeps of a headword's list only the headwords that list it back", () => {
    const text = thesaurus([
      "venir|1",
      "(Verbe)|arriver|quitter",
      "arriver|1",
      "(Verbe)|venir",
      "quitter|1",
      "(Verbe)|partir",
    ]);
    expect(buildGroups(text, false)).toEqual(["arriver|venir"]);
  });

  it("drops a list too long to hold synonyms", () => {
    const long = Array.from({ length: 20 }, (_, index) => `mot${String.fromCharCode(97 + index)}`);
    expect(buildGroups(thesaurus(["pour|1", `(?)|${long.join("|")}`]), false)).toEqual([]);
  });
});
