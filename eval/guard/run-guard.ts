/**
 * `npm run eval:guard`: the faithfulness guard on the labelled pair set, in seconds and without a model.
 *
 *   npm run eval:guard                 # the tables
 *   npm run eval:guard -- --misjudged  # …and every working pair it got wrong, with what the check found
 *   npm run eval:guard -- --split dev  # only the pairs meant for working on the guard
 *   npm run eval:guard -- --json
 */
import { parseArgs } from "node:util";
import { readPairs, SEALED_SPLITS } from "./pairs";
import { guardTables, judgePairs, scoreGuard } from "./score-guard";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    misjudged: { type: "boolean", default: false },
    split: { type: "string" },
  },
});
const pairs = readPairs().filter((pair) => !values.split || pair.split === values.split);
const score = scoreGuard(judgePairs(pairs));
if (values.json) {
  process.stdout.write(`${JSON.stringify(score, null, 2)}\n`);
} else {
  console.log(guardTables(score));
  if (values.misjudged) {
    const sealed = score.misjudged.filter(({ pair }) => SEALED_SPLITS.has(pair.split));
    for (const { pair, lost, added, moved } of score.misjudged.filter((item) => !sealed.includes(item))) {
      console.log(
        `${pair.id} [${pair.style}/${pair.kind}] labelled ${pair.faithful ? "faithful" : "unfaithful"}; ` +
          `lost ${JSON.stringify(lost)} added ${JSON.stringify(added)} moved ${JSON.stringify(moved)}\n` +
          `  in : ${pair.input}\n  out: ${pair.output.replace(/\n/g, " ⏎ ")}\n  why: ${pair.why}`,
      );
    }
    // Pairs that only measure stay unread, so their scores keep meaning something.
    if (sealed.length)
      console.log(`(${sealed.length} misjudged pairs of the ${[...SEALED_SPLITS].join(" and ")} splits not shown)`);
  }
}
