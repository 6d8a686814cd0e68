package org.chaintrail.ingest.evm;

import java.util.List;
import java.util.Set;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Block;
import org.chaintrail.model.Transfer;

/**
 * One block as read from the node and decoded: ready to store once its place in the chain is
 * confirmed (its parent is the block stored before it).
 *
 * @param block          number, hash and time
 * @param parentHash     the parent's hash, canonical form: what links it to the stored chain
 * @param transfers      the value it moved, in chain order
 * @param approvals      the token approvals its successful transactions emitted, in chain order
 * @param tokens         the token contracts its transfers moved or its approvals name
 * @param failedTxs      transactions that reverted (status 0): they moved nothing
 */
record FetchedBlock(Block block, String parentHash, List<Transfer> transfers, List<Approval> approvals,
                    Set<String> tokens, int failedTxs) {
    FetchedBlock {
        transfers = List.copyOf(transfers);
        approvals = List.copyOf(approvals);
        tokens = Set.copyOf(tokens);
    }

    long number() {
        return block.number();
    }
}
