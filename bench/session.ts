// Signing in once as a space admin through the real POST /login, keeping the session cookie.

export const FORM = 'application/x-www-form-urlencoded';

export async function signInCookie(baseUrl: string, origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': FORM, origin },
    body: new URLSearchParams({ email, password }).toString(),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`sign-in as ${email} answered ${res.status}, not 303`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('launchpad_session='));
  if (!cookie) throw new Error('sign-in set no launchpad_session cookie');
  // The cookie must open an admin page.
  const check = await fetch(`${baseUrl}/users`, { headers: { cookie }, redirect: 'manual' });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`GET /users as ${email} answered ${check.status}, not 200`);
  return cookie;
}
