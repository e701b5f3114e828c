/**
 * The web chat channel: always on (it needs no token), so `npm start` serves a working chat
 * at http://localhost:3000/ with no configuration. See docs/webchat-api.md for its HTTP API.
 */
import { defineChannel } from '../channel';
import { webchatSettings } from './settings';
import { createWebchat } from './webchat';

export const channel = defineChannel({
  name: 'webchat',
  settings: webchatSettings,
  create: (ctx, settings) => createWebchat(ctx, settings),
});
