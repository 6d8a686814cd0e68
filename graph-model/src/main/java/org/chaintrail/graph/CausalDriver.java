package org.chaintrail.graph;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.BaseSession;
import org.neo4j.driver.Bookmark;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.BookmarkManagerConfig;
import org.neo4j.driver.BookmarkManagers;
import org.neo4j.driver.Driver;
import org.neo4j.driver.ExecutableQuery;
import org.neo4j.driver.Metrics;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.types.TypeSystem;

/**
 * The process's driver, with one bookmark manager shared by every session it opens: each session
 * starts after everything the process committed before, so a read sees the process's own writes
 * even when a cluster routes it to a secondary (a case just created, the UTXO outputs of the batch
 * before). On a single server this costs nothing but the bookmark sent along.
 */
final class CausalDriver implements Driver {
    private final Driver driver;
    private final BookmarkManager bookmarks = BookmarkManagers.defaultManager(BookmarkManagerConfig.builder().build());
    private final SessionConfig causal = SessionConfig.builder().withBookmarkManager(bookmarks).build();

    CausalDriver(Driver driver) {
        this.driver = driver;
    }

    /** Where the last sessions left off: what the next session waits for before it reads. */
    Set<Bookmark> bookmarks() {
        return bookmarks.getBookmarks();
    }

    /** Every {@code session(...)} variant ends here; a session configured otherwise keeps its own configuration. */
    @Override
    public <T extends BaseSession> T session(Class<T> sessionClass, SessionConfig config, AuthToken auth) {
        return driver.session(sessionClass, SessionConfig.defaultConfig().equals(config) ? causal : config, auth);
    }

    @Override
    public ExecutableQuery executableQuery(String query) {
        return driver.executableQuery(query);
    }

    @Override
    public BookmarkManager executableQueryBookmarkManager() {
        return driver.executableQueryBookmarkManager();
    }

    @Override
    public boolean isEncrypted() {
        return driver.isEncrypted();
    }

    @Override
    public void close() {
        driver.close();
    }

    @Override
    public CompletionStage<Void> closeAsync() {
        return driver.closeAsync();
    }

    @Override
    public Metrics metrics() {
        return driver.metrics();
    }

    @Override
    public boolean isMetricsEnabled() {
        return driver.isMetricsEnabled();
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSystem defaultTypeSystem() {
        return driver.defaultTypeSystem();
    }

    @Override
    public void verifyConnectivity() {
        driver.verifyConnectivity();
    }

    @Override
    public CompletionStage<Void> verifyConnectivityAsync() {
        return driver.verifyConnectivityAsync();
    }

    @Override
    public boolean verifyAuthentication(AuthToken authToken) {
        return driver.verifyAuthentication(authToken);
    }

    @Override
    public boolean supportsSessionAuth() {
        return driver.supportsSessionAuth();
    }

    @Override
    public boolean supportsMultiDb() {
        return driver.supportsMultiDb();
    }

    @Override
    public CompletionStage<Boolean> supportsMultiDbAsync() {
        return driver.supportsMultiDbAsync();
    }
}
