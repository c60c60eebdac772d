/**
 * Slack: a bot token through Slack's OAuth v2 ("Add to Slack").
 * Checked against docs.slack.dev (Installing with OAuth, oauth.v2.access, Using PKCE, the
 * chat:write scope page) and Nango's providers.yaml.
 */
import type { Preset } from './index.js';

export const slack: Preset = {
  type: 'slack',
  name: 'Slack',
  brandColor: '#4A154B',
  shortDescription: 'Post messages to Slack channels and read the channel list.',
  longDescription:
    'Connect a Slack workspace to let the app post messages as its bot and list the public and private channels the bot can see. ' +
    'The app joins public channels on its own when it posts; private channels need the bot to be invited.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    // Bot scopes: post (chat:write), post to public channels without joining (chat:write.public),
    // list public (channels:read) and private (groups:read) channels.
    scopes: ['chat:write', 'chat:write.public', 'channels:read', 'groups:read'],
    // Slack's v2 authorize URL takes a comma-separated list.
    scopeSeparator: ',',
    // Slack recommends HTTP Basic over client_id/client_secret in the body.
    tokenAuthMethod: 'client_secret_basic',
    // Slack accepts PKCE only once the app opts in, which makes it a public client for good
    // (and caps refresh tokens at 30 days); a server-side app keeps its secret instead.
    pkce: false,
    // oauth.v2.access answers the bot token at the top level, with the workspace in `team`.
    accountInfo: {
      idPath: 'team.id',
      namePath: 'team.name',
      providerData: { botUserId: 'bot_user_id', appId: 'app_id', installerUserId: 'authed_user.id', enterpriseId: 'enterprise.id' },
    },
  },
};
