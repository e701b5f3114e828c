/**
 * The web chat's wire format: what the API sends and what the page reads, in one place. The
 * server (src/channels/webchat/) and the page's script (public/webchat/src/, compiled with its
 * own tsconfig into one file, without modules) both compile against these declarations, so a
 * change here is checked on both sides. They are global (this file has no imports or exports)
 * because the page's script has no module system; hence the `Wire` prefix.
 * docs/webchat-api.md describes the same shapes with examples.
 */

/** A button: `id` goes back as `{ type: "choice", id }`, `label` is shown. */
interface WireChoice {
  id: string;
  label: string;
}

interface WireLink {
  label: string;
  href: string;
}

/** A service card, its words already in the message's language. */
interface WireCard {
  /** the name, with "National line" added for national numbers */
  name: string;
  /** distance and open-now status in words, or null when neither is known */
  status: string | null;
  /** true open, false closed, null unknown */
  open: boolean | null;
  hours: string | null;
  /** one `tel:` link per phone number */
  phones: WireLink[];
  website: WireLink | null;
  languages: string | null;
  /** the address, or the words saying it is kept private (confidential services) */
  address: string;
  /** a `geo:` link for the phone's own map app, only when the address is public */
  map: WireLink | null;
  lastChecked: string | null;
  /** "not yet confirmed" when the entry is not verified */
  unverified: string | null;
}

/** One thing the bot says. */
interface WireMessage {
  /** position in the conversation, from 1: the cursor for `after` and `Last-Event-ID` */
  seq: number;
  /**
   * `text`: words. `choice`: words and buttons. `location`: a request to share a location,
   * with `choices` as alternatives (typing a place always works too). `services`: service
   * cards, with `text` when none were found. Pages ignore kinds they do not know.
   */
  kind: 'text' | 'choice' | 'location' | 'services';
  text?: string;
  choices?: WireChoice[];
  cards?: WireCard[];
  /** the language of this message; a page lays it out with `dir` */
  lang: string;
  dir: 'ltr' | 'rtl';
}

/** POST /api/webchat/session → 201 */
interface WireStartReply {
  token: string;
  last: number;
  messages: WireMessage[];
}

/** POST and GET /api/webchat/messages → 200 */
interface WireMessagesReply {
  /** seq of the newest message; the page has everything when its cursor reaches this */
  last: number;
  /** true when the conversation is over (after DELETE): the page forgets its token */
  ended: boolean;
  /**
   * true when this turn erased the person's data (DELETE): the page clears what it shows and
   * shows only `messages`, the words said after the erasure
   */
  erased: boolean;
  /** on GET; on POST when `after` was sent or the turn erased */
  messages?: WireMessage[];
}

/** GET /api/webchat/ui/:lang → 200, and `ui` in the page's configuration */
interface WireUi {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** the page title: configured (discreet mode), or a neutral word in this language */
  title: string;
  /** the bot's display name: configured, or a neutral word in this language */
  botName: string;
  /** the page's own words, by key of locales/<lng>/webchat.json */
  strings: Readonly<Record<string, string>>;
}

/** The page's configuration, in `<script type="application/json" id="chat-config">`. */
interface WirePageConfig {
  /** the API's base path, "/api/webchat" */
  api: string;
  /** where quick exit goes */
  exitUrl: string;
  /** the longest text the API accepts, in UTF-8 bytes (longer gets 413) */
  maxTextBytes: number;
  ui: WireUi;
}

/** Every error: 4xx or 5xx with this body. */
interface WireError {
  error: { code: string; message: string };
}
