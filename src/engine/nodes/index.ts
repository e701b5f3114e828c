/** Every node kind Haven knows. Adding a kind: one new file in this folder, one line here. */
import type { NodeKind } from '../node-kind';
import { accessNode } from './access';
import { branchNode } from './branch';
import { callNode } from './call';
import { choiceNode } from './choice';
import { consentNode } from './consent';
import { endNode } from './end';
import { eraseNode } from './erase';
import { gotoNode } from './goto';
import { handoffNode } from './handoff';
import { inputNode } from './input';
import { locationNode } from './location';
import { messageNode } from './message';
import { relayNode } from './relay';
import { placeNode } from './place';
import { resumeNode } from './resume';
import { servicesNode } from './services';
import { setNode } from './set';
import { summaryNode } from './summary';

export const nodeKinds = [
  messageNode,
  choiceNode,
  inputNode,
  locationNode,
  branchNode,
  setNode,
  callNode,
  gotoNode,
  endNode,
  resumeNode,
  servicesNode,
  placeNode,
  handoffNode,
  eraseNode,
  consentNode,
  accessNode,
  summaryNode,
  relayNode,
] as const;

export type AnyNode = (typeof nodeKinds)[number] extends NodeKind<infer N> ? N : never;

const byKind = new Map<string, NodeKind<any>>(nodeKinds.map((k) => [k.kind, k as NodeKind<any>]));

export function nodeKind(kind: string): NodeKind<any> | undefined {
  return byKind.get(kind);
}
export const nodeKindNames = nodeKinds.map((k) => k.kind);
