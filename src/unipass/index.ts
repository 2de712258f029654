export { createUnipassClient, PRODUCTION_BASE_URL, TEST_BASE_URL } from './client';
export { explainStep, mismatchAdvice, noKeyHelp, relayNumberWarning } from './steps';
export {
  defaultBlYear,
  isRelayNumber,
  parseBl,
  parseCustomsCode,
  parseName,
  parsePhone,
  parsePostalCode,
  type BlGuess,
  type Parsed,
  type PhoneResult,
} from './validate';
export { readCargoAnswer, readVerifyAnswer, reasonOf } from './answers';
export type * from './types';
