package org.chaintrail.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the API.
 *
 * @param method  HTTP method
 * @param path    Javalin path, {@code {name}} for a path parameter
 * @param role    the least role that may call it
 * @param handler what answers it
 */
record Route(HandlerType method, String path, Role role, Handler handler) {
}
