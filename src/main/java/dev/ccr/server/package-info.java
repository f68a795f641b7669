/**
 * The HTTP server: Undertow setup with every route in one place ({@link dev.ccr.server.CcrServer}), authentication
 * and CORS, the body limit, and the one place errors are written to clients. Undertow types never leave this package.
 *
 * <p>May use {@code pipeline}, {@code config}, {@code usage} and {@code metrics}. Nothing here returns null.
 */
package dev.ccr.server;
