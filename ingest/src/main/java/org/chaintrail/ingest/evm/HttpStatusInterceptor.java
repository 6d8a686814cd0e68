package org.chaintrail.ingest.evm;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.ingest.rpc.RpcException;
import org.chaintrail.ingest.rpc.RpcFailure;

/**
 * Turns an HTTP error status into an {@link RpcException} that says whether to retry. Without it
 * web3j reports every status as the same unchecked exception with the code buried in its text.
 * A {@code Retry-After} travels with it, for the retry to honour.
 */
final class HttpStatusInterceptor implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            return response;
        }
        int status = response.code();
        String retryAfter = response.header("Retry-After");
        response.close();
        throw new RpcException(RpcFailure.ofHttpStatus(status), "HTTP " + status
                + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"), Backoff.retryAfter(retryAfter));
    }
}
