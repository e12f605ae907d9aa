/** Builds web/<name>/main.ts into dist/web/assets/<name>.js; resolves to the names built. */
export function buildWeb(): Promise<string[]>;
export const WEB_OUT: string;
