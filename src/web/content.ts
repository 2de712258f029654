// What the public pages say, as data: one entry per page and language, Korean and English side
// by side. render.ts turns it into HTML; nothing here is HTML (every string is escaped).
export type WebLang = 'ko' | 'en';
export type PageId = 'home' | 'privacy' | 'terms';

/** A paragraph, a bullet list, a command table, or a definition list. */
export type Block =
  | { p: string }
  | { list: string[] }
  | { commands: Array<[command: string, what: string]> }
  | { defs: Array<[term: string, text: string]> };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface Page {
  title: string;
  lead: string;
  sections: Section[];
}

/** Facts the pages state that come from the running configuration. */
export interface PageFacts {
  revealMinutes: number;
  privacyContact?: string;
}

export const EFFECTIVE_DATE = '2026-11-30';

export const RETENTION = {
  auditDays: 365,
  deliveryDays: 90,
  finishedParcelDays: 30,
  consentOnlyDays: 30,
} as const;

export interface Chrome {
  siteName: string;
  tagline: string;
  nav: Record<PageId, string>;
  switchTo: string;
  addToSlack: string;
  addToDiscord: string;
  slackUnavailable: string;
  discordUnavailable: string;
  installTitle: string;
  notFoundTitle: string;
  notFoundText: string;
  backHome: string;
  footer: string;
  effective: string;
  noContact: string;
}

export const CHROME: Record<WebLang, Chrome> = {
  ko: {
    siteName: 'pccc-bot',
    tagline: '개인통관고유부호 도우미',
    nav: { home: '소개', privacy: '개인정보 처리방침', terms: '이용약관' },
    switchTo: 'English',
    addToSlack: 'Slack에 추가',
    addToDiscord: 'Discord에 추가',
    slackUnavailable:
      '이 서버는 Slack 워크스페이스 하나에만 설치되어 있어요. 다른 워크스페이스에 추가하려면 운영자에게 물어보세요.',
    discordUnavailable: '이 서버에는 Discord 앱이 설정되어 있지 않아요.',
    installTitle: '설치하기',
    notFoundTitle: '페이지를 찾을 수 없어요',
    notFoundText: '주소가 잘못되었거나 없는 페이지예요.',
    backHome: '처음으로 돌아가기',
    footer: '관세청과 관계없는 비공식 도우미예요. 정확한 정보는 관세청 UNI-PASS와 125 고객지원센터에서 확인하세요.',
    effective: '시행일',
    noContact:
      '운영자가 아직 연락처를 설정하지 않았어요 (PRIVACY_CONTACT). 설치한 워크스페이스나 서버의 관리자에게 문의하세요.',
  },
  en: {
    siteName: 'pccc-bot',
    tagline: 'Your personal customs clearance code helper',
    nav: { home: 'About', privacy: 'Privacy policy', terms: 'Terms' },
    switchTo: '한국어',
    addToSlack: 'Add to Slack',
    addToDiscord: 'Add to Discord',
    slackUnavailable: 'This server runs in one Slack workspace only. Ask the operator to add it to another workspace.',
    discordUnavailable: 'No Discord application is configured on this server.',
    installTitle: 'Install',
    notFoundTitle: 'Page not found',
    notFoundText: 'The address is wrong or the page does not exist.',
    backHome: 'Back to the start',
    footer:
      'An unofficial helper, not affiliated with Korea Customs Service. Check UNI-PASS or call 125 for authoritative answers.',
    effective: 'Effective',
    noContact:
      'The operator has not set a contact yet (PRIVACY_CONTACT). Ask the admin of the workspace or server where the bot is installed.',
  },
};

const COMMANDS: Record<WebLang, Array<[string, string]>> = {
  ko: [
    ['/pccc help', '도움말과 명령 목록'],
    ['/pccc 통관번호 까먹었어요', '발급·조회·재발급·유효기간·도용 질문에 답해요 (DM으로 그냥 물어봐도 돼요)'],
    ['/pccc register', '내 통관부호를 암호화해서 보관해요 (동의 → 비공개 입력창 → PIN 설정)'],
    ['/pccc show', 'PIN을 확인한 뒤 DM으로 보내고, 잠시 뒤 지워요'],
    ['/pccc verify', '관세청 UNI-PASS에서 부호·이름·휴대전화·우편번호가 맞는지 확인해요'],
    ['/pccc track <B/L 번호>', '화물 통관 진행 상황을 알려 주고 바뀌면 알려 줘요'],
    ['/pccc remind weekly mon 09:00', '매주 통관 내역 확인 알림'],
    ['/pccc remind issued 2026-03-15', '유효기간 만료 전 갱신 알림'],
    ['/pccc status', '보관 중인 내용과 알림 설정 보기'],
    ['/pccc forget', '내 정보를 한 번에 모두 지워요'],
  ],
  en: [
    ['/pccc help', 'Help and the list of commands'],
    [
      '/pccc how do I get a PCCC?',
      'Answers about issuing, looking up, reissuing, expiry and theft (or just ask in a DM)',
    ],
    ['/pccc register', 'Keep your code encrypted (consent → private form → set a PIN)'],
    ['/pccc show', 'After your PIN, sends the code by DM and deletes it shortly after'],
    ['/pccc verify', 'Checks code, name, phone and postal code with Korea Customs (UNI-PASS)'],
    ['/pccc track <B/L number>', 'Shows a parcel’s clearance progress and tells you when it changes'],
    ['/pccc remind weekly mon 09:00', 'A weekly reminder to check your import history'],
    ['/pccc remind issued 2026-03-15', 'Reminders to renew the code before it expires'],
    ['/pccc status', 'What is stored and which reminders are on'],
    ['/pccc forget', 'Deletes everything about you at once'],
  ],
};

export function pages(lang: WebLang, facts: PageFacts): Record<PageId, Page> {
  const m = facts.revealMinutes;
  const r = RETENTION;
  if (lang === 'ko') {
    return {
      home: {
        title: 'pccc-bot — 개인통관고유부호 도우미',
        lead: '해외직구에 꼭 필요한 개인통관고유부호(P로 시작하는 13자리)를 Slack과 Discord에서 묻고, 안전하게 보관하고, 필요할 때 나만 보이게 받아 보세요.',
        sections: [
          {
            id: 'what',
            title: '무엇을 하나요',
            blocks: [
              {
                list: [
                  '개인통관고유부호의 발급, 조회, 재발급, 유효기간(1년), 도용 신고, 면세 한도 같은 질문에 한국어와 영어로 답해요. 답에는 출처가 있어요.',
                  '내 부호를 암호화해서 보관하고, PIN을 확인한 뒤에만 DM으로 돌려줘요.',
                  '정한 때에 통관 내역 확인과 유효기간 갱신을 알려 줘요.',
                  '원하면 관세청 UNI-PASS로 부호가 맞는지 확인하고, 화물 통관 진행 상황을 알려 줘요.',
                ],
              },
            ],
          },
          { id: 'commands', title: '명령어', blocks: [{ commands: COMMANDS.ko }] },
          {
            id: 'security',
            title: '내 정보는 이렇게 지켜요',
            blocks: [
              {
                list: [
                  '부호는 암호화(AES-256-GCM)해서만 저장해요. 암호화 키는 데이터베이스 밖에 따로 두어요.',
                  'PIN은 되돌릴 수 없는 방식(scrypt)으로만 저장해요. 5번 틀리면 잠시 잠기고, 틀릴수록 더 오래 잠겨요.',
                  `부호는 DM으로만 보내고 ${m}분 뒤에 지워요. DM을 받을 수 없을 때는 나에게만 보이는 메시지로 보내요.`,
                  '부호나 PIN은 채널 메시지, 로그, 오류 메시지, 주소(URL)에 절대 남기지 않아요. 채널에 부호를 붙여 넣어도 따라 쓰지 않아요.',
                  '부호·PIN 입력은 비공개 입력창에서만 받아요.',
                  '/pccc forget 한 번이면 내 정보가 모두 지워져요.',
                ],
              },
            ],
          },
        ],
      },
      privacy: {
        title: '개인정보 처리방침',
        lead: `pccc-bot 운영자는 「개인정보 보호법」에 따라 이용자의 개인정보를 보호하고 관련 고충을 신속하게 처리하기 위해 다음과 같이 처리방침을 둡니다. 시행일: ${EFFECTIVE_DATE}.`,
        sections: [
          {
            id: 'purposes',
            title: '1. 개인정보의 처리 목적',
            blocks: [
              {
                list: [
                  '이용자가 맡긴 개인통관고유부호를 보관하고 본인 확인(PIN) 뒤 돌려주기',
                  '이용자가 정한 알림(통관 내역 확인, 유효기간 갱신) 보내기',
                  '이용자가 요청할 때 관세청 UNI-PASS로 부호 확인, 화물 통관 진행 조회',
                  '도용·무차별 대입을 막기 위한 보안 기록(감사 기록) 유지',
                ],
              },
              { p: '이 목적 밖으로는 쓰지 않으며, 목적이 바뀌면 미리 알리고 동의를 받아요.' },
            ],
          },
          {
            id: 'items',
            title: '2. 처리하는 개인정보 항목',
            blocks: [
              {
                defs: [
                  ['식별자', 'Slack 워크스페이스 ID와 사용자 ID, 또는 Discord 사용자 ID (이름·이메일은 받지 않아요)'],
                  [
                    '개인통관고유부호',
                    'AES-256-GCM으로 암호화한 값과, 같은 부호의 중복 등록을 찾기 위한 키 기반 해시(HMAC)',
                  ],
                  ['PIN', 'scrypt 해시와 솔트만 저장해요 (PIN 자체는 저장하지 않아요)'],
                  ['설정', '언어, 알림 일정, 부호 발급일(유효기간 계산용), 동의 시각'],
                  ['화물', '조회를 요청한 B/L(화물관리번호)과 마지막 통관 단계'],
                  ['감사 기록', '부호 열람, PIN 실패, 잠금, 변경이 언제 있었는지 (부호와 PIN은 담지 않아요)'],
                  ['부호 확인 때만', '이름, 휴대전화 번호, 우편번호: UNI-PASS 확인에만 쓰고 저장하지 않아요'],
                ],
              },
            ],
          },
          {
            id: 'retention',
            title: '3. 처리 및 보유 기간',
            blocks: [
              {
                list: [
                  '부호, PIN 해시, 설정: 이용자가 /pccc forget으로 지우거나 앱을 삭제할 때까지',
                  `감사 기록: ${r.auditDays / 365}년`,
                  `알림·메시지 전송 기록: ${r.deliveryDays}일`,
                  `통관이 끝난 화물 조회 기록: 끝난 뒤 ${r.finishedParcelDays}일`,
                  `동의만 하고 부호를 등록하지 않은 기록: ${r.consentOnlyDays}일`,
                  `DM으로 보낸 부호 메시지: ${m}분 뒤 삭제`,
                ],
              },
              { p: '기간이 지난 정보는 정기적으로 자동 삭제해요.' },
            ],
          },
          {
            id: 'third-party',
            title: '4. 개인정보의 제3자 제공',
            blocks: [
              {
                p: '이용자가 직접 요청한 경우에만 관세청(UNI-PASS Open API)에 다음을 보내요. 그 밖의 제3자에게는 제공하지 않아요.',
              },
              {
                defs: [
                  [
                    '부호 확인 (/pccc verify)',
                    '개인통관고유부호, 이름, 휴대전화 번호, 우편번호 — 일치 여부 확인 목적, 관세청의 보유 기간에 따름',
                  ],
                  ['화물 조회 (/pccc track)', 'B/L(화물관리번호) — 통관 진행 조회 목적'],
                ],
              },
              {
                p: '메시지는 이용자가 쓰는 Slack 또는 Discord를 거쳐 오가며, 그 회사의 개인정보 처리방침이 함께 적용돼요.',
              },
            ],
          },
          {
            id: 'destruction',
            title: '5. 개인정보의 파기 절차 및 방법',
            blocks: [
              {
                list: [
                  '/pccc forget: 확인 한 번으로 내 모든 정보(부호, PIN, 설정, 화물, 감사 기록)를 데이터베이스에서 즉시 지워요.',
                  'Slack 앱 삭제: 그 워크스페이스의 설치 정보(봇 토큰)와 그 워크스페이스 사용자의 정보를 모두 즉시 지우고, 더 이상 알림을 보내지 않아요.',
                  '보유 기간이 지난 기록은 자동으로 지워요. 전자 파일은 복구할 수 없게 삭제해요.',
                ],
              },
            ],
          },
          {
            id: 'rights',
            title: '6. 정보주체의 권리와 행사 방법',
            blocks: [
              { p: '이용자는 언제든지 다음 권리를 행사할 수 있어요. 대부분은 봇에서 바로 할 수 있어요.' },
              {
                defs: [
                  ['열람', '/pccc status (보관 내용, 알림), /pccc show (부호)'],
                  ['정정', '/pccc register로 다시 등록, PIN 변경'],
                  ['삭제', '/pccc forget'],
                  ['처리정지·동의 철회', '알림 끄기(/pccc remind off), 또는 /pccc forget'],
                ],
              },
              {
                p: '아래 연락처로 요청해도 돼요. 요청을 받으면 지체 없이(10일 안에) 처리하고 결과를 알려 드려요. 대리인을 통해서도 요청할 수 있어요.',
              },
            ],
          },
          {
            id: 'safety',
            title: '7. 안전성 확보 조치',
            blocks: [
              {
                list: [
                  '암호화: 부호는 AES-256-GCM으로 암호화하고, 암호문을 소유자 행과 키 버전에 묶어요. 키는 버전별로 바꿀 수 있어요.',
                  '키 분리: 암호화 키와 PIN 페퍼는 데이터베이스 밖(환경 변수)에 두어요.',
                  '접근 통제: PIN 확인 없이는 부호를 열지 않고, 반복 실패는 잠가요.',
                  '기록: 로그에 부호와 PIN을 남기지 않고, 부호 모양의 문자열은 가려서 기록해요.',
                  '전송: 부호는 DM으로만 보내고 정해진 시간 뒤 지워요.',
                ],
              },
            ],
          },
          {
            id: 'cookies',
            title: '8. 자동 수집 장치',
            blocks: [
              {
                p: '이 웹페이지는 쿠키, 추적기, 외부 글꼴이나 스크립트를 쓰지 않아요. Slack 설치 과정에서만 위조를 막기 위한 쿠키 하나를 10분 동안 써요.',
              },
            ],
          },
          {
            id: 'contact',
            title: '9. 개인정보 보호책임자 및 연락처',
            blocks: [{ p: facts.privacyContact ?? CHROME.ko.noContact }],
          },
          {
            id: 'remedies',
            title: '10. 권익침해 구제 방법',
            blocks: [
              {
                list: [
                  '개인정보침해신고센터: 국번없이 118 (privacy.kisa.or.kr)',
                  '개인정보분쟁조정위원회: 1833-6972 (www.kopico.go.kr)',
                  '대검찰청 사이버수사과: 국번없이 1301',
                  '경찰청 사이버수사국: 국번없이 182',
                ],
              },
            ],
          },
          {
            id: 'changes',
            title: '11. 처리방침의 변경',
            blocks: [{ p: `이 방침은 ${EFFECTIVE_DATE}부터 적용돼요. 바뀌면 시행 7일 전에 이 페이지에 알려요.` }],
          },
        ],
      },
      terms: {
        title: '이용약관',
        lead: `pccc-bot을 쓰기 전에 읽어 주세요. 시행일: ${EFFECTIVE_DATE}.`,
        sections: [
          {
            id: 'service',
            title: '1. 서비스',
            blocks: [
              {
                p: 'pccc-bot은 개인통관고유부호에 관한 안내, 부호 보관과 본인 전달, 알림, 관세청 UNI-PASS 조회 중계를 무료로 제공하는 비공식 도우미예요. 관세청과 관계가 없어요.',
              },
            ],
          },
          {
            id: 'info',
            title: '2. 안내의 성격',
            blocks: [
              {
                p: '답변은 공개된 자료를 바탕으로 한 일반 안내이며 법률·세무 자문이 아니에요. 제도는 바뀔 수 있으니 중요한 결정 전에는 UNI-PASS나 125 고객지원센터에서 확인하세요.',
              },
            ],
          },
          {
            id: 'duties',
            title: '3. 이용자의 의무',
            blocks: [
              {
                list: [
                  '본인의 부호만 등록하세요. 다른 사람의 부호를 쓰는 것은 법으로 처벌될 수 있어요.',
                  'PIN은 남에게 알려 주지 마세요.',
                  '서비스를 방해하거나 다른 사람의 정보를 알아내려는 행위를 하지 마세요.',
                ],
              },
            ],
          },
          {
            id: 'availability',
            title: '4. 서비스의 제공과 변경',
            blocks: [
              {
                p: '운영자는 서비스를 안정적으로 제공하려고 노력하지만, 점검·장애·관세청 API 사정으로 멈추거나 늦어질 수 있어요. 알림이 늦거나 오지 않을 수 있으니 중요한 기한은 직접도 챙겨 주세요.',
              },
            ],
          },
          {
            id: 'liability',
            title: '5. 책임의 제한',
            blocks: [
              {
                p: '운영자는 고의나 중대한 과실이 없는 한, 안내 내용이나 알림의 지연·누락, 외부 서비스(Slack, Discord, UNI-PASS)의 장애로 생긴 손해에 책임지지 않아요. 관련 법령이 허용하지 않는 범위에서는 그렇지 않아요.',
              },
            ],
          },
          {
            id: 'end',
            title: '6. 이용 종료',
            blocks: [
              {
                p: '이용자는 언제든지 /pccc forget으로 정보를 지우고 그만 쓸 수 있어요. Slack 워크스페이스나 Discord 서버·계정에서 앱을 삭제해도 돼요. 약관을 어긴 이용은 제한될 수 있어요.',
              },
            ],
          },
          {
            id: 'privacy',
            title: '7. 개인정보',
            blocks: [{ p: '개인정보는 개인정보 처리방침에 따라 처리해요.' }],
          },
          {
            id: 'changes',
            title: '8. 약관의 변경과 준거법',
            blocks: [
              {
                p: `약관이 바뀌면 시행 7일 전에 이 페이지에 알려요. 이 약관은 대한민국 법을 따라요. 시행일: ${EFFECTIVE_DATE}.`,
              },
            ],
          },
        ],
      },
    };
  }
  return {
    home: {
      title: 'pccc-bot — personal customs clearance code helper',
      lead: 'Ask about the personal customs clearance code (개인통관고유부호, P + 12 digits) that every parcel to Korea needs, keep yours safe, and get it back privately when you need it — in Slack and Discord.',
      sections: [
        {
          id: 'what',
          title: 'What it does',
          blocks: [
            {
              list: [
                'Answers questions about issuing, looking up, reissuing, the one-year validity, theft and duty-free limits, in Korean and English, with sources.',
                'Keeps your code encrypted and sends it back by DM only after you enter your PIN.',
                'Reminds you when you choose to check your import history and to renew the code before it expires.',
                'On request, checks the code with Korea Customs (UNI-PASS) and follows a parcel’s clearance.',
              ],
            },
          ],
        },
        { id: 'commands', title: 'Commands', blocks: [{ commands: COMMANDS.en }] },
        {
          id: 'security',
          title: 'How your data is protected',
          blocks: [
            {
              list: [
                'Your code is stored only encrypted (AES-256-GCM). The keys live outside the database.',
                'Your PIN is stored only as a one-way hash (scrypt). Five wrong PINs lock the vault for a while, longer after each further miss.',
                `The code goes out only by DM and is deleted after ${m} minutes. If you cannot receive DMs, you get a message only you can see.`,
                'The code and PIN never appear in channel messages, logs, error messages or URLs. If you paste a code in a channel, the bot does not repeat it.',
                'Your code and PIN are typed only into a private form.',
                'One /pccc forget deletes everything about you.',
              ],
            },
          ],
        },
      ],
    },
    privacy: {
      title: 'Privacy policy',
      lead: `The operator of pccc-bot processes personal information as set out below, under Korea’s Personal Information Protection Act (PIPA). Effective ${EFFECTIVE_DATE}.`,
      sections: [
        {
          id: 'purposes',
          title: '1. Purposes',
          blocks: [
            {
              list: [
                'Keeping the customs code you entrust to the bot and giving it back to you after your PIN',
                'Sending the reminders you set (import history checks, renewal)',
                'On your request, checking the code and following parcels with Korea Customs (UNI-PASS)',
                'Keeping security records (an audit trail) against misuse and PIN guessing',
              ],
            },
            { p: 'Nothing is used for any other purpose; if a purpose changes you are told first and asked again.' },
          ],
        },
        {
          id: 'items',
          title: '2. What is processed',
          blocks: [
            {
              defs: [
                ['Identifiers', 'Slack workspace and user id, or Discord user id (no name or e-mail)'],
                [
                  'Customs code',
                  'Encrypted with AES-256-GCM, plus a keyed hash (HMAC) that spots the same code registered twice',
                ],
                ['PIN', 'Only a scrypt hash and its salt (never the PIN itself)'],
                ['Settings', 'Language, reminder schedule, the code’s issue date (for its expiry), when you consented'],
                ['Parcels', 'B/L or cargo numbers you asked to follow, and their last clearance step'],
                [
                  'Audit',
                  'When the code was revealed or changed, failed PINs and lockouts (never the code or the PIN)',
                ],
                [
                  'Only for a check',
                  'Name, mobile number and postal code: sent to UNI-PASS for the check and not stored',
                ],
              ],
            },
          ],
        },
        {
          id: 'retention',
          title: '3. How long it is kept',
          blocks: [
            {
              list: [
                'Code, PIN hash, settings: until you delete them with /pccc forget or remove the app',
                `Audit records: ${r.auditDays / 365} year`,
                `Records of reminders and messages sent: ${r.deliveryDays} days`,
                `Parcels whose clearance has finished: ${r.finishedParcelDays} days after it finished`,
                `Consent given without registering a code: ${r.consentOnlyDays} days`,
                `A DM with your code: deleted after ${m} minutes`,
              ],
            },
            { p: 'Records past their period are deleted automatically.' },
          ],
        },
        {
          id: 'third-party',
          title: '4. Provision to third parties',
          blocks: [
            {
              p: 'Only when you ask for it, the bot sends the following to Korea Customs Service (UNI-PASS Open API). Nothing is given to anyone else.',
            },
            {
              defs: [
                [
                  'Code check (/pccc verify)',
                  'Customs code, name, mobile number, postal code — to check they match; kept by Customs under its own rules',
                ],
                ['Parcel tracking (/pccc track)', 'B/L or cargo number — to look up clearance progress'],
              ],
            },
            { p: 'Messages travel through Slack or Discord, whose own privacy policies also apply.' },
          ],
        },
        {
          id: 'destruction',
          title: '5. Destruction',
          blocks: [
            {
              list: [
                '/pccc forget: after one confirmation, deletes everything about you (code, PIN, settings, parcels, audit) from the database at once.',
                'Removing the Slack app: deletes that workspace’s installation (bot token) and the data of its users at once; no more reminders go out.',
                'Records past their retention period are deleted automatically, beyond recovery.',
              ],
            },
          ],
        },
        {
          id: 'rights',
          title: '6. Your rights and how to use them',
          blocks: [
            { p: 'You can use these rights at any time; most work right in the bot.' },
            {
              defs: [
                ['Access', '/pccc status (what is stored, reminders), /pccc show (the code)'],
                ['Correction', '/pccc register again, change your PIN'],
                ['Deletion', '/pccc forget'],
                ['Suspension, withdrawing consent', 'turn reminders off (/pccc remind off), or /pccc forget'],
              ],
            },
            {
              p: 'You can also write to the contact below. Requests are handled without delay (within 10 days) and you are told the result. A representative may ask on your behalf.',
            },
          ],
        },
        {
          id: 'safety',
          title: '7. Safety measures',
          blocks: [
            {
              list: [
                'Encryption: AES-256-GCM, each ciphertext bound to its owner row and key version; keys are versioned and can be rotated.',
                'Key separation: encryption keys and the PIN pepper are kept outside the database.',
                'Access control: the code opens only after the PIN; repeated failures lock it.',
                'Logging: the code and PIN are never logged; anything shaped like a code is masked.',
                'Delivery: the code goes only by DM and is deleted after a set time.',
              ],
            },
          ],
        },
        {
          id: 'cookies',
          title: '8. Cookies and tracking',
          blocks: [
            {
              p: 'These pages use no cookies, trackers, external fonts or scripts. Only the Slack install flow sets one cookie, for 10 minutes, to stop forged requests.',
            },
          ],
        },
        {
          id: 'contact',
          title: '9. Privacy officer and contact',
          blocks: [{ p: facts.privacyContact ?? CHROME.en.noContact }],
        },
        {
          id: 'remedies',
          title: '10. Remedies',
          blocks: [
            {
              list: [
                'Personal Information Infringement Report Center: 118 (privacy.kisa.or.kr)',
                'Personal Information Dispute Mediation Committee: 1833-6972 (www.kopico.go.kr)',
                'Supreme Prosecutors’ Office, cyber crime: 1301',
                'Korean National Police Agency, cyber bureau: 182',
              ],
            },
          ],
        },
        {
          id: 'changes',
          title: '11. Changes',
          blocks: [
            {
              p: `This policy applies from ${EFFECTIVE_DATE}. Changes are announced on this page 7 days before they apply.`,
            },
          ],
        },
      ],
    },
    terms: {
      title: 'Terms of use',
      lead: `Please read these before using pccc-bot. Effective ${EFFECTIVE_DATE}.`,
      sections: [
        {
          id: 'service',
          title: '1. The service',
          blocks: [
            {
              p: 'pccc-bot is a free, unofficial helper: information about the personal customs clearance code, keeping your code and handing it back to you, reminders, and relaying your requests to UNI-PASS. It is not affiliated with Korea Customs Service.',
            },
          ],
        },
        {
          id: 'info',
          title: '2. Nature of the answers',
          blocks: [
            {
              p: 'Answers are general information drawn from public sources, not legal or tax advice. Rules change: before an important decision, check UNI-PASS or call 125.',
            },
          ],
        },
        {
          id: 'duties',
          title: '3. Your obligations',
          blocks: [
            {
              list: [
                'Register only your own code. Using someone else’s code can be punished by law.',
                'Do not share your PIN.',
                'Do not disrupt the service or try to obtain other people’s data.',
              ],
            },
          ],
        },
        {
          id: 'availability',
          title: '4. Availability and changes',
          blocks: [
            {
              p: 'The operator tries to keep the service running, but maintenance, outages or the Customs API can stop or delay it. A reminder may be late or missing: keep an eye on important deadlines yourself too.',
            },
          ],
        },
        {
          id: 'liability',
          title: '5. Limitation of liability',
          blocks: [
            {
              p: 'Except for intent or gross negligence, the operator is not liable for losses from the information given, late or missing reminders, or outages of outside services (Slack, Discord, UNI-PASS), to the extent the law allows.',
            },
          ],
        },
        {
          id: 'end',
          title: '6. Ending use',
          blocks: [
            {
              p: 'You can stop at any time: /pccc forget deletes your data; you can also remove the app from your Slack workspace or Discord server or account. Use that breaks these terms may be restricted.',
            },
          ],
        },
        {
          id: 'privacy',
          title: '7. Personal information',
          blocks: [{ p: 'Personal information is handled under the privacy policy.' }],
        },
        {
          id: 'changes',
          title: '8. Changes and governing law',
          blocks: [
            {
              p: `Changes are announced on this page 7 days before they apply. These terms are governed by the laws of the Republic of Korea. Effective ${EFFECTIVE_DATE}.`,
            },
          ],
        },
      ],
    },
  };
}
