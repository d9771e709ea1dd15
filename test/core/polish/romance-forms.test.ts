import { checkFaithfulness, type StyleId } from "../../../src/core";

const check = (input: string, output: string, style: StyleId) => checkFaithfulness({ input, output, style });

describe("the faithfulness check in German, Spanish and French", () => {
  it.each([
    ["a German hedge", "die lieferung kommt eigentlich erst am freitag", "Die Lieferung kommt erst am Freitag."],
    ["a Spanish hedge", "el informe llega el lunes creo", "El informe llega el lunes."],
    ["a French hedge", "la salle est vraiment trop petite pour nous", "La salle est trop petite pour nous."],
    [
      "a Spanish lead-in after the first sentence",
      "la reunión es mañana. y quería decirte que el informe está listo",
      "La reunión es mañana y el informe está listo.",
    ],
    [
      "a German lead-in after the first sentence",
      "der drucker geht wieder. ich wollte nur sagen dass der toner leer ist",
      "Der Drucker geht wieder. Der Toner ist leer.",
    ],
    [
      "a French lead-in after the first sentence",
      "le devis est signé. je voulais juste te dire que le chantier commence lundi",
      "Le devis est signé. Le chantier commence lundi.",
    ],
  ])("lets a rephrasing drop %s", (_what, input, output) => {
    expect(check(input, output, "formal").faithful).toBe(true);
  });

  it.each([
    ["a German 'may'", "die lieferung kommt vielleicht am freitag", "Die Lieferung kommt am Freitag."],
    ["a Spanish 'may'", "el informe llega quizás el lunes", "El informe llega el lunes."],
    ["a French 'may'", "la salle est peut-être trop petite", "La salle est trop petite."],
    [
      "a negated Spanish future",
      "el servidor no se va a reiniciar esta noche",
      "El servidor se reiniciará esta noche.",
    ],
    ["a negated French future", "je vais pas pouvoir venir lundi", "Je pourrai venir lundi."],
  ])("still refuses a rewrite that drops %s", (_what, input, output) => {
    expect(check(input, output, "concise").faithful).toBe(false);
  });

  it.each([
    ["German", "ich hab nen termin fürs auto am montag", "Ich habe einen Termin für das Auto am Montag."],
    ["German", "kannste heut noch die folien schicken", "Kannst du heute noch die Folien schicken?"],
    ["German", "das geht heut nich", "Das geht heute nicht."],
    ["Spanish", "te lo mando pa mañana porfa", "Te lo mando para mañana, por favor."],
    ["French", "ouais le p'tit bureau est libre", "Oui, le petit bureau est libre."],
  ])("reads %s spoken forms as the words written out", (_language, input, output) => {
    expect(check(input, output, "clean-up").faithful).toBe(true);
  });

  it("reads a clipped German negation as a negation", () => {
    expect(check("die heizung geht nich", "Die Heizung geht.", "clean-up")).toMatchObject({ faithful: false });
    expect(check("die heizung geht", "Die Heizung geht nich.", "clean-up").added).toContain("nicht");
  });

  it.each([
    ["a French past as a future", "on a réservé la salle", "On réservera la salle."],
    [
      "a French future as a past",
      "on va réserver la grande salle pour la réunion des chefs de projet jeudi",
      "On a réservé la grande salle pour la réunion des chefs de projet jeudi.",
    ],
    [
      "a Spanish past as a future",
      "el equipo envió el contrato firmado al cliente",
      "El equipo enviará el contrato firmado al cliente.",
    ],
    [
      "a Spanish perfect as a future",
      "ya hemos pagado la factura de marzo del proveedor",
      "Pagaremos la factura de marzo del proveedor.",
    ],
    [
      "a Spanish future as a past",
      "el equipo enviará el contrato firmado al cliente",
      "El equipo envió el contrato firmado al cliente.",
    ],
    [
      "a German future as a past",
      "ich werde die präsentation für das neue team am montag ausführlich im großen saal vorbereiten",
      "Ich habe die Präsentation für das neue Team am Montag ausführlich im großen Saal vorbereitet.",
    ],
  ])("refuses %s", (_what, input, output) => {
    expect(check(input, output, "formal").faithful).toBe(false);
  });

  it.each([
    ["'ir a' and a future in one word", "la tienda va a cerrar a las ocho", "La tienda cerrará a las 8."],
    ["'aller' and a future in one word", "je vais pas pouvoir venir lundi", "Je ne pourrai pas venir lundi."],
    ["a French present for a future", "demain je passe au bureau", "Demain, je passerai au bureau."],
    [
      "a text that speaks of both times",
      "on a reçu le colis et on va l'ouvrir demain",
      "On a reçu le colis et on l'ouvrira demain.",
    ],
  ])("accepts %s", (_what, input, output) => {
    expect(check(input, output, "formal").faithful).toBe(true);
  });

  it.each([
    ["a Spanish present for a future", "mañana voy a la oficina", "Mañana iré a la oficina."],
    ["a Spanish future for a present", "mañana iré a la oficina", "Mañana voy a la oficina."],
    ["a German present for a future", "morgen schicke ich dir die datei", "Morgen werde ich dir die Datei schicken."],
    ["a Spanish perfect for a pretérito", "he preparado el informe", "Preparé el informe."],
    ["an imperfect lead-in before a future", "je voulais te dire qu'on livre demain", "Nous livrerons demain."],
  ])("reads no change of time in %s", (_what, input, output) => {
    const { added } = check(input, output, "formal");
    expect(added).not.toContain("past");
    expect(added).not.toContain("future");
  });
});
