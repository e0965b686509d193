/**
 * The model input of each generation step (docs/parts/inference-transformer.md, "Decoding"). The
 * graph maps T token ids to logits [T, V] with causal attention. Step i sees the sequence
 * s_i = prompt ‖ tok_0 … tok_{i−1} (length n_i = P + i, 1 ≤ P ≤ T):
 *   n_i ≤ T: input = s_i ‖ 0^(T − n_i) (token 0 pads), logits row read at position n_i − 1;
 *   n_i > T: input = the last T tokens of s_i, row read at position T − 1.
 * Everything here is public: the verifier rebuilds every step's input from the statement.
 */

/** One step's model input and the position whose logits are sampled. */
export interface StepContext {
  readonly input: Int32Array;
  readonly position: number;
}

/**
 * The input of step i for the sequence so far.
 * @param seq prompt ‖ tokens generated before this step (length ≥ 1)
 * @param context T, the graph's input length
 * @throws RangeError on an empty sequence or a context < 1.
 */
export function stepContext(seq: ArrayLike<number>, context: number): StepContext {
  if (seq.length < 1) throw new RangeError('stepContext: expected a non-empty sequence');
  if (!Number.isInteger(context) || context < 1) throw new RangeError(`stepContext: expected a context ≥ 1, got ${context}`);
  const input = new Int32Array(context);
  if (seq.length <= context) {
    for (let i = 0; i < seq.length; i++) input[i] = seq[i];
    return { input, position: seq.length - 1 };
  }
  const off = seq.length - context;
  for (let i = 0; i < context; i++) input[i] = seq[off + i];
  return { input, position: context - 1 };
}

/** Every step's context for a prompt and the generated tokens (k tokens → k steps). */
export function generationContexts(prompt: ArrayLike<number>, tokens: ArrayLike<number>, context: number): StepContext[] {
  const seq = [...Array.from(prompt), ...Array.from(tokens)];
  return Array.from({ length: tokens.length }, (_, i) => stepContext(seq.slice(0, prompt.length + i), context));
}
