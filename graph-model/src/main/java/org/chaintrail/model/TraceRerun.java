package org.chaintrail.model;

import java.util.List;
import java.util.Objects;

/**
 * That a saved trace was run again, and what came of it. The saved trace itself is never changed.
 *
 * @param by      who ran it, and when
 * @param verdict {@code unchanged} or {@code changed}
 * @param causes  why it changed: {@code history} (the same blocks give other figures: attribution,
 *                a reorganisation), {@code new-blocks} (blocks stored since); empty when unchanged
 */
public record TraceRerun(Authored by, String verdict, List<String> causes) {
    public TraceRerun {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(verdict, "verdict");
        causes = List.copyOf(causes);
    }
}
