() => {
  // Every problem with a page's form controls and element ids, as text (see test_accessibility_browser.py).
  // Disclosures are opened first, so forms folded away are checked too.
  document.querySelectorAll('details').forEach((details) => { details.open = true; });
  const problems = [];
  const counts = {};
  document.querySelectorAll('[id]').forEach((element) => { counts[element.id] = (counts[element.id] || 0) + 1; });
  for (const [id, count] of Object.entries(counts)) if (count > 1) problems.push(`id "${id}" is used ${count} times`);
  const big = (element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width >= 16 && box.height >= 16 && style.visibility !== 'hidden' && style.opacity !== '0';
  };
  const drawn = (label) => {
    if (!label || !big(label)) return false;
    const before = getComputedStyle(label, '::before');
    const outlined = getComputedStyle(label).borderStyle !== 'none';
    return (before.content && before.content !== 'none' && before.width !== '0px') || outlined;
  };
  const named = (control) => {
    if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || control.title) return true;
    return Array.from(control.labels || []).some((label) => label.textContent.trim().length > 0);
  };
  const selector = 'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea';
  for (const control of document.querySelectorAll(selector)) {
    const name = control.name || control.id || control.outerHTML.slice(0, 60);
    if (!named(control)) problems.push(`"${name}" has no label`);
    if (big(control)) continue;
    const choice = control.type === 'radio' || control.type === 'checkbox';
    const label = control.id ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
    if (choice && drawn(label)) continue;
    if (control.type === 'file' && label && big(label)) continue;
    problems.push(`"${name}" (${control.type || control.tagName}) cannot be seen`);
  }
  return problems;
}
