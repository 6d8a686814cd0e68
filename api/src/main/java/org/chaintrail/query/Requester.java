package org.chaintrail.query;

/**
 * Who asks for a case: an API key's name and whether it is an admin's. A case is visible to its
 * creator, its members and admins; to anyone else it does not exist.
 *
 * @param name  the key's name (the operator's at the command line)
 * @param admin whether the key is an admin's
 */
public record Requester(String name, boolean admin) {
    public Requester {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("who asks must be named, was '" + name + "'");
        }
    }
}
