/**
 * `vouch deploy`: deploys the ModelRegistry, the StatementRecord and the LigeroStatementVerifier
 * (authorised to write the record) and saves their addresses in the chain file, where the other
 * chain commands find them.
 */
import { deployVouch } from '@vouch/sdk/chain';
import { parseArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import { CONNECT_FLAGS, CONNECT_HELP, connectFrom, toJson, writeChainFile } from './chain-context.ts';
import type { Command } from './types.ts';

const HELP = `vouch deploy — deploy the Vouch contracts and save their addresses

Usage:
  vouch deploy [connection options]

Deploys ModelRegistry, StatementRecord (the sending account is its admin) and
LigeroStatementVerifier, authorises the verifier to write records, and writes the addresses to
the chain file. Start a local chain first with \`vouch chain start\`.

Connection options:
${CONNECT_HELP}
Exit status: 0 deployed; 1 the node failed or refused; 2 bad usage.
`;

/** The `deploy` command. */
export const deployCommand: Command = {
  name: 'deploy',
  summary: 'deploy the model registry, statement record and Ligero verifier; save their addresses',
  help: HELP,
  async run(argv, io) {
    const a = parseArgs('deploy', argv, { value: [...CONNECT_FLAGS], bool: ['json'] });
    if (a.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (a.positional.length) throw new UsageError('deploy', `unexpected argument ${JSON.stringify(a.positional[0])}`);
    const { c, file, chainFile, rpcUrl } = await connectFrom('deploy', a, io);
    const { deployment, gas } = await deployVouch(c);
    writeChainFile(io, chainFile, { ...file, rpcUrl, chainId: deployment.chainId, deployment });
    if (a.flags.has('json')) io.out(`${toJson({ rpcUrl, deployment, gas })}\n`);
    else
      io.out(
        `deployed on ${rpcUrl} (chain id ${deployment.chainId}) from ${c.account.address}\n  ModelRegistry            ${deployment.registry} (${gas.registry} gas)\n  StatementRecord          ${deployment.record} (${gas.record} gas)\n  LigeroStatementVerifier  ${deployment.ligeroVerifier} (${gas.ligeroVerifier} gas)\n  MlpStatementVerifier     ${deployment.mlpVerifier} (${gas.mlpVerifier} gas; both authorised: ${gas.authorise} gas)\n  saved to ${chainFile}\n`,
      );
    return 0;
  },
};
