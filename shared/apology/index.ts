// The apology check's public face (docs/incidents.md): check a draft against the crisis playbook, in English or Spanish.
export { checkApology, detectLanguages, bodyOf } from './check.ts';
export { LANGUAGES, RuleFileError, compileLanguage, type Language } from './rules.ts';
export {
  apologyCheckBody, apologyDraft, apologyFinding, apologyResult, RULE_IDS, type ApologyContext, type ApologyDraft,
  type ApologyFinding, type ApologyResult, type RuleId,
} from './schema.ts';
export { htmlToText } from './text.ts';
