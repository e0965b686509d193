/**
 * `vouch register <model.card.json | statement.vmlp.json>`: registers the card's model id (or the
 * on-chain key id of an MLP statement file) in the ModelRegistry of the deployment, with the
 * file's content hash (or a given URI) as metadata URI; `--previous` registers it as the next
 * version of an earlier model, which it supersedes.
 */
import { modelIdFromCard } from '@vouch/zkml';
import { cardMetadataURI, decodeMlpStatementFile, readModel, registerModel } from '@vouch/sdk/chain';
import { isMlpStatementFile } from './verify-mlp.ts';
import { parseArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import { readUserFile } from '../files.ts';
import { readCard } from '../model-files.ts';
import { CONNECT_FLAGS, CONNECT_HELP, connectFrom, deploymentFrom, toJson } from './chain-context.ts';
import type { Command } from './types.ts';

const HELP = `vouch register — register a model card's id on chain

Usage:
  vouch register <model.card.json | statement.vmlp.json> [--uri URI] [--previous MODEL_ID]
                 [connection options]

Arguments:
  <model.card.json>    the public model card (from \`vouch commit\`); its model id is recomputed
                       from the card before anything is sent
  <statement.vmlp.json>  an on-chain MLP statement (from \`vouch chain prove-mlp\`): registers its
                       key's id (SHA-256 of the key, recomputed), what MlpStatementVerifier requires
                       to be active; default metadata URI sha256:<hex> of the key
Options:
  --uri URI            metadata URI (default sha256:<hex> of the card file: pins it by content)
  --previous MODEL_ID  register as the next version of this model (you must own it); it becomes
                       superseded
Connection options:
${CONNECT_HELP}
Exit status: 0 registered; 1 refused on chain (e.g. AlreadyRegistered, NotOwner) or the node
failed; 2 bad usage or a malformed card.
`;

/** The `register` command. */
export const registerCommand: Command = {
  name: 'register',
  summary: 'register a model card’s id in the on-chain model registry',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('register', argv, { value: [...CONNECT_FLAGS, 'uri', 'previous'], bool: ['json'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length !== 1)
      throw new UsageError(
        'register',
        `expected one model card, got ${a.positional.length} arguments (see \`vouch register --help\`)`,
      );
    const path = a.positional[0];
    const bytes = readUserFile(io, path);
    const mlp = mlpStatementOf(bytes, path);
    const modelId = mlp ? mlp.modelId.slice(2) : modelIdFromCard(readCard(io, path)).modelId;
    const uri = a.values.get('uri') ?? cardMetadataURI(mlp ? mlp.vk : bytes);
    if (uri.length === 0) throw new UsageError('register', '--uri: expected a non-empty URI');
    const previous = a.values.get('previous');
    const { c, file, chainFile } = await connectFrom('register', a, io);
    const d = await deploymentFrom('register', c, file, chainFile);
    const tx = await registerModel(c, d, { modelId, metadataURI: uri, ...(previous ? { previous } : {}) });
    const m = await readModel(c, d, modelId);
    if (a.flags.has('json'))
      io.out(
        `${toJson({ modelId: `0x${modelId}`, owner: m.owner, version: m.version, metadataURI: m.metadataURI, previous: m.previous, txHash: tx.txHash, gasUsed: tx.gasUsed })}\n`,
      );
    else
      io.out(
        `registered model 0x${modelId}\n  owner     ${m.owner}\n  version   ${m.version}${previous ? ` (supersedes ${m.previous})` : ''}\n  metadata  ${m.metadataURI}\n  registry  ${d.registry}\n  tx        ${tx.txHash} (${tx.gasUsed} gas)\n`,
      );
    return 0;
  },
};

/** The MLP statement in `bytes`, when the file is one (format tag); undefined for anything else. */
function mlpStatementOf(bytes: Uint8Array, path: string) {
  return isMlpStatementFile(bytes) ? decodeMlpStatementFile(new TextDecoder().decode(bytes), path) : undefined;
}
