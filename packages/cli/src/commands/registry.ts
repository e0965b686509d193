/**
 * `vouch registry <show|deprecate>`: read a model's registry entry with its history, or deprecate
 * a model you own.
 */
import { readModel, deprecateModel, toModelId } from '@vouch/sdk/chain';
import { modelIdFromCard } from '@vouch/zkml';
import { parseArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { readCard } from '../model-files.ts';
import { CONNECT_FLAGS, CONNECT_HELP, connectFrom, deploymentFrom, toJson } from './chain-context.ts';
import type { Command } from './types.ts';

const HELP = `vouch registry — read or deprecate an on-chain model entry

Usage:
  vouch registry show <MODEL_ID | model.card.json> [connection options]
  vouch registry deprecate <MODEL_ID | model.card.json> --reason TEXT [connection options]

show        owner, version, metadata URI, state (active / superseded / deprecated) and every
            registry event about the model
deprecate   marks the model deprecated (irreversible; only its owner can)

Connection options:
${CONNECT_HELP}
Exit status: 0 ok; 1 unknown model, refused on chain (e.g. NotOwner) or the node failed; 2 bad usage.
`;

function idOf(io: Io, arg: string): string {
  if (arg.endsWith('.json')) return modelIdFromCard(readCard(io, arg)).modelId;
  try {
    return toModelId(arg);
  } catch (e) {
    throw new UsageError('registry', (e as Error).message);
  }
}

/** The `registry` command. */
export const registryCommand: Command = {
  name: 'registry',
  summary: 'show a model’s on-chain registry entry and history, or deprecate it',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.out(HELP);
      return sub === undefined ? 2 : 0;
    }
    if (sub !== 'show' && sub !== 'deprecate')
      throw new UsageError('registry', `unknown subcommand ${JSON.stringify(sub)}; expected show or deprecate`);
    const a = parseArgs('registry', rest, {
      value: [...CONNECT_FLAGS, ...(sub === 'deprecate' ? ['reason'] : [])],
      bool: ['json'],
    });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length !== 1)
      throw new UsageError('registry', `${sub} expects one model id or card, got ${a.positional.length} arguments`);
    const id = idOf(io, a.positional[0]);
    const reason = a.values.get('reason');
    if (sub === 'deprecate' && !reason) throw new UsageError('registry', 'deprecate needs --reason TEXT');
    const { c, file, chainFile } = await connectFrom('registry', a, io);
    const d = await deploymentFrom('registry', c, file, chainFile);
    if (sub === 'deprecate') {
      const tx = await deprecateModel(c, d, id, reason!);
      if (a.flags.has('json')) io.out(`${toJson({ deprecated: true, txHash: tx.txHash, gasUsed: tx.gasUsed })}\n`);
      else io.out(`deprecated model ${toModelId(id)} (tx ${tx.txHash}, ${tx.gasUsed} gas)\n`);
      return 0;
    }
    const m = await readModel(c, d, id);
    if (a.flags.has('json')) {
      io.out(`${toJson(m)}\n`);
      return 0;
    }
    const zero = `0x${'0'.repeat(64)}`;
    const state = m.deprecated ? 'deprecated' : m.supersededBy !== zero ? `superseded by ${m.supersededBy}` : 'active';
    io.out(
      `model ${m.modelId}\n  owner       ${m.owner}\n  version     ${m.version}${m.previous !== zero ? ` (previous ${m.previous})` : ''}\n  state       ${state}\n  metadata    ${m.metadataURI}\n  registered  ${new Date(Number(m.registeredAt) * 1000).toISOString()}\n  history\n`,
    );
    for (const e of m.history)
      io.out(
        `    block ${e.blockNumber}  ${e.eventName}${e.eventName === 'ModelDeprecated' ? `: ${String(e.args.reason)}` : ''}\n`,
      );
    return 0;
  },
};
