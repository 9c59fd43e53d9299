/* global document, window, requestAnimationFrame, MutationObserver -- these functions run in the page */
// What the user sees, timed inside the page rather than by Playwright's polling (its waits check
// again after 20, 50, 100, 100 then every 500 ms, so a time read from them is rounded up to the
// next check: ~70, ~170, ~270, ~770 ms). `armPaintTimer` is evaluated in the page before the
// action: it keeps the action's own event time (`event.timeStamp`: the click, the select's
// change) and the time of the first frame painted once the expected content is in the page
// (a MutationObserver, then the frame's requestAnimationFrame and a task after it, which runs once
// the frame is painted), with the API calls made in between (Resource Timing), all on the page's
// clock. `paintTimes` waits for it.

/**
 * In the page: arms the timer. `expect`: `{ firstRowChangedFrom }` (the list's first row no longer
 * reads this) or `{ totalMatches }` (the list's total reads like this regular expression).
 */
export function armPaintTimer({ startEvent, expect }) {
  performance.clearResourceTimings();
  const shown = () => {
    const row = document.querySelector('table.list tbody tr');
    if (expect.firstRowChangedFrom !== undefined) return !!row && row.textContent !== expect.firstRowChangedFrom;
    const total = document.querySelector('[data-testid="list-total"]');
    return !!row && !!total && new RegExp(expect.totalMatches).test(total.textContent ?? '');
  };
  let startedAt = null;
  document.addEventListener(startEvent, (event) => (startedAt = event.timeStamp), { capture: true, once: true });
  const afterPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  window.__itsmPaintTimer = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      const shownAt = performance.now();
      observer.disconnect();
      void afterPaint().then((paintedAt) => resolve({ startedAt, shownAt, paintedAt }));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }).then(({ startedAt: started, shownAt, paintedAt }) => ({
    totalMs: paintedAt - started,
    // from the page's rendering of the answer to the frame that shows it
    paintMs: paintedAt - shownAt,
    calls: performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/api/') && entry.startTime >= started)
      .map((entry) => ({
        path: new URL(entry.name).pathname,
        startMs: entry.startTime - started,
        endMs: entry.responseEnd - started,
      })),
  }));
}

/** In the page: the armed timer's figures, once painted. */
export function paintTimes() {
  return window.__itsmPaintTimer;
}
