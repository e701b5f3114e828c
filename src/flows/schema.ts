/**
 * The flow file format. These zod schemas are its single source: TypeScript types, load-time
 * validation and `flows/flow.schema.json` (for editors) all come from here.
 */
import { z } from 'zod';
import { FlowId, I18nKey, NodeId } from '../engine/nodes/common';
import { nodeKinds } from '../engine/nodes';

export const MAX_NODES_PER_FLOW = 500; // past this a flow should be split into called flows

/** Any node: one of the registered node kinds, told apart by `kind`. */
export const NodeSchema = z.discriminatedUnion(
  'kind',
  nodeKinds.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

const Source = z
  .object({
    title: z.string().min(1).describe('name of the source (a report, a web page)'),
    url: z.string().url().optional(),
    year: z.number().int().optional(),
  })
  .strict();

export const FlowSchema = z
  .object({
    $schema: z.string().optional(),
    flow: FlowId.describe('the flow id; must match the file name'),
    title: I18nKey.describe('i18n key of the flow name shown to users'),
    note: z.string().optional().describe('a note for authors; never shown to users'),
    sources: z.array(Source).optional().describe('where the facts in this flow come from (shown under About)'),
    start: NodeId.describe('the first node'),
    nodes: z
      .record(NodeId, NodeSchema)
      .refine((nodes) => Object.keys(nodes).length <= MAX_NODES_PER_FLOW, `at most ${MAX_NODES_PER_FLOW} nodes`),
  })
  .strict();

export type FlowNode = { kind: string } & Record<string, unknown>;
export interface Flow {
  flow: string;
  title: string;
  note?: string;
  sources?: { title: string; url?: string; year?: number }[];
  start: string;
  nodes: Record<string, FlowNode>;
}

/** Interrupts, in the order they are checked: an emergency always wins. */
export const interruptNames = ['emergency', 'delete', 'stop', 'human', 'language', 'menu'] as const;

const Interrupt = z
  .object({
    flow: FlowId.describe('flow to run when the interrupt is recognised'),
    match: z
      .enum(['whole', 'contains'])
      .describe('whole: the message is the phrase; contains: the phrase appears anywhere in the message'),
    resumable: z.boolean().default(false).describe('the user can go back to where they were afterwards'),
    after: z
      .enum(['menu', 'idle'])
      .default('menu')
      .describe('when the flow ends: show the menu, or leave the conversation at rest (stop, delete)'),
    commands: z.array(z.string().regex(/^[a-z_]+$/)).default([]).describe('slash commands, without the /'),
  })
  .strict();

/** `flows/haven.yaml`: the entry points and the global interrupts, in one place. */
export const AppSchema = z
  .object({
    $schema: z.string().optional(),
    entry: FlowId.describe('flow that starts a new conversation'),
    menu: FlowId.describe('the main menu flow, offered when the user is lost'),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1).describe('shipped languages, in menu order; the first is the fallback'),
    interrupts: z
      .object(Object.fromEntries(interruptNames.map((n) => [n, Interrupt])) as Record<
        (typeof interruptNames)[number],
        typeof Interrupt
      >)
      .strict()
      .describe('checked before the current node (emergency first, then delete, stop, human, language, menu); words in locales/<lng>/interrupts.json'),
  })
  .strict();
export type AppConfig = z.infer<typeof AppSchema>;
