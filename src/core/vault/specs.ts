// The vault's commands as specs (see core/commands.ts): words, summaries, shortcuts.
import type { CommandSpec } from '../commands';

export const VAULT_SPECS = {
  register: {
    id: 'register',
    names: { ko: ['등록', '보관', '저장'], en: ['register'] },
    summary: { en: 'Store your customs code safely (asks privately)', ko: '통관부호를 안전하게 저장 (비공개 입력)' },
    home: { order: 1, label: { ko: '보관하기', en: 'Register' } },
    usage: 1,
    headline: 1,
  },
  show: {
    id: 'show',
    names: { ko: ['보기', '확인', '내부호'], en: ['show', 'reveal'] },
    summary: {
      en: 'Send your stored code to you by DM after your PIN',
      ko: 'PIN 확인 후 저장된 통관부호를 DM으로 받기',
    },
    home: { order: 2, label: { ko: '받아 보기', en: 'Show my code' } },
    usage: 2,
    headline: 2,
  },
  replace: {
    id: 'replace',
    names: { ko: ['교체', '변경'], en: ['replace'] },
    summary: {
      en: 'Replace your stored code with a new one (asks privately)',
      ko: '저장된 통관부호를 새 부호로 교체 (비공개 입력)',
    },
  },
  pin: {
    id: 'pin',
    names: { ko: ['PIN변경', '비밀번호'], en: ['pin'] },
    summary: { en: 'Change your PIN', ko: 'PIN 변경' },
    usage: 3,
  },
  forget: {
    id: 'forget',
    names: { ko: ['삭제', '탈퇴'], en: ['forget', 'delete'] },
    summary: { en: 'Delete everything the bot keeps about you', ko: '저장된 내 정보를 모두 삭제' },
    home: { order: 4, label: { ko: '모두 삭제', en: 'Delete all' } },
    usage: 6,
    headline: 4,
  },
} as const satisfies Record<string, CommandSpec>;
