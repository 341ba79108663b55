import type { FC } from 'hono/jsx';
import { PROFILE_LABELS, type Profile, type SeatUsage } from '../../src/domain/profiles.js';
import type { CurrentUser } from '../../src/services/principal.js';
import { SeatCards } from '../components/seats.js';
import { SsoSettingsNote } from './sso.js';

import type { SsoSettings } from '../../src/services/overview.js';

export const OverviewPage: FC<{
  spaceName: string;
  user: CurrentUser;
  usage: Record<Profile, SeatUsage> | null;
  /** For admins, when single sign-on is configured. */
  sso?: SsoSettings | null;
}> = (p) => (
  <>
    <header class="page-head">
      <h1>{p.spaceName}</h1>
      <p class="muted">Welcome, {p.user.displayName}.</p>
    </header>
    <section class="card">
      <h2>You</h2>
      <dl class="facts">
        <dt>Profile</dt>
        <dd>
          <span class={`badge badge-${p.user.profile}`}>{PROFILE_LABELS[p.user.profile]}</span>
        </dd>
        {/* Ownership is not a profile: a fact of its own, beside the profile, never one of its badges. */}
        {p.user.isOwner ? (
          <>
            <dt>Ownership</dt>
            <dd>Space owner</dd>
          </>
        ) : null}
        <dt>Groups</dt>
        <dd>{p.user.groups.length ? p.user.groups.map((g) => <span class="badge">{g.name}</span>) : <span class="muted">None</span>}</dd>
      </dl>
    </section>
    {p.usage ? (
      <section class="card">
        <h2>Seats</h2>
        <SeatCards usage={p.usage} />
      </section>
    ) : null}
    {p.sso ? <SsoSettingsNote {...p.sso} /> : null}
  </>
);
