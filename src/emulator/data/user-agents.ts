/**
 * User agents as Slack records them: the desktop app, browsers and the mobile apps. A user keeps a few of these
 * (one per device) rather than drawing a new one per event, as real sessions do.
 */
export const DESKTOP_USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.41.105 Chrome/130.0.6723.191 Electron/33.2.1 Safari/537.36 Sonic Slack_SSB/4.41.105',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.41.105 Chrome/130.0.6723.191 Electron/33.2.1 Safari/537.36 Sonic Slack_SSB/4.41.105',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.40.126 Chrome/128.0.6613.186 Electron/32.2.5 Safari/537.36 Sonic Slack_SSB/4.40.126',
] as const;

export const BROWSER_USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
] as const;

export const MOBILE_USER_AGENTS = [
  'com.tinyspeck.chatlyio/24.11.10 (iPhone; iOS 18.1.1; Scale/3.00)',
  'Slack/24.11.10.0 (Google Pixel 8; Android 15)',
  'com.tinyspeck.chatlyio/24.10.30 (iPad; iOS 17.7; Scale/2.00)',
] as const;

/** What apps and integrations send when they call the API on a user's behalf. */
export const API_CLIENT_USER_AGENTS = [
  'Slackbot 1.0 (+https://api.slack.com/robots)',
  'python-requests/2.32.3',
  'Go-http-client/2.0',
  '@slack/web-api:7.8.0; node/22.11.0; darwin/24.1.0',
] as const;
