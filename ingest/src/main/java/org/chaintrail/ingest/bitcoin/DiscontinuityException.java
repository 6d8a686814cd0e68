package org.chaintrail.ingest.bitcoin;

import org.chaintrail.ingest.IngestException;

/** A block that does not follow the one stored before it: the source skipped, or its chain changed. */
public final class DiscontinuityException extends IngestException {
    public DiscontinuityException(String message) {
        super(message);
    }
}
