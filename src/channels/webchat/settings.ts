/**
 * The web chat's settings. Everything a deployer may want neutral (title, bot name, icon) or
 * local (where quick exit goes) is here; all of it has a safe default, so `npm start` serves a
 * working, discreet chat with no configuration.
 */
import { z } from 'zod';
import { coreSettings } from '../../server/config';
import { defineSettings, intSetting } from '../../server/settings';
import { isHttpUrl } from './urls';

/** Where quick exit goes when nothing is configured: a neutral, everyday page. */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/**
 * An absolute http(s) URL, or a path on this server ("/goodbye"). Anything else (javascript:,
 * data:, "//other-host") is refused: the value ends up in a link on every page.
 */
const safeUrl = z
  .string()
  .refine((v) => isHttpUrl(v) || /^\/(?!\/)[^\s]*$/.test(v), 'must be an http(s) URL like https://www.bbc.co.uk/weather or a path like /goodbye');

const shortText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !/[\u0000-\u001f<>]/.test(v), 'must be plain text without < > or control characters');

export const webchatSettings = defineSettings({
  HAVEN_QUICK_EXIT_URL: {
    schema: safeUrl,
    default: DEFAULT_QUICK_EXIT_URL,
    example: 'https://www.bbc.co.uk/weather',
    doc: 'where the web chat\'s Exit button and Shift pressed 3 times go (a neutral site; the page replaces itself, so Back does not return)',
  },
  HAVEN_PAGE_TITLE: {
    schema: shortText(60),
    example: 'Chat',
    doc: 'the web chat\'s page title (browser tab and history); unset: a neutral "Chat" in the page\'s language',
  },
  HAVEN_BOT_NAME: {
    schema: shortText(40),
    example: 'Assistant',
    doc: 'the bot\'s display name on the web chat; unset: a neutral "Assistant" in the page\'s language',
  },
  HAVEN_PAGE_ICON: {
    schema: z.string().regex(/\.(svg|png|ico)$/i, 'must be a .svg, .png or .ico file'),
    example: './branding/icon.svg',
    doc: 'the web chat\'s tab icon (.svg, .png or .ico, at most 32 KB); unset: a plain speech bubble',
  },
  HAVEN_WEBCHAT_MAX_CONVERSATIONS: {
    schema: intSetting(1, 1_000_000),
    default: '10000',
    example: '10000',
    doc: 'web chat conversations held open at once (each keeps its last messages in memory); new ones get 503 beyond this',
  },
  // The same setting as the core's: a web chat token lives exactly as long as its session.
  HAVEN_SESSION_TTL_MINUTES: coreSettings.HAVEN_SESSION_TTL_MINUTES,
});
