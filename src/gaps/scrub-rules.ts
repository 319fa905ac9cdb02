/** The scrubber's rules (`scrub.ts`): what counts as a name, an address, a path or an id, and its placeholder. */

/** Words with letters and digits that are product or protocol terms, not machine names. */
const TECH_TOKEN =
  /^(r2|tls\d*|ssl\d*|smb\d*|ipv[46]|x64|x86|arm64|amd64|win\d+|windows\d+|sha\d+|aes\d+|md5|utf\d*|base64|http[23s]?|h2|gen\d|v\d+|kb\d+|ws20\d\d|server20\d\d|sql20\d\d|s2d|p2s|s2s|e2e|b2b|o365|m365|ad\d*|1st|2nd|3rd|\d+th|\d+(k|m|g|t)b?|\d+(ms|s|h|d|gb|mb|kb|tb))$/i;

/** Capitalised words that are product terms, not people, after a greeting or signature word. */
export const NOT_A_NAME = new Set(
  `azure file files sync server servers storage windows microsoft defender powershell backup mars agent event
  events viewer team teams all everyone guys folks there support the this that i we it afs mabs dpm admin
  admins you your sir madam good morning afternoon evening again advance in for a an`.split(/\s+/),
);

/** Plain words that follow "account" or "share" in a sentence and are not its name. */
const NOT_A_RESOURCE_NAME = new Set(
  `is are was were has have had and or but for to in on of at by with from key keys firewall firewalls name
  names access settings setting level network networking region tier type resource sas token tokens connection
  string endpoint endpoints share shares container containers blob file files the a an that this which it not
  no can cannot does doesn't do did didn't will would should could may might must be been being keeps kept
  still fails failed failing shows showed shows permission permissions quota size limit limits snapshot
  snapshots root folder folders path paths cloud server servers sync group groups service services credentials
  identity role roles soft delete deleted deletion private public using via after before when if`.split(
    /\s+/,
  ),
);

/** Keys of `Key: value` lines (events, PowerShell lists, JSON) whose values name things. */
const NAMING_KEY =
  /(?<!\bLog\s)("?)\b((?:[A-Za-z]*(?:Name|Path|Id|ID|Account|Server|Share|Uri|Url|URL|Owner|User|Computer|Host|Machine|Endpoint|Group|Service))|name|path|server|share|user|owner|computer|host|machine|account)\1(\s*[:=]\s*)("?)(<CI>)?([^,;"\r\n<>]*?)(<\/CI>)?\4(?=\s*(?:[,;"\r\n})\]]|\.(?:\s|$)|\s{2,}|$))/g;

/** A key (alone) whose value names something. */
const NAMING_KEY_NAME =
  /^(?:[A-Za-z]*(?:Name|Path|Id|ID|Account|Server|Share|Uri|Url|URL|Owner|User|Computer|Host|Machine|Endpoint|Group|Service))$/;

/** A value a naming key may carry that is kept: a number, an error code, a placeholder, a flag. */
const KEPT_VALUE =
  /^\s*(?:[-+]?\d+(?![\w-])|0x[0-9a-f]+\b|[A-Z][A-Z0-9]*_E_[A-Z0-9_]+|\[[a-z-]+\]\s*$|(?:true|false|null|none|n\/a)\s*$)/i;

/** The placeholder a naming key's value becomes, from the key's last word. */
function placeholderForKey(key: string): string {
  const k = key.toLowerCase();
  if (/(server|computer|host|machine)$/.test(k) || /^(server|computer|host|machine)name$/.test(k))
    return '[server]';
  if (/share(name)?$/.test(k)) return '[share]';
  if (/path$/.test(k)) return '[path]';
  if (/(user|owner)(name)?$/.test(k)) return '[user]';
  if (/account(name)?$/.test(k)) return '[account]';
  if (/id$/.test(k)) return '[id]';
  return '[name]';
}

/** The placeholder for a PowerShell parameter's value, from the parameter's name. */
function placeholderForParameter(name: string): string {
  const k = name.toLowerCase();
  if (/server|computer|host|machine/.test(k) && !/endpoint/.test(k)) return '[server]';
  if (/path/.test(k)) return '[path]';
  if (/share/.test(k)) return '[share]';
  if (/account/.test(k)) return '[account]';
  if (/user|owner|credential/.test(k)) return '[user]';
  if (/id$/.test(k)) return '[id]';
  return '[name]';
}

/** The following words of a path with spaces: kept together while they still hold a backslash. */
const PATH_REST = String.raw`(?: [^\s"'<>|,;]*\\[^\s"'<>|,;]*)*`;

/** Words after which a capitalised word is a person's name. */
const GREETINGS =
  "hi|hello|hey|dear|thanks|thank you|regards|best regards|kind regards|cheers|br|cc|i am|i'm|my name is|this is|ask|asked|contact|colleague|manager";

/** A pattern that matches its letters in either case (names after it stay case-sensitive). */
const anyCase = (s: string) => s.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);

/** A replacement that keeps the sentence's punctuation a path swallowed at its end ("…\\Finance?"). */
const keepTrailing = (placeholder: string) => (m: string) =>
  placeholder + (/[?.!:)\]]+$/.exec(m)?.[0] ?? '');

type Rule = [RegExp, string | ((...m: string[]) => string)];

export const RULES: Rule[] = [
  // Azure resource ids name the subscription, the resource group and the resource.
  [/\/subscriptions\/[^\s"'<>,;]+/gi, '[resource-id]'],
  [/\b(?:https?|ftps?|smb|file):\/\/[^\s"'<>]+/gi, '[url]'],
  // E-mail addresses and UPNs (user@contoso.com, also user@contoso.onmicrosoft.com).
  [/[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, '[email]'],
  // UNC paths, long paths (\\?\E:\…) and drive paths, with the spaces inside their folder names.
  [new RegExp(String.raw`\\\\[^\s"'<>|,;]+` + PATH_REST, 'g'), keepTrailing('[path]')],
  [new RegExp(String.raw`\b[A-Za-z]:[\\/][^\s"'<>|,;]*` + PATH_REST, 'g'), keepTrailing('[path]')],
  [/(^|[\s(=:'"])\/(?:[\w.@~-]+\/)+[\w.@~-]*/g, (_m, lead: string) => `${lead}[path]`],
  // Windows security identifiers.
  [/\bS-1-\d+(?:-\d+){1,14}\b/g, '[sid]'],
  // GUIDs, braced or not (volume, session, endpoint and correlation ids alike).
  [/\{?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b\}?/gi, '[guid]'],
  [/\{[0-9a-f-]{20,40}\}/gi, '[guid]'],
  // Down-level logon names (CONTOSO\jdoe).
  [/\b[A-Za-z][\w-]{0,14}\\[A-Za-z][\w.$-]{0,63}/g, '[user]'],
  // IPv4 with an optional port, unless it is a version number (agent 17.2.0.0).
  [
    /(\b(?:version|ver\.?|v|build|agent|release|kb))?(\s*[:=]?\s*)\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?::\d{1,5})?\b/gi,
    (m, version: string | undefined, gap: string) => (version ? m : `${gap}[ip]`),
  ],
  // IPv6: colon groups with a hex letter or a `::` (times such as 10:30:00 stay).
  [/(?<![\w:])(?=[0-9a-f:]*(?:[a-f]|::))(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi, '[ip]'],
  // Host names under a known top-level domain (fs01.contoso.com, acct.file.core.windows.net).
  [
    /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|local|lan|corp|internal|intra|io|gov|edu|mil|biz|info|de|uk|fr|nl|be|ch|at|it|es|se|no|dk|fi|pl|cz|jp|cn|in|au|nz|ca|us|br|mx|za|ie|pt|ru|kr|sg|hk)\b/gi,
    '[host]',
  ],
  // PowerShell parameters that name things (-ServerName FS01, -Path "D:\Data").
  [
    /(^|\s)-(\w*(?:Name|Path|Id|Account|Server|Share|Group|Service|Uri|Url|Subscription|Tenant|User|Owner|Credential|ComputerName))\s+("[^"]*"|'[^']*'|[^\s|;]+)/gi,
    (_m, lead: string, name: string, value: string) =>
      KEPT_VALUE.test(value.replace(/^["']|["']$/g, ''))
        ? _m
        : `${lead}-${name} ${placeholderForParameter(name)}`,
  ],
  // Event XML: <Data Name="ServerEndpointName">…</Data>, <Computer>…</Computer>.
  [
    /(<Data Name="(\w+)">)([^<]{1,500})(<\/Data>)/g,
    (m, open: string, key: string, value: string, close: string) =>
      NAMING_KEY_NAME.test(key) && !KEPT_VALUE.test(value)
        ? `${open}${placeholderForKey(key)}${close}`
        : m,
  ],
  [
    /<(Computer|Server|ServerName|User|UserName|Domain|Account|Machine|Host)>([^<]{1,500})<\/\1>/g,
    (m, tag: string, value: string) =>
      KEPT_VALUE.test(value) ? m : `<${tag}>${placeholderForKey(tag)}</${tag}>`,
  ],
  // `Key: value` in event text, Format-List output and JSON: keep the key, drop a naming value.
  [
    NAMING_KEY,
    (m, q: string, key: string, sep: string, vq: string, _ci, value: string) => {
      if (value.trim() === '' || KEPT_VALUE.test(value) || /^log ?name$/i.test(key)) return m;
      return `${q}${key}${q}${sep}${vq}${placeholderForKey(key)}${vq}`;
    },
  ],
  // A name after the word for what it names: server FS01, share "finance docs", account contosofiles.
  [
    /\b(servers?|computers?|hosts?|machines?|nodes?|vms?|(?:file )?shares?|(?:storage )?accounts?|sync groups?|resource groups?|storage sync services?|users?)(\s+(?:named|called)?\s*)("[^"]{1,80}"|'[^']{1,80}'|“[^”]{1,80}”|[A-Za-z0-9][\w.$-]{1,62})/gi,
    (m, what: string, gap: string, name: string) => {
      const quoted = /^["'“]/.test(name);
      const bare = name.replace(/[.]$/, '');
      const lower = bare.toLowerCase();
      if (!quoted && (NOT_A_RESOURCE_NAME.has(lower) || /^\[[a-z-]+\]$/.test(bare))) return m;
      const namelike =
        quoted || /[\d_-]/.test(bare) || /^[A-Z]{2,}$/.test(bare) || /\bnamed|called\b/i.test(gap);
      if (!namelike || /^0x|^-?\d+$/i.test(bare) || TECH_TOKEN.test(bare)) return m;
      const kind = /server|computer|host|machine|node|vm/i.test(what)
        ? '[server]'
        : /share/i.test(what)
          ? '[share]'
          : /account/i.test(what)
            ? '[account]'
            : /user/i.test(what)
              ? '[user]'
              : '[name]';
      return `${what}${gap}${kind}${name.endsWith('.') && !quoted ? '.' : ''}`;
    },
  ],
  // Resource names by the common naming prefixes (rg-files-prod, sss-eu, sg-finance).
  [/(?<![\w[-])(?:rg|sss|sg|st|sa|vm|fs|srv|svr|afs)-[A-Za-z0-9][\w-]*/gi, '[name]'],
  // Machine-like words: letters and digits together (FS01, SRV-FILE-02, filesrv3), not product terms.
  [
    /(?<![\w[\]+-])(?=[A-Za-z][A-Za-z0-9-]*\d)[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w\]-])/g,
    (m) => (TECH_TOKEN.test(m) || /^[A-Z]+_/.test(m) ? m : '[server]'),
  ],
  // People after a greeting, a signature or an introduction.
  [
    new RegExp(
      String.raw`\b(${anyCase(GREETINGS)})(,?\s+)((?:@?[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+){0,2})`,
      'g',
    ),
    (m, lead: string, gap: string, name: string) => {
      const first = name.replace(/^@/, '').split(/\s+/)[0].toLowerCase();
      return NOT_A_NAME.has(first) ? m : `${lead}${gap}[person]`;
    },
  ],
  [/(^|\s)@[A-Za-z][\w.-]{1,40}(?:\s+[A-Z][a-z'’-]+)?/g, (_m, lead: string) => `${lead}[person]`],
];
