package org.chaintrail.analytics.clustering;

/** Clustering cannot go on as asked; the message says why and what to do. */
public final class ClusteringException extends RuntimeException {
    public ClusteringException(String message) {
        super(message);
    }
}
