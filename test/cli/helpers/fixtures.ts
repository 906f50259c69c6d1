import type { Entry } from '../../../src/index.js';

/** The documented user_channel_join example, with every column filled. */
export const SAMPLE_ENTRY: Entry = {
  id: '0123a45b-6c7d-8900-e12f-3456789gh0i1',
  date_create: 1521214343,
  action: 'user_channel_join',
  actor: { type: 'user', user: { id: 'W123AB456', name: 'Charlie Parker', email: 'bird@slack.com', team: 'T1' } },
  entity: { type: 'channel', channel: { id: 'C123ABC456', name: 'general', privacy: 'public' } },
  context: {
    location: { type: 'workspace', id: 'T123AB456', name: 'Birdland', domain: 'birdland' },
    ua: 'Mozilla/5.0',
    ip_address: '1.23.45.678',
    session_id: '847288190092',
  },
  details: { inviter: { id: 'W999ZZ111' }, is_workflow: false },
};
