/**
 * A page that hosts the tab in an iframe and answers the teams-js messages a Teams client
 * would: `initialize` (as the Teams web client, content frame), `getContext` (theme and the
 * sub-page id of a deep link) and handler registrations; `window.setTheme(t)` sends a theme
 * change. teams-js trusts messages from its own origin, so the test serves this page on the
 * tab's origin (through the browser's request routing, not the server).
 */
export function fakeTeamsHost(
  tabPath: string,
  context: { theme: string; subEntityId?: string },
): string {
  const ctx = JSON.stringify({
    locale: 'en-us',
    theme: context.theme,
    entityId: 'knowledge',
    subEntityId: context.subEntityId ?? '',
    hostClientType: 'web',
    frameContext: 'content',
    appSessionId: 'session-1',
    tid: '00000000-0000-4000-8000-00000000000a',
    userObjectId: '00000000-0000-4000-8000-00000000000b',
  });
  return `<!doctype html><html><body>
<iframe id="tab" src="${tabPath}" style="width:1000px;height:900px;border:0"></iframe>
<script>
  var frame = document.getElementById('tab');
  var context = ${ctx};
  window.received = [];
  function reply(msg, args) {
    frame.contentWindow.postMessage({ id: msg.id, uuidAsString: msg.uuidAsString, args: args }, '*');
  }
  window.addEventListener('message', function (e) {
    if (e.source !== frame.contentWindow) return;
    var msg = e.data || {};
    window.received.push(msg.func);
    if (msg.func === 'initialize') reply(msg, ['content', 'web', '2.0.0']);
    else if (msg.func === 'getContext') reply(msg, [context]);
    else if (typeof msg.id === 'number' && msg.func !== 'registerHandler') reply(msg, []);
  });
  window.setTheme = function (theme) {
    frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '*');
  };
</script></body></html>`;
}
