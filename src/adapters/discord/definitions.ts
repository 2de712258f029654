// Application commands as data: one `/pccc` command with subcommands. The adapter only
// turns a chosen subcommand back into the `/pccc <args>` text the core routes; it never
// decides what a subcommand does.
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, ApplicationIntegrationType } from 'discord.js';
import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';

/** Topic ids from the design contract, with short labels for the choice list. */
export const TOPICS: ReadonlyArray<{ id: string; en: string; ko: string }> = [
  { id: 'what', en: 'What the code is', ko: '개인통관고유부호란?' },
  { id: 'issue', en: 'Getting a code', ko: '발급 방법' },
  { id: 'lookup', en: 'Looking up a forgotten code', ko: '분실·조회' },
  { id: 'reissue', en: 'Reissue or suspend', ko: '재발급·사용정지' },
  { id: 'validity', en: 'Validity and renewal', ko: '유효기간·갱신' },
  { id: 'theft', en: 'Suspected theft', ko: '도용 신고' },
  { id: 'prevention', en: 'Preventing misuse', ko: '도용 예방' },
  { id: 'usage', en: 'Usage history and alerts', ko: '사용 내역·알림' },
  { id: 'mismatch', en: 'Held parcel: details mismatch', ko: '정보 불일치로 통관 보류' },
  { id: 'foreigner', en: 'Foreign residents', ko: '외국인' },
  { id: 'dutyfree', en: 'Duty-free limits', ko: '면세 한도' },
];

interface Sub {
  name: string;
  ko: string;
  description: string;
  koDescription: string;
  option?: { name: string; ko: string; description: string; koDescription: string; required: boolean; maxLength?: number; choices?: ReadonlyArray<{ id: string; en: string; ko: string }> };
}

export const SUBCOMMANDS: readonly Sub[] = [
  { name: 'help', ko: '도움말', description: 'What this bot can do', koDescription: '이 봇이 할 수 있는 일' },
  {
    name: 'topic', ko: '주제', description: 'Read about one topic', koDescription: '주제별 안내 보기',
    option: { name: 'id', ko: '주제', description: 'Which topic', koDescription: '어떤 주제인가요', required: true, choices: TOPICS },
  },
  { name: 'register', ko: '등록', description: 'Store your customs code safely (asks privately)', koDescription: '통관부호를 안전하게 저장 (비공개 입력)' },
  { name: 'show', ko: '보기', description: 'Send your stored code to you by DM after your PIN', koDescription: 'PIN 확인 후 저장된 통관부호를 DM으로 받기' },
  { name: 'replace', ko: '교체', description: 'Replace your stored code with a new one (asks privately)', koDescription: '저장된 통관부호를 새 부호로 교체 (비공개 입력)' },
  { name: 'pin', ko: 'pin변경', description: 'Change your PIN', koDescription: 'PIN 변경' },
  { name: 'forget', ko: '삭제', description: 'Delete everything the bot keeps about you', koDescription: '저장된 내 정보를 모두 삭제' },
  {
    name: 'remind', ko: '알림', description: 'Set, show or stop reminders', koDescription: '알림 설정·확인·중지',
    option: { name: 'schedule', ko: '일정', description: 'e.g. "monthly", "weekly mon 9:00", "off"', koDescription: '예: "매월", "매주 월 9시", "끄기"', required: false, maxLength: 100 },
  },
  { name: 'verify', ko: '인증', description: 'Check your stored code with customs (UNI-PASS), asks privately', koDescription: '저장된 통관부호를 관세청(UNI-PASS) 정보와 대조 (비공개 입력)' },
  {
    name: 'track', ko: '추적', description: 'Follow a parcel through customs by its B/L number', koDescription: 'B/L 번호로 통관 진행 상황 추적',
    option: { name: 'bl', ko: '번호', description: 'B/L or cargo number, optionally followed by the year', koDescription: 'B/L 또는 화물관리번호 (뒤에 연도 선택)', required: true, maxLength: 60 },
  },
  { name: 'parcels', ko: '추적목록', description: 'List the parcels you follow', koDescription: '추적 중인 화물 목록' },
  {
    name: 'untrack', ko: '추적해제', description: 'Stop following a parcel', koDescription: '화물 추적 중지',
    option: { name: 'bl', ko: '번호', description: 'B/L or cargo number', koDescription: 'B/L 또는 화물관리번호', required: true, maxLength: 60 },
  },
  { name: 'status', ko: '상태', description: 'What the bot keeps about you', koDescription: '내 저장 상태 보기' },
  {
    name: 'lang', ko: '언어', description: 'Answer me in Korean or English (or follow my Discord language)', koDescription: '답변 언어 설정 (한국어·영어·자동)',
    option: { name: 'language', ko: '언어', description: 'Language', koDescription: '언어', required: true, choices: [
      { id: 'ko', en: 'Korean (한국어)', ko: '한국어' },
      { id: 'en', en: 'English', ko: '영어 (English)' },
      { id: 'auto', en: 'Follow my Discord language', ko: '디스코드 언어 따르기' },
    ] },
  },
  {
    name: 'ask', ko: '질문', description: 'Ask a question about the customs code', koDescription: '통관부호에 대해 질문하기',
    option: { name: 'question', ko: '질문', description: 'Your question', koDescription: '질문 내용', required: true, maxLength: 500 },
  },
];

export const COMMAND_NAME = 'pccc';

/** The full set of commands, exactly the body of the bulk-overwrite PUT. */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      name_localizations: { ko: '통관부호' },
      description: "Korea's personal customs clearance code (PCCC): answers and a safe place for your code",
      description_localizations: { ko: '개인통관고유부호 안내와 안전한 보관' },
      // Installable to a server and to a person's account (user install), so /pccc works in
      // servers, in the bot's DM, and in any DM or group DM the person is in. Outside the bot's
      // DM every answer is ephemeral (inbound.ts placeOf).
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
      integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
      options: SUBCOMMANDS.map((s) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: s.name,
        name_localizations: { ko: s.ko },
        description: s.description,
        description_localizations: { ko: s.koDescription },
        options: s.option
          ? [
              {
                type: ApplicationCommandOptionType.String,
                name: s.option.name,
                name_localizations: { ko: s.option.ko },
                description: s.option.description,
                description_localizations: { ko: s.option.koDescription },
                required: s.option.required,
                ...(s.option.maxLength ? { max_length: s.option.maxLength } : {}),
                ...(s.option.choices
                  ? { choices: s.option.choices.map((c) => ({ name: c.en, name_localizations: { ko: c.ko }, value: c.id })) }
                  : {}),
              },
            ]
          : [],
      })),
    },
  ];
}

/**
 * The `/pccc <args>` text for a chosen subcommand. `option` is the subcommand's only
 * string option, if any. The core does all routing from this text.
 */
export function argsFor(subcommand: string, option?: string | null): string {
  const value = (option ?? '').trim();
  switch (subcommand) {
    case 'ask':
      return value;
    case 'topic':
    case 'remind':
    case 'lang':
    case 'track':
    case 'untrack':
      return value ? `${subcommand} ${value}` : subcommand;
    default:
      return subcommand;
  }
}
