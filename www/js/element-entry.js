//! The package's element entry (`renkei/element`): defines <renkei-self-check> on import.
import { RenkeiSelfCheck } from './self-check.js';

RenkeiSelfCheck.define();
export { RenkeiSelfCheck };
