// A Slack workspace installation as Bolt's InstallProvider hands it to the store.
import type { Installation } from '@slack/bolt';

export const workspaceInstallation = (team: string) =>
  ({
    team: { id: team, name: team },
    enterprise: undefined,
    user: { id: 'UADMIN', token: undefined, scopes: undefined },
    bot: { id: 'BBOT', userId: 'UBOT', token: `xoxb-${team.toLowerCase()}-token`, scopes: ['commands'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  }) as unknown as Installation;
