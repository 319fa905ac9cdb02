// The playground: sends a message to /api/ask and renders the cards the bot would send, with
// the Adaptive Cards JS renderer. Card buttons work as in Teams: "show" opens an entry.
(function () {
  'use strict';
  var form = document.getElementById('ask');
  var input = document.getElementById('q');
  var send = document.getElementById('send');
  var status = document.getElementById('status');
  var cards = document.getElementById('cards');

  // Teams renders a small markdown subset in TextBlocks; the JS renderer needs a processor for it.
  // Text is HTML-escaped first, then backslash escapes, **bold** and _italic_ are applied.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    // Escaped characters are set aside first so that neither HTML escaping nor the markup touches them.
    var held = [];
    var html = text
      .replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, function (_m, c) {
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
    result.outputHtml = html;
    result.didProcess = true;
  };

  function render(list) {
    cards.textContent = '';
    list.forEach(function (json) {
      var card = new AdaptiveCards.AdaptiveCard();
      card.onExecuteAction = onAction;
      card.parse(json);
      var box = document.createElement('div');
      box.appendChild(card.render());
      cards.appendChild(box);
    });
  }

  function onAction(action) {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      window.open(action.url, '_blank', 'noopener');
      return;
    }
    var data = action.data || {};
    if (action.verb === 'show' && data.entryId) {
      load('/api/entries/' + encodeURIComponent(data.entryId), null, 'GET');
    } else if (action.verb === 'feedback') {
      status.textContent = 'In Teams this records your feedback.';
    }
  }

  function load(url, body, method) {
    send.disabled = true;
    status.textContent = 'Thinking…';
    status.className = '';
    fetch(url, {
      method: method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    })
      .then(function (res) {
        return res.json().then(function (json) {
          if (!res.ok) throw new Error(json.message || 'request failed (' + res.status + ')');
          return json;
        });
      })
      .then(function (json) {
        var r = json.result;
        status.textContent = r
          ? (r.confident ? 'Confident answer' : 'Not confident') +
            (r.codes.length
              ? ' · codes: ' +
                r.codes
                  .map(function (c) {
                    return c.hresult + (c.known ? '' : ' (unknown)');
                  })
                  .join(', ')
              : '')
          : '';
        render(json.cards);
      })
      .catch(function (err) {
        status.textContent = err.message;
        status.className = 'error';
      })
      .finally(function () {
        send.disabled = false;
      });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (input.value.trim()) load('/api/ask', { q: input.value }, 'POST');
  });
  // A link such as /?q=0x80c8305f opens the page with that message answered.
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    load('/api/ask', { q: initial }, 'POST');
  }
  document.querySelectorAll('.examples a').forEach(function (a) {
    a.addEventListener('click', function () {
      input.value = a.getAttribute('data-q');
      load('/api/ask', { q: input.value }, 'POST');
    });
  });
})();
