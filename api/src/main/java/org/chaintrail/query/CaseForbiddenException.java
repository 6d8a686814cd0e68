package org.chaintrail.query;

/** The caller may see the case but not do this to it (only its creator or an admin adds members). */
public final class CaseForbiddenException extends RuntimeException {
    public CaseForbiddenException(String message) {
        super(message);
    }
}
