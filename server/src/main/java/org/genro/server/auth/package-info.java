/**
 * Who is calling: password hashes, basic and bearer credentials, JSON Web Tokens, the
 * back-off after repeated failures, and the {@code auth} layer (rank 450) that gives an
 * exchange its avatar. Depends on {@code exchange} and {@code config}; knows nothing of
 * sessions' storage or of the server that installs it.
 */
package org.genro.server.auth;
