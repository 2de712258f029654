// The reminders module's command as a spec (see core/commands.ts).
import type { CommandSpec } from '../commands';

export const REMINDER_SPECS = {
  remind: {
    id: 'remind',
    names: { ko: ['알림', '리마인더'], en: ['remind', 'reminder', 'reminders'] },
    summary: { en: 'Set, show or stop reminders', ko: '알림 설정·확인·중지' },
    argument: {
      name: 'schedule',
      label: { ko: '일정', en: 'schedule' },
      description: { en: 'e.g. "monthly", "weekly mon 9:00", "off"', ko: '예: "매월", "매주 월 9시", "끄기"' },
      required: false,
      maxLength: 100,
    },
    home: { order: 3, label: { ko: '알림 설정', en: 'Reminders' } },
    usage: 5,
  },
} as const satisfies Record<string, CommandSpec>;
