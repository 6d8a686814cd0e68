package org.chaintrail.ingest.bitcoin;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.chaintrail.ingest.bitcoin.RegtestChain.Payment;
import org.chaintrail.ingest.bitcoin.RegtestLock.BareMultisig;
import org.chaintrail.ingest.bitcoin.RegtestLock.OpReturn;
import org.chaintrail.ingest.bitcoin.RegtestLock.P2pk;
import org.chaintrail.ingest.bitcoin.RegtestLock.P2pkh;
import org.chaintrail.ingest.bitcoin.RegtestLock.P2shMultisig;
import org.chaintrail.ingest.bitcoin.RegtestLock.P2tr;
import org.chaintrail.ingest.bitcoin.RegtestLock.P2wpkh;
import org.chaintrail.ingest.bitcoin.RegtestLock.P2wshMultisig;

/**
 * Issue 5's multi-block spend scenario on regtest, blocks 0–109 (every amount in satoshi):
 * <ul>
 * <li>1–6: coinbases of 50 BTC to miner (bare key), alice (P2WPKH), bob (P2PKH), carol (P2WPKH),
 *     dave (P2PKH), erin (P2WPKH); 7–106: coinbases to filler (P2PKH), so that they mature.
 * <li>107: {@link #fanOut} spends alice's 50 into every output kind: P2SH 1-of-2 10, P2WSH 1-of-2 5,
 *     P2TR 7, bare 1-of-2 multisig 1, OP_RETURN 0, change to alice 26.9999 (fee 10,000).
 *     {@link #sameBlockSpend}, in the same block, spends its P2TR and change outputs: bob 30,
 *     alice 3.9998 (fee 10,000). {@link #payCarol}: bob's 50 to carol 20, change 29.99995 (fee 5,000).
 * <li>108: {@link #sixInputs} spends six outputs of six addresses (miner, carol, dave, the P2SH,
 *     the P2WSH, the bare multisig), 166 BTC, to frank (P2TR) 150 and dave 15.9997 (fee 30,000).
 * <li>109: {@link #consolidate}: bob's two outputs and carol's 20 to erin 79.9999 (fee 5,000).
 * </ul>
 * {@link #reorg()} builds the competing branch from block 108: a {@link #doubleSpend} of dave's
 * coinbase (which {@link #sixInputs} spent on the main branch) to erin, then two empty blocks, so
 * that it ends at 110, one block longer.
 */
final class RegtestScenario {
    static final int FIRST_SPEND = 107;
    static final int FORK_HEIGHT = 108;

    final ECKey miner = key(1);
    final ECKey alice = key(2);
    final ECKey bob = key(3);
    final ECKey carol = key(4);
    final ECKey dave = key(5);
    final ECKey erin = key(6);
    final ECKey frank = key(7);
    final ECKey filler = key(8);
    final List<ECKey> cosigners = List.of(key(9), key(10));

    final RegtestLock minerLock = new P2pk(miner);
    final RegtestLock aliceLock = new P2wpkh(alice);
    final RegtestLock bobLock = new P2pkh(bob);
    final RegtestLock carolLock = new P2wpkh(carol);
    final RegtestLock daveLock = new P2pkh(dave);
    final RegtestLock erinLock = new P2wpkh(erin);
    final RegtestLock frankLock = new P2tr(frank);
    final RegtestLock fillerLock = new P2pkh(filler);
    final RegtestLock p2sh = new P2shMultisig(cosigners);
    final RegtestLock p2wsh = new P2wshMultisig(cosigners);
    final RegtestLock bare = new BareMultisig(cosigners);
    final RegtestLock memo = new OpReturn("chaintrail: proceeds split".getBytes(StandardCharsets.US_ASCII));

    final RegtestChain main = RegtestChain.fromGenesis();
    final Transaction fanOut;
    final Transaction sameBlockSpend;
    final Transaction payCarol;
    final Transaction sixInputs;
    final Transaction consolidate;
    private Transaction doubleSpend;

    RegtestScenario() {
        for (RegtestLock owner : List.of(minerLock, aliceLock, bobLock, carolLock, daveLock, erinLock)) {
            main.mine(owner);
        }
        main.mineEmpty(FIRST_SPEND - 7, fillerLock);

        fanOut = main.spend(List.of(main.reward(2)), pay(p2sh, "10"), pay(p2wsh, "5"), pay(frankLock, "7"),
                pay(bare, "1"), pay(memo, "0"), pay(aliceLock, "26.9999"));
        sameBlockSpend = main.spend(List.of(main.output(fanOut, 2), main.output(fanOut, 5)), pay(bobLock, "30"),
                pay(aliceLock, "3.9998"));
        payCarol = main.spend(List.of(main.reward(3)), pay(carolLock, "20"), pay(bobLock, "29.99995"));
        main.mine(fillerLock, fanOut, sameBlockSpend, payCarol);

        sixInputs = main.spend(List.of(main.reward(1), main.reward(4), main.reward(5), main.output(fanOut, 0),
                main.output(fanOut, 1), main.output(fanOut, 3)), pay(frankLock, "150"), pay(daveLock, "15.9997"));
        main.mine(fillerLock, sixInputs);

        consolidate = main.spend(List.of(main.output(sameBlockSpend, 0), main.output(payCarol, 0),
                main.output(payCarol, 1)), pay(erinLock, "79.9999"));
        main.mine(fillerLock, consolidate);
    }

    /**
     * The competing branch: blocks 0–107 of {@link #main}, then 108–110 with {@link #doubleSpend}
     * in 108. Each call builds a new branch with the same blocks.
     */
    RegtestChain reorg() {
        RegtestChain branch = main.fork(FORK_HEIGHT, "reorg");
        doubleSpend = branch.spend(List.of(main.reward(5)), pay(erinLock, "49.9999"));
        branch.mine(fillerLock, doubleSpend);
        branch.mineEmpty(2, fillerLock);
        return branch;
    }

    /** Dave's coinbase to erin on the branch of the last {@link #reorg()} call. */
    Transaction doubleSpend() {
        if (doubleSpend == null) {
            throw new IllegalStateException("call reorg() first");
        }
        return doubleSpend;
    }

    private static Payment pay(RegtestLock lock, String btc) {
        return new Payment(lock, Coin.parseCoin(btc));
    }

    /** Fixed keys, so that every run builds the same blocks and hashes. */
    private static ECKey key(int n) {
        return ECKey.fromPrivate(BigInteger.valueOf(0xc0ffee00L + n));
    }
}
