/**
 * The console API's request bodies and query strings, as zod schemas: the one source of what
 * is accepted (docs/console.md describes the same). Unknown fields are ignored.
 */
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './passwords';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH } from './quick-replies';
import { outcomes } from './handoff-port';

/** Longest message a caseworker may send at once (the person reads it on a phone). */
export const MAX_MESSAGE_CHARS = 2000;
/** Largest request body read at all. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Most audit entries in one page. */
export const MAX_AUDIT_PAGE = 200;

const plain = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'must not contain control characters');

export const HandoffId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a handoff id');
export const AccountId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an account id');
export const NumericId = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number')
  .transform(Number);

export const SignInBody = z.object({
  username: z.string().max(200),
  password: z.string().max(MAX_PASSWORD_LENGTH * 4),
});

export const PasswordBody = z.object({
  current: z.string().max(MAX_PASSWORD_LENGTH * 4),
  next: z.string().max(MAX_PASSWORD_LENGTH * 4),
});

export const SendBody = z.object({ text: plain(MAX_MESSAGE_CHARS) });

export const CloseBody = z
  .object({
    outcome: z.enum(outcomes, { error: () => `outcome must be one of ${outcomes.join(', ')}` }),
    referredTo: plain(120).optional(),
  })
  .refine((b) => b.outcome !== 'referred' || b.referredTo, { message: 'name the service the person was referred to', path: ['referredTo'] });

export const MessagesQuery = z.object({ after: z.string().regex(/^-?\d{1,15}$/).transform(Number).optional() });

export const QuickReplyBody = z.object({
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code like en or uk'),
  title: plain(MAX_TITLE_LENGTH),
  body: plain(MAX_BODY_LENGTH),
  position: z.number().int().min(0).max(1000).optional(),
});

export const QuickRepliesQuery = z.object({ lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/).optional() });

export const AuditQuery = z.object({
  before: NumericId.optional(),
  handoff: HandoffId.optional(),
  actor: AccountId.optional(),
  limit: NumericId.pipe(z.number().min(1).max(MAX_AUDIT_PAGE)).optional(),
});

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-22')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a day of the calendar');

/** A period of whole UTC days; either end may be left out (the route fills in the last 30 days). */
export const InsightsQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code like en or uk').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

export const NewAccountBody = z.object({
  username: z.string().max(100),
  firstName: z.string().max(200),
  role: z.enum(['caseworker', 'supervisor'], { error: () => 'role must be caseworker or supervisor' }),
  roleTitle: z.string().max(200),
});

/** The first problem of a failed parse, as "field: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}
