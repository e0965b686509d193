/**
 * worker: the page's verification Worker. Verifying a B1 proof takes about a second or more of
 * CPU; running it here keeps the page responsive, and WebAssembly modules of any size may be
 * compiled synchronously in a Worker (the kernels in @vouch/core are compiled that way).
 *
 * The build (scripts/build.ts) bundles this file into a string that the page starts from a Blob
 * URL, so the page needs no second file and works when opened from disk (file://).
 */
import { checkFiles, runtimeInfo } from './check.ts';
import { checkMlpFile } from './check-mlp.ts';
import type { VerifyReply, VerifyRequest } from './protocol.ts';

/** The part of a Worker's global scope used here (the project's TS lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((ev: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(msg: VerifyReply): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const req = ev.data;
  const { id } = req;
  let reply: VerifyReply;
  try {
    const outcome =
      'mlpText' in req
        ? checkMlpFile(req.mlpText)
        : checkFiles(req.cardText, req.proof, req.requester !== undefined ? { requester: req.requester } : {});
    reply = { id, ok: true, outcome, runtime: runtimeInfo() };
  } catch (e) {
    reply = {
      id,
      ok: false,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      runtime: runtimeInfo(),
    };
  }
  scope.postMessage(reply);
};
