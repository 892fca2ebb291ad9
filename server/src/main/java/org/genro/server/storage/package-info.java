/**
 * Files under the server's control: roots that paths from outside cannot leave
 * ({@link org.genro.server.storage.Root}), and files written whole or not at all
 * ({@link org.genro.server.storage.AtomicFile}). Knows nothing of HTTP or of what the files hold.
 */
package org.genro.server.storage;
