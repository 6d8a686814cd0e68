package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.List;
import org.chaintrail.analytics.clustering.ClusterExplainer;
import org.chaintrail.analytics.clustering.ClusterExplanation;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;

/**
 * Why two addresses are one entity, as the CLI and the API ask it.
 *
 * @param chain chain id
 * @param a     one address
 * @param b     the other
 * @param paths chains of links to give at most
 */
public record ExplainQuery(String chain, String a, String b, int paths) {
    /** The most chains of links one answer gives. */
    public static final int MAX_PATHS = 10;

    /** @throws InvalidFieldException naming chain, a, b or paths when one is malformed */
    public ExplainView run(GraphStore store) {
        Chain c = check("chain", () -> Chain.of(chain));
        String first = check("a", () -> c.canonicalAddress(a));
        String second = check("b", () -> c.canonicalAddress(b));
        if (paths < 1 || paths > MAX_PATHS) {
            throw new InvalidFieldException("paths", "must be 1 to " + MAX_PATHS + ", was " + paths);
        }
        return ExplainView.of(new ClusterExplainer(store, c, paths).explain(first, second));
    }

    /**
     * The explanation JSON.
     *
     * @param entity the entity both belong to, or null
     * @param paths  chains of links from {@code a} to {@code b}, shortest first
     */
    public record ExplainView(String chain, String a, String b, String entity, String note, List<List<LinkView>> paths) {
        static ExplainView of(ClusterExplanation e) {
            return new ExplainView(e.chain().id(), e.a(), e.b(), e.entityId().orElse(null), e.note(),
                    e.paths().stream().map(p -> p.stream().map(l -> new LinkView(l.from(), l.to(), l.heuristic(),
                            l.txid().orElse(null), l.block().isPresent() ? l.block().getAsLong() : null, l.evidence()))
                            .toList()).toList());
        }
    }

    /** One link: {@code from} and {@code to} have one owner because of {@code heuristic}, shown by {@code txid}. */
    public record LinkView(String from, String to, String heuristic, String txid, Long block, String evidence) {
    }
}
