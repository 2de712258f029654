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
import { DEFAULT_TIME_ZONE, type ReminderMessage } from './types';

const theftFollowUpKey = (userId: string) => `${THEFT_FOLLOW_UP_JOB}:${userId}`;
/** Button ids that re-run `/pccc remind <value>` (the bot routes an unknown action id to the command). */
export const REMIND_COMMAND = 'remind';
export const REMIND_SETUP = 'remind.setup';

const PRESETS: { value: string; ko: string; en: string }[] = [
  { value: 'weekly mon 09:00', ko: '매주 월요일 9시', en: 'Weekly, Mon 09:00' },
  { value: 'biweekly mon 09:00', ko: '격주 월요일 9시', en: 'Every 2 weeks, Mon 09:00' },
  { value: 'monthly 1 09:00', ko: '매월 1일 9시', en: 'Monthly, 1st 09:00' },
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
  return lang === 'ko'
    ? '⚠️ DM을 보낼 수 없어 알림을 잠시 멈췄어요. DM을 허용한 뒤 일정을 다시 보내 주시면(예: `/pccc remind 매주 월요일 9시`) 다시 시작해요.'
    : "⚠️ Reminders are paused because I couldn't DM you. Allow DMs, then send your schedule again (e.g. `/pccc remind weekly mon 09:00`) to resume.";
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
      if (!checks && !renewal)
        lines.unshift(ctx.lang === 'ko' ? '켜져 있던 알림이 없었어요.' : 'No reminders were on.');
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
      label: p[ctx.lang],
      style: i === 0 ? 'primary' : undefined,
    }));
    const intro =
      ctx.lang === 'ko'
        ? '통관내역을 얼마나 자주 확인하라고 알려 드릴까요? 아래에서 고르거나 `/pccc remind 매주 금요일 21:30`처럼 직접 적어 주세요. 알림은 DM으로 가요.'
        : 'How often should I remind you to check your imports? Pick one below or type e.g. `/pccc remind weekly fri 21:30`. Reminders come by DM.';
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
        if (!(await store.snooze(id, until)))
          return [
            ctx.reply(
              ctx.lang === 'ko'
                ? '켜져 있는 통관내역 확인 알림이 없어요.'
                : 'There is no import-check reminder to snooze.',
            ),
          ];
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
        const text =
          ctx.lang === 'ko'
            ? `갱신하셨군요. 갱신한 날짜를 알려 주시면 다음 만료일을 계산해 다시 알려 드려요: \`/pccc remind 갱신 YYYY-MM-DD\`. 오늘(${isoDateText(today, 'ko')}) 갱신했다면 아래 버튼을 눌러 주세요.`
            : `Renewed? Tell me the renewal date and I'll remind you before the next expiry: \`/pccc remind renewed YYYY-MM-DD\`. Renewed today (${isoDateText(today, 'en')})? Press the button.`;
        return [
          ctx.reply(text, {
            buttons: [
              {
                id: REMIND_COMMAND,
                value: `renewed ${today}`,
                label: ctx.lang === 'ko' ? '오늘 갱신했어요' : 'Renewed today',
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
      const off = ctx.lang === 'ko' ? '꺼짐' : 'off';
      const paused = ctx.lang === 'ko' ? ' (일시 중지)' : ' (paused)';
      return [
        {
          label: ctx.lang === 'ko' ? '통관내역 확인 알림' : 'Import-check reminders',
          value: s?.checks ? describeSchedule(s.checks, ctx.lang) + (s.checksPaused ? paused : '') : off,
        },
        {
          label: ctx.lang === 'ko' ? '갱신 알림' : 'Renewal reminders',
          value: s?.expiry ? isoDateText(s.expiry, ctx.lang) + (s.renewalPaused ? paused : '') : off,
        },
      ];
    },
  };
}
