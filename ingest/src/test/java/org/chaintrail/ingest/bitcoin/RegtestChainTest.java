package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.crypto.SignatureDecodeException;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.params.RegTestParams;
import org.bitcoinj.script.Script;
import org.chaintrail.ingest.bitcoin.RegtestChain.Payment;
import org.chaintrail.ingest.bitcoin.RegtestChain.Utxo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: its blocks are what bitcoinj accepts, its spends are signed, its rules hold. */
class RegtestChainTest {
    private static RegtestScenario scenario;
    private static RegtestChain reorg;

    @BeforeAll
    static void build() {
        scenario = new RegtestScenario();
        reorg = scenario.reorg();
    }

    @Test
    void mine_everyBlockOfBothBranches_verifiedByBitcoinjWithWitnessCommitment() {
        for (RegtestChain chain : List.of(scenario.main, reorg)) {
            for (int h = 1; h <= chain.height(); h++) {
                Block block = chain.block(h);
                Block.verify(RegTestParams.get(), block, h, EnumSet.of(Block.VerifyFlag.HEIGHT_IN_COINBASE));
                Transaction coinbase = block.getTransactions().get(0);
                byte[] reserved = coinbase.getInput(0).getWitness().getPush(0);
                assertThat(coinbase.findWitnessCommitment()).as("block %d", h)
                        .isEqualTo(Sha256Hash.twiceOf(block.getWitnessRoot().serialize(), reserved));
                assertThat(block.getPrevBlockHash()).isEqualTo(chain.block(h - 1).getHash());
            }
        }
        assertThat(scenario.main.height()).isEqualTo(109);
        assertThat(reorg.height()).isEqualTo(110);
        assertThat(reorg.block(107)).isEqualTo(scenario.main.block(107));
        assertThat(reorg.block(108).getHash()).isNotEqualTo(scenario.main.block(108).getHash());
    }

    @Test
    void mine_coinbase_paysSubsidyPlusTheBlocksFees() {
        Transaction coinbase = scenario.main.block(107).getTransactions().get(0);

        // fanOut 10,000 + sameBlockSpend 10,000 + payCarol 5,000
        assertThat(coinbase.getOutput(0).getValue()).isEqualTo(Coin.FIFTY_COINS.add(Coin.valueOf(25_000)));
    }

    @Test
    void spend_keyAndMultisigInputs_signaturesVerifyWithBitcoinj() throws SignatureDecodeException {
        Transaction tx = scenario.sixInputs;
        int checked = 0;
        // P2PK, P2WPKH, P2PKH, P2SH multisig, P2WSH multisig, bare multisig, as bitcoinj checks them.
        for (int i = 0; i < tx.getInputs().size(); i++) {
            TransactionInput input = tx.getInput(i);
            Utxo spent = scenario.main.output(input.getOutpoint().hash(), input.getOutpoint().index());
            if (spent.lock() instanceof RegtestLock.P2wshMultisig wsh) {
                // bitcoinj 0.17 executes P2WPKH witnesses only (a P2WSH one would pass unchecked):
                // check the signature over the BIP143 hash by hand. Witness: empty, signature, script.
                Sha256Hash signed = tx.hashForWitnessSignature(i, wsh.witnessScript(), spent.value(),
                        Transaction.SigHash.ALL, false);
                TransactionSignature sig = TransactionSignature.decodeFromBitcoin(input.getWitness().getPush(1),
                        true, true);
                assertThat(wsh.keys().get(0).verify(signed, sig)).as("P2WSH input %d", i).isTrue();
                assertThat(input.getWitness().getPush(2)).isEqualTo(wsh.witnessScript().program());
                checked++;
                continue;
            }
            input.getScriptSig().correctlySpends(tx, i, input.getWitness(), spent.value(),
                    spent.lock().scriptPubKey(), Script.ALL_VERIFY_FLAGS);
            checked++;
        }
        assertThat(checked).isEqualTo(6);
    }

    @Test
    void mine_outputSpentTwiceOnOneBranch_refused() {
        RegtestChain branch = scenario.main.fork(RegtestScenario.FORK_HEIGHT, "again");
        Transaction again = branch.spend(List.of(scenario.main.reward(5)),
                new Payment(scenario.bobLock, Coin.FIFTY_COINS));
        branch.mine(scenario.fillerLock, again);

        assertThrows(IllegalArgumentException.class, () -> branch.mine(scenario.fillerLock, again));
    }

    @Test
    void mine_coinbaseSpentBeforeItMatures_refused() {
        RegtestChain young = scenario.main.fork(10, "young");
        Transaction early = young.spend(List.of(young.reward(9)), new Payment(scenario.bobLock, Coin.COIN));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> young.mine(scenario.fillerLock, early));
        assertThat(e).hasMessageContaining("immature until block 109");
    }
}
