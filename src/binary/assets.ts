// The names the build gives the single binary's assets, shared by the build and the binary's entry.
export const ADDON_ASSET = 'better_sqlite3.node';
export const PUBLIC_MANIFEST_ASSET = 'public-files.json';
/** `name` is the path under /static, as the server serves it: "/app.css". */
export const publicAssetKey = (name: string) => `public${name}`;
