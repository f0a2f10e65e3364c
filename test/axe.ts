import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * axe-core on the page as it stands (WCAG 2.2 AA rules): its serious and critical violations, each as
 * "name: rule (impact, n nodes)", and a full-page screenshot `name.png` in `screenshots`. axe is injected as a
 * script, so the page's context must bypass its CSP.
 */
export async function seriousViolations(page: Page, name: string, screenshots: string): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // A string, evaluated in the page: the test's own TypeScript knows no DOM.
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    .then((result) => result.violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.length })))`)) as {
    id: string;
    impact: string;
    nodes: number;
  }[];
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  return violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .map(({ id, impact, nodes }) => `${name}: ${id} (${impact}, ${nodes} nodes)`);
}
