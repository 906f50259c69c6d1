/** Word lists the organisation generator draws names from. Plain data, no logic. */

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Alice', 'Amara', 'Ana', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Dana', 'David', 'Diego',
  'Elena', 'Emma', 'Farah', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jin', 'Julia', 'Kai',
  'Kenji', 'Lara', 'Leo', 'Lina', 'Lucas', 'Maya', 'Mei', 'Milan', 'Nadia', 'Noah', 'Omar', 'Priya', 'Rafael',
  'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq', 'Theo', 'Uma', 'Victor', 'Wei', 'Yara', 'Zoe',
] as const;

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Bauer', 'Becker', 'Carter', 'Chen', 'Costa', 'Dubois', 'Eriksen', 'Fischer',
  'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Ito', 'Jensen', 'Kaur', 'Kim', 'Kowalski', 'Larsen', 'Lopez', 'Mendes',
  'Moreau', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Quinn', 'Rossi', 'Santos',
  'Schmidt', 'Silva', 'Singh', 'Tanaka', 'Torres', 'Walker', 'Wang', 'Weber', 'Yilmaz', 'Zhang',
] as const;

export const WORKSPACE_NAMES = [
  'Engineering', 'Sales', 'Support', 'Marketing', 'Finance', 'People', 'Legal', 'Design', 'Operations', 'Research',
] as const;

export const CHANNEL_WORDS = [
  'general', 'random', 'announcements', 'incidents', 'deploys', 'oncall', 'design-review', 'standup', 'hiring',
  'security', 'release', 'support-escalations', 'sales-emea', 'sales-na', 'marketing-launch', 'finance-close',
  'legal-requests', 'it-help', 'watercooler', 'book-club', 'customer-acme', 'customer-globex', 'project-atlas',
  'project-orion', 'project-zephyr', 'data-platform', 'frontend', 'backend', 'mobile', 'infra', 'qa', 'docs',
] as const;

export const FILE_WORDS = [
  'roadmap', 'budget', 'contract', 'invoice', 'diagram', 'screenshot', 'report', 'notes', 'slides', 'export',
  'metrics', 'plan', 'proposal', 'spec', 'minutes', 'summary', 'forecast', 'audit', 'design', 'logo',
] as const;

/** `[extension, Slack filetype]` pairs. */
export const FILE_TYPES = [
  ['pdf', 'pdf'],
  ['png', 'png'],
  ['jpg', 'jpg'],
  ['docx', 'docx'],
  ['xlsx', 'xlsx'],
  ['csv', 'csv'],
  ['txt', 'text'],
  ['zip', 'zip'],
  ['pptx', 'pptx'],
  ['mp4', 'mp4'],
] as const;

export const APP_NAMES = [
  'Google Drive', 'Jira Cloud', 'GitHub', 'Zoom', 'PagerDuty', 'Salesforce', 'Asana', 'Trello', 'Datadog',
  'Sentry', 'Workday', 'Zendesk', 'Polly', 'Donut', 'Lattice', 'Box', 'Dropbox', 'Figma', 'Loom', 'Okta Verify',
  'Deploy Bot', 'Standup Helper', 'Incident Bot', 'Expense Tracker',
] as const;

export const USER_SCOPES = [
  'channels:read', 'chat:write', 'files:read', 'files:write', 'users:read', 'users:read.email', 'search:read',
  'reactions:read', 'identify', 'groups:read', 'im:history', 'links:read',
] as const;

export const BOT_SCOPES = [
  'channels:manage', 'channels:history', 'chat:write', 'commands', 'files:read', 'groups:write', 'im:write',
  'incoming-webhook', 'mpim:write', 'reactions:write', 'team:read', 'users:read', 'app_mentions:read',
] as const;

export const USERGROUP_NAMES = [
  'admins', 'engineering', 'oncall', 'designers', 'sales-leads', 'support-tier2', 'security-team', 'managers',
  'new-hires', 'contractors', 'finance', 'legal', 'marketing', 'data-team', 'sre',
] as const;

export const CITIES = [
  'Reno, Nevada', 'Austin, Texas', 'Dublin, Leinster', 'Berlin, Berlin', 'Toronto, Ontario', 'Lisbon, Lisbon',
  'Singapore, Singapore', 'Sydney, New South Wales', 'Sao Paulo, Sao Paulo', 'Bangalore, Karnataka',
] as const;

export const EMOJI_NAMES = [
  'shipit', 'party-parrot', 'lgtm', 'thisisfine', 'plus-one', 'eyes-wide', 'coffee-time', 'rocket-launch',
  'tada-custom', 'facepalm-cat', 'on-it', 'done-check',
] as const;
