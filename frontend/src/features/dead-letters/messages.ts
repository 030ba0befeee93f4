export const en = {} as const;

export const de: Record<keyof typeof en, string> = {};
