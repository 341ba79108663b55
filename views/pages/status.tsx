import type { FC } from 'hono/jsx';

export const StatusPanel: FC<{ code: number; title: string; message: string }> = ({ code, title, message }) => (
  <section class="status-page">
    <p class="status-code">{code}</p>
    <h1>{title}</h1>
    <p>{message}</p>
    <p>
      <a class="btn" href="/">
        Back to the Launchpad
      </a>
    </p>
  </section>
);
