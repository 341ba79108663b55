// In Edit User, under the form: a Space Admin's two security actions for a member. Plain forms, so they
// work the same with JavaScript on or off.
import type { FC } from 'hono/jsx';

export const UserSecurityActions: FC<{ userId: number; back: string }> = ({ userId, back }) => (
  <section class="stack" aria-labelledby="user-security-title">
    <h3 id="user-security-title" class="label">
      Security
    </h3>
    <form method="post" action={`/users/${userId}/password-reset`}>
      <input type="hidden" name="back" value={back} />
      <button class="btn" type="submit">
        Send a password reset email
      </button>
    </form>
    <form method="post" action={`/users/${userId}/sign-out`}>
      <input type="hidden" name="back" value={back} />
      <button class="btn" type="submit">
        Sign out everywhere
      </button>
    </form>
  </section>
);
