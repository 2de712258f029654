export {
  customsModule,
  FORM_TRACK,
  FORM_VERIFY,
  ACTION_VERIFY,
  checkYear,
  splitTrackArgs,
  type CustomsDeps,
} from './commands';
export { createParcelPoller, readPollPayload, type PollerDeps, type PollPayload } from './poller';
export { ACTION_NOT_MINE } from './messages';
export * from './polling';
export type * from './port';
