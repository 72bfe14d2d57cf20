package io.plimsoll.server.http;

/** Handles one request; throw {@link ApiException} for a client error. */
@FunctionalInterface
public interface Route {

    void handle(Exchange exchange) throws Exception;
}
