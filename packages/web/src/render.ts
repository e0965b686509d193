/**
 * render: writes a verification outcome into the page's result panel. Every value is inserted as
 * text (never as HTML): a card or proof file is untrusted input.
 *
 * The panel's `data-status` attribute is `running`, `valid`, `invalid`, `unreadable` or `error`;
 * the full record is also shown as JSON (outcome.ts), which is what the browser test reads.
 */
import type { RuntimeInfo } from './check.ts';
import type { MlpFacts, Outcome } from './outcome.ts';

/** Shows the working state while a verification runs. */
export function renderRunning(panel: HTMLElement, what: string): void {
  panel.dataset.status = 'running';
  panel.replaceChildren(el('p', 'headline', `Verifying ${what}…`));
}

function el(tag: string, cls: string | undefined, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function rows(pairs: readonly (readonly [string, string])[]): HTMLElement {
  const dl = el('dl', undefined);
  for (const [k, v] of pairs) {
    dl.append(el('dt', undefined, k), el('dd', undefined, v));
  }
  return dl;
}

function ms(t: number): string {
  return `${t < 10 ? t.toFixed(2) : t.toFixed(0)} ms`;
}

function headline(o: Outcome): string {
  if ('mlp' in o)
    return o.status === 'valid'
      ? 'VALID on-chain MLP statement (verified off chain)'
      : 'REJECTED on-chain MLP statement';
  if (o.status === 'valid') return 'Valid proof';
  if (o.status === 'invalid') return 'Invalid proof: rejected';
  return 'Cannot read the input: nothing was verified';
}

/** The facts an MLP statement file states (the registry is not consulted here). */
function mlpRows(m: MlpFacts): [string, string][] {
  return [
    ['model id', `0x${m.modelId} (on-chain key; the contract also requires it registered and active)`],
    ['party', `0x${m.party}`],
    ['output', `[${m.output.join(', ')}]`],
    ['statement hash', `0x${m.statementHash}`],
  ];
}

function details(o: Outcome): (readonly [string, string])[] {
  if (o.status === 'valid' && 'mlp' in o) return [...mlpRows(o.mlp), ['verify time', ms(o.verifyMs)]];
  if (o.status === 'valid') {
    const batch = o.outputs.length;
    return [
      ['model id', `0x${o.modelId}`],
      [batch === 1 ? 'prediction' : 'predictions', o.predictions.join(', ')],
      [batch === 1 ? 'outputs' : `outputs (${batch} samples)`, o.outputs.map((y) => `[${y.join(', ')}]`).join('\n')],
      ['statement hash', `0x${o.statementHash}`],
      ['requester', `0x${o.requester}`],
      ['nonce', `0x${o.nonce}`],
      ['verify time', ms(o.verifyMs)],
    ];
  }
  const out: [string, string][] = [['check', o.check]];
  if (o.status === 'invalid' && o.location !== undefined) out.push(['where', o.location]);
  out.push(['reason', o.message]);
  if (o.status === 'invalid' && o.mlp) out.push(...mlpRows(o.mlp));
  if (o.status === 'invalid') out.push(['verify time', ms(o.verifyMs)]);
  return out;
}

function runtimeLine(r: RuntimeInfo): string {
  return `Verified in a Web Worker · SHA-256: ${r.sha256 === 'noble' ? '@noble/hashes' : 'node:crypto'} · WASM kernels: ${r.wasm ? 'loaded' : 'unavailable (TypeScript paths)'}`;
}

/** Shows an outcome, the runtime paths that produced it, and its JSON record. */
export function renderOutcome(panel: HTMLElement, o: Outcome, runtime: RuntimeInfo): void {
  panel.dataset.status = o.status;
  panel.dataset.wasm = String(runtime.wasm);
  panel.dataset.sha256 = runtime.sha256;
  const json = el('details', undefined);
  const pre = el('pre', 'json', JSON.stringify(o, null, 2));
  pre.id = 'result-json';
  json.append(el('summary', undefined, 'Result as JSON'), pre);
  panel.replaceChildren(
    el('p', 'headline', headline(o)),
    rows(details(o)),
    el('p', 'runtime', runtimeLine(runtime)),
    json,
  );
}

/** Shows an internal error (the verifier threw: a bug to report, not a verdict on the proof). */
export function renderError(panel: HTMLElement, message: string): void {
  panel.dataset.status = 'error';
  panel.replaceChildren(el('p', 'headline', 'Internal error (please report it)'), el('pre', 'json', message));
}
