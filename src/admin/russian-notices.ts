import type { RequestHandler } from 'express';

/**
 * AdminJS answers some requests of its API with a notice written in English in its own code
 * (api-controller.js: a record that is not there, an id of the wrong form), which the page then
 * shows as it is. Those notices are put in Russian on their way out; every other answer passes
 * untouched.
 */
const ENGLISH_NOTICES: [RegExp, string][] = [
  [/^record (with|of) given id/i, 'Такой записи нет: она удалена или у вас нет прав на неё'],
  [/^you have to pass a valid recordId/i, 'Неверный номер записи'],
  [/^you have to pass recordIds?/i, 'Не выбрано ни одной записи'],
];

export function russianNotice(message: string): string {
  return ENGLISH_NOTICES.find(([english]) => english.test(message))?.[1] ?? message;
}

export function russianNotices(): RequestHandler {
  return (request, response, next) => {
    if (!request.path.startsWith('/api/')) return next();
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      const notice = (body as { notice?: { message?: unknown } } | null)?.notice;
      if (notice && typeof notice.message === 'string') notice.message = russianNotice(notice.message);
      return json(body);
    };
    next();
  };
}
