/**
 * The request bodies and query strings of the web chat API, as zod schemas: the one source of
 * what is accepted (docs/webchat-api.md describes the same). Unknown fields are ignored; an
 * unknown input type is refused.
 */
import { z } from 'zod';
import type { Input } from '../../engine/types';

/** Longest message a person may send, in UTF-8 bytes; longer is refused with 413 and changes nothing. */
export const MAX_TEXT_BYTES = 4096;
/** Largest request body read at all (a 4 KB text, JSON-escaped, fits with room to spare). */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest a long poll waits for a message before answering with none. */
export const MAX_WAIT_SECONDS = 25;

const LangHint = z.string().max(256).optional();

export const InputSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('start'), langHint: LangHint }),
    // Length in bytes is checked separately, so that an oversized text gets its own 413.
    z.object({ type: z.literal('text'), text: z.string(), langHint: LangHint }),
    z.object({ type: z.literal('choice'), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a choice id') }),
    z.object({
      type: z.literal('location'),
      point: z.object({
        lat: z.number().finite().min(-90).max(90),
        lon: z.number().finite().min(-180).max(180),
      }),
    }),
    z.object({
      type: z.literal('command'),
      name: z.string().regex(/^[A-Za-z_]{1,32}$/, 'must be a command name like "menu"'),
      langHint: LangHint,
    }),
  ],
  { error: () => 'input.type must be one of start, text, choice, location, command' },
);

export const StartBody = z.object({ langHint: LangHint }).optional();

export const MessageBody = z.object({
  input: InputSchema,
  /** the page's id for this request; a retry with the same id is answered, not run again */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  /** include in the reply the messages after this seq (pages that poll instead of streaming) */
  after: z.number().int().min(0).optional(),
});

const Seq = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number')
  .transform(Number);

export const PollQuery = z.object({
  after: Seq.optional(),
  wait: Seq.pipe(z.number().max(MAX_WAIT_SECONDS)).optional(),
});

export const StreamQuery = z.object({ after: Seq.optional() });

export type MessageRequest = z.infer<typeof MessageBody>;

/** The engine input for a checked request input. */
export function toInput(i: z.infer<typeof InputSchema>): Input {
  switch (i.type) {
    case 'start':
      return i.langHint ? { type: 'start', langHint: i.langHint } : { type: 'start' };
    case 'text':
      return i.langHint ? { type: 'text', text: i.text, langHint: i.langHint } : { type: 'text', text: i.text };
    case 'choice':
      return { type: 'choice', id: i.id };
    case 'location':
      return { type: 'location', point: { lat: i.point.lat, lon: i.point.lon } };
    case 'command':
      return i.langHint ? { type: 'command', name: i.name.toLowerCase(), langHint: i.langHint } : { type: 'command', name: i.name.toLowerCase() };
  }
}

/** The first problem of a failed parse, as "field: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}
