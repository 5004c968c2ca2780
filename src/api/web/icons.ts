/** The web app's icon sizes (scripts/webShell.ts draws them; the api serves exactly these). */
export const ICON_SIZES = [192, 512] as const;
