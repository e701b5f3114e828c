/**
 * Who may call /api/messages. With a client id (MICROSOFT_APP_ID, or the Agents SDK's own
 * `clientId` / `connections__…` variables) the SDK checks every request's JWT and the
 * adapter checks the service URL against the token's claim. Without one, requests are
 * anonymous (local development, the Bot Framework Emulator) and replies may only go to this
 * machine, so an open endpoint can never be made to post to other hosts.
 */
import {
  CloudAdapter,
  getAuthConfigWithDefaults,
  OutboundHostValidator,
  type AuthConfiguration,
} from '@microsoft/agents-hosting';
import type { BotFrameworkSettings } from './settings';

/** Where anonymous replies may go: this machine (the Emulator, local tests). */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export function createAdapter(settings: BotFrameworkSettings): CloudAdapter {
  const config = authConfiguration(settings);
  if (config.clientId) return new CloudAdapter(config, undefined, undefined, { validateServiceUrl: true });
  const localOnly = new OutboundHostValidator({ enabled: true, includeDefaultMicrosoftHosts: false, hosts: LOCAL_HOSTS });
  return new CloudAdapter(config, undefined, undefined, undefined, localOnly);
}

/** Haven's variables when set (only those given, so the SDK's own variables fill the rest). */
function authConfiguration(s: BotFrameworkSettings): AuthConfiguration {
  const given: AuthConfiguration = {};
  if (s.MICROSOFT_APP_ID) given.clientId = s.MICROSOFT_APP_ID;
  if (s.MICROSOFT_APP_PASSWORD) given.clientSecret = s.MICROSOFT_APP_PASSWORD;
  if (s.MICROSOFT_APP_TENANT_ID) given.tenantId = s.MICROSOFT_APP_TENANT_ID;
  return Object.keys(given).length ? getAuthConfigWithDefaults(given) : getAuthConfigWithDefaults();
}
