package org.chaintrail.watch;

import java.util.Optional;
import org.chaintrail.analytics.watch.WatchCheck;
import org.chaintrail.analytics.watch.WatchChecker;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Chain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an ingest does after a commit that advanced a chain: when anyone watches the chain, check
 * the watches and deliver the alerts not delivered yet. Costs one indexed read when nobody watches
 * the chain. Never fails the ingest: a failure is logged and the ingest goes on.
 */
public final class WatchHook {
    private static final Logger LOG = LoggerFactory.getLogger(WatchHook.class);

    private final WatchChecker checker;
    private final WebhookDispatcher dispatcher;

    public WatchHook(WatchChecker checker, WebhookDispatcher dispatcher) {
        this.checker = checker;
        this.dispatcher = dispatcher;
    }

    public WatchHook(GraphStore store) {
        this(new WatchChecker(store), new WebhookDispatcher(store.watches()));
    }

    /**
     * What a check after a commit did.
     *
     * @param check    the check
     * @param dispatch the delivery of pending alerts that followed it
     */
    public record Outcome(WatchCheck check, WebhookDispatcher.Dispatch dispatch) {
        /** One line for people. */
        public String describe() {
            return "watchlist: " + check.describe() + "; " + dispatch.describe();
        }
    }

    /**
     * Checks the chain's watches and dispatches.
     *
     * @return what it did, or empty when nobody watches the chain or the check failed (logged)
     */
    public Optional<Outcome> afterCommit(Chain chain) {
        try {
            WatchCheck check = checker.check(chain);
            if (check.watches() == 0) {
                return Optional.empty();
            }
            for (Alert a : check.raised()) { // at warn: an operator sees alerts whatever the log level
                LOG.warn("alert {}: {} {} from watched {} reached {} ({}) in {} at block {}", a.id(), a.amount(),
                        a.asset(), a.watched(), a.terminal(), a.entity().map(e -> e.name()).orElse("no entity"),
                        a.txHash(), a.blockNumber());
            }
            return Optional.of(new Outcome(check, dispatcher.dispatchPending()));
        } catch (RuntimeException e) {
            LOG.error("the watchlist check of {} failed; the ingest goes on", chain.id(), e);
            return Optional.empty();
        }
    }
}
