// Slack events → the core's Inbound events: who/where an interaction came from (the listeners
// build the events), and the core call itself (handleSafely), which cannot throw into Bolt.
import type { Inbound, Outcome, Place } from '../../core/types';
import type { Runtime } from './host';
import { strings, langOfLocale } from './strings';
import { errName } from './deliver';
import { currentTeam, userKey } from './install/teams';

/**
 * 'dm' only for the bot's own DM with the user. A slash command typed in a DM between two
 * people arrives with channel_name "directmessage" too; answering "in_channel" there would
 * show the other person, so it counts as a channel.
 */
export async function placeOf(rt: Runtime, userId: string, channelId: string | undefined): Promise<Place> {
  if (!channelId?.startsWith('D')) return 'channel';
  const known = rt.dms.known(userId);
  if (known) return known === channelId ? 'dm' : 'channel';
  try {
    return (await rt.dms.open(userId)) === channelId ? 'dm' : 'channel';
  } catch {
    return 'channel'; // the safe default: replies stay ephemeral
  }
}

/** The core never throws by contract; if it does anyway, the user still gets an answer. */
/** Slack's user ids (`U…`, `W…` for Enterprise Grid) and team ids; anything else never reaches the core. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;
const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,30}$/;

export async function handleSafely(rt: Runtime, event: Inbound): Promise<Outcome> {
  // A malformed id would become a user row no Slack account can own (found by bench/fuzz.ts).
  const team = currentTeam()?.team;
  if (typeof event.user.id !== 'string' || !SLACK_USER_ID.test(event.user.id)) return { lang: 'ko', replies: [] };
  // Users are keyed `T…:U…`: without a workspace nothing is stored, and the sender is told why.
  if (team === undefined || !SLACK_TEAM_ID.test(team)) {
    const lang = langOfLocale(event.locale);
    return { lang, replies: [{ visibility: 'ephemeral', text: strings(lang).noWorkspace }] };
  }
  try {
    // The core knows a Slack user by workspace and user id (`T…:U…`): see install/teams.ts.
    return await rt.host.bot.handle({ ...event, user: { ...event.user, id: userKey(event.user.id) } });
  } catch (err) {
    rt.log.error({ err: errName(err), kind: event.kind }, 'slack: the core failed on an event');
    const lang = langOfLocale(event.locale);
    return { lang, replies: [{ visibility: 'ephemeral', text: strings(lang).deliveryFailed }] };
  }
}
