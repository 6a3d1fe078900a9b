// A typed use of the package: must compile under --strict with lib ["es2022", "dom"].
import init, { Scorer, validatePack, type Assessment, type Report, type ScoreOptions } from 'renkei';
import { RenkeiSelfCheck, type RenkeiScoreDetail } from 'renkei/element';

export async function run(a: Assessment): Promise<number | null> {
  await init();
  const scorer = new Scorer();
  const o: ScoreOptions = { trace: true };
  const r: Report = scorer.score(a, o);
  const levels: (number | null)[] = r.dimensions.map((d) => d.level);
  const problems = validatePack({ 'pack.toml': '' });
  console.log(levels, problems.map((p) => p.file));
  // @ts-expect-error a string is not an assessment
  scorer.score('not an assessment');
  // @ts-expect-error trace is a boolean
  scorer.score(a, { trace: 'yes' });
  return r.overall.level ?? null;
}

export function element(): void {
  RenkeiSelfCheck.define();
  const el = document.createElement('renkei-self-check');
  el.addEventListener('renkei-score', (e) => {
    const d: RenkeiScoreDetail = e.detail;
    console.log(d.report.overall.score);
  });
  void el.ready.then(() => el.getReport()?.dimensions.length);
}
