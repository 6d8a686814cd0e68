package org.chaintrail.query;

import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * What running a saved trace again found. The saved query runs twice: on the blocks of its data
 * snapshot only (as of the snapshot's last block of its chain) and on everything stored today.
 * A difference already on the snapshot's blocks means the stored history or its attribution changed
 * (labels added or retracted, entities rebuilt, a reorganisation rewrote blocks); a difference only
 * today comes from blocks stored since. Every list is sorted.
 *
 * @param caseId        the case
 * @param traceId       the saved trace
 * @param intact        whether the saved result still has the SHA-256 recorded when it was saved;
 *                      if not, it was altered in the database and the comparison is with the altered copy
 * @param rerunBy       who ran it again
 * @param rerunAt       when
 * @param verdict       {@value #UNCHANGED} or {@value #CHANGED}
 * @param causes        {@value #HISTORY} and/or {@value #NEW_BLOCKS}; empty when unchanged
 * @param chain         the chain traced
 * @param snapshotBlock the chain's last block when the trace was saved, or null if it had none
 * @param currentBlock  the chain's last block now, or null if it has none
 * @param atSnapshot    from the saved result to the same query on the snapshot's blocks today
 * @param today         from the saved result to the same query on every block today
 * @param history       why the snapshot's blocks give other figures; null unless a cause is {@value #HISTORY}
 * @param newBlocks     the blocks stored since and the flows they add; null unless a cause is {@value #NEW_BLOCKS}
 * @param reasons       the same, in sentences
 */
public record RerunReport(String caseId, String traceId, boolean intact, String rerunBy, String rerunAt, String verdict,
                          List<String> causes, String chain, Long snapshotBlock, Long currentBlock,
                          TraceDiff atSnapshot, TraceDiff today, History history, NewBlocks newBlocks,
                          List<String> reasons) {
    public static final String UNCHANGED = "unchanged";
    public static final String CHANGED = "changed";
    public static final String HISTORY = "history";
    public static final String NEW_BLOCKS = "new-blocks";

    public RerunReport {
        causes = List.copyOf(causes);
        reasons = List.copyOf(reasons);
    }

    /**
     * @param attribution     the trace's addresses whose attribution differs from when it was saved, by address
     * @param rewrittenBlocks the blocks it rests on whose hash differs or that are gone, by number
     */
    public record History(List<AttributionChange> attribution, List<RewrittenBlock> rewrittenBlocks) {
        public History {
            attribution = List.copyOf(attribution);
            rewrittenBlocks = List.copyOf(rewrittenBlocks);
        }
    }

    /**
     * @param address     the address
     * @param was         its attribution when the trace was saved, or null for none
     * @param now         its attribution now, or null for none
     * @param labelEvents label attachments added or retracted on it since, in time order
     */
    public record AttributionChange(String address, AttributionView was, AttributionView now,
                                    List<LabelEvent> labelEvents) {
        public AttributionChange {
            labelEvents = List.copyOf(labelEvents);
        }
    }

    /**
     * @param at     when
     * @param by     who
     * @param action {@code added} or {@code retracted}
     * @param label  the label's text
     * @param source its source
     * @param reason why it was retracted, or null
     */
    public record LabelEvent(String at, String by, String action, String label, String source, String reason) {
    }

    /**
     * @param number the block
     * @param was    its hash when the trace was saved
     * @param now    its hash now, or null when it is no longer stored
     */
    public record RewrittenBlock(long number, String was, String now) {
    }

    /**
     * @param from  the first block stored after the snapshot
     * @param to    the last block stored now
     * @param flows today's flows in those blocks, in chain order
     */
    public record NewBlocks(long from, long to, List<TraceResult.Flow> flows) {
        public NewBlocks {
            flows = List.copyOf(flows);
        }
    }
}
