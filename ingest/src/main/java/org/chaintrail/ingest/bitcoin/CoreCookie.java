package org.chaintrail.ingest.bitcoin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bitcoin Core's cookie authentication: without {@code rpcuser}/{@code rpcpassword}, Core writes
 * {@code __cookie__:<random hex>} to {@code .cookie} in its data directory at every start, and
 * accepts it as Basic auth. Reading it gives the URL the credentials {@link BitcoinCoreClient}
 * sends; the secret never appears in a message.
 */
public final class CoreCookie {
    private CoreCookie() {
    }

    /**
     * The node URL with the cookie's user and password in it.
     *
     * @param url    the node, without credentials
     * @param cookie the {@code .cookie} file
     * @throws IllegalArgumentException if the file cannot be read, is not {@code user:password},
     *                                  or the URL carries credentials already
     */
    public static URI apply(URI url, Path cookie) {
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("give the node's credentials once: the URL has a user and "
                    + "--rpc-cookie names " + cookie);
        }
        String text;
        try {
            text = Files.readString(cookie, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the cookie file " + cookie + ": " + e.getMessage()
                    + " (Core writes it to its data directory when it starts without rpcpassword)", e);
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.contains("\n")) {
            throw new IllegalArgumentException("the cookie file " + cookie
                    + " is not one line of user:password, as Bitcoin Core writes it");
        }
        String userInfo = encode(text.substring(0, colon)) + ":" + encode(text.substring(colon + 1));
        try {
            return new URI(url.getScheme() + "://" + userInfo + "@" + url.getRawAuthority()
                    + (url.getRawPath() == null ? "" : url.getRawPath()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("node URL is not valid with the cookie's credentials", e);
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
