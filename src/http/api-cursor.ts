// The API's opaque cursors: the last row's sort key and the order it belongs to, as base64url JSON.
// Opaque to callers (the form may change); checked on the way in, so a cursor of another order, or a
// made-up one, is a clear 400 rather than a wrong page. It names rows, never grants anything.
import { z } from 'zod';

const CursorSchema = z.object({
  o: z.string(),
  k: z.array(z.union([z.string().max(400), z.number()])).min(1).max(8),
});

/** `order` names what the key is a key of ("users:name:asc"): a cursor works only with its own order. */
export function encodeCursor(order: string, key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify({ o: order, k: key }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: string): Array<string | number> | null {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.o === order ? parsed.data.k : null;
  } catch {
    return null;
  }
}
