/**
 * A list cell cut short with «…» (layout.css) shows its whole text on hover: one listener for the
 * whole back-office sets the cell's `title` when the pointer reaches it and the text does not fit.
 */
let installed = false;

export function showTruncatedTextsOnHover(): void {
  if (installed || typeof document === 'undefined') return;
  installed = true;
  document.addEventListener('mouseover', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const cell = target?.closest('td[data-property-name] > *');
    if (!(cell instanceof HTMLElement) || cell.title) return;
    if (cell.scrollWidth > cell.clientWidth) cell.title = cell.textContent?.trim() ?? '';
  });
}
