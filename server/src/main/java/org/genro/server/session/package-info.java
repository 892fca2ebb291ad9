/**
 * Sessions: where they are kept ({@link org.genro.server.session.SessionStore}, in memory
 * or in files), their unguessable ids, the cookie that carries one, and the
 * {@code session} layer (rank 400). Depends on {@code exchange}, {@code config} and
 * {@code storage}; knows nothing of credentials.
 */
package org.genro.server.session;
