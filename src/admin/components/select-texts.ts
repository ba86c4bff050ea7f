/**
 * AdminJS's selects are react-select (bundled inside AdminJS's design system, so its defaults
 * cannot be set from outside), whose own texts are English: «Select...», «No options»,
 * «Loading...». One observer for the whole back-office puts the Russian text in their place as
 * soon as a select renders one, so what people read and what screen readers say is Russian.
 */
export const SELECT_TEXTS: Record<string, string> = {
  'Select...': 'Выберите…',
  'No options': 'Нет вариантов',
  'Loading...': 'Загрузка…',
};

let installed = false;

function translate(root: Node): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const russian = SELECT_TEXTS[node.nodeValue ?? ''];
    if (russian && node.parentElement?.closest('[class*="-placeholder"], [class*="-menu"]')) {
      node.nodeValue = russian;
    }
  }
}

export function showSelectTextsInRussian(): void {
  if (installed || typeof document === 'undefined') return;
  installed = true;
  translate(document.body);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'characterData') translate(change.target.parentNode ?? change.target);
      change.addedNodes.forEach((node) => translate(node));
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}
