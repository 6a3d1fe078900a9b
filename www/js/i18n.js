//! Interface strings in Japanese (first) and English, and the current language.
//! Texts that come from the rule pack are `{ ja, en }` objects: pick one with `tx()`.

const STRINGS = {
  appTitle: ['在宅医療・介護連携推進事業 成熟度セルフチェック', 'Home medical and long-term care coordination: maturity self-assessment'],
  appSub: ['すべてこのパソコンの中で採点します。回答が外部に送られることはありません。', 'Everything is scored on this PC. No answer is sent anywhere.'],
  langSwitch: ['English', '日本語'],
  langSwitchLabel: ['Switch to English', '日本語に切り替える'],
  loading: ['読み込み中…', 'Loading…'],
  loadFailed: ['採点エンジンを読み込めませんでした。', 'The scoring engine could not be loaded.'],
  chartMissing: ['レーダーチャートを表示できませんでした（グラフ部品を読み込めません）。同じ数値は表にあります。', 'The radar chart could not be shown (its library did not load). The table has the same numbers.'],
  // drafts and basic data
  draftsLabel: ['下書き', 'Draft'],
  newDraft: ['新しい下書き', 'New draft'],
  deleteDraft: ['この下書きを削除', 'Delete this draft'],
  untitled: ['（名称未入力）', '(no name yet)'],
  samples: ['サンプル', 'Sample'],
  samplePick: ['（サンプルを選ぶ）', '(choose a sample)'],
  sampleOpen: ['サンプルを開く', 'Open sample'],
  sampleOpened: ['サンプル「{name}」を新しい下書きとして開きました。', 'Opened the sample "{name}" as a new draft.'],
  otherTab: ['この下書きは別のタブ（ウィンドウ）でも変更されました。上書きを避けるため、入力はどちらか一方だけで行ってください。', 'This draft was also changed in another tab or window. To avoid overwriting, type in only one of them.'],
  basics: ['基本情報', 'Basic information'],
  municipality: ['市区町村名', 'Municipality'],
  prefecture: ['都道府県名', 'Prefecture'],
  fiscalYear: ['年度（西暦）', 'Fiscal year (Western calendar)'],
  fiscalYearHint: ['例: 2025（令和7年度）', 'e.g. 2025'],
  fy: ['{y}年度', 'FY{y}'],
  fyReiwa: ['{y}年度（令和{r}年度）', 'FY{y}'],
  savedAt: ['自動保存しました {t}', 'Saved automatically {t}'],
  saveFailed: ['ブラウザに保存できませんでした（{e}）。「ファイルに保存」で残してください。', 'Could not save in the browser ({e}). Use "Save to file" to keep your work.'],
  // set choice
  startTitle: ['設問セットを選んで始めましょう', 'Choose a question set to begin'],
  startHelp: ['あとから切り替えても、入力済みの回答は消えません。', 'You can switch later; answers already given are kept.'],
  startWith: ['{set}で始める', 'Start with {set}'],
  itemSet: ['設問セット', 'Question set'],
  questions: ['{n}問', '{n} questions'],
  // toolbar
  toolbar: ['操作', 'Actions'],
  saveFile: ['ファイルに保存', 'Save to file'],
  openFile: ['ファイルを開く', 'Open file'],
  exportCsv: ['CSVを出力', 'Export CSV'],
  comparePrev: ['前年度のファイルと比較', "Compare with last year's file"],
  compareClear: ['比較をやめる', 'Stop comparing'],
  printReport: ['結果を印刷', 'Print the report'],
  printBlank: ['空欄の調査票を印刷', 'Print a blank questionnaire'],
  clearAll: ['回答をすべて消去', 'Clear all answers'],
  clearConfirmTitle: ['回答をすべて消去しますか？', 'Clear every answer?'],
  clearConfirmBody: ['この下書きの回答・メモ・理由を消去します。市区町村名・年度・設問セットは残ります。', "This clears this draft's answers, notes and reasons. Municipality, year and question set stay."],
  clearConfirmYes: ['消去する', 'Clear'],
  cancel: ['キャンセル', 'Cancel'],
  close: ['閉じる', 'Close'],
  deleteConfirmTitle: ['この下書きを削除しますか？', 'Delete this draft?'],
  deleteConfirmBody: ['「{name}」をこのブラウザから削除します。ファイルに保存していない回答は戻せません。', 'This removes "{name}" from this browser. Answers not saved to a file cannot be recovered.'],
  deleteConfirmYes: ['削除する', 'Delete'],
  // form
  formTitle: ['チェックリスト', 'Checklist'],
  contents: ['目次', 'Contents'],
  marker: ['{n}つの指標', 'One of the {n} markers'],
  answeredOf: ['回答 {a} / {t}', 'Answered {a} / {t}'],
  progressOf: ['{dim} の回答状況', 'Progress of {dim}'],
  progressAll: ['全体の回答状況', 'Overall progress'],
  undecided: ['未定', 'Not yet decided'],
  na: ['該当なし', 'Not applicable'],
  clearAnswer: ['回答を取り消す', 'Clear answer'],
  otherAnswers: ['その他の回答', 'Other answers'],
  naReason: ['該当なしの理由', 'Reason it does not apply'],
  naReasonNeeded: ['理由を入力すると「該当なし」として扱います。', 'Enter a reason to mark it as not applicable.'],
  note: ['メモ', 'Note'],
  noteLabel: ['メモ（根拠資料など。報告書に載ります）', 'Note (evidence etc.; printed in the report)'],
  helpSources: ['ヘルプ・出典', 'Help and sources'],
  sources: ['出典', 'Sources'],
  inferred: ['推定', 'Inferred'],
  none: ['どれも当てはまらない', 'None of these'],
  noScene: ['どの場面もない', 'No scene'],
  scenesN: ['{n}つの場面', 'The {n} scenes'],
  question: ['設問', 'Question'],
  yes: ['はい', 'Yes'],
  no: ['いいえ', 'No'],
  valueLabel: ['回答', 'Answer'],
  unanswered: ['未回答', 'Unanswered'],
  // results
  results: ['結果', 'Results'],
  resultsRegion: ['結果（回答のたびに更新）', 'Results (updated on every change)'],
  overall: ['総合', 'Overall'],
  overallLevel: ['総合レベル', 'Overall level'],
  level: ['レベル', 'Level'],
  score: ['得点', 'Score'],
  rate: ['得点率', 'Rate'],
  stage: ['発展段階', 'Development stage'],
  answered: ['回答', 'Answered'],
  dimension: ['観点', 'Dimension'],
  dimensions: ['観点別の結果', 'Results by dimension'],
  notAsked: ['設問セット外', 'Not in this set'],
  notAskedLong: ['この設問セットでは尋ねていません', 'This question set does not ask it'],
  notApplicableDim: ['対象外', 'Not applicable'],
  unrated: ['未評価', 'Not rated yet'],
  unratedLong: ['回答がないため評価していません（0ではありません）', 'Nothing answered yet, so not rated (not 0)'],
  levelN: ['レベル{level}', 'Level {level}'],
  levelRange: ['レベル{level}（未回答{open}問：最大{upper}）', 'Level {level} ({open} unanswered: up to {upper})'],
  rangeOnly: ['（未回答{open}問：最大{upper}）', '({open} unanswered: up to {upper})'],
  levelSpan: ['レベル{level}〜{upper}', 'Level {level} to {upper}'],
  partial: ['簡易判定', 'Partial check'],
  partialSuffix: ['・簡易判定', ' · partial check'],
  partialHelp: ['この設問セットは観点の一部の設問しか尋ねないため、簡易判定です。', 'The question set asks only some items of this dimension: a partial check.'],
  provisional: ['暫定', 'Provisional'],
  provisionalSuffix: ['（暫定）', ' (provisional)'],
  provisionalHelp: ['未回答・未定の設問、または未評価の観点があるため、暫定の結果です。', 'Provisional: some items are unanswered or undecided, or a dimension is not rated yet.'],
  stageOpen: ['{range}（未確定）', '{range} (not settled)'],
  toCheck: ['要確認', 'To check'],
  toCheckN: ['要確認（{n}問）', 'To check ({n})'],
  toCheckHelp: ['未回答・未定の設問です。回答するとレベルが確定します。設問名を選ぶとその設問へ移動します。', 'Unanswered and undecided items. Answering them settles the level. Choose one to go to it.'],
  toCheckPrint: ['未回答・未定の設問です。回答するとレベルが確定します。', 'Unanswered and undecided items. Answering them settles the level.'],
  toCheckNone: ['未回答・未定の設問はありません。', 'No item is unanswered or undecided.'],
  toCheckProblem: ['入力に問題', 'Needs correcting'],
  toCheckMore: ['ほか{n}問', '{n} more'],
  radarLabel: ['観点別レベルのレーダーチャート（横の表と同じ内容）', 'Radar chart of the levels by dimension (same numbers as the table)'],
  thisYear: ['今回', 'Now'],
  lastYear: ['前年度', 'Last year'],
  sceneMatrix: ['{n}つの場面の状況', 'The {n} scenes'],
  scene: ['場面', 'Scene'],
  colTarget: ['目指す姿', 'Target state'],
  colIndicators: ['評価指標', 'Indicators'],
  colContract: ['委託・仕様書', 'Contract'],
  colCouncil: ['協議体', 'Council'],
  cell_yes: ['あり', 'Yes'],
  cell_no: ['なし', 'No'],
  cell_unknown: ['不明', 'Unknown'],
  cell_na: ['対象外', 'N/A'],
  cell_notAsked: ['尋ねていない', 'Not asked'],
  cellNotAskedNote: ['灰色のセルは、選んだ設問セットが尋ねていない設問のものです。', 'Grey cells belong to questions the chosen set does not ask.'],
  nextSteps: ['次の一歩（優先順）', 'Next steps (in priority order)'],
  moreSteps: ['ほかの次の一歩（{n}件）', 'More next steps ({n})'],
  noSteps: ['いまの回答から挙がる次の一歩はありません。', 'No next steps arise from the current answers.'],
  severity: ['重要度', 'Severity'],
  severity_high: ['重要度 高', 'High'],
  severity_medium: ['重要度 中', 'Medium'],
  severity_low: ['重要度 低', 'Low'],
  scoreTime: ['採点 {ms} ms', 'Scored in {ms} ms'],
  scoreError: ['採点できませんでした: {msg}', 'Could not score: {msg}'],
  resultNote: ['結果は順位付けのためではなく、次に何をするかを話し合うための目安です。', 'The result is not a ranking: it is a guide for deciding what to do next.'],
  cappedBy: ['上限ルール {gate} によりレベル {from} → {to}', 'Capped by {gate}: level {from} → {to}'],
  // files
  fileOpened: ['ファイル「{name}」を開きました。', 'Opened "{name}".'],
  fileOpenedNew: ['ファイル「{name}」を新しい下書きとして開きました。', 'Opened "{name}" as a new draft.'],
  fileSaved: ['「{name}」を保存しました。', 'Saved "{name}".'],
  fileSavedUnknown: ['このルールパックにない設問{n}件の回答は保存していません（下書きには残っています）: {items}', '{n} answers to items this pack does not have were not saved (they stay in the draft): {items}'],
  levelNow: ['総合レベルが「{text}」になりました。', 'The overall level is now: {text}.'],
  fileSavedSkipped: ['理由のない「該当なし」{n}件は保存していません: {items}', '{n} "not applicable" answers without a reason were not saved: {items}'],
  fileSavedInvalid: ['入力に問題のある{n}件は保存していません（下書きには残っています）: {items}', '{n} entries with a problem were not saved (they stay in the draft): {items}'],
  answerProblems: ['{n}件の入力に問題があります。該当する箇所に説明を表示しています（その入力は採点に使っていません）。', '{n} entries have a problem; each is explained where it was entered (those entries are not scored).'],
  csvSaved: ['「{name}」を出力しました。', 'Exported "{name}".'],
  fileRejected: ['ファイル「{name}」を開けませんでした。', 'Could not open "{name}".'],
  draftIntact: ['いま入力中の下書きは変更していません。', 'Your current draft has not been changed.'],
  prevLoaded: ['前年度のファイル「{name}」と比較しています。', 'Comparing with last year\'s file "{name}".'],
  // comparison
  compareTitle: ['前年度との比較', 'Change since last year'],
  compareDims: ['観点別の変化', 'Change by dimension'],
  compareItems: ['回答が変わった設問（{n}件）', 'Answers that changed ({n})'],
  compareNoItems: ['回答が変わった設問はありません。', 'No answer changed.'],
  compareProven: ['レベルは、回答で確かめられたレベル同士を比べています。', 'Levels compared are those the answers prove.'],
  upTo: ['最大{upper}', 'up to {upper}'],
  compareOpenMark: ['※', '*'],
  compareOpenNote: ['※ 未回答・未定の設問があるため、この変化は回答の変化ではなく未回答によるものかもしれません。', '* Some items are unanswered or undecided: this change may come from them, not from a changed answer.'],
  compareSetsDiffer: ['前年度は「{before}」、今回は「{after}」の設問セットで回答しています。尋ねた設問が違うため、差の一部は設問セットの違いによるものです。', 'Last year used the question set "{before}", this year "{after}": part of the change comes from the different questions.'],
  compareSameYear: ['2つのファイルは同じ年度（{fy}）です。前年度のファイルを選んだか確認してください。', 'Both files are for the same fiscal year ({fy}). Check that you chose last year\'s file.'],
  delta: ['差', 'Change'],
  before: ['前年度', 'Last year'],
  after: ['今回', 'Now'],
  // print
  reportTitle: ['成熟度セルフチェック 結果報告', 'Maturity self-assessment: report'],
  printedOn: ['作成日', 'Date'],
  provenance: ['ルールパックと採点エンジン', 'Rule pack and engine'],
  packId: ['パックID', 'Pack id'],
  packVersion: ['版', 'Version'],
  packEdition: ['年度版', 'Edition'],
  packHash: ['内容ハッシュ', 'Content hash'],
  engine: ['採点エンジン', 'Engine'],
  sheet: ['個票', 'Sheet'],
  answersOfDim: ['回答', 'Answers'],
  findingsOfDim: ['課題と次の一歩', 'Findings and next steps'],
  blankTitle: ['成熟度セルフチェック 調査票', 'Maturity self-assessment: questionnaire'],
  blankHow: ['当てはまるものの□に✓を付けてください。分からない設問は「未定」、当てはまらない設問は理由を添えて「該当なし」にできます。', 'Tick the boxes that apply. Mark "not yet decided" if unsure, or "not applicable" with a reason.'],
  printThis: ['この調査票を印刷', 'Print this questionnaire'],
  backToApp: ['チェックリストに戻る', 'Back to the checklist'],
  reason: ['理由', 'Reason'],
  onlyWhenIs: ['{no}が「{v}」の場合のみ', 'only if {no} is "{v}"'],
  onlyWhenIsNot: ['{no}が「{v}」以外の場合のみ', 'only if {no} is not "{v}"'],
  // csv
  csvAnswers: ['回答', 'Answers'],
  csvType: ['種類', 'Type'],
  csvStatus: ['状態', 'Status'],
  csvItemId: ['設問ID', 'Item id'],
  csvPriority: ['優先順位', 'Priority'],
  csvStep: ['次の一歩', 'Next step'],
  csvAdvice: ['助言', 'Advice'],
  csvRated: ['評価済み', 'Rated'],
  csvExportedAt: ['出力日時', 'Exported at'],
  csvLevelLabel: ['レベルの説明', 'Level description'],
  csvMax: ['満点', 'Maximum'],
  csvTotal: ['設問数', 'Questions'],
  status_answered: ['回答済み', 'Answered'],
  status_undecided: ['未定', 'Not yet decided'],
  status_na: ['該当なし', 'Not applicable'],
  status_unanswered: ['未回答', 'Unanswered'],
  status_notAsked: ['対象外（尋ねない）', 'Not asked'],
  csvDimStatus: ['判定', 'Rating'],
  csvProven: ['確かめられたレベル', 'Proven level'],
  csvUpper: ['最大レベル', 'Highest possible level'],
  csvOpen: ['未回答・未定', 'Unanswered or undecided'],
  csvBasis: ['根拠の種類', 'Basis'],
  csvFirst: ['次の一歩として先に表示', 'Shown first as a next step'],
  csvWhy: ['理由', 'Why'],
  inapplicable: ['{no}の回答により、次の{n}問は尋ねません: {items}', 'Because of the answer to {no}, {n} questions are not asked: {items}'],
  fiscalYearDigits: ['西暦の数字4桁で入力してください。', 'Enter the year as four digits.'],
  packFrom: ['ルールパックの読み込み元', 'Rule pack loaded from'],
  packLoadFailed: ['ルールパックを読み込めませんでした', 'The rule pack could not be loaded'],
};

let lang = 'ja';

/** The current language, "ja" or "en". */
export const getLang = () => lang;

/** Sets the language and the document's lang attribute. */
export function setLang(l) {
  lang = l === 'en' ? 'en' : 'ja';
  document.documentElement.lang = lang;
}

/** An interface string with `{name}` placeholders filled in. */
export function t(key, vars = {}, l = lang) {
  const pair = STRINGS[key];
  if (!pair) return key;
  const s = pair[l === 'en' ? 1 : 0];
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** Both languages, "日本語 / English", for messages that must be understood either way. */
export const both = (key, vars = {}) => `${t(key, vars, 'ja')} / ${t(key, vars, 'en')}`;

/** Picks the current language from a pack text `{ ja, en }` (falls back to the other). */
export function tx(text, l = lang) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return (l === 'en' ? text.en || text.ja : text.ja || text.en) ?? '';
}

/** 2025 → "2025年度（令和7年度）" / "FY2025". */
export function fiscalYearText(y, l = lang) {
  if (!Number.isInteger(y)) return '';
  return y >= 2019 && l === 'ja' ? t('fyReiwa', { y, r: y - 2018 }, l) : t('fy', { y }, l);
}

/** Formats a number with one decimal place. */
export const fmt1 = (n) => (typeof n === 'number' ? n.toFixed(1) : '—');

/** 0.418 → "41.8%"; null → "—". */
export const pct = (r) => (typeof r === 'number' ? `${(r * 100).toFixed(1)}%` : '—');

