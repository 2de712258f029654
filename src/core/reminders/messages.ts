/**
 * What reminders say, in Korean and English. Facts only from docs/domain.md; where the
 * exact renewal menu is not documented, the text says so and points to the official page.
 */
import { RENEWAL_WINDOW_DAYS } from './expiry';
import { isoDateText, shortDate } from './format';
import { addDays, formatIsoDate, parseIsoDate } from './localTime';
import type { Lang, ReminderMessage } from './types';

export const UNIPASS_PERSONAL_URL = 'https://unipass.customs.go.kr/csp/persIndex.do';

/** Button ids the adapters send back; the dispatcher/bot routes on them. */
export const REMINDER_BUTTONS = {
  mine: 'remind.mine',
  notMine: 'remind.notmine',
  snooze: 'remind.snooze',
  stop: 'remind.stop',
  renewalDone: 'renewal.done',
  renewalStop: 'renewal.stop',
  theftDone: 'theft.done',
  theftNotYet: 'theft.notyet',
} as const;

const UNIPASS_LINK = (lang: Lang) => ({
  label: lang === 'ko' ? 'UNI-PASS 개인 페이지' : 'UNI-PASS personal page',
  url: UNIPASS_PERSONAL_URL,
});

/** A coalesced catch-up, or a single late slot, gets a line naming the date(s) it was for. */
function catchUpLine(lang: Lang, slots: Date[], timeZone: string, count: number, now?: Date): string | null {
  if (slots.length === 0) return null;
  const first = slots[0]!;
  const last = slots[slots.length - 1]!;
  const spansYears =
    shortDate(first, timeZone, 'en', true).slice(-4) !== shortDate(last, timeZone, 'en', true).slice(-4);
  const dates = slots.map((s) => shortDate(s, timeZone, lang, spansYears)).join(', ');
  const total = Math.max(count, slots.length);
  if (total > 1) {
    const more = total - slots.length;
    if (lang === 'ko') {
      return `놓친 확인 ${total}회를 한 번에 보내 드려요: ${dates}${more > 0 ? ` (그 전 ${more}회 포함)` : ''}. 조회 기간을 ${shortDate(first, timeZone, lang, spansYears)} 이전부터 잡아 주세요.`;
    }
    return `Catch-up for ${total} missed checks: ${dates}${more > 0 ? ` (and ${more} earlier)` : ''}. One look covers them all — choose a date range starting before ${shortDate(first, timeZone, lang, spansYears)}.`;
  }
  // One slot: name it only when it is noticeably late (the bot was down).
  if (now && now.getTime() - first.getTime() > 60 * 60_000) {
    return lang === 'ko'
      ? `${shortDate(first, timeZone, lang)}에 보냈어야 할 알림이 늦게 도착했어요.`
      : `This is the check that was due on ${shortDate(first, timeZone, lang)} (sent late).`;
  }
  return null;
}

/**
 * The import-check reminder. `slotsFor`: the slot(s) it is for (a capped list from
 * `missedSlots`), `count`: how many were missed in total, `now`: to mark a single late slot.
 */
export function importCheckMessage(
  lang: Lang,
  opts: { slotsFor: Date[]; timeZone: string; count?: number; now?: Date },
): ReminderMessage {
  const catchUp = catchUpLine(lang, opts.slotsFor, opts.timeZone, opts.count ?? opts.slotsFor.length, opts.now);
  const ko = lang === 'ko';
  const lines = ko
    ? [
        '내 개인통관고유부호로 통관된 물품이 모두 내가 주문한 것인지 확인해 주세요.',
        `1. UNI-PASS 개인 페이지 → 해외직구 통관내역 조회에서 지난 확인 이후 기간을 골라 보세요: ${UNIPASS_PERSONAL_URL}`,
        "2. 주문하지 않은 물품이 있으면 '주문하지 않은 게 있어요'를 눌러 주세요.",
        '팁: 국민비서 → 알림 설정 → 민원처리 → 전자상거래 물품통관내역을 켜면 통관될 때마다 카카오톡·네이버 앱으로 알려 줘요.',
      ]
    : [
        'Make sure every import cleared under your customs code is something you ordered.',
        `1. UNI-PASS personal page → 해외직구 통관내역 조회 (import clearance history); choose the dates since your last check: ${UNIPASS_PERSONAL_URL}`,
        '2. Anything you did not order? Press "Something I didn\'t order".',
        'Tip: turn on 국민비서 alerts → 알림 설정 → 민원처리 → 전자상거래 물품통관내역 to hear about every clearance on KakaoTalk or the Naver app.',
      ];
  return {
    title: ko ? '해외직구 통관내역 확인할 때예요' : 'Time to check your recent imports',
    text: [...(catchUp ? [catchUp] : []), ...lines].join('\n'),
    buttons: ko
      ? [
          { id: REMINDER_BUTTONS.mine, label: '모두 내 주문이에요', style: 'primary' },
          { id: REMINDER_BUTTONS.notMine, label: '주문하지 않은 게 있어요', style: 'danger' },
          { id: REMINDER_BUTTONS.snooze, label: '일주일 뒤에 다시' },
          { id: REMINDER_BUTTONS.stop, label: '그만 받기' },
        ]
      : [
          { id: REMINDER_BUTTONS.mine, label: 'All mine', style: 'primary' },
          { id: REMINDER_BUTTONS.notMine, label: "Something I didn't order", style: 'danger' },
          { id: REMINDER_BUTTONS.snooze, label: 'Snooze a week' },
          { id: REMINDER_BUTTONS.stop, label: 'Stop' },
        ],
    links: [UNIPASS_LINK(lang)],
  };
}

function renewalSteps(lang: Lang): string[] {
  return lang === 'ko'
    ? [
        '갱신 방법 (메뉴 이름은 바뀔 수 있으니 공식 안내를 따르세요):',
        `1. UNI-PASS 개인 페이지(${UNIPASS_PERSONAL_URL}) 또는 모바일 관세청 앱에 들어가요.`,
        '2. 본인 명의 휴대폰, 공동·금융인증서, 간편인증(카카오·네이버·PASS 등)으로 본인확인을 해요.',
        '3. 개인통관고유부호 메뉴에서 갱신을 고르고 이름·전화번호·주소를 확인해요. 번호는 그대로 유지돼요.',
        '온라인이 어렵다면 125(관세청 고객지원센터, 평일 09:00~18:00, 해외에서는 +82-2-3438-5199)에 문의하세요.',
        '갱신한 뒤 `/pccc remind 갱신 YYYY-MM-DD`로 갱신일을 알려 주시면 다음 만료일에 맞춰 다시 알려 드려요.',
      ]
    : [
        'How to renew (menu names may differ; follow the official page):',
        `1. Open the UNI-PASS personal page (${UNIPASS_PERSONAL_URL}) or the 모바일 관세청 app.`,
        '2. Verify yourself: mobile phone in your name, joint/financial certificate, or Kakao/Naver/PASS.',
        '3. In the 개인통관고유부호 menu choose renewal (갱신) and check your name, phone and address. Your number stays the same.',
        'Stuck online? Call 125 (customs call centre, weekdays 09:00–18:00; from abroad +82-2-3438-5199).',
        'After renewing, send `/pccc remind renewed YYYY-MM-DD` so I remind you before the next expiry.',
      ];
}

/** A renewal reminder for `offset` days relative to `expiry` (−30, −7, 0, +25; others worded generically). */
export function renewalMessage(lang: Lang, opts: { expiry: string; offset: number }): ReminderMessage {
  const ko = lang === 'ko';
  const exp = parseIsoDate(opts.expiry);
  const expText = exp ? isoDateText(opts.expiry, lang) : opts.expiry;
  const cutoffIso = exp ? formatIsoDate(addDays(exp, RENEWAL_WINDOW_DAYS)) : null;
  const cutoff = cutoffIso ? isoDateText(cutoffIso, lang) : '';
  const opensIso = exp ? formatIsoDate(addDays(exp, -RENEWAL_WINDOW_DAYS)) : null;
  const opens = opensIso ? isoDateText(opensIso, lang) : '';
  const o = opts.offset;

  let title: string;
  let lead: string;
  if (o < 0) {
    const days = -o;
    title = ko
      ? days >= RENEWAL_WINDOW_DAYS
        ? '개인통관고유부호 갱신 기간이 시작됐어요'
        : `개인통관고유부호 만료 ${days}일 전이에요`
      : days >= RENEWAL_WINDOW_DAYS
        ? 'You can renew your customs code now'
        : `Your customs code expires in ${days} day${days === 1 ? '' : 's'}`;
    lead = ko
      ? `만료일은 ${expText}이에요. 만료 30일 전(${opens})부터 만료 30일 후(${cutoff})까지 갱신할 수 있고, 그때까지 갱신하지 않으면 자동으로 말소돼요.`
      : `It expires on ${expText}. You can renew from 30 days before (${opens}) until 30 days after expiry (${cutoff}); if it isn't renewed by then, it is cancelled automatically.`;
  } else if (o === 0) {
    title = ko ? '오늘 개인통관고유부호가 만료돼요' : 'Your customs code expires today';
    lead = ko
      ? `오늘(${expText}) 만료돼요. ${cutoff}까지 갱신하지 않으면 자동으로 말소돼요.`
      : `It expires today (${expText}). If it isn't renewed by ${cutoff}, it is cancelled automatically.`;
  } else {
    const left = RENEWAL_WINDOW_DAYS - o;
    title = ko ? '개인통관고유부호 갱신 마지막 기회예요' : 'Last chance to renew your customs code';
    lead =
      left > 0
        ? ko
          ? `${expText}에 만료됐어요. ${cutoff}까지(${left}일 남음) 갱신하지 않으면 자동으로 말소되고, 새로 발급받아야 해요.`
          : `It expired on ${expText}. If it isn't renewed by ${cutoff} (${left} day${left === 1 ? '' : 's'} left), it is cancelled automatically and you will need a new code.`
        : ko
          ? `${expText}에 만료됐고 갱신 기간(${cutoff}까지)도 지났을 수 있어요. UNI-PASS에서 상태를 확인해 주세요.`
          : `It expired on ${expText} and the renewal period (until ${cutoff}) may have passed. Check its status on UNI-PASS.`;
  }
  return {
    title,
    text: [lead, ...renewalSteps(lang)].join('\n'),
    buttons: ko
      ? [
          { id: REMINDER_BUTTONS.renewalDone, label: '갱신했어요', style: 'primary' },
          { id: REMINDER_BUTTONS.renewalStop, label: '갱신 알림 끄기' },
        ]
      : [
          { id: REMINDER_BUTTONS.renewalDone, label: "I've renewed", style: 'primary' },
          { id: REMINDER_BUTTONS.renewalStop, label: 'Stop renewal reminders' },
        ],
    links: [UNIPASS_LINK(lang)],
  };
}

/** The five steps after "Something I didn't order". The dispatcher schedules `theftFollowUp` 3 days later. */
export function theftGuide(lang: Lang): ReminderMessage {
  const ko = lang === 'ko';
  const text = ko
    ? [
        '도용이 의심되면 바로 이렇게 해 주세요:',
        `1. UNI-PASS(${UNIPASS_PERSONAL_URL})에서 '개인통관고유부호 도용신고'를 해요. 부호와 모르는 물품의 B/L 번호(통관내역 조회에 나와요)가 필요해요.`,
        '2. 온라인 신고가 어렵거나 궁금한 점은 125(관세청 고객지원센터, 평일 09:00~18:00, 해외 +82-2-3438-5199)로 전화해요.',
        '3. 부호를 재발급받아요: 조회 → 수정 → 사용여부: 재발급. 이전 부호는 즉시 쓸 수 없게 돼요.',
        '4. 배송 중인 주문의 판매자·배송업체(관세사)에 새 부호를 알려요. 다시 결제할 필요는 없어요.',
        '5. 새 부호를 여기에도 다시 등록해 주세요.',
        '도용이 확인되면 관세나 처벌을 부담하지 않아요. 관세청은 문자로 부호나 돈을 요구하지 않으니, 의심되면 125로 확인하세요.',
        '3일 뒤에 다 됐는지 여쭤볼게요.',
      ]
    : [
        'If an import is not yours, act now:',
        `1. Report it on UNI-PASS (${UNIPASS_PERSONAL_URL}): 개인통관고유부호 도용신고 (code theft report), with your code and the unknown parcel's B/L number (shown in the clearance history).`,
        "2. Can't report online, or have questions? Call 125 (customs call centre, weekdays 09:00–18:00; from abroad +82-2-3438-5199).",
        '3. Reissue your code: 조회 → 수정 → 사용여부: 재발급 (reissue). The old code stops working at once.',
        '4. Give the new code to the sellers and couriers (or customs brokers) of orders still on the way; you do not pay again.',
        '5. Register the new code here too.',
        'Once theft is confirmed you owe no duties or penalties. Customs never asks for your code or money by text; if in doubt, call 125.',
        "I'll check back in 3 days.",
      ];
  return {
    title: ko ? '주문하지 않은 물품이 있나요?' : "Something you didn't order?",
    text: text.join('\n'),
    buttons: [{ id: REMINDER_BUTTONS.theftDone, label: ko ? '모두 처리했어요' : 'All done' }],
    links: [UNIPASS_LINK(lang)],
  };
}

/** Sent 3 days after the theft guide. */
export function theftFollowUp(lang: Lang): ReminderMessage {
  const ko = lang === 'ko';
  return {
    title: ko ? '도용 의심 건은 처리하셨나요?' : 'Did you sort out the unknown import?',
    text: ko
      ? '3일 전 주문하지 않은 물품이 있다고 하셨어요. 도용신고(또는 125 전화), 부호 재발급, 판매자·배송업체에 새 부호 전달, 여기에 새 부호 등록까지 마치셨나요?'
      : "3 days ago you flagged an import you didn't order. Have you reported it (도용신고 or call 125), reissued your code, given the new code to sellers and couriers, and registered it here?",
    buttons: ko
      ? [
          { id: REMINDER_BUTTONS.theftDone, label: '네, 다 했어요', style: 'primary' },
          { id: REMINDER_BUTTONS.theftNotYet, label: '아직이요, 단계 다시 보기' },
        ]
      : [
          { id: REMINDER_BUTTONS.theftDone, label: 'Yes, all done', style: 'primary' },
          { id: REMINDER_BUTTONS.theftNotYet, label: 'Not yet: show the steps' },
        ],
    links: [UNIPASS_LINK(lang)],
  };
}

/** Short replies to the reminder buttons (the dispatcher has done the state change). */
export function reminderAck(
  lang: Lang,
  what: 'mine' | 'snoozed' | 'stopped' | 'renewal-stopped' | 'theft-done',
  opts: { until?: Date; timeZone?: string } = {},
): string {
  const ko = lang === 'ko';
  const when = opts.until && opts.timeZone ? shortDate(opts.until, opts.timeZone, lang) : null;
  switch (what) {
    case 'mine':
      return ko
        ? '좋아요, 모두 확인됐어요. 다음 일정에 다시 알려 드릴게요.'
        : "Great, all clear. I'll remind you at the next scheduled time.";
    case 'snoozed':
      return ko
        ? `${when ?? '일주일 뒤'}에 다시 알려 드릴게요.`
        : `OK, I'll remind you again ${when ? `on ${when}` : 'in a week'}.`;
    case 'stopped':
      return ko
        ? '통관내역 확인 알림을 껐어요. 다시 켜려면 `/pccc remind 매주 월요일 9시`처럼 보내 주세요.'
        : 'Import-check reminders are off. To turn them back on, send e.g. `/pccc remind weekly mon 09:00`.';
    case 'renewal-stopped':
      return ko
        ? '갱신 알림을 껐어요. 다시 켜려면 `/pccc remind 발급 YYYY-MM-DD`를 보내 주세요.'
        : 'Renewal reminders are off. To turn them back on, send `/pccc remind issued YYYY-MM-DD`.';
    case 'theft-done':
      return ko
        ? '잘하셨어요. 앞으로도 통관내역을 주기적으로 확인해 주세요.'
        : 'Well done. Keep checking your clearance history regularly.';
  }
}
