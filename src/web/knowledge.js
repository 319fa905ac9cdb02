// The knowledge tab (and the local playground of `npm start`): search the knowledge as you type,
// filter by product and remediation, open an entry as the very card the bot sends (Adaptive
// Cards JS renderer), list every code, and ask as you would ask the bot. Inside Teams it takes
// the Teams theme and deep links; outside, or when Teams does not answer within 3 s, it runs
// as a standalone page with #hash links.
(function () {
  'use strict';
  var TEAMS_TIMEOUT_MS = 3000;
  var ENTITY_ID = 'knowledge';
  var $ = function (id) {
    return document.getElementById(id);
  };
  var state = { inTeams: false, appId: null, theme: 'default', view: 'browse', entry: null };
  var status = $('status');
  var cards = $('cards');

  // ---- Adaptive Cards: markdown subset and theme ------------------------------------------
  // Teams renders a small markdown subset in TextBlocks; the JS renderer needs a processor for
  // it. Escaped characters are set aside first so neither HTML escaping nor the markup touches
  // them; text is HTML-escaped before **bold**, _italic_ and line breaks are applied.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    var held = [];
    result.outputHtml = text
      // Any ASCII punctuation can be escaped (CommonMark): code lines escape `<` before a tag.
      .replace(/\\([!-/:-@[-`{-~])/g, function (_m, c) {
        held.push(c);
        return '\uE000' + (held.length - 1) + '\uE001';
      })
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1<em>$2</em>')
      .replace(/\n/g, '<br>')
      .replace(/\uE000(\d+)\uE001/g, function (_m, i) {
        return '&#' + held[Number(i)].charCodeAt(0) + ';';
      });
    result.didProcess = true;
  };

  var PALETTES = {
    default: { bg: '#FFFFFF', fg: '#242424', subtle: '#616161', accent: '#5B5FC7' },
    dark: { bg: '#292929', fg: '#FFFFFF', subtle: '#ADADAD', accent: '#7F85F5' },
    contrast: { bg: '#000000', fg: '#FFFFFF', subtle: '#FFFFFF', accent: '#FFFF01' },
  };

  function hostConfig(theme) {
    var p = PALETTES[theme] || PALETTES.default;
    var colors = {
      default: { default: p.fg, subtle: p.subtle },
      accent: { default: p.accent, subtle: p.accent },
      good: { default: theme === 'default' ? '#13A10E' : '#92C353', subtle: '#92C353' },
      warning: { default: theme === 'default' ? '#C19C00' : '#F8D22A', subtle: '#F8D22A' },
      attention: { default: theme === 'default' ? '#C4314B' : '#F9526B', subtle: '#F9526B' },
      dark: { default: p.fg, subtle: p.subtle },
      light: { default: p.fg, subtle: p.subtle },
    };
    return new AdaptiveCards.HostConfig({
      fontFamily: 'Segoe UI, system-ui, sans-serif',
      containerStyles: {
        default: { backgroundColor: p.bg, foregroundColors: colors },
        emphasis: {
          backgroundColor: theme === 'default' ? '#F5F5F5' : p.bg,
          foregroundColors: colors,
        },
      },
    });
  }

  function render(list) {
    cards.textContent = '';
    list.forEach(function (json) {
      var card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = hostConfig(state.theme);
      card.onExecuteAction = onAction;
      card.parse(json);
      var box = document.createElement('div');
      box.className = 'card';
      box.appendChild(card.render());
      cards.appendChild(box);
    });
  }

  function onAction(action) {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      if (state.inTeams && microsoftTeams.app.openLink) {
        microsoftTeams.app.openLink(action.url).catch(function () {
          window.open(action.url, '_blank', 'noopener');
        });
      } else window.open(action.url, '_blank', 'noopener');
      return;
    }
    var data = action.data || {};
    if (action.verb === 'show' && data.entryId) openEntry(data.entryId);
    else if (action.verb === 'feedback') say('In Teams this records your feedback.');
  }

  // ---- Requests ------------------------------------------------------------------------------
  function say(text, isError) {
    status.textContent = text || '';
    status.className = isError ? 'status error' : 'status';
  }

  function getJson(url, body) {
    return fetch(url, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json.message || 'request failed (' + res.status + ')');
        return json;
      });
    });
  }

  // ---- Views ---------------------------------------------------------------------------------
  function show(view) {
    state.view = view;
    ['browse', 'codes', 'ask'].forEach(function (v) {
      $(v).hidden = v !== view;
    });
    document.querySelectorAll('button.tab').forEach(function (b) {
      b.setAttribute('aria-selected', String(b.getAttribute('data-view') === view));
    });
    $('entry').hidden = true;
    cards.textContent = '';
    say('');
    if (view === 'codes') loadCodes();
    if (view === 'browse') search();
  }

  var searchTimer = null;
  var searchSeq = 0;
  function search() {
    var seq = ++searchSeq;
    var params = new URLSearchParams({
      q: $('search').value,
      product: $('product').value,
      remediation: $('remediation').value,
    });
    getJson('/api/knowledge/search?' + params.toString())
      .then(function (json) {
        if (seq !== searchSeq) return; // an older answer that arrived late
        $('count').textContent =
          json.total === 0
            ? 'Nothing in the knowledge matches.'
            : json.total +
              (json.total === 1 ? ' entry' : ' entries') +
              (json.total > json.items.length ? ', the first ' + json.items.length + ' shown' : '');
        var list = $('results');
        list.textContent = '';
        json.items.forEach(function (item) {
          var li = document.createElement('li');
          li.tabIndex = 0;
          li.setAttribute('data-id', item.id);
          var title = document.createElement('div');
          title.textContent = item.title;
          var meta = document.createElement('div');
          meta.className = 'meta';
          meta.textContent =
            (item.product === 'mars-agent' ? 'MARS agent' : 'Azure File Sync') + ' · ' + item.kind;
          item.codes.forEach(function (c) {
            var flag = document.createElement('span');
            flag.className = 'flag flag-' + c.remediationRequired;
            flag.textContent = c.code + ' · remediation ' + c.remediationRequired;
            meta.appendChild(flag);
          });
          li.appendChild(title);
          li.appendChild(meta);
          li.addEventListener('click', function () {
            openEntry(item.id);
          });
          li.addEventListener('keydown', function (e) {
            if (e.key === 'Enter') openEntry(item.id);
          });
          list.appendChild(li);
        });
      })
      .catch(function (err) {
        say(err.message, true);
      });
  }

  var codesLoaded = false;
  function loadCodes() {
    if (codesLoaded) return;
    getJson('/api/knowledge/codes')
      .then(function (json) {
        codesLoaded = true;
        var body = $('code-rows');
        json.codes.forEach(function (row) {
          var tr = document.createElement('tr');
          [
            row.code,
            row.decimal === null ? '' : String(row.decimal),
            row.name || '',
            row.remediationRequired,
          ].forEach(function (text, i) {
            var td = document.createElement('td');
            if (i === 0) {
              var code = document.createElement('code');
              code.textContent = text;
              td.appendChild(code);
            } else td.textContent = text;
            tr.appendChild(td);
          });
          var link = document.createElement('a');
          link.textContent = row.title;
          link.addEventListener('click', function () {
            openEntry(row.entryId);
          });
          var td = document.createElement('td');
          td.appendChild(link);
          tr.appendChild(td);
          body.appendChild(tr);
        });
        $('codes').querySelector('.status').textContent =
          json.codes.length +
          ' codes. Every error code the knowledge holds, with the entry that explains it.';
      })
      .catch(function (err) {
        say(err.message, true);
      });
  }

  function deepLink(id) {
    if (state.inTeams && state.appId) {
      return (
        'https://teams.microsoft.com/l/entity/' +
        encodeURIComponent(state.appId) +
        '/' +
        ENTITY_ID +
        '?context=' +
        encodeURIComponent(JSON.stringify({ subEntityId: id }))
      );
    }
    return window.location.origin + window.location.pathname + '#entry=' + encodeURIComponent(id);
  }

  function openEntry(id) {
    say('Opening…');
    getJson('/api/entries/' + encodeURIComponent(id))
      .then(function (json) {
        state.entry = id;
        ['browse', 'codes', 'ask'].forEach(function (v) {
          $(v).hidden = true;
        });
        $('entry').hidden = false;
        $('link').value = deepLink(id);
        if (!state.inTeams && window.location.hash !== '#entry=' + encodeURIComponent(id)) {
          history.pushState(null, '', '#entry=' + encodeURIComponent(id));
        }
        say('');
        render(json.cards);
        window.scrollTo(0, 0);
      })
      .catch(function (err) {
        say(err.message, true);
      });
  }

  function ask(text) {
    $('send').disabled = true;
    say('Thinking…');
    getJson('/api/ask', { q: text })
      .then(function (json) {
        var r = json.result;
        say(
          (r.confident ? 'Confident answer' : 'Not confident') +
            (r.codes.length
              ? ' · codes: ' +
                r.codes
                  .map(function (c) {
                    return c.hresult + (c.known ? '' : ' (unknown)');
                  })
                  .join(', ')
              : ''),
        );
        render(json.cards);
      })
      .catch(function (err) {
        say(err.message, true);
      })
      .finally(function () {
        $('send').disabled = false;
      });
  }

  // ---- Routing -------------------------------------------------------------------------------
  function route() {
    var hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    var q = new URLSearchParams(window.location.search).get('q');
    if (hash.get('entry')) openEntry(hash.get('entry'));
    else if (window.location.hash === '#codes') show('codes');
    else if (q) {
      // /?q=… answers a message, as the playground always did.
      show('ask');
      $('q').value = q;
      ask(q);
    } else show(state.view);
  }

  document.querySelectorAll('button.tab').forEach(function (b) {
    b.addEventListener('click', function () {
      show(b.getAttribute('data-view'));
    });
  });
  $('search').addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 120);
  });
  $('product').addEventListener('change', search);
  $('remediation').addEventListener('change', search);
  $('back').addEventListener('click', function () {
    if (!state.inTeams && window.location.hash)
      history.pushState(null, '', window.location.pathname + window.location.search);
    show(state.view);
  });
  $('ask-form').addEventListener('submit', function (e) {
    e.preventDefault();
    if ($('q').value.trim()) ask($('q').value);
  });
  document.querySelectorAll('.examples a').forEach(function (a) {
    a.addEventListener('click', function () {
      $('q').value = a.getAttribute('data-q');
      ask($('q').value);
    });
  });
  window.addEventListener('popstate', route);

  // ---- Teams host ----------------------------------------------------------------------------
  function applyTheme(theme) {
    state.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
    document.body.setAttribute('data-theme', state.theme);
    if (state.entry && !$('entry').hidden) openEntry(state.entry);
  }

  // NOTE: app.initialize() rejects at once at top level, but in a frame whose parent is not
  // Teams it waits about a minute: race it against a short timeout.
  function initTeams() {
    if (typeof microsoftTeams === 'undefined' || window.parent === window)
      return Promise.resolve(null);
    var timeout = new Promise(function (resolve) {
      setTimeout(function () {
        resolve(null);
      }, TEAMS_TIMEOUT_MS);
    });
    var init = microsoftTeams.app
      .initialize()
      .then(function () {
        return microsoftTeams.app.getContext();
      })
      .catch(function () {
        return null;
      });
    return Promise.race([init, timeout]);
  }

  function configure() {
    // The configuration page of the team tab: one fixed tab, always valid.
    $('config').hidden = false;
    microsoftTeams.pages.config.registerOnSaveHandler(function (event) {
      var origin = window.location.origin;
      microsoftTeams.pages.config
        .setConfig({
          entityId: ENTITY_ID,
          contentUrl: origin + '/tab',
          websiteUrl: origin + '/',
          suggestedDisplayName: 'AFS knowledge',
        })
        .then(function () {
          event.notifySuccess();
        })
        .catch(function (err) {
          event.notifyFailure(String(err));
        });
    });
    microsoftTeams.pages.config.setValidityState(true);
  }

  Promise.all([
    initTeams(),
    getJson('/api/knowledge/meta').catch(function () {
      return { appId: null };
    }),
  ]).then(function (results) {
    var context = results[0];
    state.appId = results[1].appId;
    if (context) {
      state.inTeams = true;
      $('host').textContent = 'In Teams';
      applyTheme(context.app && context.app.theme);
      microsoftTeams.app.registerOnThemeChangeHandler(applyTheme);
      if (new URLSearchParams(window.location.search).get('config') === '1') configure();
    } else {
      $('host').textContent = 'Standalone page';
    }
    document.body.setAttribute('data-ready', state.inTeams ? 'teams' : 'standalone');
    // A Teams deep link to an entry arrives as the page's sub-page id.
    var sub = context && context.page && context.page.subPageId;
    if (sub) openEntry(sub);
    else route();
  });
})();
