// Scores an assessment file with the installed package, as a Node user would, and prints the
// engine's JSON. Usage: node score.mjs ASSESSMENT.json
import { readFileSync } from 'node:fs';
import init, { Scorer, engineVersion } from 'renkei';

await init(); // already done at import in Node; browser code that calls it runs unchanged
const text = readFileSync(process.argv[2], 'utf8');
const scorer = new Scorer();
if (!engineVersion()) throw new Error('no engine version');
process.stdout.write(scorer.scoreJson(text, false));
