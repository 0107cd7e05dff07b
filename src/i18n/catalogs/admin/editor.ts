export const adminEditor = {} as const;
