package org.chaintrail.watch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chaintrail.graph.WatchStore;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Webhook;
import org.chaintrail.query.AlertView;
import org.chaintrail.query.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the alerts the webhook has not accepted yet, oldest first, as JSON
 * ({@code {"event":"alert","alert":{…}}}) signed with the webhook's secret:
 * {@code X-Chaintrail-Signature: sha256=<hex HMAC-SHA256 of the body>}, so the receiver can tell the
 * alert is ours and unchanged. {@code X-Chaintrail-Alert} carries the alert's id, which stays the
 * same on every retry: the receiver drops what it has seen.
 *
 * <p>A 2xx answer delivers the alert. A connection failure, a timeout, 408, 429 or 5xx is retried
 * with exponential backoff ({@link #RETRIES}: 5 attempts, pauses of at most 0.5, 1, 2 and 4 s, each
 * attempt at most {@link #REQUEST_TIMEOUT}); any other answer is final. Every attempt, the last
 * error and the delivery time are recorded on the alert. When an alert fails, the dispatch stops and
 * the rest wait for the next one (the next check of an ingest, or {@code chaintrail watch dispatch}):
 * a receiver that is down does not hold an ingest for every alert in turn, so a dispatch takes at
 * most one alert's retries beyond the deliveries that succeed.
 */
public final class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Attempts and pauses per alert and dispatch. */
    public static final Backoff RETRIES = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), 5, 1);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final String SIGNATURE_HEADER = "X-Chaintrail-Signature";
    public static final String ALERT_HEADER = "X-Chaintrail-Alert";

    private final WatchStore store;
    private final Backoff retries;
    private final Clock clock;
    private final HttpClient http;

    /**
     * @param store   where alerts and the webhook are kept
     * @param retries attempts and pauses per alert
     * @param clock   when deliveries are recorded
     */
    public WebhookDispatcher(WatchStore store, Backoff retries, Clock clock) {
        this.store = store;
        this.retries = retries;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public WebhookDispatcher(WatchStore store) {
        this(store, RETRIES, Clock.systemUTC());
    }

    /**
     * What a dispatch did.
     *
     * @param webhookSet whether a webhook is set (without one nothing is sent)
     * @param delivered  alerts the webhook accepted
     * @param failed     alerts that exhausted their attempts (0 or 1: the dispatch stops there)
     * @param waiting    alerts not tried, left for the next dispatch
     * @param lastError  what the failed alert got, if one failed
     */
    public record Dispatch(boolean webhookSet, int delivered, int failed, int waiting, Optional<String> lastError) {
        /** One line for people. */
        public String describe() {
            if (!webhookSet) {
                return "no webhook set" + (waiting > 0 ? ": " + waiting + " alerts wait for one" : "");
            }
            return "webhook: " + delivered + " delivered" + (failed > 0 ? ", " + failed + " failed ("
                    + lastError.orElse("") + ")" : "") + (waiting > 0 ? ", " + waiting + " waiting" : "");
        }
    }

    /** Delivers the alerts the webhook has not accepted yet, until one fails. */
    public Dispatch dispatchPending() {
        List<Alert> pending = store.undelivered();
        Optional<Webhook> webhook = store.webhook();
        if (webhook.isEmpty()) {
            return new Dispatch(false, 0, 0, pending.size(), Optional.empty());
        }
        int delivered = 0;
        for (int i = 0; i < pending.size(); i++) {
            Alert alert = pending.get(i);
            Alert.Delivery d = deliver(webhook.get(), alert);
            store.recordDelivery(alert.id(), d);
            if (!d.delivered()) {
                LOG.warn("alert {} was not delivered to {} after {} attempts: {}", alert.id(), webhook.get().url(),
                        d.attempts(), d.lastError().orElse(""));
                return new Dispatch(true, delivered, 1, pending.size() - i - 1, d.lastError());
            }
            delivered++;
        }
        return new Dispatch(true, delivered, 0, 0, Optional.empty());
    }

    /** The attempts of one dispatch, added to those the alert had. */
    private Alert.Delivery deliver(Webhook webhook, Alert alert) {
        byte[] body = Json.write(new Body("alert", AlertView.of(alert))).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "sha256=" + sign(webhook.secret(), body))
                .header(ALERT_HEADER, alert.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int attempts = alert.delivery().attempts();
        Optional<String> lastError = alert.delivery().lastError();
        for (int attempt = 1; attempt <= retries.attempts(); attempt++) {
            try {
                if (attempt > 1) {
                    retries.pause(attempt - 1);
                }
                attempts++;
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return new Alert.Delivery(attempts, Optional.of(clock.instant()), lastError);
                }
                lastError = Optional.of("HTTP " + status);
                if (!(status == 408 || status == 429 || status / 100 == 5)) {
                    break; // the receiver refuses it; asking again gets the same answer
                }
            } catch (IOException e) {
                lastError = Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastError = Optional.of("interrupted");
                break;
            }
        }
        return new Alert.Delivery(attempts, Optional.empty(), lastError);
    }

    /**
     * The body of a POST.
     *
     * @param event always {@code alert}
     * @param alert the alert
     */
    public record Body(String event, AlertView alert) {
    }

    /** Hex HMAC-SHA256 of the body with the secret: what {@value #SIGNATURE_HEADER} carries after {@code sha256=}. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
