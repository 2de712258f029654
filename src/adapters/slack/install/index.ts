// Slack for many workspaces: Bolt's built-in OAuth (`/slack/install` → slack.com →
// `/slack/oauth_redirect`) with the installation store on our database, the install pages, and
// what happens when a workspace removes the app. Wired by ../index.ts when SLACK_CLIENT_ID,
// SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set; single-workspace mode (SLACK_BOT_TOKEN)
// uses none of it except the legacy user re-key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, HTTPReceiverOptions, Installation, InstallURLOptions } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../../config';
import type { Database } from '../../../db/client';
import { createInstallationRows, type InstallationRows } from '../../../db/stores-installations';
import { loadKeys } from '../../../keys';
import type { Logger } from '../../../log';
import { pickLang, sendHtml } from '../../../web/routes';
import { renderMessage } from '../../../web/render';
import { SealedInstallationStore, STATE_TTL_SECONDS } from './store';
import { teamOfContext, type TeamClients } from './teams';

/** The bot scopes of manifest.yml. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:history',
  'im:write',
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'users:read',
];
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export type OAuthConfig = Pick<
  Config,
  'slackClientId' | 'slackClientSecret' | 'slackStateSecret' | 'vaultKeys' | 'pinPepper' | 'blindIndexKey' | 'dataDir'
>;

export interface SlackOAuth {
  receiverOptions: Pick<
    HTTPReceiverOptions,
    'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'
  >;
  store: SealedInstallationStore;
  rows: InstallationRows;
}

const TEXT = {
  ko: {
    okTitle: '설치했어요',
    ok: (team: string) => `pccc-bot을 ${team} 워크스페이스에 설치했어요. Slack에서 /pccc help 를 입력해 보세요.`,
    failTitle: '설치하지 못했어요',
    denied: '설치를 취소했어요. 아무것도 저장하지 않았어요.',
    state:
      '설치 요청이 만료되었거나 이 브라우저에서 시작한 요청이 아니에요. 처음부터 다시 설치해 주세요. 아무것도 저장하지 않았어요.',
    code: 'Slack이 설치 코드를 보내지 않았어요. 처음부터 다시 설치해 주세요. 아무것도 저장하지 않았어요.',
    team: '어느 워크스페이스에 설치하는지 알 수 없어요. 아무것도 저장하지 않았어요.',
    other: 'Slack과 설치를 마무리하지 못했어요. 잠시 뒤 처음부터 다시 시도해 주세요. 아무것도 저장하지 않았어요.',
  },
  en: {
    okTitle: 'Installed',
    ok: (team: string) => `pccc-bot is installed in ${team}. Type /pccc help in Slack to start.`,
    failTitle: 'Installation failed',
    denied: 'The installation was cancelled. Nothing was stored.',
    state:
      'This install request has expired or was not started in this browser. ' +
      'Please start again from the beginning. Nothing was stored.',
    code: 'Slack did not send an install code. Please start again from the beginning. Nothing was stored.',
    team: 'The workspace to install in is unknown. Nothing was stored.',
    other:
      'The installation could not be completed with Slack. ' +
      'Please try again from the beginning in a moment. Nothing was stored.',
  },
};

type FailureKind = 'denied' | 'state' | 'code' | 'team' | 'other';

/** Sorts an OAuth failure by what the person should be told (no error text reaches the page). */
export function failureKind(err: { code?: string; name?: string; message?: string } | undefined): FailureKind {
  const code = err?.code ?? '';
  if (code === 'slack_oauth_invalid_state' || code === 'slack_oauth_missing_state') return 'state';
  if (code === 'slack_oauth_missing_code') return 'code';
  if (code === 'slack_oauth_installer_authorization_error' || /cancel/i.test(err?.message ?? '')) return 'denied';
  if (err?.name === 'UnknownTeam') return 'team';
  return 'other';
}

function langOf(req: IncomingMessage): 'ko' | 'en' {
  const h = req.headers['accept-language'];
  return pickLang(null, Array.isArray(h) ? h[0] : h);
}

export function slackOAuth(
  config: OAuthConfig,
  database: Database,
  log: Logger,
  clientOptions: WebClientOptions,
): SlackOAuth | undefined {
  const { slackClientId: clientId, slackClientSecret: clientSecret, slackStateSecret: stateSecret } = config;
  if (!clientId || !clientSecret || !stateSecret) return undefined;
  const { keys } = loadKeys(config as Config);
  const rows = createInstallationRows(database);
  const store = new SealedInstallationStore(rows, keys.keys);
  const olog = log.child({ component: 'slack-oauth' });

  const failure = (
    err: { code?: string; name?: string; message?: string },
    _o: InstallURLOptions,
    req: IncomingMessage,
    res: ServerResponse,
  ) => {
    const kind = failureKind(err);
    olog.info({ kind, code: err?.code ?? err?.name }, 'slack: an installation did not complete');
    const lang = langOf(req);
    if (res.headersSent) return void res.end();
    sendHtml(req, res, kind === 'other' ? 502 : 400, renderMessage(lang, TEXT[lang].failTitle, TEXT[lang][kind]));
  };

  return {
    rows,
    store,
    receiverOptions: {
      clientId,
      clientSecret,
      stateSecret,
      scopes: BOT_SCOPES,
      installationStore: store,
      installerOptions: {
        installPath: INSTALL_PATH,
        redirectUriPath: REDIRECT_PATH,
        // Straight to slack.com: Bolt's own install page loads an image from Slack's CDN.
        directInstall: true,
        // No stateStore: @slack/oauth then uses its ClearStateStore — the state is a JWT signed
        // (HS256) with SLACK_STATE_SECRET that carries its own time and expires after
        // STATE_TTL_SECONDS, and the callback accepts it only with the same value in the cookie
        // the install step set in this browser. Nothing is written per visit, so anyone loading
        // /slack/install costs no database row (slack_oauth_states is no longer used).
        stateCookieExpirationSeconds: STATE_TTL_SECONDS,
        clientOptions,
        callbackOptions: {
          // Refuse an installation that names no workspace or carries no bot token: nothing is stored.
          afterInstallation: async (
            installation: Installation,
            _o: InstallURLOptions,
            req: IncomingMessage,
            res: ServerResponse,
          ) => {
            const team = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
            if (team && /^[TE][A-Z0-9]{2,}$/.test(team) && installation.bot?.token) return true;
            failure({ name: 'UnknownTeam' }, _o, req, res);
            return false;
          },
          success: (installation: Installation, _o: InstallURLOptions, req: IncomingMessage, res: ServerResponse) => {
            const team = installation.team?.name ?? installation.enterprise?.name ?? installation.team?.id ?? '';
            olog.info(
              { team: installation.team?.id ?? installation.enterprise?.id },
              'slack: installed in a workspace',
            );
            const lang = langOf(req);
            sendHtml(req, res, 200, renderMessage(lang, TEXT[lang].okTitle, TEXT[lang].ok(team)));
          },
          failure,
        },
      },
    },
  };
}

/**
 * `app_uninstalled`: the workspace removed the app — its installation row and every user keyed
 * under it (their sealed codes, PINs, reminders, parcels, cascading) are deleted; nothing more
 * goes out through it. `tokens_revoked` for the bot: the installation row is deleted.
 */
export function registerInstallEvents(
  bolt: App,
  deps: { oauth?: SlackOAuth; rows: InstallationRows; teams: TeamClients; log: Logger },
): void {
  const { oauth, rows, teams, log } = deps;
  const forgetTeam = async (team: string | undefined, why: string, users: boolean) => {
    if (!team) return;
    // The people's data first (in every mode: the privacy page promises it), then the
    // installation: if the first fails, the installation row still says whose data is left.
    const deletedUsers = users ? await rows.deleteUsersOf(team) : 0;
    const removed = oauth ? await rows.delete(team) : false;
    oauth?.store.invalidate(team);
    teams.forget();
    log.info({ team, why, installation: removed, users: deletedUsers }, 'slack: a workspace removed the app');
  };
  bolt.event('app_uninstalled', async ({ context }) => {
    await forgetTeam(teamOfContext(context), 'app_uninstalled', true);
  });
  bolt.event('tokens_revoked', async ({ event, context }) => {
    const bots = (event as { tokens?: { bot?: string[] } }).tokens?.bot ?? [];
    if (bots.length > 0) await forgetTeam(teamOfContext(context), 'tokens_revoked', false);
  });
}

/**
 * Users stored before Slack users were keyed by workspace (`U…`) belong to the workspace of
 * SLACK_BOT_TOKEN: re-key them `T…:U…` once (idempotent). With OAuth also configured, that
 * token's workspace becomes an installation, so moving to many workspaces keeps the first one.
 */
export async function adoptBotToken(
  bolt: App,
  token: string,
  rows: InstallationRows,
  oauth: SlackOAuth | undefined,
  log: Logger,
): Promise<void> {
  try {
    const who = await bolt.client.auth.test({ token });
    const team = who.team_id;
    if (!team) return;
    const rekeyed = await rows.rekeyLegacyUsers(team);
    if (rekeyed > 0) log.info({ team, users: rekeyed }, 'slack: re-keyed users from before workspace keys');
    if (oauth && !(await rows.get(team))) {
      await oauth.store.storeInstallation({
        team: { id: team, name: who.team },
        enterprise: undefined,
        user: { id: '', token: undefined, scopes: undefined },
        bot: { id: who.bot_id ?? '', userId: who.user_id ?? '', token, scopes: [] },
        isEnterpriseInstall: false,
        authVersion: 'v2',
      } as never);
      log.info({ team }, "slack: SLACK_BOT_TOKEN adopted as this workspace's installation");
    }
  } catch (err) {
    log.warn(
      {
        err:
          (err as { data?: { error?: string }; code?: string })?.data?.error ??
          (err as { code?: string })?.code ??
          'error',
      },
      'slack: could not check SLACK_BOT_TOKEN at start (legacy users keep their old key until the next start)',
    );
  }
}
