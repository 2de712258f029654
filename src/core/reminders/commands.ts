// `/pccc remind` and the reminder buttons as a bot module. State lives in the ReminderStore;
// the dispatcher (src/scheduler/reminders.ts) sends what falls due.
import type { BotContext, BotModule, Handled } from '../module';
import type { Button, Lang, Reply } from '../types';
import { computeExpiry, nextRenewalSlot, type ExpiryNote } from './expiry';
import { remindErrorMessage } from './errors';
import { describeSchedule, isoDateText } from './format';
import { localIsoDate } from './localTime';
import { REMINDER_BUTTONS, reminderAck, theftGuide } from './messages';
import { parseRemindArgs, type RemindNote, type SchedulePatch } from './parse';
import { applySchedulePatch } from './patch';
import { THEFT_FOLLOW_UP_JOB, type ReminderSettings, type ReminderStore } from './ports';
import { nextImportCheck, snoozeUntil, theftFollowUpAt } from './schedule';
import { remindHelpMessage, remindSavedMessage, remindStatusMessage, type RemindState } from './status';
import { REMINDER_SPECS } from './specs';
import { type ReminderTextKey, rt } from './text';
import { DEFAULT_TIME_ZONE, type ReminderMessage } from './types';

const theftFollowUpKey = (userId: string) => `${THEFT_FOLLOW_UP_JOB}:${userId}`;
/** Button ids that re-run `/pccc remind <value>` (the bot routes an unknown action id to the command). */
export const REMIND_COMMAND = 'remind';
export const REMIND_SETUP = 'remind.setup';

const PRESETS: { value: string; label: ReminderTextKey }[] = [
  { value: 'weekly mon 09:00', label: 'presetWeekly' },
  { value: 'biweekly mon 09:00', label: 'presetBiweekly' },
  { value: 'monthly 1 09:00', label: 'presetMonthly' },
];

function zoneOf(s: ReminderSettings): string {
  return s.checks?.timeZone ?? s.renewalTimeZone ?? DEFAULT_TIME_ZONE;
}

function stateOf(s: ReminderSettings): RemindState {
  return {
    checks: s.checks,
    expiry: s.expiry,
    timeZone: s.renewalTimeZone ?? s.checks?.timeZone,
    snoozedUntil: s.snoozedUntil,
  };
}

function pausedLine(s: ReminderSettings, lang: Lang): string | null {
  if (!s.checksPaused && !s.renewalPaused) return null;
  return rt(lang, 'pausedLine');
}

function messageReply(ctx: BotContext, m: ReminderMessage): Reply {
  return ctx.reply(m.text, { title: m.title, buttons: m.buttons, links: m.links });
}

/** Only a time zone given, no import checks yet but renewal on: the zone is for the renewal reminders. */
function zoneOnly(p: SchedulePatch | undefined): p is SchedulePatch & { timeZone: string } {
  return !!p && p.timeZone !== undefined && Object.keys(p).length === 1;
}

export function remindersModule(store: ReminderStore): BotModule {
  async function userId(ctx: BotContext): Promise<string> {
    return (await ctx.stores.users.ensure(ctx.user)).id;
  }

  async function show(ctx: BotContext, id: string): Promise<Handled> {
    const s = await store.get(id);
    const text = [remindStatusMessage(ctx.lang, stateOf(s), ctx.clock.now()), pausedLine(s, ctx.lang)]
      .filter(Boolean)
      .join('\n');
    return [ctx.reply(text)];
  }

  async function remind(ctx: BotContext, rest: string): Promise<Handled> {
    const parsed = parseRemindArgs(rest);
    if (parsed.kind === 'error') return [ctx.reply(remindErrorMessage(parsed.error, ctx.lang, parsed.detail))];
    if (parsed.kind === 'help') return [ctx.reply(remindHelpMessage(ctx.lang))];
    const id = await userId(ctx);
    if (parsed.kind === 'show') return show(ctx, id);
    if (parsed.kind === 'off') {
      const checks = parsed.target !== 'renewal' && (await store.off(id, 'checks'));
      const renewal = parsed.target !== 'checks' && (await store.off(id, 'renewal'));
      const lines: string[] = [];
      if (parsed.target !== 'renewal') lines.push(reminderAck(ctx.lang, 'stopped'));
      if (parsed.target !== 'checks') lines.push(reminderAck(ctx.lang, 'renewal-stopped'));
      if (!checks && !renewal) lines.unshift(rt(ctx.lang, 'noneWereOn'));
      return [ctx.reply(lines.join('\n'))];
    }

    const now = ctx.clock.now();
    const current = await store.get(id);
    const notes: (RemindNote | ExpiryNote)[] = [...parsed.notes];
    let checksPatch = parsed.checks;
    let renewalZone = current.renewalTimeZone ?? current.checks?.timeZone ?? DEFAULT_TIME_ZONE;
    if (checksPatch?.timeZone) renewalZone = checksPatch.timeZone;
    // "tz Europe/Berlin" with renewal reminders but no import checks moves only the renewal zone.
    if (zoneOnly(checksPatch) && !current.checks) checksPatch = undefined;
    if (!checksPatch && !parsed.expiry && !(zoneOnly(parsed.checks) && current.expiry)) {
      return [ctx.reply(remindErrorMessage('missing-cadence', ctx.lang))];
    }

    let schedule = current.checks;
    if (checksPatch) {
      const patched = applySchedulePatch(current.checks, checksPatch, now);
      if (!patched.ok) return [ctx.reply(remindErrorMessage(patched.error, ctx.lang))];
      schedule = patched.schedule;
    }
    let expiry = current.expiry;
    if (parsed.expiry) {
      const computed = computeExpiry(parsed.expiry, localIsoDate(now, renewalZone));
      if (!computed.ok) return [ctx.reply(remindErrorMessage(computed.error, ctx.lang, computed.detail))];
      expiry = computed.expiry;
      notes.push(...computed.notes);
    }

    // Validate everything first, then save: a bad expiry must not half-apply a new schedule.
    if (checksPatch && schedule) {
      await store.setChecks(id, { schedule, lang: ctx.lang, baseline: now, nextDue: nextImportCheck(schedule, now) });
    }
    if (expiry && (parsed.expiry || renewalZone !== current.renewalTimeZone)) {
      await store.setRenewal(id, {
        expiry,
        timeZone: renewalZone,
        lang: ctx.lang,
        baseline: now,
        nextDue: nextRenewalSlot(expiry, renewalZone, now)?.at ?? null,
      });
    }
    const saved = await store.get(id);
    return [ctx.reply(remindSavedMessage(ctx.lang, stateOf(saved), now, notes))];
  }

  async function setup(ctx: BotContext): Promise<Handled> {
    const id = await userId(ctx);
    const s = await store.get(id);
    if (s.checks) return show(ctx, id);
    const buttons: Button[] = PRESETS.map((p, i) => ({
      id: REMIND_COMMAND,
      value: p.value,
      label: rt(ctx.lang, p.label),
      style: i === 0 ? 'primary' : undefined,
    }));
    const intro = rt(ctx.lang, 'setupIntro');
    return [ctx.reply([intro, '', remindHelpMessage(ctx.lang)].join('\n'), { buttons })];
  }

  return {
    name: 'reminders',
    commands: [{ spec: REMINDER_SPECS.remind, run: remind }],
    actions: {
      [REMIND_SETUP]: (ctx) => setup(ctx),
      [REMINDER_BUTTONS.mine]: async (ctx) => {
        await store.recordCheck(await userId(ctx), ctx.clock.now());
        return [ctx.reply(reminderAck(ctx.lang, 'mine'))];
      },
      [REMINDER_BUTTONS.notMine]: async (ctx) => {
        const id = await userId(ctx);
        const s = await store.get(id);
        const now = ctx.clock.now();
        // Durable, and one per user at a time: pressing twice does not ask twice.
        await ctx.stores.jobs.schedule({
          kind: THEFT_FOLLOW_UP_JOB,
          runAt: theftFollowUpAt(now, zoneOf(s)),
          payload: { userId: id, lang: ctx.lang },
          userId: id,
          dedupeKey: theftFollowUpKey(id),
        });
        return [messageReply(ctx, theftGuide(ctx.lang))];
      },
      [REMINDER_BUTTONS.snooze]: async (ctx) => {
        const id = await userId(ctx);
        const s = await store.get(id);
        const until = snoozeUntil(ctx.clock.now(), zoneOf(s));
        if (!(await store.snooze(id, until))) return [ctx.reply(rt(ctx.lang, 'nothingToSnooze'))];
        return [ctx.reply(reminderAck(ctx.lang, 'snoozed', { until, timeZone: zoneOf(s) }))];
      },
      [REMINDER_BUTTONS.stop]: async (ctx) => {
        await store.off(await userId(ctx), 'checks');
        return [ctx.reply(reminderAck(ctx.lang, 'stopped'))];
      },
      [REMINDER_BUTTONS.renewalStop]: async (ctx) => {
        await store.off(await userId(ctx), 'renewal');
        return [ctx.reply(reminderAck(ctx.lang, 'renewal-stopped'))];
      },
      [REMINDER_BUTTONS.renewalDone]: async (ctx) => {
        const s = await store.get(await userId(ctx));
        const today = localIsoDate(ctx.clock.now(), zoneOf(s));
        const text = rt(ctx.lang, 'renewedAsk', { today: isoDateText(today, ctx.lang) });
        return [
          ctx.reply(text, {
            buttons: [
              {
                id: REMIND_COMMAND,
                value: `renewed ${today}`,
                label: rt(ctx.lang, 'buttonRenewedToday'),
                style: 'primary',
              },
            ],
          }),
        ];
      },
      [REMINDER_BUTTONS.theftDone]: async (ctx) => {
        // Done already: the follow-up question in 3 days would only be noise.
        const user = await ctx.stores.users.find(ctx.user);
        if (user) await ctx.stores.jobs.cancel(theftFollowUpKey(user.id));
        return [ctx.reply(reminderAck(ctx.lang, 'theft-done'))];
      },
      [REMINDER_BUTTONS.theftNotYet]: async (ctx) => [messageReply(ctx, theftGuide(ctx.lang))],
    },
    async statusFields(ctx) {
      const user = await ctx.stores.users.find(ctx.user);
      const s = user ? await store.get(user.id) : null;
      const off = rt(ctx.lang, 'fieldOff');
      const paused = rt(ctx.lang, 'fieldPaused');
      return [
        {
          label: rt(ctx.lang, 'fieldChecks'),
          value: s?.checks ? describeSchedule(s.checks, ctx.lang) + (s.checksPaused ? paused : '') : off,
        },
        {
          label: rt(ctx.lang, 'fieldRenewal'),
          value: s?.expiry ? isoDateText(s.expiry, ctx.lang) + (s.renewalPaused ? paused : '') : off,
        },
      ];
    },
  };
}
