// The playground: sends a message to /api/ask and renders the cards the bot would send, with
// the Adaptive Cards JS renderer. Card buttons work as in Teams: "show" opens an entry.
(function () {
  'use strict';
  var form = document.getElementById('ask');
  var input = document.getElementById('q');
  var send = document.getElementById('send');
  var status = document.getElementById('status');
  var cards = document.getElementById('cards');

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
  document.querySelectorAll('.examples a').forEach(function (a) {
    a.addEventListener('click', function () {
      input.value = a.getAttribute('data-q');
      load('/api/ask', { q: input.value }, 'POST');
    });
  });
})();
