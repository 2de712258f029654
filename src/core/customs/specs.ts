// The customs (UNI-PASS) module's commands as specs (see core/commands.ts).
import type { CommandSpec } from '../commands';

/** The B/L argument track and untrack both take (each says what it does with it). */
const BL_ARGUMENT = { name: 'bl', label: { ko: '번호', en: 'B/L' }, required: true, maxLength: 60 } as const;

export const CUSTOMS_SPECS = {
  verify: {
    id: 'verify',
    names: { ko: ['인증', '검증', '부호검증', '본인확인'], en: ['verify'] },
    summary: {
      en: 'Check your stored code with customs (UNI-PASS), asks privately',
      ko: '저장된 통관부호를 관세청(UNI-PASS) 정보와 대조 (비공개 입력)',
    },
  },
  track: {
    id: 'track',
    names: { ko: ['추적', '통관조회', '화물추적'], en: ['track'] },
    summary: { en: 'Follow a parcel through customs by its B/L number', ko: 'B/L 번호로 통관 진행 상황 추적' },
    argument: {
      ...BL_ARGUMENT,
      description: {
        en: 'B/L or cargo number, optionally followed by the year',
        ko: 'B/L 또는 화물관리번호 (뒤에 연도 선택)',
      },
    },
  },
  parcels: {
    id: 'parcels',
    names: { ko: ['추적목록', '화물', '택배'], en: ['parcels'] },
    summary: { en: 'List the parcels you follow', ko: '추적 중인 화물 목록' },
  },
  untrack: {
    id: 'untrack',
    names: { ko: ['추적해제', '추적중지', '추적삭제'], en: ['untrack'] },
    summary: { en: 'Stop following a parcel', ko: '화물 추적 중지' },
    argument: { ...BL_ARGUMENT, description: { en: 'B/L or cargo number', ko: 'B/L 또는 화물관리번호' } },
  },
} as const satisfies Record<string, CommandSpec>;
