import axe from 'axe-core';

/**
 * Serious and critical axe-core violations in a rendered page, as readable lines.
 * jsdom lays nothing out, so axe cannot judge colour contrast here; the browser tests can.
 */
export async function seriousViolations(root: Element = document.body): Promise<string[]> {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
