package org.chaintrail.analytics.watch;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Chain;

/**
 * What a check of one chain's watches found.
 *
 * @param chain          the chain
 * @param watches        how many watches were checked
 * @param checkedThrough the last block the check covered; empty when the chain has no blocks yet
 * @param raised         the alerts this check raised (not those raised before), in chain order
 * @param failures       watch id → why its check failed; the other watches were checked all the same
 */
public record WatchCheck(Chain chain, int watches, OptionalLong checkedThrough, List<Alert> raised,
                         Map<String, String> failures) {
    public WatchCheck {
        raised = List.copyOf(raised);
        failures = Map.copyOf(failures);
    }

    /** The check of a chain nobody watches. */
    static WatchCheck nothingWatched(Chain chain) {
        return new WatchCheck(chain, 0, OptionalLong.empty(), List.of(), Map.of());
    }

    /** One line for people: what was checked and raised. */
    public String describe() {
        return chain.id() + ": " + watches + (watches == 1 ? " watch" : " watches") + " checked"
                + (checkedThrough.isPresent() ? " through block " + checkedThrough.getAsLong() : "")
                + ", " + raised.size() + (raised.size() == 1 ? " new alert" : " new alerts")
                + (failures.isEmpty() ? "" : ", " + failures.size() + " failed");
    }
}
