package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.net.URI;
import java.time.Instant;
import org.chaintrail.model.Webhook;

/**
 * The webhook as an admin gives it ({@code PUT /api/v1/webhook}, {@code chaintrail watch webhook}).
 *
 * @param url    where alerts are POSTed: http or https
 * @param secret the key of their HMAC signature, or null to have one made
 */
public record WebhookQuery(String url, String secret) {

    /**
     * @throws InvalidFieldException naming {@code url} or {@code secret}
     */
    public Webhook toWebhook(String setBy, Instant setAt) {
        if (url == null || url.isBlank()) {
            throw new InvalidFieldException("url", "is required");
        }
        URI uri = check("url", () -> URI.create(url.trim()));
        if (secret != null && secret.length() < Webhook.MIN_SECRET) {
            throw new InvalidFieldException("secret", "must be at least " + Webhook.MIN_SECRET
                    + " characters, was " + secret.length());
        }
        String key = secret != null ? secret : Webhook.randomSecret();
        return check("url", () -> new Webhook(uri, key, setBy, setAt));
    }

    /**
     * What setting the webhook answers. The secret is shown once, and only when it was made here.
     *
     * @param url             the webhook
     * @param setBy           who set it
     * @param setAt           when, ISO-8601 UTC
     * @param generatedSecret the secret made for it, or null when it was given
     */
    public record View(String url, String setBy, String setAt, String generatedSecret) {
        public static View of(Webhook w, boolean generated) {
            return new View(w.url().toString(), w.setBy(), w.setAt().toString(), generated ? w.secret() : null);
        }
    }
}
