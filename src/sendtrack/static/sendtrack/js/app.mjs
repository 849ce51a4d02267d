import { initAll } from '../../vendor/govuk/govuk-frontend.min.js';

initAll();

// Elements that submit their form when changed (HTMX filters fall back to a normal submit).
document.querySelectorAll('[data-autosubmit]').forEach((el) => {
  el.addEventListener('change', () => el.form && el.form.requestSubmit());
});
