/**
 * Locale namespaces that code reads (not flows): every key in the fallback language's file
 * counts as used, and must exist in every shipped language. Add a namespace here when a
 * module (a channel's page, the console) keeps its words in `locales/<lng>/<namespace>.json`.
 */
export const CODE_NAMESPACES: readonly string[] = ['engine', 'cards', 'privacy', 'handoff', 'telegram', 'botframework', 'webchat', 'limits', 'directory', 'console'];

/** Namespaces read as whole word lists by code (interrupt words); never "unused", not counted. */
export const LIST_NAMESPACES: readonly string[] = ['interrupts'];
