/**
 * Every console route is declared through `ConsoleRoutes.add` with who may use it, so the
 * guard cannot be forgotten: `signed_in` and `supervisor` routes get `guard()` (session,
 * same origin, CSRF token, role) before anything else; `public` is only for the page shell,
 * its files and the sign-in, which need no session. A test walks the router's stack and
 * checks every route that is not public refuses requests without a session, from another
 * site, or without the CSRF token.
 */
import type { RequestHandler, Router } from 'express';
import { guard, type GuardDeps } from './guard';

export type Access = 'public' | 'signed_in' | 'supervisor';
export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteInfo {
  method: Method;
  path: string;
  access: Access;
}

export class ConsoleRoutes {
  private readonly declared: RouteInfo[] = [];

  constructor(
    readonly router: Router,
    private readonly guardDeps: GuardDeps,
  ) {}

  add(method: Method, path: string, access: Access, ...handlers: RequestHandler[]): void {
    this.declared.push({ method, path, access });
    const checks = access === 'public' ? [] : [guard(this.guardDeps, access === 'supervisor' ? 'supervisor' : undefined)];
    this.router[method](path, ...checks, ...handlers);
  }

  /** Every route and who may use it (for the tests and the docs). */
  routes(): readonly RouteInfo[] {
    return this.declared;
  }
}
