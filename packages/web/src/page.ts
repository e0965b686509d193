/**
 * page: the browser verifier's user interface (index.html). The user picks or drops a model card
 * (JSON) and a proof file (.vproof), or a single on-chain MLP statement file (.vmlp.json, through
 * the card input or dropped alone); the page sends them to its verification Worker (worker.ts)
 * and shows the outcome (render.ts). Nothing leaves the browser: there is no network request.
 */
import type { VerifyReply, VerifyRequest } from './protocol.ts';
import { renderError, renderOutcome, renderRunning } from './render.ts';

/** The bundled worker.ts, inlined by scripts/build.ts. */
declare const __VOUCH_WORKER_SOURCE__: string;

/** Proof files start with these four bytes (docs/formats.md, "Proof file"). */
const PROOF_MAGIC = 'VPRF';

/** MLP statement files name their format near the start (docs/formats.md, "MLP statement file"). */
const MLP_FORMAT = /"format"\s*:\s*"vouch-mlp-statement"/;

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`page: expected an element #${id}, got none`);
  return e as T;
}

const cardInput = byId<HTMLInputElement>('card-file');
const proofInput = byId<HTMLInputElement>('proof-file');
const requesterInput = byId<HTMLInputElement>('requester');
const drop = byId<HTMLElement>('drop');
const panel = byId<HTMLElement>('result');

let card: File | undefined;
let proof: File | undefined;
let mlp: File | undefined;
let lastId = 0;
let worker: Worker | undefined;

function startWorker(): Worker {
  const url = URL.createObjectURL(new Blob([__VOUCH_WORKER_SOURCE__], { type: 'text/javascript' }));
  const w = new Worker(url);
  w.onmessage = (ev: MessageEvent<VerifyReply>) => {
    const r = ev.data;
    if (r.id !== lastId) return; // a newer request superseded this one
    if (r.ok) renderOutcome(panel, r.outcome, r.runtime);
    else renderError(panel, r.error);
  };
  w.onerror = (ev) => {
    renderError(panel, `the verification worker failed: ${ev.message}`);
    worker = undefined;
  };
  return w;
}

function showName(id: string, f: File | undefined): void {
  byId(id).textContent = f ? `${f.name} (${f.size.toLocaleString('en')} bytes)` : 'none';
}

async function isProofFile(f: File): Promise<boolean> {
  const head = new Uint8Array(await f.slice(0, PROOF_MAGIC.length).arrayBuffer());
  return String.fromCharCode(...head) === PROOF_MAGIC;
}

async function isMlpFile(f: File): Promise<boolean> {
  return f.name.endsWith('.vmlp.json') || MLP_FORMAT.test(await f.slice(0, 4096).text());
}

async function runMlp(f: File): Promise<void> {
  const id = ++lastId;
  renderRunning(panel, `the MLP statement ${f.name}`);
  const mlpText = await f.text();
  if (id !== lastId) return;
  const req: VerifyRequest = { id, mlpText };
  worker ??= startWorker();
  worker.postMessage(req);
}

async function run(): Promise<void> {
  if (mlp) return runMlp(mlp);
  if (!card || !proof) return;
  const id = ++lastId;
  renderRunning(panel, `${proof.name} against ${card.name}`);
  const [cardText, bytes] = await Promise.all([card.text(), proof.arrayBuffer()]);
  if (id !== lastId) return;
  const requester = requesterInput.value.trim();
  const req: VerifyRequest = { id, cardText, proof: new Uint8Array(bytes), ...(requester ? { requester } : {}) };
  worker ??= startWorker();
  worker.postMessage(req, [bytes]);
}

function setCard(f: File | undefined): void {
  card = f;
  mlp = undefined;
  showName('card-name', f);
}

/** An MLP statement is verified on its own: it takes the card's place. */
function setMlp(f: File): void {
  mlp = f;
  card = undefined;
  showName('card-name', f);
}

/** A file picked or dropped as the card: an MLP statement file, or a model card. */
async function setCardOrMlp(f: File | undefined): Promise<void> {
  if (f && (await isMlpFile(f))) setMlp(f);
  else setCard(f);
}

function setProof(f: File | undefined): void {
  proof = f;
  showName('proof-name', f);
}

cardInput.addEventListener('change', () => {
  void setCardOrMlp(cardInput.files?.[0]).then(run);
});
proofInput.addEventListener('change', () => {
  setProof(proofInput.files?.[0]);
  void run();
});
requesterInput.addEventListener('change', () => void run());

drop.addEventListener('dragover', (ev) => {
  ev.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (ev) => {
  ev.preventDefault();
  drop.classList.remove('over');
  const files = Array.from(ev.dataTransfer?.files ?? []);
  void (async () => {
    for (const f of files) {
      if (await isProofFile(f)) setProof(f);
      else await setCardOrMlp(f);
    }
    await run();
  })();
});
