/**
 * Files the server writes in its server directory: written whole or not at all, and
 * durable once written. Knows nothing of what the files hold.
 */
package org.genro.server.storage;
