// The public form, made pleasant when JavaScript runs: what the visitor types is autosaved as a
// draft («Формирование запроса») through POST /api/leads, and the form is sent without reloading
// the page, with the server's Russian messages shown beside their fields. Without this script the
// form still posts to /form and the server renders the same messages.
'use strict';

(function () {
  const form = document.getElementById('lead-form');
  if (!form) return;
  const tokenInput = document.getElementById('draftToken');
  const status = document.getElementById('autosave');
  const message = document.getElementById('form-message');
  const button = document.getElementById('submit');
  // Only with this script is anything saved before the submission: only then the notice applies.
  document.getElementById('draft-notice').hidden = false;
  const fields = ['name', 'company', 'phone', 'email', 'objectTypeId', 'extra'];
  const AUTOSAVE_DELAY_MS = 1200;
  let timer = null;
  let saving = Promise.resolve();
  let sent = false;

  function body(draft) {
    const data = new FormData(form);
    const payload = {
      draft: draft,
      consent: data.get('consent') === 'on',
      website: data.get('website') || '',
    };
    for (const name of fields) payload[name] = String(data.get(name) || '');
    if (tokenInput.value) payload.draftToken = tokenInput.value;
    return payload;
  }

  function post(payload) {
    return fetch('/api/leads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (json) {
          return { status: response.status, json: json };
        });
    });
  }

  function showErrors(errors) {
    for (const element of form.querySelectorAll('[data-error-for]')) {
      const name = element.getAttribute('data-error-for');
      const text = errors && errors[name];
      element.textContent = text || '';
      element.hidden = !text;
      const control = document.getElementById(name);
      if (control) {
        if (text) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
      }
    }
  }

  function showMessage(text) {
    message.textContent = text || '';
    message.hidden = !text;
  }

  function isEmpty(payload) {
    return fields.every(function (name) {
      return payload[name].trim() === '';
    });
  }

  function autosave() {
    const payload = body(true);
    if (sent || isEmpty(payload)) return;
    saving = saving
      .then(function () {
        if (sent) return;
        payload.draftToken = tokenInput.value || undefined;
        return post(payload).then(function (result) {
          if (result.status === 201 && result.json.draftToken) {
            tokenInput.value = result.json.draftToken;
            status.textContent = 'Черновик сохранён';
          } else {
            // A half-typed phone or e-mail is not an error yet: the draft is saved once it is fixed.
            status.textContent = '';
          }
        });
      })
      .catch(function () {
        status.textContent = '';
      });
  }

  form.addEventListener('input', function (event) {
    if (event.target && event.target.id === 'website') return;
    clearTimeout(timer);
    timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    button.disabled = true;
    status.textContent = '';
    saving
      .then(function () {
        return post(body(false));
      })
      .then(function (result) {
        if (result.status === 201) {
          sent = true;
          form.hidden = true;
          showMessage('');
          document.getElementById('sent').hidden = false;
          return;
        }
        showErrors(result.json.fields || {});
        showMessage(result.json.message || 'Не удалось отправить заявку. Попробуйте ещё раз.');
      })
      .catch(function () {
        showMessage('Нет связи с сервером. Проверьте подключение к интернету и отправьте заявку ещё раз.');
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
