import escapeHtml from 'escape-html';

import { HONEYPOT_FIELD, leadInputLimits, type LeadInputErrors } from '../lead-input.js';
import { CONSENT_PARAGRAPHS, CONSENT_TITLE, CONSENT_TEXT_VERSION } from './consent-text.js';

/**
 * The public pages, rendered on the server so that the form works without JavaScript; the script
 * (static/form.js) only adds autosaved drafts and answers without reloading the page.
 */
export interface ObjectTypeGroup {
  department: string;
  objectTypes: { id: number; name: string }[];
}

export interface FormPageState {
  groups: ObjectTypeGroup[];
  values?: Record<string, unknown>;
  errors?: LeadInputErrors;
  /** A message above the form: why it was not sent. */
  message?: string;
  /** How long an unsent draft is kept (DRAFT_RETENTION_DAYS), said under the form. */
  draftRetentionDays: number;
}

export const FORM_ASSETS_PATH = '/form/assets';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const dayForms: Record<string, string> = { one: 'день', few: 'дня', many: 'дней', other: 'дня' };
/** «1 день», «3 дня», «30 дней». */
const days = (count: number): string => `${count} ${dayForms[new Intl.PluralRules('ru-RU').select(count)]}`;

function page(title: string, body: string, withScript = false): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${FORM_ASSETS_PATH}/form.css">
${withScript ? `<script src="${FORM_ASSETS_PATH}/form.js" defer></script>` : ''}
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>
`;
}

function fieldError(errors: LeadInputErrors, name: keyof LeadInputErrors): string {
  const error = errors[name];
  return `<p class="error" id="${name}-error" data-error-for="${name}"${error ? '' : ' hidden'}>${escapeHtml(error ?? '')}</p>`;
}

function input(
  state: FormPageState,
  name: 'name' | 'company' | 'phone' | 'email',
  label: string,
  attributes: string,
): string {
  const errors = state.errors ?? {};
  return `<div class="field">
<label for="${name}">${escapeHtml(label)}</label>
<input id="${name}" name="${name}" ${attributes} value="${escapeHtml(text(state.values?.[name]))}"${errors[name] ? ' aria-invalid="true"' : ''} aria-describedby="${name}-error">
${fieldError(errors, name)}
</div>`;
}

export function renderFormPage(state: FormPageState): string {
  const errors = state.errors ?? {};
  const values = state.values ?? {};
  const chosen = text(values.objectTypeId) || String(values.objectTypeId ?? '');
  const options = state.groups
    .map(
      (group) =>
        `<optgroup label="${escapeHtml(group.department)}">${group.objectTypes
          .map(
            (type) =>
              `<option value="${type.id}"${String(type.id) === chosen ? ' selected' : ''}>${escapeHtml(type.name)}</option>`,
          )
          .join('')}</optgroup>`,
    )
    .join('');
  const consentChecked = ['on', 'true', '1', true].includes(values.consent as never);
  const message = state.message
    ? `<div class="alert" role="alert" id="form-message">${escapeHtml(state.message)}</div>`
    : '<div class="alert" role="alert" id="form-message" hidden></div>';
  return page(
    'Заявка — производственно-складской парк «Косино»',
    `<h1>Оставьте заявку</h1>
<p class="lead-in">Расскажите, что вам нужно: аренда помещений, таможенное оформление (ВЭД) или логистика (3PL). Менеджер профильного отдела свяжется с вами.</p>
${message}
<form id="lead-form" method="post" action="/form" novalidate>
<input type="hidden" name="draftToken" id="draftToken" value="${escapeHtml(text(values.draftToken))}">
${input(state, 'name', 'Имя', `required maxlength="${leadInputLimits.name}" autocomplete="name"`)}
${input(state, 'company', 'Компания', `maxlength="${leadInputLimits.company}" autocomplete="organization"`)}
${input(state, 'phone', 'Телефон', `type="tel" maxlength="${leadInputLimits.phone}" autocomplete="tel" placeholder="+7 495 123-45-67"`)}
${input(state, 'email', 'Эл.почта', `type="email" maxlength="${leadInputLimits.email}" autocomplete="email" placeholder="ivanov@example.ru"`)}
<p class="hint">Укажите телефон или эл. почту — как вам удобнее.</p>
<div class="field">
<label for="objectTypeId">Тип объекта</label>
<select id="objectTypeId" name="objectTypeId" required aria-describedby="objectTypeId-error"${errors.objectTypeId ? ' aria-invalid="true"' : ''}>
<option value="">— выберите —</option>
${options}
</select>
${fieldError(errors, 'objectTypeId')}
</div>
<div class="field">
<label for="extra">Дополнительные данные</label>
<textarea id="extra" name="extra" rows="4" maxlength="${leadInputLimits.extra}" aria-describedby="extra-error">${escapeHtml(text(values.extra))}</textarea>
${fieldError(errors, 'extra')}
</div>
<div class="trap" aria-hidden="true">
<label for="${HONEYPOT_FIELD}">Сайт (не заполняйте)</label>
<input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off" value="">
</div>
<div class="field consent">
<label><input type="checkbox" id="consent" name="consent" value="on"${consentChecked ? ' checked' : ''} aria-describedby="consent-error"> Я даю <a href="/form/consent" target="_blank" rel="noopener">согласие на обработку персональных данных</a> в соответствии с 152-ФЗ</label>
${fieldError(errors, 'consent')}
</div>
<button type="submit" id="submit">Отправить заявку</button>
<p class="autosave" id="autosave" aria-live="polite"></p>
<p class="hint" id="draft-notice" hidden>Пока вы заполняете форму, введённое сохраняется как черновик заявки. Черновик заявки хранится ${days(state.draftRetentionDays)} и удаляется, если заявка не отправлена.</p>
</form>
<section id="sent" class="sent" hidden>
<h2>Спасибо! Заявка отправлена.</h2>
<p>Менеджер свяжется с вами в рабочее время.</p>
</section>`,
    true,
  );
}

export function renderSentPage(): string {
  return page(
    'Заявка отправлена',
    `<section class="sent">
<h1>Спасибо! Заявка отправлена.</h1>
<p>Менеджер свяжется с вами в рабочее время.</p>
<p><a href="/form">Отправить ещё одну заявку</a></p>
</section>`,
  );
}

export function renderConsentPage(): string {
  return page(
    CONSENT_TITLE,
    `<h1>${escapeHtml(CONSENT_TITLE)}</h1>
${CONSENT_PARAGRAPHS.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<p class="hint">Редакция ${escapeHtml(CONSENT_TEXT_VERSION)}</p>`,
  );
}
